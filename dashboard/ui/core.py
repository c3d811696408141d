"""Connection, caching, language and display settings for every page."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd
import streamlit as st

from dashboard import ingest, loading, replica, settings, store, trace
from dashboard.charts.formats import Money
from dashboard.i18n import counted as _counted
from dashboard.i18n import in_language, translate


def lang() -> str:
    """The session's language (``en`` or ``ja``)."""
    return st.session_state.get("lang", settings.default("lang"))


def t(key: str, /, **values) -> str:
    """A catalogue message in the session's language."""
    return translate(key, lang(), **values)


def counted(key: str, n: int, /, **values) -> str:
    """A catalogue message for ``n`` things (``<key>.one`` / ``<key>.other``) in the session's language."""
    return _counted(key, n, lang(), **values)


def said(text) -> str:
    """A message made outside the UI (a validation problem, an error) in the session's language;
    plain text passes through unchanged."""
    return str(in_language(text, lang()))


@st.cache_resource(show_spinner=False)
def warmed() -> bool:
    """The process's chart code loaded and its start-up frozen (:func:`dashboard.charts.warm.warm_up`),
    once per server process, on the first script run."""
    from dashboard.charts.warm import warm_up

    warm_up()
    return True


@st.cache_resource(show_spinner=False)
def _open(path: str) -> duckdb.DuckDBPyConnection:
    con = store.connect(path)
    ingest.clear_staging(con)
    return con


# connections known to hold a version (once loaded, a database never goes empty again); weak, so a
# connection dropped from the resource cache is forgotten with it
_HAS_DATA: weakref.WeakSet = weakref.WeakSet()


@st.cache_resource(show_spinner=False, max_entries=replica.KEEP + 1)
def _open_copy(path: str) -> duckdb.DuckDBPyConnection:
    return store.connect(path, read_only=True)


# a reader process's latest look at the folder's CURRENT: (monotonic time, the copy it named, the folder)
_LOOKED: list = [0.0, None, None]


def published_copy():
    """The copy a reader process serves now (None in the writer)."""
    return _LOOKED[1] if replica.replica_folder() is not None else None


def _published_copy(folder) -> duckdb.DuckDBPyConnection:
    """A reader process's connection: the newest published copy, read-only (looked for at most every
    replica.CHECK_EVERY seconds); a page says so and stops while none is published yet."""
    now = time.monotonic()
    if _LOOKED[1] is None or now - _LOOKED[0] >= replica.CHECK_EVERY or _LOOKED[2] != folder:
        _LOOKED[:] = [now, replica.published(folder), folder]  # another folder: never a copy of the last one
    path = _LOOKED[1]
    if path is None or not path.exists():
        _LOOKED[1] = None
        st.info(t("replica.none_yet", folder=str(folder)), icon=":material/hourglass_empty:")
        st.stop()
    return _open_copy(str(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide database connection (queries take their own cursor). On the very first
    start the sample company is loaded, with a spinner. A reader process (``CS_DASHBOARD_REPLICA``)
    reads the newest copy the writer published instead (:mod:`dashboard.replica`)."""
    folder = replica.replica_folder()
    if folder is not None:
        return _published_copy(folder)
    con = _open(str(store.db_path()))
    if con not in _HAS_DATA:
        if store.current_version(con) is None:
            with st.spinner(t("common.loading_sample")):
                loading.ensure_data(con)
        if store.current_version(con) is not None:
            _HAS_DATA.add(con)
    return con


def dataset_key(con: duckdb.DuckDBPyConnection) -> tuple[str, int | None]:
    """What cached results depend on: the database file (a reader process: the published copy) and its
    current version."""
    source = _LOOKED[1] if replica.replica_folder() is not None else None
    return (str(source or store.db_path()), store.current_version(con))


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached_call(_con, _fn: Callable, key: tuple, name: str, kwargs: tuple) -> tuple[object, tuple]:
    with trace.recording() as steps:
        result = _fn(_con, **dict(kwargs))
    return result, tuple(steps)


def handed(value):
    """What one caller gets of a result every session shares: its own shallow copy of each frame and
    container (pandas' copy-on-write keeps the shared values as they are whatever the caller does
    with its copy), arrays as read-only views. No pickling: a room of 50 sessions spent a fifth of its
    time unpickling copies of the same frames."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, np.ndarray):
        view = value.view()
        view.flags.writeable = False
        return view
    if isinstance(value, tuple):
        items = [handed(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [handed(v) for v in value]
    if isinstance(value, dict):
        return {k: handed(v) for k, v in value.items()}
    return value


def run(fn: Callable, /, **kwargs):
    """Call a pure metric ``fn(con, **kwargs)``, cached per dataset version and arguments.

    Arguments must be hashable (dates, strings, numbers, tuples); the connection is never hashed,
    the dataset key stands for it. The SQL the call ran is cached with its result and recorded again
    on every call, so the section showing the result shows that SQL (:mod:`dashboard.trace`).
    """
    con = connection()
    name = f"{fn.__module__}.{fn.__qualname__}"
    result, steps = _cached_call(con, fn, dataset_key(con), name, tuple(sorted(kwargs.items())))
    trace.replay(steps)
    return handed(result)


def money() -> Money:
    return Money(st.session_state.get("currency", settings.default("currency")),
                 st.session_state.get("decimals", settings.default("decimals")),
                 lang())


def labels(prefix: str, options) -> Callable[[object], str]:
    """A format_func giving each option its message ``<prefix>.<option>``, translated now: AppTest
    (and a rerun after a language switch) may format options outside the run that drew them."""
    names = {option: t(f"{prefix}.{option}") for option in options}
    return names.__getitem__


def _require_router() -> None:
    """Make sure the page runs inside app.py's frame (sidebar, as-of month, settings).

    Streamlit treats a ``pages/`` folder beside the entry file as a legacy multipage app until
    some run calls ``st.navigation``; a first request for a deep link such as ``/data`` then runs
    the page file alone. Switching the process to the st.navigation structure and rerunning
    routes the same URL through app.py, which is what every later request does anyway.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_setup(title_key: str) -> duckdb.DuckDBPyConnection:
    """Common top of a page: the router check, the sign-in check, the title and the connection."""
    _require_router()
    from dashboard.ui import auth

    if not auth.allowed():  # app.py shows only the sign-in page then; a page file never runs past here
        st.stop()
    st.title(t(title_key))
    from dashboard.ui import section  # the page's sections are kept for its slides from here on

    section.new_page(t(title_key))
    con = connection()
    wait_for_preparation(con)
    return con


def wait_for_preparation(con: duckdb.DuckDBPyConnection, *, poll: float = 0.25) -> None:
    """While this process prepares the version this render reads (another session just loaded it),
    say so with a progress bar that follows the steps, instead of waiting silently on the write lock."""
    from dashboard import prepare

    version = store.current_version(con)
    state = prepare.progress(con, version)
    if state is None:
        return
    notice = st.empty()
    with notice.container():
        st.info(t("prepare.waiting", version=version), icon=":material/hourglass_top:")
        bar = st.progress(0.0)
        while state is not None:
            bar.progress(state.done / state.total,
                         text=t("prepare.step", version=version, step=state.step.to(lang()), done=state.done,
                                total=state.total))
            time.sleep(poll)
            state = prepare.progress(con, version)
    notice.empty()
