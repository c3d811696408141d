"""Formula cells are neutralised in every CSV the project writes (the app's downloads and the CLI's
standard output), whatever the column's dtype; numbers stay numbers."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import cli, store
from dashboard.export import neutralised, safe_csv
from tests.identities import ME

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3", "\tTAB", "\rCR",
           "plain"]


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_text_columns_of_every_dtype_are_neutralised(dtype):
    frame = pd.DataFrame({"name": pd.Series(HOSTILE, dtype=dtype), "mrr": [-12.5] * len(HOSTILE)})
    out = neutralised(frame)
    assert out["name"].tolist() == ["'" + v for v in HOSTILE[:-1]] + ["plain"]
    assert out["mrr"].tolist() == [-12.5] * len(HOSTILE)  # a negative amount stays a number
    # read back as a spreadsheet would (the carriage-return cell is left out: a bare CR ends a line there)
    readable = frame[~frame["name"].astype(str).str.startswith("\r")]
    back = pd.read_csv(io.BytesIO(safe_csv(readable)), encoding="utf-8-sig", keep_default_na=False)
    assert [v.startswith("'") for v in back["name"]] == [True] * (len(readable) - 1) + [False]
    assert back["mrr"].tolist() == [-12.5] * len(readable)


def test_cli_csv_output_neutralises_formula_cells(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    con = store.connect(db)
    accounts = pd.DataFrame({"account_id": ["A1", "A2"], "segment": ["=HYPERLINK(\"http://x\")", "@SUM(1)"]})
    subs = pd.DataFrame({"account_id": ["A1", "A2"], "start_date": [pd.Timestamp("2024-01-01").date()] * 2,
                         "end_date": [None, pd.Timestamp("2024-03-31").date()], "mrr": [100.0, 50.0]})
    store.commit(con, [store.Load("accounts", accounts, "a.csv"), store.Load("subscriptions", subs, "s.csv")], by=ME)
    con.close()
    assert cli.main(["nrr", "--db", str(db), "--start", "2024-01", "--end", "2024-04", "--by", "segment"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert sorted(frame["group"]) == ["'=HYPERLINK(\"http://x\")", "'@SUM(1)"]
    assert frame["churn"].sum() == 50.0  # numbers are untouched
