"""The one-pass load lets DuckDB's CSV reader parse ISO-shaped dates itself (dashboard.ingest.one_pass).
Its parse takes a little more than the grammar does; every date it returns is the grammar's date for
the same text unless the load's doubt check sends the file back to the text read."""

from __future__ import annotations

import csv
import datetime as dt
import random

import duckdb
import pytest

from dashboard import ingest, parsing, store
from dashboard.ingest import one_pass
from tests.identities import ME

_SPACES = [" ", "\t", "\v", "\f", "\u3000", "\xa0"]
_MARKS = list("0123456789-/. :T+Z年月日aBe(),") + _SPACES


def _texts(seed: int, count: int) -> list[str]:
    """Dates in the shapes exports write, each changed in up to three places, and the words and
    short or padded years a date parse might take."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        day = dt.date(1000, 1, 1) + dt.timedelta(days=rng.randint(0, 3_200_000))
        text = list(rng.choice([day.isoformat(), f"{day.year}-{day.month}-{day.day}", f"{day.year}-{day.month:02d}"]))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            at = rng.randint(0, len(text))
            change = rng.random()
            if change < 0.4:
                text.insert(at, rng.choice(_MARKS))
            elif text and change < 0.7:
                text.pop(min(at, len(text) - 1))
            elif text:
                text[min(at, len(text) - 1)] = rng.choice(_MARKS)
        texts.append("".join(text))
    return texts + ["infinity", "-infinity", "epoch", "Infinity", "EPOCH", " epoch ", "24-01-05", "999-05-01",
                    "0999-05-01", "02024-01-05", "+2024-01-05", "2024-1-5", " 2024-01-05\t", "1900-01-01",
                    "2024-02-30", "2024-13", "2024-1", "0024-01"]


def _grammar(text: str, kind: str) -> dt.date | None:
    try:
        return parsing.parse_month(text) if kind == "month" else parsing.parse_date(text)
    except ValueError:
        return None


@pytest.mark.parametrize("kind, form", [("date", "%Y-%m-%d"), ("month", "%Y-%m-%d"), ("month", "%Y-%m")])
def test_a_date_the_reader_parses_is_the_grammars_or_doubted(tmp_path, kind, form):
    texts = [t for t in _texts(7, 40_000) if "\n" not in t and "\r" not in t]
    path = tmp_path / "dates.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "d"])
        out.writerows(enumerate(texts))
    con = duckdb.connect()
    stored = "CAST(date_trunc('month', d) AS DATE)" if kind == "month" else "d"
    rows = con.execute(f"""
        WITH read AS (SELECT id, {stored} AS d FROM read_csv($path, header = true, auto_detect = false, delim = ',',
                      quote = '"', escape = '"', columns = {{'id': 'INTEGER', 'd': 'DATE'}}, dateformat = $form,
                      ignore_errors = true))
        SELECT id, d, {one_pass._NATIVE_DOUBT.format(col='d')} AS doubted FROM read WHERE d IS NOT NULL""",
                       {"path": str(path), "form": form}).fetchall()
    taken = [(texts[i], d) for i, d, doubted in rows if not doubted]
    doubted = {texts[i] for i, _, doubted in rows if doubted}
    wrong = [(text, d, _grammar(text, kind)) for text, d in taken if _grammar(text, kind) != d]
    assert wrong == []
    assert len(taken) > 2_000  # the reader parses the ordinary shapes itself
    words = {"infinity", "epoch", "EPOCH", " epoch "} if form == "%Y-%m-%d" else set()
    assert words <= doubted  # read as 1900-01-01: only the doubt check keeps them out
    if form == "%Y-%m-%d":
        assert {"24-01-05", "999-05-01"} <= doubted and _grammar("999-05-01", kind) is None


@pytest.mark.parametrize("sample, expected", [
    ({"start": "2024-01-05", "end": "2024-02-01"}, ({"start_date", "end_date"}, "%Y-%m-%d")),
    ({"start": " 2024-1-5 ", "end": ""}, ({"start_date"}, "%Y-%m-%d")),   # an empty first value: read as text
    ({"start": "2024/01/05", "end": "2024-02-01"}, ({"end_date"}, "%Y-%m-%d")),
    ({"start": "2024-01-05T10:00", "end": "45000"}, (set(), "")),
])
def test_the_first_row_picks_the_dates_the_reader_parses(sample, expected):
    kinds = {"account_id": "id", "start_date": "date", "end_date": "date"}
    chosen = {"account_id": "id", "start_date": "start", "end_date": "end"}
    native, form = one_pass.native_dates(kinds, chosen, sample)
    assert (set(native), form) == expected


def test_a_month_column_reads_months_and_dates_in_one_format():
    kinds, chosen = {"month": "month"}, {"month": "m"}
    assert one_pass.native_dates(kinds, chosen, {"m": "2024-03"}) == (frozenset({"month"}), "%Y-%m")
    assert one_pass.native_dates(kinds, chosen, {"m": "2024-03-01"}) == (frozenset({"month"}), "%Y-%m-%d")
    assert one_pass.native_dates({"start_date": "date"}, {"start_date": "s"}, {"s": "2024-03"}) == (frozenset(), "")


@pytest.fixture
def con(tmp_path):
    connection = store.connect(tmp_path / "t.duckdb")
    path = tmp_path / "accounts.csv"
    path.write_bytes(b"account_id\nA\nB\n")
    assert ingest.ingest_file(connection, path, "accounts", by=ME)[1] == 1
    yield connection
    connection.close()


def _load(con, tmp_path, data: bytes, table: str = "usage"):
    path = tmp_path / f"{table}.csv"
    path.write_bytes(data)
    return ingest.ingest_file(con, path, table, by=ME)


def _months(con) -> list[str]:
    return store.query(con, "SELECT CAST(month AS VARCHAR) AS m FROM usage ORDER BY account_id")["m"].tolist()


def test_a_clean_iso_file_is_read_once_with_the_readers_dates(con, tmp_path, monkeypatch):
    attempts = []
    original = one_pass._load

    def counted(*args):
        attempts.append(args[9])  # the columns read as DATE
        return original(*args)

    monkeypatch.setattr(one_pass, "_load", counted)
    prepared, version = _load(con, tmp_path, b"account_id,month,metric,value\nA,2024-01-15,logins,3\nB,2024-2-1,seats,4\n")
    assert version == 2 and prepared.ok
    assert attempts == [frozenset({"month"})]
    assert _months(con) == ["2024-01-01", "2024-02-01"]


@pytest.mark.parametrize("text", ["epoch", "infinity", "999-05-01", "24-1-5"])
def test_a_text_the_readers_parse_takes_and_the_grammar_refuses_is_refused(con, tmp_path, text):
    data = f"account_id,month,metric,value\nA,2024-01-01,logins,3\nB,{text},logins,4\n".encode()
    prepared, version = _load(con, tmp_path, data)
    assert version is None
    assert [str(p) for p in prepared.problems if p.severity == "error"] == [
        f"usage.csv row 3 column month: month: '{text}' is not a month; write 2024-01, 2024/1 or any date in the month"]
    assert store.current_version(con) == 1 and not store.has_table(con, "usage")


@pytest.mark.parametrize("text, month", [("1900-01-01", "1900-01-01"), ("0999-05-20", "0999-05-01")])
def test_a_doubted_date_the_grammar_takes_still_loads(con, tmp_path, text, month):
    data = f"account_id,month,metric,value\nA,2024-01-01,logins,3\nB,{text},logins,4\n".encode()
    prepared, version = _load(con, tmp_path, data)
    assert version == 2 and prepared.ok
    assert _months(con) == ["2024-01-01", month]
