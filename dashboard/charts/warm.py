"""Ready a server process for its first page view.

plotly loads a trace type's code and validators the first time a figure uses it: a heatmap's first
figure took about 0.12 s in a new process, each later one under a millisecond. :func:`warm_up` draws
one tiny figure of every kind the charts use, once, when the server starts. Then it moves every object
alive by then (modules, classes, the loaded plotly code) out of the garbage collector's sight with
``gc.freeze``: a full collection during a page view walks only what page views made, not the whole
start-up (one such collection made a cohort heatmap take 58 ms instead of 15 on the 1M book).
Reference counting still frees frozen objects; only a cycle among them would stay until exit.
"""

from __future__ import annotations

import atexit
import gc

import plotly.graph_objects as go
from plotly.subplots import make_subplots


def warm_up() -> None:
    """Load the chart code the pages use, then freeze what is alive (call once per process)."""
    figure = make_subplots(rows=1, cols=2)
    for trace in (go.Heatmap(z=[[0.0]]), go.Scatter(x=[0], y=[0]), go.Bar(x=[0], y=[0])):
        figure.add_trace(trace, row=1, col=1)
    figure.update_layout(title="warm").to_plotly_json()
    gc.collect()
    gc.freeze()
    # at exit the interpreter's last collection must see them again (DuckDB's bindings report every
    # object still alive then as a leak)
    atexit.register(gc.unfreeze)
