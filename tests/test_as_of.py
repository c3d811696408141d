"""PRODUCT.md's as-of rule, in the CLI and the sidebar alike: churn on the data's last day is in view,
and any month up to the last complete calendar month can be chosen."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import cli, store, windows
from tests.conftest import open_page
from tests.identities import ME


def _company(path):
    """Three customers; two stop on 2024-12-31, the last day the data speaks of (as a real export where
    every churned customer's last day of service is the export's end), with their churn reasons."""
    con = store.connect(path)
    accounts = pd.DataFrame({"account_id": ["C1", "C2", "C3"], "account_name": ["Alpha", "Beta", "Gamma"],
                             "segment": ["SMB", "SMB", "Mid"]})
    subs = pd.DataFrame({"account_id": ["C1", "C2", "C3"],
                         "start_date": [date(2023, 1, 1), date(2023, 6, 1), date(2024, 2, 1)],
                         "end_date": [date(2024, 12, 31), date(2024, 12, 31), None],
                         "mrr": [100.0, 50.0, 30.0]})
    reasons = pd.DataFrame({"account_id": ["C1", "C2"], "churn_date": [date(2024, 12, 31)] * 2,
                            "primary_reason": ["Price", "Moved to competitor"]})
    store.commit(con, [store.Load("accounts", accounts, "顧客.csv"), store.Load("subscriptions", subs, "契約.xlsx"),
                       store.Load("churn_reasons", reasons, "解約理由.csv")], by=ME)
    con.close()
    return path


@pytest.fixture
def company(tmp_path):
    return str(_company(tmp_path / "company.duckdb"))


def _cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_default_as_of_shows_the_churn_of_the_last_day(company, capsys):
    code, out, _ = _cli(capsys, "movements", "--db", company)
    assert code == 0
    last = out.strip().splitlines()[-1].split(",")
    header = out.splitlines()[0].split(",")
    row = dict(zip(header, last))
    assert row["month"] == "2025-01" and float(row["churn"]) == 150.0 and row["churned_accounts"] == "2"


def test_cli_end_after_the_data_is_accepted_up_to_the_cap(company, capsys):
    code, out, err = _cli(capsys, "nrr", "--db", company, "--start", "2024-01", "--end", "2025-01")
    assert code == 0, err
    row = dict(zip(out.splitlines()[0].split(","), out.splitlines()[1].split(",")))
    assert float(row["churn"]) == 150.0 and float(row["ending_mrr"]) == 30.0
    # any month up to the last complete calendar month is a valid end
    cap = windows.month_label(windows.last_complete_month())
    assert _cli(capsys, "nrr", "--db", company, "--start", "2024-01", "--end", cap)[0] == 0
    code, _, err = _cli(capsys, "nrr", "--db", company, "--start", "2024-01", "--end", "2099-01")
    assert code == 1 and f"after the last complete calendar month {cap}" in err
    code, _, err = _cli(capsys, "movements", "--db", company, "--as-of", "2099-01")
    assert code == 1 and "--as-of 2099-01" in err


def test_cli_churn_reasons_match_the_churn_of_the_month_after(company, capsys):
    code, out, err = _cli(capsys, "churn", "--db", company, "--start", "2024-12", "--end", "2025-01")
    assert code == 0, err
    rows = {line.split(",")[0]: line.split(",") for line in out.strip().splitlines()[1:]}
    assert set(rows) == {"Price", "Moved to competitor"}  # no (unrecorded) row: both reasons matched
    assert float(rows["Price"][2]) == 1200.0


def test_cli_as_of_before_the_data_end_is_honoured(company, capsys):
    code, out, _ = _cli(capsys, "movements", "--db", company, "--as-of", "2024-12")
    assert code == 0 and out.strip().splitlines()[-1].startswith("2024-12")
    code, _, err = _cli(capsys, "nrr", "--db", company, "--start", "2024-01", "--end", "2025-01", "--as-of", "2024-12")
    assert code == 1 and "after the as-of month 2024-12" in err


def test_sidebar_defaults_to_the_churn_month_and_offers_months_up_to_the_cap(company, monkeypatch):
    at = open_page(company, monkeypatch, "pages/nrr.py")
    picker = at.sidebar.selectbox(key="as_of")
    assert picker.value == date(2025, 1, 1)
    assert picker.options[0] == windows.month_label(windows.last_complete_month())
    assert picker.options[-1] == "2023-01"
    assert not at.sidebar.warning  # nothing recorded is out of view
    # an earlier month hides recorded churn: the sidebar says so
    picker.set_value(date(2024, 12, 1)).run()
    assert not at.exception
    warnings = [w.value for w in at.sidebar.warning]
    assert len(warnings) == 1 and "2 churned accounts recorded after 2024-12" in warnings[0]
    assert "2025-01" in warnings[0]


def test_sidebar_warning_in_japanese(company, monkeypatch):
    at = open_page(company, monkeypatch, "pages/nrr.py")
    at.session_state["lang"] = "ja"
    at.run()
    at.sidebar.selectbox(key="as_of").set_value(date(2024, 11, 1)).run()
    warnings = [w.value for w in at.sidebar.warning]
    assert warnings and "解約2社" in warnings[0] and "2024-11" in warnings[0]
