"""The SQL that ran: every statement a section executes is recorded with its bound values and the
dataset version it read, so the section can show the exact SQL behind its numbers.

A recorded :class:`Step` is made runnable by :func:`runnable`: each bound value is written as a
literal and each table the version holds is named as it is in the database file (``v3.accounts``),
so pasting it into ``duckdb data/dashboard.duckdb -readonly`` returns the rows the section used.
Steps that built a derived table (a grid, the movements) are shown as the ``SELECT`` that filled it;
the steps of one section, in the order they ran, are its lineage.

Recording is per thread (one Streamlit script run is one thread) and nests: a step is recorded into
every recorder open in the thread. Results kept by a cache are recorded again with the steps that made
them (:func:`replay`), so a cached section still shows what ran.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import duckdb

_LOCAL = threading.local()
# Tests set this to keep each query's result on its step, to compare a re-run of the shown SQL with it.
KEEP_RESULTS = {"on": False}
_QUERY_TABLE = re.compile(r"query_table\(\s*\$(\w+)\s*\)", re.IGNORECASE)
_QUERY_CALL = re.compile(r"\bquery\(\s*\$(\w+)\s*\)", re.IGNORECASE)
_NAMED = re.compile(r"\$([A-Za-z_]\w*)")
_TABLE_KEYWORDS = {"from", "join"}


@dataclass(frozen=True)
class Step:
    """One statement as it ran: its text, bound values, the version whose tables it read, the
    query file it came from and, for a derived table, the table it filled."""

    sql: str
    params: tuple = ()
    named: bool = True
    version: int | None = None
    source: str | None = None
    builds: str | None = None
    result: object = field(default=None, compare=False, hash=False, repr=False)

    @property
    def values(self) -> dict | list:
        return dict(self.params) if self.named else list(self.params)


def _recorders() -> list[list[Step]]:
    if not hasattr(_LOCAL, "stack"):
        _LOCAL.stack = []
    return _LOCAL.stack


@contextmanager
def recording() -> Iterator[list[Step]]:
    """Record the steps run in this thread until the block ends (nested recorders each get them)."""
    steps: list[Step] = []
    stack = _recorders()
    stack.append(steps)
    try:
        yield steps
    finally:
        # by identity: two recorders with the same steps are equal lists
        del stack[next(i for i in range(len(stack) - 1, -1, -1) if stack[i] is steps)]


def active() -> bool:
    return bool(_recorders())


def record(sql: str, params: Mapping | list | tuple | None = None, *, version: int | None = None,
           source: str | None = None, builds: str | None = None, result=None) -> None:
    """Note one statement that ran (a no-op unless a recorder is open)."""
    stack = _recorders()
    if not stack:
        return
    named = params is None or isinstance(params, Mapping)
    items = tuple(sorted(params.items())) if isinstance(params, Mapping) else tuple(params or ())
    # a bound list (the ids of a window's churned accounts, a list of tables) kept as a tuple: the step
    # stays hashable, so its runnable text is written once, not on every render (tens of thousands of
    # ids were written out again each time)
    items = tuple((k, _frozen(v)) for k, v in items) if named else tuple(_frozen(v) for v in items)
    kept = result.copy() if KEEP_RESULTS["on"] and result is not None else None
    step = Step(sql, items, named, version, source, builds, kept)
    for steps in stack:
        steps.append(step)


def _frozen(value):
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def replay(steps: Iterable[Step]) -> None:
    """Record steps that ran earlier (a cached result's) into the recorders open now."""
    stack = _recorders()
    for steps_now in stack:
        steps_now.extend(steps)


def lineage(steps: Iterable[Step]) -> list[Step]:
    """The steps once each, in the order they first ran (a section often reads one grid twice)."""
    seen: set = set()
    out = []
    for step in steps:
        key = (step.sql, repr(step.params), step.named, step.version, step.builds)  # values may be lists
        if key not in seen:
            seen.add(key)
            out.append(step)
    return out


def literal(value) -> str:
    """A bound value as a DuckDB SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return "NULL" if math.isnan(value) else repr(value)
    if isinstance(value, datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if hasattr(value, "item"):  # numpy scalars
        return literal(value.item())
    return "'" + str(value).replace("'", "''") + "'"


def runnable(step: Step, tables: Iterable[str] = ()) -> str:
    """The step's SQL as it can be pasted into the DuckDB shell on the database file: bound values as
    literals, a table passed as ``query_table($name)`` written as its name, a statement passed to
    ``query($name)`` written in place as a subquery, and the version's tables
    (``tables``: the names its schema holds) qualified with the schema, CTE names left alone.
    Remembered per step and table list: every render of a page shows the same statements."""
    names = frozenset(tables)
    values = step.values
    # the values' types are part of the key: 1, 1.0 and True are equal keys but different literals
    kinds = tuple(type(v) for v in (values.values() if isinstance(values, dict) else values))
    try:
        return _runnable(step, names, kinds)
    except TypeError:  # a bound value that cannot be a key (a list): written out each time
        return _written(step, names)


@functools.lru_cache(maxsize=1024)
def _runnable(step: Step, tables: frozenset[str], kinds: tuple) -> str:
    return _written(step, tables)


def _written(step: Step, tables: frozenset[str]) -> str:
    values = step.values
    sql = step.sql
    if step.named:
        sql = _QUERY_TABLE.sub(lambda m: _table_text(values[m.group(1)]) if m.group(1) in values else m.group(0), sql)
        # a statement passed as text to query($x): written in place as a subquery, so its tables qualify too
        sql = _QUERY_CALL.sub(lambda m: "(\n" + str(values[m.group(1)]).strip().rstrip(";") + "\n)"
                              if m.group(1) in values else m.group(0), sql)
    sql = _inline(sql, values)
    if step.version is not None:
        sql = qualify(sql, f"v{int(step.version)}", set(tables))
    sql = sql.strip().rstrip(";")
    if step.builds and step.builds.startswith("temp.") and not sql.lstrip().upper().startswith("CREATE"):
        # a table this one session made (read-only database, no accounts table): the chain makes it again
        sql = f"CREATE OR REPLACE TEMP TABLE {step.builds.split('.')[-1]} AS\n{sql}"
    return sql + ";"


def _table_text(value) -> str:
    """What ``query_table($x)`` reads, written out: a table's name, or for a list of tables (DuckDB
    reads them one after another) their rows unioned in a subquery."""
    if isinstance(value, list | tuple):
        return "(" + " UNION ALL ".join(f"SELECT * FROM {name}" for name in value) + ")"
    return str(value)


def _inline(sql: str, values: dict | list) -> str:
    """Replace ``$name`` (named) or ``?`` (positional) placeholders outside strings and comments."""
    out, last = [], 0
    positional = iter(values) if isinstance(values, list) else None
    for start, end, kind in _tokens(sql):
        text = sql[start:end]
        if kind == "parameter" and isinstance(values, dict) and text[1:] in values:
            out.append(sql[last:start] + literal(values[text[1:]]))
            last = end
        elif positional is not None and text == "?":
            out.append(sql[last:start] + literal(next(positional)))
            last = end
    out.append(sql[last:])
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _tokens(sql: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, kind) of each token, by DuckDB's own tokenizer; a ``$name`` placeholder is one token.
    Remembered per text: every render shows the same few statements, and tokenising them was a
    quarter of a warm page render."""
    raw = duckdb.tokenize(sql)
    spans = []
    for i, (start, kind) in enumerate(raw):
        end = raw[i + 1][0] if i + 1 < len(raw) else len(sql)
        text = sql[start:end].rstrip()
        spans.append((start, start + len(text), kind.name))
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        match = _NAMED.match(sql, start) if sql.startswith("$", start) else None
        if match:
            merged.append((start, match.end(), "parameter"))
        elif merged and merged[-1][2] == "parameter" and start < merged[-1][1]:
            continue
        else:
            merged.append((start, end, kind))
    return tuple(merged)


def qualify(sql: str, schema: str, tables: set[str]) -> str:
    """Name each table of ``tables`` read after FROM or JOIN as ``schema.table`` (a name the statement
    defines as a CTE, or one already qualified, is left as it is)."""
    tokens = _tokens(sql)
    words = [(s, e, k, sql[s:e]) for s, e, k in tokens if k != "comment"]
    ctes = {words[i][3].strip('"').lower() for i in range(len(words) - 2)
            if words[i][2] == "identifier" and words[i + 1][3].lower() == "as" and words[i + 2][3] == "("}
    wanted = {name.lower() for name in tables} - ctes
    out, last = [], 0
    for i, (start, end, kind, text) in enumerate(words):
        if kind != "identifier" or i == 0 or words[i - 1][3].lower() not in _TABLE_KEYWORDS:
            continue
        if i + 1 < len(words) and words[i + 1][3] in (".", "("):
            continue
        if text.strip('"').lower() in wanted:
            out.append(sql[last:start] + f"{schema}.{text}")
            last = end
    out.append(sql[last:])
    return "".join(out)


def version_tables(cur: duckdb.DuckDBPyConnection, versions: Iterable[int]) -> dict[int, set[str]]:
    """The tables and views each version's schema holds (canonical and derived), for :func:`runnable`."""
    schemas = [f"v{int(v)}" for v in versions]
    out: dict[int, set[str]] = {int(name[1:]): set() for name in schemas}
    if not schemas:
        return out
    rows = cur.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE list_contains($s, schema_name) "
        "UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE list_contains($s, schema_name)",
        {"s": schemas}).fetchall()
    for schema_name, name in rows:
        out[int(schema_name[1:])].add(name)
    return out
