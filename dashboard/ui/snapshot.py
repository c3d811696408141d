"""One snapshot per render: every read of a script run sees the dataset version current when the run
began (store.pin), so tiles, charts and tables never mix two versions while another session loads a
new one. A version loaded elsewhere shows on the next rerun, with a one-time notice."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from dashboard import store
from dashboard.ui.core import connection, t
from dashboard.ui.widgets import plain

SEEN = "dataset.seen"


def pin_snapshot() -> int | None:
    """Pin this run's reads to the current version; say so once when it changed since the last run
    of this session (a load or rollback in another session, or by a command)."""
    con = connection()
    latest = store.latest_version(con)
    store.pin(latest)
    seen = st.session_state.get(SEEN)
    if seen is not None and latest is not None and seen != latest:
        source = store.version_source(con, latest)
        st.toast(plain(t("common.new_version", version=latest, before=seen, source=source)),
                 icon=":material/update:")
    st.session_state[SEEN] = latest
    return latest


def seen_own_write() -> None:
    """After this session's own load or rollback: no notice for it on the next run."""
    st.session_state[SEEN] = store.current_version(connection())


def local(fn: Callable) -> Callable:
    """``st.fragment`` for a section whose widgets change only that section (a drill-down picker, a
    split): moving one reruns the section alone, not the page. The section reads the version the rest
    of the page shows (the one this session last saw); when another session has loaded a new one
    since, the whole page reruns instead, so one screen never mixes two versions."""

    @st.fragment
    @functools.wraps(fn)
    def section(*args, **kwargs):
        return on_seen_version(fn, *args, **kwargs)

    return section


def on_seen_version(fn: Callable, /, *args, **kwargs):
    """``fn(*args, **kwargs)`` reading the version this session last saw; the whole page reruns
    instead when the current version is another one (see :func:`local`)."""
    seen = st.session_state.get(SEEN)
    if store.pinned_version() == seen and seen is not None:  # inside the page's own run: pinned already
        return fn(*args, **kwargs)
    if store.latest_version(connection()) != seen:
        st.rerun(scope="app")
    with store.pinned(seen):
        return fn(*args, **kwargs)
