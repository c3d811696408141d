"""Recorded SQL made runnable: values written as literals that mean the same value, the version's
tables qualified, CTE names and strings left alone."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb
import pytest

from dashboard import trace

HOSTILE = ["O'Brien", "a''b", "$start", "?", "-- not a comment", "'; DROP TABLE x; --", "顧客 ①", "back\\slash", ""]


@pytest.mark.parametrize("value", [*HOSTILE, 0, -3, 2.5, 1e-300, True, False, None, Decimal("12.340"),
                                   date(2024, 12, 31), datetime(2024, 1, 2, 3, 4, 5), ["a", "O'B"], (1, 2)])
def test_a_literal_reads_back_as_the_value(value):
    got = duckdb.sql(f"SELECT {trace.literal(value)} AS v").fetchall()[0][0]
    want = list(value) if isinstance(value, tuple) else value
    assert got == want


def test_named_values_are_inlined_outside_strings_and_comments():
    step = trace.Step("select $a as a, '$a' as s -- $a\nfrom t where x = $b", (("a", "it's"), ("b", 2)), True, None)
    sql = trace.runnable(step)
    assert sql == "select 'it''s' as a, '$a' as s -- $a\nfrom t where x = 2;"


def test_positional_values_are_inlined_in_order():
    step = trace.Step("select ?, '?', ? from t", ("x", 3), False, None)
    assert trace.runnable(step) == "select 'x', '?', 3 from t;"


def test_tables_of_the_version_are_qualified_but_ctes_and_qualified_names_are_not():
    sql = ("with accounts as (select 1) select * from accounts a join usage u on true "
           "join v2.team m on true, other o join query_table($grid) g on true")
    step = trace.Step(sql, (("grid", 'v7."account_month_mrr_202412"'),), True, 7)
    out = trace.runnable(step, {"accounts", "usage", "team", "other"})
    assert "from accounts a" in out  # the CTE
    assert "join v7.usage u" in out
    assert "join v2.team m" in out
    assert 'join v7."account_month_mrr_202412" g' in out


def test_a_statement_passed_as_text_is_written_in_place():
    step = trace.Step("select * from query($reasons) r", (("reasons", "select * from churn_reasons"),), True, 3)
    assert trace.runnable(step, {"churn_reasons"}) == "select * from (\nselect * from v3.churn_reasons\n) r;"


def test_recorders_nest_and_a_cached_run_replays_its_steps():
    with trace.recording() as outer:
        trace.record("select 1")
        with trace.recording() as inner:
            trace.record("select 2")
        trace.replay(inner)
    assert [s.sql for s in inner] == ["select 2"]
    assert [s.sql for s in outer] == ["select 1", "select 2", "select 2"]
    assert [s.sql for s in trace.lineage(outer)] == ["select 1", "select 2"]
    trace.record("select 3")  # no recorder open: nothing kept, nothing raised
    assert not trace.active()
