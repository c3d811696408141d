"""The Data page's "Connect a data source" section: a connection and its events table, tested; the
columns picked from the table's own; the event -> measure mapping; a preview of the aggregate with the
SQL the engine runs; the load as a new version (admins) and the settings saved by name (editors).

State kept in ``st.session_state``: the columns of the last tested table (``sources.tested``) and the
last preview (``sources.preview``), each with the settings that made it, so a change shows neither.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import access, ingest, store
from dashboard.sources import saved
from dashboard.sources.aggregate import Columns, Measures
from dashboard.sources.connection import SourceError, parse
from dashboard.sources.pull import Source, columns_of, fetch, plan, pull_usage
from dashboard.ui import auth
from dashboard.ui.core import said, t
from dashboard.ui.section import section
from dashboard.ui.snapshot import seen_own_write
from dashboard.ui.widgets import blanks_empty, say

NONE = "\u2014"
_GUESS = {"account": ("account_id", "account", "customer_id", "tenant_id", "org_id", "company_id"),
          "time": ("event_time", "occurred_at", "timestamp", "event_timestamp", "created_at", "time", "ts"),
          "event": ("event_name", "event", "action", "event_type", "name"),
          "user": ("user_id", "user", "member_id", "actor_id"),
          "value": ("value", "seats", "seat_count", "quantity", "count", "amount")}


def source_section(con: duckdb.DuckDBPyConnection) -> None:
    """The section; the form (for editors and admins) is drawn after it, since its queries run in
    another engine and are shown as that engine's SQL, not as the section's."""
    with section(t("sources.header"), key="data.sources", definition=t("sources.definition")):
        st.caption(t("sources.intro"))
        if not auth.may("source.save"):
            auth.role_needed("source.save")
            return
    _form(con)


def _form(con: duckdb.DuckDBPyConnection) -> None:
    names = saved.listed(con)["name"].tolist()
    if "sources.pending_pick" in st.session_state:  # a save names the saved source before the picker is drawn
        st.session_state["sources.saved"] = st.session_state.pop("sources.pending_pick")
        st.session_state["sources.filled_from"] = st.session_state["sources.saved"]
    # labels fixed now: a rerun after a language switch may format options outside the run that drew them
    labels = {NONE: t("sources.new"), **{n: n for n in names}}
    # the picker only once something is saved: until then there is nothing to pick
    picked = (st.selectbox(t("sources.saved_pick"), [NONE, *names], key="sources.saved", format_func=labels.get)
              if names else NONE)
    if picked != st.session_state.get("sources.filled_from"):
        st.session_state["sources.filled_from"] = picked
        if picked != NONE:
            _fill(saved.get(con, picked))
    left, right = st.columns(2)
    url = left.text_input(t("sources.url"), key="sources.url", help=t("sources.url_help"))
    table = right.text_input(t("sources.table"), key="sources.table", help=t("sources.table_help"))
    if st.button(t("sources.test"), key="sources.test", icon=":material/cable:"):
        _test(url, table)
    tested = st.session_state.get("sources.tested")
    if not tested or tested[0] != (url, table):
        return
    source = _settings(url, table, tested[1])
    if source is None:
        return
    full = st.checkbox(t("sources.full"), key="sources.full", help=t("sources.full_help"))
    buttons = st.columns(3)
    if buttons[0].button(t("sources.preview"), key="sources.preview_button", icon=":material/preview:"):
        _preview(con, source, full)
    shown = st.session_state.get("sources.preview")
    if shown and shown[0] == (source, full):
        _show(shown[1])
    if shown and shown[0] == (source, full) and store.is_sample(con):
        # as for a first own file: the pulled usage starts a dataset of the user's own
        st.info(t("data.leaves_sample", version=store.current_version(con)), icon=":material/science:")
    if auth.may("usage.pull") and buttons[1].button(t("sources.load"), type="primary", key="sources.load",
                                                    icon=":material/cloud_download:"):
        _load(con, source, full)
    name = buttons[2].text_input(t("sources.name"), key="sources.name")
    if buttons[2].button(t("sources.save"), key="sources.save", icon=":material/save:"):
        _save(con, Source(source.url, source.table, source.columns, source.measures, name=name.strip()))


def _fill(source: Source) -> None:
    """Put a saved source's settings into the widgets (its URL without a password)."""
    st.session_state["sources.url"] = source.target().url
    st.session_state["sources.table"] = source.table
    st.session_state["sources.map"] = "\n".join(f"{e}={m}" for e, m in source.measures.pairs)
    st.session_state["sources.picked_columns"] = source.columns.named()
    for role in ("account", "time", "event", "user", "value"):
        st.session_state.pop(f"sources.col.{role}", None)
    st.session_state["sources.name"] = source.name
    st.session_state.pop("sources.tested", None)


def _test(url: str, table: str) -> None:
    try:
        with st.spinner(t("sources.test")):
            found = columns_of(Source(url, table, Columns("", "", "")))
    except SourceError as exc:
        st.session_state.pop("sources.tested", None)
        say(t("sources.failed") + " " + said(exc.msg), "error", icon=":material/error:")
        return
    st.session_state["sources.tested"] = ((url, table), [name for name, _ in found])
    target = parse(url)  # its URL without a password: what the page may show
    say(t("sources.connected", engine=target.engine, table=table or target.url, n=len(found)), "success",
        icon=":material/check_circle:")


def _settings(url: str, table: str, names: list[str]) -> Source | None:
    """The column pickers (from the tested table's columns) and the mapping; the source they describe."""
    chosen = st.session_state.get("sources.picked_columns", {})
    cols = st.columns(5)
    picked = {}
    for i, role in enumerate(("account", "time", "event", "user", "value")):
        options = names if role in ("account", "time", "event") else [NONE, *names]
        guess = chosen.get(role) or next((n for g in _GUESS[role] for n in names if n.lower() == g), None)
        index = options.index(guess) if guess in options else 0
        picked[role] = cols[i].selectbox(t(f"sources.col.{role}"), options, index=index, key=f"sources.col.{role}")
    text = st.text_area(t("sources.map"), key="sources.map", placeholder="login=logins\nexport=features_used")
    mapping = {}
    for line in text.splitlines():
        event, _, measure = line.partition("=")
        if event.strip():
            mapping[event.strip()] = measure.strip()
    try:
        measures = Measures.of(mapping)
    except SourceError as exc:
        say(said(exc.msg), "error", icon=":material/error:")
        return None
    return Source(url, table, Columns(picked["account"], picked["time"], picked["event"],
                                      None if picked["user"] == NONE else picked["user"],
                                      None if picked["value"] == NONE else picked["value"]), measures)


def _preview(con: duckdb.DuckDBPyConnection, source: Source, full: bool) -> None:
    try:
        with st.spinner(t("sources.preview")):
            pulled = fetch(source, since=plan(con, full=full)[0])
    except SourceError as exc:
        st.session_state.pop("sources.preview", None)
        say(t("sources.failed") + " " + said(exc.msg), "error", icon=":material/error:")
        return
    st.session_state["sources.preview"] = ((source, full), pulled)


def _show(pulled) -> None:
    frame = pulled.frame
    if frame.empty and pulled.since is not None:
        st.info(t("sources.preview_nothing_new", month=f"{pulled.since:%Y-%m}"))
    elif frame.empty:
        st.info(t("sources.preview_empty"))
    else:
        if pulled.since is not None:
            st.caption(t("sources.preview_since", month=f"{pulled.since:%Y-%m}"))
        months = sorted(set(frame["month"]))
        say(t("sources.preview_summary", rows=f"{len(frame):,}", accounts=f"{frame['account_id'].nunique():,}",
              months=len(months), first=f"{months[0]:%Y-%m}", last=f"{months[-1]:%Y-%m}",
              metrics=", ".join(sorted(set(frame["metric"])))), "caption")
        st.dataframe(blanks_empty(frame.head(500)), hide_index=True, key="sources.preview_table",
                     column_config={"month": st.column_config.DateColumn("month", format="YYYY-MM")})
    st.caption(t("sources.sql"))
    st.code(pulled.sql, language="sql")


def _load(con: duckdb.DuckDBPyConnection, source: Source, full: bool) -> None:
    try:
        with st.spinner(t("sources.load")):
            result = pull_usage(con, source, by=auth.me(), full=full)
    except access.AccessDenied as exc:
        say(said(exc.msg), "error", icon=":material/block:")
        return
    except (SourceError, ingest.IngestError, store.StoreError, duckdb.Error) as exc:
        say(t("sources.failed") + " " + said(getattr(exc, "msg", exc)), "error", icon=":material/error:")
        return
    if result.version is None:
        st.info(t("sources.nothing_loaded"))
        return
    seen_own_write()
    st.session_state.pop("sources.preview", None)
    st.session_state["loader.flash"] = t("sources.loaded", pulled=f"{result.pulled:,}", kept=f"{result.kept:,}",
                                         version=result.version)
    st.rerun()


def _save(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    try:
        saved.save(con, source, by=auth.me())
    except access.AccessDenied as exc:
        say(said(exc.msg), "error", icon=":material/block:")
        return
    except SourceError as exc:
        say(said(exc.msg), "error", icon=":material/error:")
        return
    st.session_state["sources.pending_pick"] = source.name
    st.session_state["loader.flash"] = t("sources.saved_flash", name=source.name)
    st.rerun()


__all__ = ["source_section"]
