"""The Data page's flow: read an uploaded file, map its columns, validate, commit.

State kept in ``st.session_state`` between reruns: the read file (a staging table) and the
prepared result, keyed by the upload and the chosen table, so a rerun never re-reads the file.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import access, ingest, loading, schema, store
from dashboard import prepare as preparation
from dashboard.ui import auth
from dashboard.ui.core import lang, said, t
from dashboard.ui.snapshot import seen_own_write
from dashboard.ui.widgets import blanks_empty, counts_separated, download_csv, say

NOT_IN_FILE = "\u2014"
AMOUNT, INTERVAL = "amount", "interval_months"
ROLLBACK_PICKER = "loader.rollback_target"


def loaded_tables(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = store.version_tables(con, record=True)
    frame["table"] = [schema.table_label(name, lang()) for name in frame["table"]]
    return frame.rename(columns={"table": t("data.col_table"), "rows": t("data.col_rows"),
                                 "source_file": t("data.col_source"),
                                 "home_version": t("data.col_loaded_in")})


def table_names(tables: list[str]):
    """A format_func naming each canonical table in the session's language, fixed now (a rerun after
    a language switch may format options outside the run that drew them)."""
    return {name: schema.table_label(name, lang()) for name in tables}.__getitem__


def read_upload(con: duckdb.DuckDBPyConnection, upload, sheet: str | None) -> ingest.SourceFile | None:
    """Read the upload once per (file, sheet); show the problems when it cannot be read."""
    token = (upload.file_id, sheet)
    cached = st.session_state.get("loader.source")
    if cached and cached[0] == token:
        return cached[1]
    if cached:
        ingest.discard(con, cached[1])
    st.session_state.pop("loader.source", None)
    st.session_state.pop("loader.prepared", None)
    try:
        source = ingest.read_source(con, upload.name, upload.getvalue(), sheet=sheet)
    except ingest.IngestError as exc:
        st.error(t("data.read_failed"), icon=":material/error:")
        problems_table(exc.problems, key="read_problems")
        return None
    st.session_state["loader.source"] = (token, source)
    return source


def sheet_picker(upload, table_name: str) -> str | None:
    """The sheet to read; starts on the first sheet whose name suggests the chosen table."""
    if not upload.name.lower().endswith((".xlsx", ".xlsm")):
        return None
    key = f"loader.sheets.{upload.file_id}"  # the workbook's index is read once per upload, not per rerun
    if key not in st.session_state:
        try:
            st.session_state[key] = ingest.sheet_names(upload.name, upload.getvalue())
        except ingest.IngestError:
            st.session_state[key] = []  # the read that follows says what is wrong with the file
    names = st.session_state[key]
    if len(names) < 2:
        return None
    return st.selectbox(t("data.sheet"), names, index=schema.default_sheet(names, table_name),
                        key=f"loader.sheet.{upload.file_id}")


def mapping_editor(source: ingest.SourceFile, table_name: str) -> dict[str, str]:
    """One select per canonical column, pre-set from the suggestion; returns source -> canonical."""
    spec = schema.table(table_name)
    suggestion = {canonical: src for src, canonical in ingest.suggest_mapping(table_name, source.columns).items()}
    targets = [(c.name, schema.column_label(c.name, lang()) + (" *" if c.required else ""),
                schema.column_help(table_name, c.name, lang())) for c in spec.columns]
    if table_name == "subscriptions":
        targets += [(AMOUNT, t("data.amount_alt", column=schema.column_label(AMOUNT, lang())), t("data.amount_help")),
                    (INTERVAL, t("data.interval_alt", column=schema.column_label(INTERVAL, lang())),
                     t("data.amount_help"))]
    options = [NOT_IN_FILE, *source.columns]
    mapping: dict[str, str] = {}
    cols = st.columns(3)
    for i, (canonical, label, help_text) in enumerate(targets):
        default = suggestion.get(canonical, NOT_IN_FILE)
        choice = cols[i % 3].selectbox(label, options, index=options.index(default), help=help_text or None,
                                       key=f"loader.map.{source.relation}.{table_name}.{canonical}")
        if choice != NOT_IN_FILE:
            mapping[choice] = canonical
    return mapping


def problems_frame(problems: list[ingest.Problem]) -> pd.DataFrame:
    return pd.DataFrame({
        t("data.col_severity"): [p.severity_word(lang()) for p in problems],
        t("data.col_file"): [p.file for p in problems],
        t("data.col_row"): pd.array([p.row for p in problems], dtype="Int64"),
        t("data.col_column"): [p.column for p in problems],
        t("data.col_message"): [said(p.message) for p in problems],
    })


def problems_table(problems: list[ingest.Problem], *, key: str) -> None:
    """The first problems as plain text lines (readable at a glance), then all of them as a table."""
    errors_first = sorted(problems, key=lambda p: p.severity != "error")
    st.text("\n".join(f"{p.severity_word(lang())}: {p.text(lang())}" for p in errors_first[:5]))
    frame = problems_frame(problems)
    st.dataframe(frame, hide_index=True, column_config=counts_separated(frame, None))
    download_csv(frame, "validation_report.csv", key=key)


def validate(con: duckdb.DuckDBPyConnection, source: ingest.SourceFile, table_name: str,
             mapping: dict[str, str]) -> ingest.Prepared:
    old = st.session_state.pop("loader.prepared", None)
    if old:
        ingest.discard(con, old)
    with st.spinner(t("data.validating")):
        prepared = ingest.prepare(con, source, table_name, mapping)
    st.session_state["loader.prepared"] = prepared
    return prepared


def report(con: duckdb.DuckDBPyConnection, prepared: ingest.Prepared) -> None:
    st.subheader(t("data.report_header"))
    if prepared.ok:
        st.success(t("data.report_ok", rows=f"{prepared.rows:,}", warnings=prepared.warning_count),
                   icon=":material/check_circle:")
    else:
        st.error(t("data.report_errors", errors=f"{prepared.error_count:,}"), icon=":material/error:")
    if prepared.problems:
        total = prepared.error_count + prepared.warning_count
        if len(prepared.problems) < total:
            st.caption(t("data.report_more", shown=len(prepared.problems), total=f"{total:,}"))
        problems_table(prepared.problems, key="report_download")
    if prepared.ok:
        current = store.version_tables(con)
        same = current[current["table"] == prepared.table]
        if store.is_sample(con):
            st.info(t("data.leaves_sample", version=store.current_version(con)), icon=":material/science:")
        elif not same.empty:
            say(t("data.replaces", table=prepared.table, rows=f"{int(same['rows'].iloc[0]):,}",
                  file=str(same["source_file"].iloc[0]), new=f"{prepared.rows:,}",
                  version=store.current_version(con)), "warning", icon=":material/swap_horiz:")
        st.caption(t("data.preview"))
        spec = schema.table(prepared.table)
        # dates as dates: a DATE column arrives in pandas as a timestamp with 00:00:00
        dates = {c.name: st.column_config.DateColumn(c.name, format="YYYY-MM" if c.kind == "month" else "YYYY-MM-DD")
                 for c in spec.columns if c.kind in ("date", "month")}
        preview = prepared.preview(con)
        st.dataframe(blanks_empty(preview), hide_index=True, column_config=counts_separated(preview, dates))


def commit(con: duckdb.DuckDBPyConnection, prepared: ingest.Prepared) -> None:
    try:
        with st.spinner(t("data.committing")):
            bar = st.empty()
            version = ingest.load(con, [prepared], by=auth.me(), report=lambda state: preparing(bar, state))
        bar.empty()
    except access.AccessDenied as exc:
        say(said(exc.msg), "error", icon=":material/block:")
        return
    except (ingest.IngestError, store.StoreError, duckdb.Error) as exc:
        say(t("data.commit_failed", error=said(exc)), "error", icon=":material/error:")
        return
    reset_flow(con, discard=False)
    seen_own_write()
    st.session_state["loader.flash"] = t("data.committed", version=version)
    st.rerun()


def preparing(bar, state) -> None:
    """The new version's derived tables being built right after the commit: a bar per step."""
    bar.progress(state.done / state.total, text=t("prepare.step", version=state.version, step=state.step.to(lang()),
                                                  done=state.done, total=state.total))


def follow_current_version(version: int | None) -> None:
    """Put the rollback picker on the current version whenever that changes (a load, a rollback, another
    session's commit). Left alone it keeps the version picked before, and with "Switch version" enabled a
    click would undo the load; a widget keeps its value across option changes, so it is set, not dropped."""
    if version is not None and st.session_state.get("loader.rollback_for") != version:
        st.session_state[ROLLBACK_PICKER] = version
        st.session_state["loader.rollback_for"] = version


def reset_flow(con: duckdb.DuckDBPyConnection, *, discard: bool = True) -> None:
    for key in ("loader.prepared", "loader.source"):
        obj = st.session_state.pop(key, None)
        if discard and obj:
            ingest.discard(con, obj[1] if key == "loader.source" else obj)
    st.session_state["loader.upload_key"] = st.session_state.get("loader.upload_key", 0) + 1


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = store.history(con)
    return frame.rename(columns={
        "version": t("data.col_version"), "created_at": t("data.col_time"), "kind": t("data.col_kind"),
        "table": t("data.col_table"), "source_file": t("data.col_source"), "rows": t("data.col_rows"),
        "note": t("data.col_note"), "is_current": t("data.col_current")})


def switch_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    try:
        store.rollback(con, version, by=auth.me())
    except access.AccessDenied as exc:
        say(said(exc.msg), "error", icon=":material/block:")
        return
    bar = st.empty()
    preparation.prepare(con, report=lambda state: preparing(bar, state))  # built before unless never current today
    seen_own_write()
    st.session_state["loader.flash"] = t("data.rolled_back", version=version)
    st.rerun()


def load_sample(con: duckdb.DuckDBPyConnection) -> None:
    try:
        with st.spinner(t("common.loading_sample")):
            version = loading.load_sample(con, by=auth.me())
    except access.AccessDenied as exc:
        say(said(exc.msg), "error", icon=":material/block:")
        return
    seen_own_write()
    st.session_state["loader.flash"] = t("data.reset_done", version=version)
    st.rerun()
