"""The data checks in the app: the Data page's findings tables and the one-line notice on each page
a finding affects. Results are cached per dataset version (``run``), in the session's language and
display currency."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import checks, settings, store
from dashboard.checks import preview
from dashboard.ui.core import counted, run, t
from dashboard.ui.widgets import DATA_PAGE, counts_separated, download_csv

_PREVIEW = "findings.preview"


def _display() -> dict:
    return {"currency": st.session_state.get("currency", settings.default("currency")),
            "lang": st.session_state.get("lang", settings.default("lang"))}


def current() -> pd.DataFrame:
    """The current version's findings (checks.COLUMNS), cached per dataset version."""
    return run(checks.findings, **_display())


def notice(page: str) -> None:
    """One line linking to the Data page when findings affect ``page`` ("nrr", "churn", ...). A check
    that cannot run never breaks the page it is on (the Data page says why)."""
    try:
        count = len(checks.for_page(current(), page))
    except (store.StoreError, duckdb.Error):
        return
    if count:
        st.page_link(DATA_PAGE, label=counted("checks.notice", count), icon=":material/warning:")


def currency_hint() -> None:
    """A sidebar suggestion of the display currency the amounts' size and the language point to, with a
    button that switches to it (nothing happens without a click)."""
    shown = _display()
    try:
        median = run(checks.median_mrr)
    except (store.StoreError, duckdb.Error):
        return
    stated = run(checks.stated_currency)
    suggested = checks.suggested_currency(median, shown["currency"], shown["lang"], stated)
    if suggested is None:
        return
    if stated is not None:
        st.caption(t("checks.currency_stated", currency=shown["currency"], suggested=suggested))
    else:
        st.caption(t("checks.currency_hint", median=f"{median:,.0f}", currency=shown["currency"], suggested=suggested))
    st.button(t("checks.currency_switch", suggested=suggested), key="findings.currency_switch",
              on_click=_switch_currency, args=(suggested,), icon=":material/currency_exchange:")


def _switch_currency(currency: str) -> None:
    st.session_state["currency"] = currency


def show(frame: pd.DataFrame, *, key: str) -> None:
    """Findings as a table (count, example, what to do), or a line saying all is well."""
    if frame.empty:
        st.success(t("checks.all_well"), icon=":material/check_circle:")
        return
    st.warning(counted("checks.found", len(frame)), icon=":material/warning:")
    shown = frame.assign(severity=frame["severity"].map(lambda s: t(f"checks.severity.{s}")))
    shown = shown[["severity", "finding", "count", "example", "action"]]
    shown = shown.rename(columns={c: t(f"checks.col.{c}") for c in shown.columns})
    st.dataframe(shown, hide_index=True, column_config=counts_separated(
        shown, {t("checks.col.action"): st.column_config.TextColumn(width="large")}))
    download_csv(frame, "data_checks.csv", key=key)


def _failed(exc: Exception) -> None:
    st.error(t("checks.failed"), icon=":material/error:")
    st.text(str(exc))  # the message may name the user's files: plain text, never markdown


def current_section(con: duckdb.DuckDBPyConnection) -> None:
    """The Data page's section on the current version."""
    version = store.current_version(con)
    if version is None:
        return
    st.subheader(t("checks.current", version=version))
    try:
        frame = current()
    except (store.StoreError, duckdb.Error) as exc:
        _failed(exc)
        return
    show(frame, key="findings.current_download")


def before_save(con: duckdb.DuckDBPyConnection, prepared) -> None:
    """The findings of the version saving ``prepared`` (an ingest.Prepared without errors) would
    create; computed once per prepared file and display settings."""
    st.subheader(t("checks.before_save"))
    token = (prepared.relation, tuple(sorted(_display().items())), store.current_version(con))
    cached = st.session_state.get(_PREVIEW)
    if not cached or cached[0] != token:
        try:
            frame = preview.findings_if_saved(con, table=prepared.table, relation=prepared.relation,
                                              source_file=prepared.source_file, **_display())
        except (store.StoreError, duckdb.Error) as exc:
            _failed(exc)
            return
        cached = (token, frame)
        st.session_state[_PREVIEW] = cached
    show(cached[1], key="findings.preview_download")
