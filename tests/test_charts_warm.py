"""The server's warm-up: plotly's chart code loaded and the start-up frozen out of the collector's way."""

from __future__ import annotations

import gc
import subprocess
import sys

SCRIPT = """
import gc, sys
import duckdb
from dashboard.charts.warm import warm_up
con = duckdb.connect()  # alive when frozen, as the app's connection is
before = gc.get_freeze_count()
assert "plotly.graph_objs._heatmap" not in sys.modules
warm_up()
assert "plotly.graph_objs._heatmap" in sys.modules and "plotly.graph_objs._bar" in sys.modules
assert gc.get_freeze_count() > before + 10_000, gc.get_freeze_count()
print("warmed")
"""


def test_warm_up_loads_the_chart_code_and_freezes_the_start_up():
    # a process of its own: the freeze is for the whole process, and the check needs plotly not yet loaded
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "warmed"
    # at exit the frozen objects were handed back to the collector: DuckDB's bindings report no leaks
    assert "leaked" not in done.stderr, done.stderr[:500]


def test_the_test_process_itself_is_not_frozen_by_importing_the_module():
    before = gc.get_freeze_count()
    import dashboard.charts.warm  # noqa: F401

    assert gc.get_freeze_count() == before
