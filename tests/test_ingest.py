"""Ingestion: formats and encodings, column mapping, value parsing, validation with row and
column, and loads that either commit whole or change nothing."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import cli, ingest, parsing, store
from dashboard.ingest import reading
from tests.identities import ME

ACCOUNTS_JA = "顧客ID,社名,セグメント,担当CSM,従業員数\r\n00123,株式会社テスト,Enterprise,佐藤 花子,1200\r\n00124,さくら物流,SMB,,45\r\n"


@pytest.fixture
def con(tmp_path):
    con = store.connect(tmp_path / "dashboard.duckdb")
    yield con
    con.close()


def read(con, name: str, data: bytes, **kwargs) -> ingest.SourceFile:
    return ingest.read_source(con, name, data, **kwargs)


def load_file(con, tmp_path, name: str, data: bytes, table: str, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return ingest.ingest_file(con, path, table, **kwargs, by=ME)


def current(con, table: str) -> pd.DataFrame:
    return store.query(con, f"SELECT * FROM {table} ORDER BY ALL")


# ---- formats and encodings ------------------------------------------------------------------

@pytest.mark.parametrize("encoding, expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932")])
def test_text_encodings_are_detected_and_japanese_headers_are_mapped(con, encoding, expected):
    source = read(con, "顧客一覧.csv", ACCOUNTS_JA.encode(encoding))
    assert source.encoding == expected
    assert source.columns == ["顧客ID", "社名", "セグメント", "担当CSM", "従業員数"]
    assert source.rows == 2
    assert ingest.suggest_mapping("accounts", source.columns) == {
        "顧客ID": "account_id", "社名": "account_name", "セグメント": "segment", "担当CSM": "csm",
        "従業員数": "employees"}


def test_cp932_file_loads_with_ids_kept_as_text(con, tmp_path):
    prepared, version = load_file(con, tmp_path, "顧客一覧.csv", ACCOUNTS_JA.encode("cp932"), "accounts")
    assert prepared.ok and version == 1
    frame = current(con, "accounts")
    assert frame["account_id"].tolist() == ["00123", "00124"]
    assert frame["account_name"].tolist() == ["株式会社テスト", "さくら物流"]
    assert frame["csm"].isna().tolist() == [False, True]
    assert frame["employees"].tolist() == [1200, 45]


def test_tsv_and_english_synonyms(con):
    data = b"Customer ID\tCompany\tOwner\n7\tAcme\tAna\n"
    source = read(con, "export.tsv", data)
    assert source.columns == ["Customer ID", "Company", "Owner"]
    assert ingest.suggest_mapping("accounts", source.columns) == {
        "Customer ID": "account_id", "Company": "account_name", "Owner": "csm"}


@pytest.mark.parametrize("columns, table, expected", [
    # a billing export names the customer twice: the number is the id, not the name
    (["Customer Number", "Customer", "Invoice Month", "Line Amount"], "mrr_monthly", "Customer Number"),
    (["Customer", "Customer No.", "Month", "MRR"], "mrr_monthly", "Customer No."),
    (["Customer Number", "Name", "Segment", "CSM"], "accounts", "Customer Number"),
    (["Customer", "Month", "MRR"], "mrr_monthly", "Customer"),  # the bare word still maps alone
])
def test_numbered_customer_columns_are_the_account_id(columns, table, expected):
    mapping = ingest.suggest_mapping(table, columns)
    assert [src for src, canonical in mapping.items() if canonical == "account_id"] == [expected]


def test_an_invoice_line_export_maps_without_help():
    columns = ["Customer Number", "Customer", "Invoice Month", "Plan", "Line Amount"]
    assert ingest.suggest_mapping("mrr_monthly", columns) == {
        "Customer Number": "account_id", "Invoice Month": "month", "Plan": "product", "Line Amount": "mrr"}


def test_excel_first_or_named_sheet_with_date_cells(con, tmp_path):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame({"note": ["not this one"]}).to_excel(writer, sheet_name="README", index=False)
        pd.DataFrame({"account_id": ["00123", "00124"],
                      "start_date": [dt.datetime(2024, 1, 5), dt.datetime(2024, 2, 29)],
                      "mrr": [100, 250.5]}).to_excel(writer, sheet_name="契約", index=False)
    data = buffer.getvalue()
    assert ingest.sheet_names("subs.xlsx", data) == ["README", "契約"]
    first = read(con, "subs.xlsx", data)
    assert first.sheet == "README" and first.columns == ["note"]
    prepared, version = load_file(con, tmp_path, "subs.xlsx", data, "subscriptions", sheet="契約")
    assert prepared.ok, prepared.problems
    frame = current(con, "subscriptions")
    assert frame["start_date"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-02-29")]
    assert frame["mrr"].tolist() == [100.0, 250.5]
    with pytest.raises(ingest.IngestError, match="no sheet 'Sheet9'"):
        read(con, "subs.xlsx", data, sheet="Sheet9")


def test_parquet(con, tmp_path):
    buffer = io.BytesIO()
    pd.DataFrame({"account_id": ["A1"], "month": [dt.date(2024, 3, 17)], "mrr": [42.0]}).to_parquet(buffer)
    prepared, version = load_file(con, tmp_path, "mrr.parquet", buffer.getvalue(), "mrr_monthly")
    assert prepared.ok and version == 1
    frame = current(con, "mrr_monthly")
    assert frame[["account_id", "month", "mrr"]].to_dict("records") == [
        {"account_id": "A1", "month": pd.Timestamp("2024-03-01"), "mrr": 42.0}]


@pytest.mark.parametrize("name, data, message", [
    ("a.pdf", b"%PDF", "unsupported file type .pdf"),
    ("a.csv", b"", "the file is empty"),
    ("a.csv", b"account_id\n", "header but no data rows"),
    ("a.csv", b"account_id,account_id\n1,2\n", "appears twice"),
    ("a.csv", b"account_id,name\n1,2\n3,4,5\n", "row 3"),
    ("a.xlsx", b"not a workbook", "cannot read this Excel file"),
])
def test_unreadable_files_say_what_is_wrong(con, name, data, message):
    with pytest.raises(ingest.IngestError) as info:
        read(con, name, data)
    assert message in str(info.value)
    assert str(info.value).startswith(name)


# ---- values -----------------------------------------------------------------------------------

def test_subscription_values_dates_amounts_and_annual_contracts(con, tmp_path):
    data = ("customer_id,start,end,amount,interval_months\n"
            "00123,2024/1/5,,\"¥12,000\",12\n"
            "00124,2024-02-01,2024/03/31,\"1,200\",1\n"
            "00125,2024年4月1日,,3600,36\n").encode()
    prepared, version = load_file(con, tmp_path, "contracts.csv", data, "subscriptions")
    assert prepared.ok, [str(p) for p in prepared.problems]
    frame = current(con, "subscriptions")
    expected = pd.DataFrame({
        "account_id": ["00123", "00124", "00125"],
        "start_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-04-01"]),
        "mrr": [1000.0, 1200.0, 100.0],
        "end_date": pd.to_datetime([None, "2024-03-31", None]),
    })
    pd.testing.assert_frame_equal(frame[expected.columns].reset_index(drop=True), expected,
                                  check_dtype=False)


def test_validation_names_file_row_and_column_and_loads_nothing(con, tmp_path):
    load_file(con, tmp_path, "accounts.csv", b"account_id\n00123\n00124\n", "accounts")
    before = store.current_version(con)
    data = (b"account_id,start_date,mrr,end_date\n"
            b"00123,2024-01-01,100,\n"
            b"00124,2024/13/45,100,\n"
            b",2024-01-01,100,\n"
            b"00124,2024-01-01,-5,\n"
            b"00124,2024-03-01,abc,2024-01-01\n"
            b"99999,2024-01-01,10,\n")
    prepared, version = load_file(con, tmp_path, "subs.csv", data, "subscriptions")
    assert version is None and not prepared.ok
    errors = {str(p) for p in prepared.problems if p.severity == "error"}
    assert errors == {
        "subs.csv row 3 column start_date: start_date: '2024/13/45' is not a date; write dates like 2024-01-31 or 2024/1/31",
        "subs.csv row 4 column account_id: account_id is empty; every row needs a value",
        "subs.csv row 5 column mrr: negative MRR '-5'; amounts cannot be negative",
        "subs.csv row 6 column mrr: mrr: 'abc' is not an amount; write digits such as 1200, 1,200 or ¥1,200",
        "subs.csv row 6 column end_date: end_date '2024-01-01' is before start_date '2024-03-01'",
    }
    assert prepared.error_count == 5
    warnings = [str(p) for p in prepared.problems if p.severity == "warning"]
    assert warnings == ["subs.csv row 7 column account_id: account_id '99999' is not in the accounts table (1 row); "
                        "its revenue will not join to an account"]
    assert store.current_version(con) == before
    assert not store.has_table(con, "subscriptions")
    with pytest.raises(ingest.IngestError):
        ingest.load(con, [prepared], by=ME)
    assert store.current_version(con) == before


def test_missing_required_column_is_reported_with_the_unmapped_columns(con):
    source = read(con, "subs.csv", b"account_id,begin,price\nA,2024-01-01,5\n")
    prepared = ingest.prepare(con, source, "subscriptions", ingest.suggest_mapping("subscriptions", source.columns))
    messages = [str(p) for p in prepared.problems]
    assert any("required column start_date is missing" in m and "begin" in m for m in messages)
    assert not prepared.ok


def test_duplicate_account_ids_are_errors(con):
    source = read(con, "accounts.csv", b"account_id\nA\nB\nA\n")
    prepared = ingest.prepare(con, source, "accounts", {"account_id": "account_id"})
    assert [str(p) for p in prepared.problems] == ["accounts.csv row 4 column account_id: duplicate account_id 'A' (first in row 2)"]


def test_explicit_mapping_overrides_the_suggestion(con, tmp_path):
    data = b"id,customer_id,start_date,mrr\nX1,C1,2024-01-01,10\n"
    prepared, version = load_file(con, tmp_path, "s.csv", data, "subscriptions",
                                  mapping={"id": "account_id", "customer_id": "subscription_id"})
    assert version == 1
    frame = current(con, "subscriptions")
    assert (frame["account_id"].tolist(), frame["subscription_id"].tolist()) == (["X1"], ["C1"])


def test_staging_leaves_nothing_behind(con, tmp_path):
    load_file(con, tmp_path, "a.csv", b"account_id\n1\n", "accounts")
    source = read(con, "b.csv", b"account_id\n2\n")
    ingest.discard(con, source)
    ingest.clear_staging(con)
    with store.cursor(con) as cur:
        left = cur.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'staging'").fetchall()[0][0]
    assert left == 0


# ---- command line -----------------------------------------------------------------------------

def test_cli_ingest_reports_one_line_and_leaves_the_database(tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    good = tmp_path / "accounts.csv"
    good.write_text("account_id\nA\n")
    assert cli.main(["ingest", "--db", str(db), "--table", "accounts", str(good)]) == 0
    bad = tmp_path / "subs.csv"
    bad.write_text("account_id,start_date,mrr\nA,someday,10\n")
    capsys.readouterr()
    assert cli.main(["ingest", "--db", str(db), "--table", "subscriptions", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "subs.csv row 2 column start_date" in err
    con = store.connect(db, read_only=True)
    try:
        assert store.current_version(con) == 1
    finally:
        con.close()


# ---- the SQL parsers agree with their Python oracle -------------------------------------------

def sql_values(kind: str, texts: list[str | None], serials: bool = False) -> list:
    import duckdb

    con = duckdb.connect()
    frame = pd.DataFrame({"v": pd.Series(texts, dtype=object)})
    con.register("t", frame)
    return [row[0] for row in con.execute(f"SELECT {parsing.value_sql(kind, 'v', serials=serials)} FROM t").fetchall()]


def oracle(parse, text, **kwargs):
    try:
        return parse(text, **kwargs)
    except ValueError:
        return None


date_texts = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).flatmap(lambda d: st.sampled_from([
        d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}年{d.month}月{d.day}日", f" {d.isoformat()} ", f"{d.isoformat()} 10:30:00"])),
    st.text(alphabet="0123456789-/年月日 :T", max_size=14))


@settings(max_examples=150, deadline=None)
@given(st.lists(date_texts, min_size=1, max_size=20))
def test_date_sql_matches_the_python_parser(texts):
    assert sql_values("date", texts) == [oracle(parsing.parse_date, t) for t in texts]


month_texts = st.one_of(
    date_texts,
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).flatmap(lambda d: st.sampled_from([
        f"{d.year}-{d.month:02d}", f"{d.year}/{d.month}", f"{d.year}年{d.month}月", f" {d.year}-{d.month} "])),
    st.text(alphabet="0123456789-/年月 ", max_size=10))


@settings(max_examples=150, deadline=None)
@given(st.lists(month_texts, min_size=1, max_size=20), st.booleans())
def test_month_sql_matches_the_python_parser(texts, serials):
    # each grammar is tried only on the rows the ones before it left without a value; the answer is
    # the one the Python parser gives, whichever grammar the value falls to
    assert sql_values("month", texts, serials=serials) == [
        oracle(parsing.parse_month, t, serials=serials) for t in texts]


number_texts = st.one_of(
    st.integers(min_value=0, max_value=10**9).flatmap(lambda n: st.sampled_from([
        str(n), f"{n:,}", f"¥{n:,}", f"￥{n}", f"${n:,}.50", f"{n}円", f" {n} ", f"-{n}"])),
    st.text(alphabet="0123456789,.-+¥$e ", max_size=10))


@settings(max_examples=150, deadline=None)
@given(st.lists(number_texts, min_size=1, max_size=20))
def test_number_sql_matches_the_python_parser(texts):
    assert sql_values("amount", texts) == [oracle(parsing.parse_number, t) for t in texts]


# ---- the one-pass load of clean files agrees with the staged path -----------------------------

CLEAN_SUBSCRIPTIONS = (b"account_id,start_date,end_date,mrr,product\n"
                       b"00123,2024-01-05,,100.5,Core\n"
                       b"00124,2024-02-01,2024-03-31,200,Add-on\n"
                       b"00999,2024-02-01,,50,Core\n")


def staged(con, name: str, data: bytes, table: str):
    source = read(con, name, data)
    prepared = ingest.prepare(con, source, table, ingest.suggest_mapping(table, source.columns))
    return prepared, ingest.load(con, [prepared], by=ME)


def test_clean_csv_takes_the_one_pass_path_and_matches_the_staged_path(tmp_path, monkeypatch):
    results = {}
    for path_kind in ("staged", "bulk"):
        con = store.connect(tmp_path / f"{path_kind}.duckdb")
        load_file(con, tmp_path, "accounts.csv", b"account_id\n00123\n00124\n", "accounts")
        if path_kind == "staged":
            prepared, version = staged(con, "subs.csv", CLEAN_SUBSCRIPTIONS, "subscriptions")
        else:
            def no_staging(*args, **kwargs):
                raise AssertionError("a clean UTF-8 CSV must not be staged")
            monkeypatch.setattr(reading, "read", no_staging)
            prepared, version = load_file(con, tmp_path, "subs.csv", CLEAN_SUBSCRIPTIONS, "subscriptions")
            monkeypatch.undo()
        results[path_kind] = (current(con, "subscriptions"), [str(p) for p in prepared.problems],
                              prepared.rows, prepared.warning_count, version)
        con.close()
    pd.testing.assert_frame_equal(results["bulk"][0], results["staged"][0])
    assert results["bulk"][1:] == results["staged"][1:]
    assert results["bulk"][1] == ["subs.csv row 4 column account_id: account_id '00999' is not in the accounts "
                                  "table (1 row); its revenue will not join to an account"]


@pytest.mark.parametrize("data", [
    b"account_id,start_date,mrr\nA,2024/1/5,100\n",        # a date the reader does not take
    b"account_id,start_date,mrr\nA,2024-01-05,\"1,200\"\n",  # an amount with a separator
    b"account_id,start_date,mrr\n A ,2024-01-05,100\n",     # padded id
    b"account_id,start_date,mrr\nA,2024-01-05,100\n\nB,2024-01-05,100\n",  # blank line
])
def test_files_the_one_pass_path_cannot_take_still_load_through_the_staged_path(con, tmp_path, data):
    prepared, version = load_file(con, tmp_path, "s.csv", data, "subscriptions")
    assert version == 1 and prepared.ok
    frame = current(con, "subscriptions")
    assert frame["account_id"].iloc[0] == "A"
    assert store.query(con, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'cs_rejects%'")["n"][0] == 0


def test_a_bad_clean_looking_file_changes_nothing(con, tmp_path):
    load_file(con, tmp_path, "accounts.csv", b"account_id\nA\n", "accounts")
    prepared, version = load_file(con, tmp_path, "s.csv", b"account_id,start_date,mrr\nA,2024-01-05,-3\n",
                                  "subscriptions")
    assert version is None
    assert [str(p) for p in prepared.problems] == ["s.csv row 2 column mrr: negative MRR '-3'; amounts cannot be negative"]
    assert store.current_version(con) == 1 and not store.has_table(con, "subscriptions")


def test_credit_note_lines_load_while_the_month_adds_up(con, tmp_path):
    load_file(con, tmp_path, "accounts.csv", b"account_id\n007\n008\n", "accounts")
    lines = (b"account_id,month,mrr\n"
             b"007,2024-01-03,1100\n007,2024-01-20,-100\n"   # a credit note inside a paying month
             b"008,2024-01-05,50\n008,2024-01-28,-80\n"      # credits exceed the month's charges
             b"008,2024-02-01,50\n")
    prepared, version = load_file(con, tmp_path, "lines.csv", lines, "mrr_monthly")
    assert version is None
    assert [str(p) for p in prepared.problems] == [
        "lines.csv row 4 column mrr: account_id '008' in 2024-01: its lines sum to -30; a month's MRR cannot "
        "be negative (credit notes are fine while the month adds up to 0 or more)"]
    fixed = lines.replace(b"008,2024-01-28,-80", b"008,2024-01-28,-50")
    prepared, version = load_file(con, tmp_path, "lines.csv", fixed, "mrr_monthly")
    assert prepared.ok and version == 2
    from dashboard.revenue import metrics as revenue
    mrr = revenue.monthly_movements(con, as_of=dt.date(2024, 2, 1)).set_index("month")["ending_mrr"]
    assert mrr.to_dict() == {dt.date(2024, 1, 1): 1000.0, dt.date(2024, 2, 1): 50.0}  # 007 stopped, 008 started


@pytest.mark.parametrize("columns, table, expected", [
    # Japanese Excel headers carry their unit in brackets, full- or half-width
    (["顧客ID", "開始日", "月額（円）"], "subscriptions", {"顧客ID": "account_id", "開始日": "start_date",
                                                      "月額（円）": "mrr"}),
    (["Customer ID", "Month", "MRR (USD)"], "mrr_monthly", {"Customer ID": "account_id", "Month": "month",
                                                             "MRR (USD)": "mrr"}),
    (["顧客ID", "従業員数【人】"], "accounts", {"顧客ID": "account_id", "従業員数【人】": "employees"}),
    # a whole-name match wins over a stem: "月額" is the MRR, "月額（税込）" stays unmapped
    (["顧客ID", "開始日", "月額（税込）", "月額"], "subscriptions", {"顧客ID": "account_id", "開始日": "start_date",
                                                                "月額": "mrr"}),
])
def test_a_unit_in_brackets_does_not_hide_a_header(columns, table, expected):
    assert ingest.suggest_mapping(table, columns) == expected
