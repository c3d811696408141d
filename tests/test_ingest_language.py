"""Validation messages, column and table names in the reader's language (issue 11, item 6)."""

from __future__ import annotations

import codecs
import pickle

import pytest

from dashboard import ingest, schema, store, textfile
from dashboard.i18n import Msg, counted, in_language, translate


@pytest.fixture
def con(tmp_path):
    connection = store.connect(tmp_path / "dashboard.duckdb")
    yield connection
    connection.close()


def test_a_bad_date_is_reported_in_japanese_with_file_row_and_column(con):
    data = "顧客ID,開始日,月額\n0001,2024/01/31,1000\n0002,2024/13/45,1000\n".encode("cp932")
    source = ingest.read_source(con, "契約.csv", data)
    prepared = ingest.prepare(con, source, "subscriptions", ingest.suggest_mapping("subscriptions", source.columns))
    problem = next(p for p in prepared.problems if p.row == 3)
    assert str(problem) == ("契約.csv row 3 column start_date: 開始日 (start_date): '2024/13/45' is not a date; "
                            "write dates like 2024-01-31 or 2024/1/31")
    assert problem.text("ja") == ("契約.csv 3行目 列 start_date：開始日 (start_date)：'2024/13/45' は日付ではありません。"
                                  "2024-01-31 や 2024/1/31 のように書いてください")
    assert problem.severity_word("ja") == "エラー"


def test_an_unreadable_file_says_so_in_japanese(con):
    with pytest.raises(ingest.IngestError) as caught:
        ingest.read_source(con, "顧客.csv", b"")
    assert in_language(caught.value, "ja") == "顧客.csv：ファイルが空です"
    assert str(caught.value) == "顧客.csv: the file is empty"


def test_a_message_is_english_text_and_survives_pickling():
    message = Msg("ingest.duplicate", column="account_id", value="'0001'", first=2)
    assert message == "duplicate account_id '0001' (first in row 2)"
    again = pickle.loads(pickle.dumps(message))
    assert again.to("ja") == "account_id '0001' が重複しています（最初は2行目）"


@pytest.mark.parametrize(("name", "en", "ja"), [("account_id", "account_id", "顧客ID (account_id)"),
                                                ("churn_date", "churn_date", "解約日 (churn_date)")])
def test_column_labels(name, en, ja):
    assert schema.column_label(name, "en") == en
    assert schema.column_label(name, "ja") == ja


def test_every_canonical_table_and_column_has_a_japanese_name():
    missing = [c.name for spec in schema.TABLES.values() for c in spec.columns
               if schema.column_label(c.name, "ja") == c.name]
    missing += [name for name in schema.TABLES if schema.table_label(name, "ja") == name]
    assert not missing, missing


def _cli(args, env_lang=None):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    if env_lang:
        env["LANG"] = env_lang
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env)


@pytest.mark.parametrize(("flag", "env_lang"), [(["--lang", "ja"], None), ([], "ja_JP.UTF-8")])
def test_cli_reports_problems_in_japanese(tmp_path, flag, env_lang):
    bad = tmp_path / "契約.csv"
    bad.write_bytes("顧客ID,開始日,月額\n0001,2024/13/45,1000\n".encode("cp932"))
    db = tmp_path / "d.duckdb"
    done = _cli(["ingest", "--db", str(db), "--table", "subscriptions", str(bad), *flag], env_lang)
    assert done.returncode == 1
    assert "エラー: 契約.csv 2行目 列 start_date：" in done.stderr and "日付ではありません" in done.stderr
    english = _cli(["ingest", "--db", str(db), "--table", "subscriptions", str(bad)], "C.UTF-8")
    assert "error: 契約.csv row 2 column start_date:" in english.stderr


@pytest.mark.parametrize("data, shown_en, shown_ja", [
    ("顧客ID,顧客名\nA1,山田商事\n".encode(), "UTF-8", "UTF-8"),
    (codecs.BOM_UTF8 + "顧客ID,顧客名\nA1,山田商事\n".encode(), "UTF-8 (with BOM)", "UTF-8（BOM付き）"),
    ("顧客ID,顧客名\nA1,山田商事\n".encode("utf-16"), "UTF-16 (Unicode text)", "UTF-16（Unicode テキスト）"),
    ("顧客ID,顧客名\nA1,山田商事\n".encode("cp932"), "Shift_JIS (CP932)", "Shift_JIS（CP932）"),
])
def test_the_encoding_is_named_as_a_spreadsheet_names_it(data, shown_en, shown_ja):
    """The Data page names a file's encoding as Excel's save dialog does, not by Python's codec name
    (utf-8-sig, cp932), for every encoding the reader tells apart (issue 11)."""
    encoding = textfile.scan(textfile.chunks(data, None)).encoding
    assert translate(f"data.encoding_name.{encoding}", "en") == shown_en
    assert translate(f"data.encoding_name.{encoding}", "ja") == shown_ja


@pytest.mark.parametrize("n, en, ja", [(1, "1 table", "1 個のテーブル"), (2, "2 tables", "2 個のテーブル"),
                                       (0, "0 tables", "0 個のテーブル"), (1200, "1,200 tables", "1,200 個のテーブル")])
def test_counts_follow_the_language_s_plural_rules(n, en, ja):
    """"1 table", never "1 tables" (issue 11); Japanese has one form."""
    assert counted("data.tables_count", n, "en") == en
    assert counted("data.tables_count", n, "ja") == ja


def test_a_missing_mrr_names_the_lacking_columns_in_japanese(con):
    """Neither mrr nor amount / interval_months mapped: the two lacking columns are joined in the
    reader's language ("amount と interval_months"), not in English."""
    source = ingest.read_source(con, "契約.csv", "顧客ID,開始日\n0001,2024/01/31\n".encode("cp932"))
    prepared = ingest.prepare(con, source, "subscriptions", ingest.suggest_mapping("subscriptions", source.columns))
    problem = next(p for p in prepared.problems if p.column == "mrr")
    assert "(amount and interval_months not mapped)" in problem.text("en")
    assert "amount と interval_months" in problem.text("ja") and " and " not in problem.text("ja")


@pytest.mark.parametrize("args, en, ja", [
    (["nrr", "--start", "2024-13", "--end", "2025-01"], "error: --start: '2024-13' is not a month; expected YYYY-MM",
     "エラー: --start：'2024-13' は年月ではありません"),
    (["nrr", "--start", "2024-06", "--end", "2024-01"], "error: --start 2024-06 must be before --end 2024-01",
     "エラー: --start 2024-06 は --end 2024-01 より前にしてください"),
    (["churn", "--start", "2024-01", "--end", "2999-01"], "error: --end 2999-01 is after the last complete calendar month",
     "エラー: --end 2999-01 は、最後に締まった暦月"),
    (["health-backtest", "--month", "2024-01", "--horizon", "0"], "error: --horizon must be 1 or more, not 0",
     "エラー: --horizon は 1 以上にしてください"),
    (["cohorts", "--metric", "net", "--db", "missing.duckdb"], "missing.duckdb: no such database file",
     "missing.duckdb：データベースファイルがありません"),
])
def test_cli_option_and_store_errors_are_said_in_japanese(sample_db, tmp_path, args, en, ja):
    """The refusals of the commands' options and of the store are catalogue messages: Japanese under
    --lang ja, the same English as before without it (issue 11)."""
    args = [a.replace("missing.duckdb", str(tmp_path / "missing.duckdb")) for a in args]
    db = [] if "--db" in args else ["--db", str(sample_db)]
    english = _cli([*args, *db], "C.UTF-8")
    japanese = _cli([*args, *db, "--lang", "ja"], None)
    assert english.returncode == japanese.returncode == 1
    assert en in english.stderr and ja in japanese.stderr, (english.stderr, japanese.stderr)


def _help_texts(parser) -> list[str]:
    """Every help text and description of the command line, its commands included."""
    from dashboard import cli

    return [text for current in cli.parsers(parser)
            for text in [current.description, *(a.help for a in cli.helped(current))] if text]


def test_every_help_text_of_the_command_line_has_its_japanese():
    """A new option cannot land with English-only help (issue 11: the CLI in Japanese)."""
    from dashboard import cli
    from dashboard.i18n.cli_help import HELP

    english = _help_texts(cli.build_parser("en"))
    assert [text for text in english if text not in HELP] == []
    japanese = _help_texts(cli.build_parser("ja"))
    assert len(japanese) == len(english) and not set(japanese) & set(english)


@pytest.mark.parametrize(("flag", "env_lang"), [(["--lang", "ja"], None), ([], "ja_JP.UTF-8")])
def test_cli_help_and_usage_errors_in_japanese(flag, env_lang):
    shown = _cli(["nrr", "--help", *flag], env_lang)
    assert shown.returncode == 0
    assert shown.stdout.startswith("使い方: python -m dashboard nrr") and "オプション:" in shown.stdout
    assert "期間の最初の月（コホート）" in shown.stdout and "first month of the window" not in shown.stdout
    refused = _cli(["nrr", *flag], env_lang)
    assert refused.returncode == 2
    assert "python -m dashboard nrr: エラー: 次の引数が必要です：--start, --end" in refused.stderr
    english = _cli(["nrr"], "C.UTF-8")
    assert "python -m dashboard nrr: error: the following arguments are required: --start, --end" in english.stderr


def test_every_message_key_the_code_names_is_in_the_catalogue():
    """A key written as a literal (Msg("cli.loaded"), t("data.loaded_summary"), counted(...)) exists, so
    removing a catalogue entry that code still says fails here, not in front of a user."""
    import re
    from pathlib import Path

    from dashboard.i18n import CATALOGUE

    root = Path(__file__).resolve().parents[1]
    call = re.compile(r"""\b(?:Msg|t|translate|counted|tr)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    missing = []
    for path in [*root.glob("dashboard/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]:
        for key in call.findall(path.read_text(encoding="utf-8")):
            if key not in CATALOGUE and not any(k.startswith(key + ".") for k in CATALOGUE):
                missing.append(f"{path.relative_to(root)}: {key}")
    assert missing == []
