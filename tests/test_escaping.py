"""Escape in one place: names holding markdown, HTML and emoji shortcodes, loaded into every text
column (and a file name), show on every page as written, never as a link, colour, HTML or emoji."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from dashboard import store
from dashboard.ui.widgets import plain
from tests import test_page_matrix as matrix
from tests.conftest import open_page
from tests.identities import ME

PAYLOAD = "**[x](http://evil.example)** :red[X] <b>x</b><script>alert(1)</script> :smile: $x$"
# what the payload would look like to markdown if it were passed on unescaped
LIVE = ("](http", ":red[", "<b>", "<script", ":smile:", "**[", "$x$")


SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$=&")


def _pattern(live: str) -> re.Pattern:
    """``live`` with an optional backslash before each special character (captured, to see which is bare)."""
    return re.compile("".join(f"(\\\\?){re.escape(c)}" if c in SPECIAL else re.escape(c) for c in live))


PATTERNS = [_pattern(live) for live in LIVE]


def is_live(body: str) -> bool:
    """True when some occurrence of a payload construct has a special character without its escape
    (an escaped one is shown as written; a bare one is markdown again)."""
    return any(not all(match.groups()) for pattern in PATTERNS for match in pattern.finditer(body))


def hostile(label: str, k: int) -> str:
    return f"{PAYLOAD} {label}{k}"


def tables() -> dict[str, pd.DataFrame]:
    out = matrix.full()
    accounts = out["accounts"]
    for column in ("account_name", "segment", "industry", "region", "csm"):
        # two values per column, so splits and filters have groups to name
        accounts[column] = [hostile(column, k % 2) for k in range(len(accounts))]
    out["subscriptions"]["product"] = [hostile("product", k % 2) for k in range(len(out["subscriptions"]))]
    reasons = out["churn_reasons"]
    for column in ("primary_reason", "secondary_reason", "competitor", "notes"):
        reasons[column] = [hostile(column, k) for k in range(len(reasons))]
    out["team"]["csm"] = [hostile("csm", k) for k in range(len(out["team"]))]
    return out


FILE_NAME = f"{PAYLOAD}.csv"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("escaping") / "hostile.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load(name, frame, FILE_NAME) for name, frame in tables().items()], by=ME)
    con.close()
    return path


def live_markdown(at) -> list[str]:
    """Every markdown body and markdown label of the run that carries the payload unescaped."""
    bodies = [e.value for kind in (at.markdown, at.caption, at.info, at.warning, at.success, at.error,
                                   at.title, at.header, at.subheader) for e in kind]
    bodies += [str(m.label) for m in at.metric] + [str(m.value) for m in at.metric]
    bodies += [str(w.label) for kind in (at.selectbox, at.multiselect, at.radio, at.toggle, at.text_input,
                                         at.button, at.expander, at.tabs) for w in kind]
    return [body for body in bodies if is_live(body)]


def live_chart_text(at) -> list[str]:
    """Every text of the run's charts (data labels, legends, hovers, titles) that holds the payload's
    tags as tags: plotly draws <b>, <a href> and <br> in any of them."""
    found = []

    def walk(value):
        if isinstance(value, str):
            if "<b>x</b>" in value or "<script" in value:
                found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            for attribute in ("x", "y", "text", "hovertext", "customdata", "labels", "name"):
                walk(trace.get(attribute))
        title = spec.get("layout", {}).get("title", {})
        walk(title.get("text") if isinstance(title, dict) else title)
    return found


def shows_payload(at) -> bool:
    """The escaped payload is on the page (so the check above looked at text that holds user data)."""
    escaped = plain("evil.example")
    return any(escaped in e.value for kind in (at.markdown, at.caption, at.info, at.warning) for e in kind)


VIEWS = [  # page, widgets to set (key, value) before looking, whether a sentence names a user value
    ("data", [], False),
    ("nrr", [], True),
    *[("nrr", [("nrr.by", by)], True) for by in ("csm", "region", "industry", "product")],
    ("cohorts", [], False),
    ("health", [], False),
    ("coverage", [], True),
    ("churn", [], True),
    ("churn", [("churn.retro", True)], True),
]


@pytest.mark.parametrize(("page", "widgets", "named"), VIEWS)
def test_no_page_renders_user_text_as_markdown(page, widgets, named, hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, f"pages/{page}.py", lang="en", timeout=matrix.TIMEOUT)
    for key, value in widgets:
        widget = next(w for kind in (at.segmented_control, at.toggle) for w in kind if w.key == key)
        widget.set_value(value)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert live_markdown(at) == []
    assert live_chart_text(at) == []
    if named:
        assert shows_payload(at)


def test_the_renderer_leaves_nothing_live():
    shown = plain(FILE_NAME)
    assert is_live(FILE_NAME) and not is_live(shown)
    # every character survives: the escapes (and the zero-width space after a colon) are all it adds
    assert shown.replace("\\", "").replace("\u200b", "") == FILE_NAME


@pytest.mark.parametrize("text", ["vera@example.com", "see www.evil.example now", "WWW.Evil.Example",
                                  "mail ops@cs.example.co.jp or www.example.org"])
def test_addresses_and_www_names_stay_text(text):
    """GitHub-flavoured markdown links a bare address or www. name even with its dots escaped (the
    sidebar showed the signed-in address as a mailto link): a zero-width space breaks each."""
    import re

    shown = plain(text)
    assert shown.replace("\\", "").replace("\u200b", "") == text
    assert "@" not in shown.replace("\u200b@", "")
    assert not re.search(r"(?i)www\\?\.", shown)


def test_no_widget_renders_html():
    """Keep 'no HTML injection': nothing in the Streamlit seam or the pages asks for raw HTML, except
    st.html of a module constant (the presentation mode's CSS), which holds no user data."""
    from tests.layout import seam_sources

    sources = seam_sources()
    offenders = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        html_calls = re.findall(r"st\.html\(([^)]*)\)", text)
        if "unsafe_allow_html" in text or any(not re.fullmatch(r"[A-Z_]+", arg) for arg in html_calls):
            offenders.append(path.name)
    assert offenders == []


def test_an_uploaded_file_name_shows_as_written(hostile_db, tmp_path, monkeypatch):
    """The file's caption, and the warning naming the file a load replaces, escape the name."""
    import shutil

    db = tmp_path / "upload.duckdb"
    shutil.copy(hostile_db, db)  # this test validates a load: keep the module's database as it is
    at = open_page(db, monkeypatch, "pages/data.py", lang="en", timeout=matrix.TIMEOUT)
    at.file_uploader[0].upload(FILE_NAME, b"csm,annual_cost\nAiko,100000\n", "text/csv")
    at.run()
    next(s for s in at.selectbox if str(s.key).startswith("loader.table.")).set_value("team")
    at.run()
    at.button(key="loader.validate").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert live_markdown(at) == []
    name = plain(FILE_NAME)
    assert any(name in c.value for c in at.caption), [c.value for c in at.caption]
    assert any(name in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_chart_draws_user_text_as_written():
    """safe_figure: a category, a legend name, a hover text and a title holding tags are drawn as text;
    a figure without them is drawn as it is (not copied)."""
    import plotly.graph_objects as go

    from dashboard.ui.widgets import safe_figure

    plain_figure = go.Figure(go.Bar(x=["Enterprise", "SMB"], y=[1, 2], name="ARR"))
    assert safe_figure(plain_figure) is plain_figure
    hostile_figure = go.Figure(go.Bar(x=['<a href="http://evil.example">SMB</a>', "AT&T"], y=[1, 2], name="<b>x</b>",
                                      customdata=[["<br>", 1], ["ok", 2]]),
                               layout={"title": {"text": "<i>Acme</i>"}})
    drawn = safe_figure(hostile_figure)
    assert list(drawn.data[0].x) == ['&lt;a href="http://evil.example"&gt;SMB&lt;/a&gt;', "AT&amp;T"]
    assert drawn.data[0].name == "&lt;b&gt;x&lt;/b&gt;" and drawn.layout.title.text == "&lt;i&gt;Acme&lt;/i&gt;"
    assert drawn.data[0].customdata[0][0] == "&lt;br&gt;" and list(drawn.data[0].y) == [1, 2]
    assert list(hostile_figure.data[0].x)[1] == "AT&T"  # the shared figure itself is never changed
