"""Links to a view (issue 16): a page opened with query parameters shows that state, writes the state on
screen back into the address, and names what it could not use in one notice (AppTest on the sample)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store, windows
from dashboard.charts.formats import Money
from dashboard.churn import matching, retro
from dashboard.revenue import metrics as revenue
from tests.conftest import APP
from tests.identities import ROLES_FILE
from tests.test_access_pages import AUTH
from tests.test_cohorts_page import _expected, _tile

NOTICE = "Not used from this link"


def open_link(db, monkeypatch, page: str | None, params: dict, **session) -> AppTest:
    """A new session opening ``page`` (None: the address "/") with ``params`` in its address, run once."""
    monkeypatch.setenv(store.DB_ENV, str(db))
    at = AppTest.from_file(APP, default_timeout=240)
    at.secrets.update(session.get("secrets", {}))
    if "user" in session:
        at.user = session["user"]
    at.query_params.update(params)
    if page is not None:
        at.switch_page(page)  # before the first run: the page's own address, as a pasted link opens it
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def read(element) -> str:
    """Text as a person reads it (the one renderer escapes markdown with backslashes)."""
    return str(element.value).replace("\\", "").replace("\u200b", "")


def notices(at) -> list[str]:
    return [read(w) for w in at.warning if NOTICE in read(w)]


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def default_as_of(db) -> date:
    con = store.connect(db)  # same configuration as the app's open connection
    try:
        return revenue.default_as_of(con)
    finally:
        con.close()


def bridge(db, start: date, end: date) -> pd.Series:
    con = store.connect(db)
    try:
        return revenue.nrr_bridge(con, start=start, end=end).iloc[0]
    finally:
        con.close()


@pytest.mark.parametrize("kind", ["month", "quarter", "fiscal_year", "trailing_12"])
@pytest.mark.parametrize("fiscal_start", [1, 4])
@pytest.mark.parametrize("as_of", [date(2026, 5, 1), date(2026, 3, 1)])
def test_a_windows_end_month_names_that_window_and_no_other(kind, fiscal_start, as_of):
    """``period=YYYY-MM`` is the window's end month: read back, it opens the same window, for every window
    the picker offers (one still running at the as-of month included)."""
    offered = windows.periods(kind, date(2022, 7, 1), as_of, fiscal_start=fiscal_start)
    named = [windows.window(kind, w.end, fiscal_start=fiscal_start, as_of=as_of) for w in offered]
    assert [(w.start, w.end, w.label) for w in named] == [(w.start, w.end, w.label) for w in offered]
    assert len({(w.start, w.end) for w in offered}) == len(offered)


def test_nrr_opens_the_linked_view(sample_db, monkeypatch):
    as_of = default_as_of(sample_db)
    quarter_end = date(as_of.year - 1, 6, 1)  # Q2 of last year: a complete quarter
    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {"unit": "MRR", "window": "quarter",
                   "period": f"{quarter_end:%Y-%m}", "split": "csm", "drill": "expansion"})
    assert any(read(c).startswith(f"Window {as_of.year - 1}-Q2: the cohort is the accounts paying in "
                                  f"{as_of.year - 1}-03; compared with {as_of.year - 1}-06.") for c in at.caption)
    row = bridge(sample_db, date(as_of.year - 1, 3, 1), quarter_end)
    assert metric(at, "Ending MRR") == Money("USD")(row["ending_mrr"], compact=True)
    assert at.segmented_control(key="nrr.unit").value == "MRR"
    assert at.segmented_control(key="nrr.by").value == "csm"
    assert at.selectbox(key="nrr.drill").value == "expansion"
    assert at.selectbox(key="nrr.window_picker.kind").value == "quarter"
    assert not notices(at)
    # the address holds the whole view, as_of included (a link made today opens the same months later)
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "window": "quarter", "period": f"{quarter_end:%Y-%m}",
                               "unit": "MRR", "split": "csm", "drill": "expansion"}


def test_a_moved_widget_is_written_back_and_the_link_not_applied_again(sample_db, monkeypatch):
    as_of = default_as_of(sample_db)
    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {"unit": "MRR"})
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "window": "trailing_12", "period": f"{as_of:%Y-%m}",
                               "unit": "MRR"}
    at.segmented_control(key="nrr.unit").set_value("ARR").run()
    at.selectbox(key="nrr.window_picker.kind").set_value("month").run()
    at.run()  # a rerun keeps what the person chose, not what the link said
    assert at.segmented_control(key="nrr.unit").value == "ARR" and "Ending ARR" in [m.label for m in at.metric]
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "window": "month", "period": f"{as_of:%Y-%m}"}
    earlier = windows.add_months(as_of, -4)
    at.sidebar.selectbox(key="as_of").set_value(earlier).run()
    assert at.query_params["as_of"] == f"{earlier:%Y-%m}" and at.query_params["period"] == f"{earlier:%Y-%m}"


def test_invalid_parameters_fall_back_with_one_notice(sample_db, monkeypatch):
    as_of = default_as_of(sample_db)
    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {
        "unit": "EUR", "as_of": "1999-01", "window": "decade", "period": "2025-02", "split": "<b>x</b>",
        "drill": "nothing", "utm_source": "**invite**"})
    [notice] = notices(at)
    for ignored in ("unit=EUR", "as_of=1999-01", "window=decade", "period=2025-02", "split=<b>x</b>",
                    "drill=nothing", "utm_source=**invite**"):
        assert ignored in notice
    raw = next(str(w.value) for w in at.warning if NOTICE in read(w))
    assert "<b>" not in raw and "**invite**" not in raw  # shown as written, never as HTML or bold
    assert "Ending ARR" in [m.label for m in at.metric]
    assert at.selectbox(key="nrr.window_picker.kind").value == "trailing_12"
    assert at.session_state["as_of"] == as_of
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "window": "trailing_12", "period": f"{as_of:%Y-%m}"}
    at.run()
    assert not notices(at)  # said once


def test_a_custom_window_a_fiscal_year_and_the_home_address(sample_db, monkeypatch):
    at = open_link(sample_db, monkeypatch, None, {"window": "custom", "start": "2025-01", "end": "2025-07"})
    assert at.title[0].value == "NRR waterfall"  # "/" opens the NRR page with the link's parameters
    assert any(read(c).startswith("Window 2025-01 → 2025-07:") for c in at.caption)
    assert at.selectbox(key="nrr.window_picker.start").value == date(2025, 1, 1)
    assert {k: at.query_params[k] for k in ("window", "start", "end")} == {
        "window": "custom", "start": "2025-01", "end": "2025-07"}

    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {"window": "fiscal_year", "period": "2025-06",
                                                            "fiscal_start": "4"})
    assert at.session_state["fiscal_start"] == 4
    assert any(read(c).startswith("Window FY2025: the cohort is the accounts paying in 2025-03; compared with "
                                  "2026-03.") for c in at.caption)
    assert (at.query_params["window"], at.query_params["period"], at.query_params["fiscal_start"]) == (
        "fiscal_year", "2026-03", "4")

    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {"window": "custom", "start": "2025-07", "end": "2025-01"})
    assert "start=2025-07" in notices(at)[0] and "end=2025-01" in notices(at)[0]


def test_cohorts_opens_with_metric_grain_and_filters(sample_db, monkeypatch):
    as_of = default_as_of(sample_db)
    at = open_link(sample_db, monkeypatch, "pages/cohorts.py", {
        "metric": "net", "grain": "quarter", "segment": ["Enterprise", "Nope"], "csm": "Nobody at all"})
    assert at.radio(key="cohorts.metric").value == "net" and at.radio(key="cohorts.grain").value == "quarter"
    assert at.multiselect(key="cohorts.segments").value == ["Enterprise"] and at.multiselect(key="cohorts.csms").value == []
    assert _tile(at, "Average at age 4").value == _expected(sample_db, metric="net", grain="quarter", age=4,
                                                           segments=("Enterprise",))
    [notice] = notices(at)
    assert "segment=Nope" in notice and "csm=Nobody at all" in notice and "Enterprise" not in notice
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "metric": "net", "grain": "quarter", "segment": "Enterprise"}
    at.multiselect(key="cohorts.segments").set_value(["Enterprise", "SMB"]).run()
    at.radio(key="cohorts.metric").set_value("logo").run()
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "grain": "quarter", "segment": ["Enterprise", "SMB"]}


def churn_deck(db) -> tuple[date, pd.DataFrame]:
    """The retrospective's deck for the default window (trailing twelve months to the as-of month)."""
    con = store.connect(db)
    try:
        as_of = revenue.default_as_of(con)
        return as_of, matching.churn_events(con, as_of=as_of, start=windows.add_months(as_of, -12), end=as_of)
    finally:
        con.close()


def test_churn_retrospective_opens_the_linked_account(sample_db, monkeypatch):
    as_of, deck = churn_deck(sample_db)
    once = deck[~deck["account_id"].duplicated(keep=False)]
    fifth = once.index[4]
    account = deck.loc[fifth, "account_id"]
    at = open_link(sample_db, monkeypatch, "pages/churn.py", {"retro": "1", "account": account,
                                                              "window": "trailing_12", "period": f"{as_of:%Y-%m}"})
    markdown = [read(m) for m in at.markdown]
    assert f"### {fifth + 1} of {len(deck):,}" in markdown
    assert f"# {deck.loc[fifth, 'account_name']}" in markdown
    assert at.toggle(key="churn.retro").value is True and not notices(at)
    assert at.query_params == {"as_of": f"{as_of:%Y-%m}", "window": "trailing_12", "period": f"{as_of:%Y-%m}",
                               "retro": "1", "account": account}
    at.button(key="churn.retro_next").click().run()
    assert at.query_params["account"] == deck.loc[fifth + 1, "account_id"]

    at = open_link(sample_db, monkeypatch, "pages/churn.py", {"retro": "1", "account": "no-such-account"})
    assert "### 1 of" in " ".join(read(m) for m in at.markdown) and "account=no-such-account" in notices(at)[0]


def test_a_link_never_turns_the_all_hands_lock_off(sample_db, monkeypatch, tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES_FILE, encoding="utf-8")
    monkeypatch.setenv("CS_DASHBOARD_ROLES", str(roles))
    viewer = {"secrets": {"auth": AUTH}, "user": {"is_logged_in": True, "email": "vera@example.com", "name": "Vera"}}
    as_of, deck = churn_deck(sample_db)
    con = store.connect(sample_db)
    names = set(retro.account_names(con)["account_name"].dropna())
    con.close()
    at = open_link(sample_db, monkeypatch, "pages/churn.py",
                   {"retro": "1", "anonymise": "0", "account": deck.loc[3, "account_id"]}, **viewer)
    switch = at.toggle(key="churn.anonymise")
    assert switch.value is True and switch.disabled
    text = " ".join(read(m) for m in at.markdown)
    assert "### 1 of" in text and not [name for name in names if name in text]
    # an id identifies a customer as a name does: not opened, not written while names are hidden
    assert f"account={deck.loc[3, 'account_id']}" in notices(at)[0]
    assert "account" not in at.query_params and at.query_params["anonymise"] == "1"

    at = open_link(sample_db, monkeypatch, "pages/churn.py", {"retro": "1", "position": "3"}, **viewer)
    markdown = [read(m) for m in at.markdown]
    assert f"### 3 of {len(deck):,}" in markdown and "# Customer C" in markdown
    assert at.query_params["position"] == "3" and "account" not in at.query_params


def test_a_custom_window_being_corrected_is_not_reset_by_the_link_logic(sample_db, monkeypatch):
    """While a custom window's end is before its start the page has no window; the person's custom pick
    stays while they correct it (the link's default applies to a session that has no window yet)."""
    at = open_link(sample_db, monkeypatch, "pages/nrr.py", {})
    at.selectbox(key="nrr.window_picker.kind").set_value("custom").run()
    at.selectbox(key="nrr.window_picker.start").set_value(date(2025, 7, 1)).run()
    at.selectbox(key="nrr.window_picker.end").set_value(date(2025, 1, 1)).run()
    assert "window" not in at.query_params
    at.selectbox(key="nrr.window_picker.start").set_value(date(2024, 7, 1)).run()
    assert at.selectbox(key="nrr.window_picker.kind").value == "custom"
    assert any(read(c).startswith("Window 2024-07 → 2025-01:") for c in at.caption)
    assert (at.query_params["window"], at.query_params["start"], at.query_params["end"]) == (
        "custom", "2024-07", "2025-01")
