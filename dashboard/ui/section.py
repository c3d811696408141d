"""The one way a page section is made: title, finding, chart, table with its CSV, and the definition
with the SQL that produced the numbers, recorded while the section ran (:mod:`dashboard.trace`).

    with section(t("nrr.bridge_header"), key="nrr.bridge", definition=t("nrr.definition_bridge")) as box:
        current = ui.bridge(window)            # every query run here is recorded
        box.finding(nrr_story.bridge_finding(...))
        box.chart(charts.waterfall(current), key="nrr.waterfall")
        box.table(frame, "nrr_bridge.csv", key="nrr.bridge_csv")

On leaving the block the expander "Definition and SQL" (its content built only while it is open) lists
the section's lineage: each statement
once, in the order it ran, with its values written as literals and the tables named as the database
file names them, so each one pasted into ``duckdb <database> -readonly`` returns the rows it gave the
section. A section computed in Python (health scores, the coverage what-if) passes ``formula``: the
arithmetic in words, shown above the SQL of its inputs.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from dashboard import store, trace
from dashboard.ui.core import connection, t
from dashboard.ui.widgets import lazy_expander, plain, safe_figure, say, table

# Steps every section opened inside an :func:`inputs` block shows first (a page's shared inputs).
_INPUTS = threading.local()
# Tests read what each section showed (with trace.KEEP_RESULTS on): (section key, lineage steps).
SHOWN: list[tuple[str, list[trace.Step]]] = []


class Box:
    """What a section shows, in order; see :func:`section`. It keeps its title, findings, figures and
    tables too, for the page's slides (:mod:`dashboard.review.page_deck`)."""

    def __init__(self, key: str, title: str | None, definition: str | None, formula: str | None):
        self.key, self.title, self.definition, self.formula = key, title, definition, formula
        self.findings: list[str] = []
        self.figures: list = []
        self.tables: list[pd.DataFrame] = []
        self.steps: list[trace.Step] = []
        self.slide_table = None

    def finding(self, text, kind: str = "markdown") -> None:
        """The finding sentence (from a pure function; may carry user data, so escaped)."""
        self.findings.append(str(text))
        say(text, kind)

    def chart(self, figure, *, key: str, into=None, **kwargs):
        """A plotly chart across the section's width; returns the selection event when ``on_select`` is given."""
        self.figures.append(figure)
        return (into or st).plotly_chart(safe_figure(figure), width="stretch", key=key, **kwargs)

    def table(self, frame: pd.DataFrame, filename: str, *, key: str, column_config: dict | None = None,
              expander: str | None = None, slide=None) -> None:
        """The section's table with its CSV download (inside an expander titled ``expander`` if given).
        ``slide(tr)``, when given, makes the table the page's slides show instead of the frame's first
        rows (the cohort triangle as a shaded grid); called only when the slides are written."""
        self.tables.append(frame)
        if slide is not None:
            self.slide_table = slide
        if expander is None:
            table(frame, filename, key=key, column_config=column_config)
            return
        # built only while open: a table's rows and CSV were a fifth of a render that nobody looked at
        box = lazy_expander(expander, key=f"{key}.open", icon=":material/table:")
        if box.open:
            with box:
                table(frame, filename, key=key, column_config=column_config)


@contextmanager
def section(title: str | None, *, key: str, definition: str | None = None, formula: str | None = None,
            level: str = "header", details: bool = True) -> Iterator[Box]:
    """Draw a section: its title (``header`` or ``subheader``; None for none), whatever the block
    shows through the yielded :class:`Box`, then the definition, formula and recorded SQL (left out
    with ``details=False``: presentation mode)."""
    if title is not None:
        getattr(st, level)(title, divider="gray" if level == "header" else False)
    box = Box(key, title, definition, formula)
    _OPEN.boxes = [*getattr(_OPEN, "boxes", ()), box]
    try:
        with trace.recording() as steps:
            yield box
    finally:
        _OPEN.boxes = _OPEN.boxes[:-1]
    shown = trace.lineage([*getattr(_INPUTS, "steps", ()), *steps])
    box.steps = shown
    if trace.KEEP_RESULTS["on"]:
        SHOWN.append((key, shown))
    drawn().append(box)
    if details:
        _sql_expander(box, shown)


# the sections open in this thread (innermost last) and the sections this script run drew, in order
_OPEN = threading.local()


def current() -> Box | None:
    """The innermost section being drawn in this thread (a view function's findings and charts go to it)."""
    boxes = getattr(_OPEN, "boxes", ())
    return boxes[-1] if boxes else None


def drawn() -> list[Box]:
    """The sections this page's run has drawn so far (reset by :func:`new_page`)."""
    if not hasattr(_OPEN, "drawn"):
        _OPEN.drawn = []
    return _OPEN.drawn


def new_page(title: str) -> None:
    """Forget the sections of the script run before (called at the top of each page, with its title)."""
    _OPEN.drawn, _OPEN.page = [], title


def page_title() -> str | None:
    """The title of the page this thread's script run draws (None before a page began)."""
    return getattr(_OPEN, "page", None)


def finding(text, kind: str = "markdown") -> None:
    """A finding of the section being drawn (escaped, like :meth:`Box.finding`); outside a section, shown alone."""
    box = current()
    if box is None:
        say(text, kind)
    else:
        box.finding(text, kind)


def chart(figure, *, key: str, into=None, **kwargs):
    """A chart of the section being drawn (as :meth:`Box.chart`), so the page's slides carry it too."""
    box = current()
    if box is None:
        return (into or st).plotly_chart(safe_figure(figure), width="stretch", key=key, **kwargs)
    return box.chart(figure, key=key, into=into, **kwargs)


@contextmanager
def inputs(steps) -> Iterator[None]:
    """Sections drawn in this block show ``steps`` (what the page read once for all of them, such as
    the health measures every health section scores from) before their own."""
    before = getattr(_INPUTS, "steps", ())
    _INPUTS.steps = (*before, *steps)
    try:
        yield
    finally:
        _INPUTS.steps = before


def details_key(key: str) -> str:
    """The widget key of section ``key``'s "Definition and SQL" expander."""
    return f"{key}.details"


def _sql_expander(box: Box, steps: list[trace.Step]) -> None:
    """The definition, formula and SQL, built only while the expander is open: a page has a dozen
    sections, and their statements were a tenth of every render while nobody read them."""
    if box.definition is None and box.formula is None and not steps:
        return
    details = lazy_expander(t("common.definition"), key=details_key(box.key))
    if not details.open:
        return
    with details:
        if box.definition:
            st.markdown(box.definition)  # catalogue text, written by us
        if box.formula:
            st.markdown(t("common.formula"))
            st.markdown(box.formula)
        if not steps:
            return
        st.caption(plain(t("common.sql_paste", db=str(store.db_path()))))
        tables = _version_tables({s.version for s in steps if s.version is not None})
        for number, step in enumerate(steps, start=1):
            st.caption(plain(_step_title(number, len(steps), step)))
            _sql(trace.runnable(step, tables.get(step.version, ())), f"{box.key}.sql.{number}", step.source)


# the characters of a statement shown on the page: one that binds the ids of tens of thousands of
# accounts is hundreds of kilobytes, which the browser highlighted on every rerun for seconds
SQL_SHOWN_CHARS = 20_000


def _sql(sql: str, key: str, source: str | None) -> None:
    """One runnable statement: whole, or (when long) its start and the whole statement as a file."""
    if len(sql) <= SQL_SHOWN_CHARS:
        st.code(sql, language="sql")
        return
    st.caption(t("common.sql_long", shown=f"{SQL_SHOWN_CHARS:,}", total=f"{len(sql):,}"))
    st.code(sql[:SQL_SHOWN_CHARS] + "\n-- ...", language="sql")
    st.download_button(t("common.sql_download"), sql, file_name=f"{source or 'query'}.sql", mime="text/plain",
                       key=key, icon=":material/download:", on_click="ignore")


# (database file, version) -> (store.tables_made() when listed, the tables and views of its schema)
_TABLES: dict[tuple[str, int], tuple[int, frozenset[str]]] = {}


def _version_tables(versions: set[int]) -> dict[int, frozenset[str]]:
    """The tables each version's schema holds, asked of DuckDB once per version until this process
    makes another derived table (every section of every render asked before: 6% of a render)."""
    made, database = store.tables_made(), str(store.db_path())
    missing = {v for v in versions if _TABLES.get((database, v), (None,))[0] != made}
    if missing:
        with store.cursor(connection()) as cur:
            for version, names in trace.version_tables(cur, missing).items():
                _TABLES[(database, version)] = (made, frozenset(names))
    return {v: _TABLES[(database, v)][1] for v in versions}


def _step_title(number: int, total: int, step: trace.Step) -> str:
    source = store.sql_path(step.source) if step.source else t("common.sql_inline")
    if step.builds:
        return t("common.sql_step_builds", n=number, total=total, table=step.builds.replace('"', ""), source=source)
    return t("common.sql_step_rows", n=number, total=total, source=source)


def sectioned(title_key: str | None, *, key: str, definition_key: str | None = None, level: str = "header",
              formula_key: str | None = None):
    """Make a function that draws one section draw it through :func:`section` (title, then what the
    function shows, then the definition and the SQL the function ran)."""
    def wrap(draw):
        @functools.wraps(draw)
        def drawn(*args, **kwargs):
            with section(t(title_key) if title_key else None, key=key, level=level,
                         definition=t(definition_key) if definition_key else None,
                         formula=t(formula_key) if formula_key else None):
                return draw(*args, **kwargs)
        return drawn
    return wrap
