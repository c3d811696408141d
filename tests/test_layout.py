"""The package's one organising principle (issue 13): a feature is one folder holding its SQL,
computation, chart, words, view and command; the Streamlit seam stays thin."""

from __future__ import annotations

import ast
import re

from dashboard import store
from dashboard.cli import COMMAND_MODULES
from dashboard.i18n import WORD_MODULES
from tests.layout import FEATURES, ROOT, seam_sources


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_seam_imports_streamlit():
    seam = set(seam_sources())
    drawing = [path.relative_to(ROOT).as_posix() for path in sorted(ROOT.glob("dashboard/**/*.py"))
               if any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(path))
               and path not in seam]
    assert drawing == []


def test_computation_never_reaches_into_a_view():
    """A feature's computation is usable without a page (the CLI, the benchmarks): nothing outside
    the seam imports dashboard.ui or a view module."""
    seam = set(seam_sources())
    offenders = []
    for path in sorted(ROOT.glob("dashboard/**/*.py")):
        if path in seam:
            continue
        for name in _imports(path):
            if name.startswith("dashboard.ui") or re.search(r"^dashboard\.\w+\.view", name):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_each_feature_is_one_folder():
    """Every feature folder has its words and its command, registered where the app reads them, and
    its queries in its own sql/ folder; every query file lives in a feature folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for feature in FEATURES:
        assert f"`dashboard/{feature}/`" in readme, f"the README's layout table lacks dashboard/{feature}/"
        folder = ROOT / "dashboard" / feature
        assert (folder / "words.py").is_file(), feature
        assert f"dashboard.{feature}.words" in WORD_MODULES, feature
        assert (folder / "command.py").is_file(), feature
        assert f"dashboard.{feature}.command" in COMMAND_MODULES, feature
    assert list(ROOT.glob("dashboard/*.sql")) == [] and not (ROOT / "dashboard" / "sql").exists()
    for name, path in store.sql_files().items():
        assert path.parent.parent.name in FEATURES, name
    # the layers a newcomer once crossed are gone
    for gone in ("metrics", "commands"):
        assert not (ROOT / "dashboard" / gone).exists(), gone
    # what every feature's charts share (a feature's own figures live in its folder); warm: the server's warm-up
    assert sorted(p.stem for p in (ROOT / "dashboard" / "charts").glob("*.py")) == [
        "__init__", "formats", "memo", "palette", "warm"]


def test_each_page_is_a_thin_seam_over_its_feature():
    """A page file only arranges its feature's view: no SQL and no pandas arithmetic of its own."""
    for path in sorted(ROOT.glob("pages/*.py")):
        text = path.read_text(encoding="utf-8")
        assert "import duckdb" not in text and "load_sql" not in text and ".execute(" not in text, path.name
        assert len(text.splitlines()) <= 130, path.name


def test_the_command_lines_help_loads_no_engine():
    """``--help`` (every command's, in both languages) builds the whole parser without pandas, DuckDB,
    numpy or Streamlit: they load when a command runs (issue 14; the time is `python -m bench cli-start`)."""
    import subprocess
    import sys

    probe = ("import sys\nfrom dashboard import cli\n"
             "for lang in ('en', 'ja'):\n"
             "    for parser in cli.parsers(cli.build_parser(lang)):\n"
             "        parser.format_help()\n"
             "loaded = [m for m in ('pandas', 'duckdb', 'numpy', 'streamlit', 'pyarrow', 'dashboard.store')\n"
             "          if m in sys.modules and type(sys.modules[m]).__name__ != '_LazyModule']\n"
             "print(loaded)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_command_lines_bridge_loads_no_pandas(sample_db):
    """`python -m dashboard nrr` (CSV, split by segment) reads its rows and writes them without pandas,
    numpy or pyarrow, so a report starts in a third of the time (issue 14: `nrr --by segment` <= 2x a
    bare DuckDB process; the time is `python -m bench revenue`). DuckDB reads pandas when it finds it in
    ``sys.modules``, so a stand-in put there would load it as well."""
    import subprocess
    import sys

    from dashboard import store, windows
    from dashboard.revenue import metrics as revenue

    con = store.connect(sample_db, read_only=True)
    end = revenue.default_as_of(con)
    con.close()
    window = [f"{windows.add_months(end, -6):%Y-%m}", f"{end:%Y-%m}"]
    probe = ("import sys\nfrom dashboard import cli\n"
             f"code = cli.main(['nrr', '--db', {str(sample_db)!r}, '--start', {window[0]!r}, '--end', {window[1]!r},"
             " '--by', 'segment'])\n"
             "print(code, [m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules], file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stderr.strip() == "0 []", out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("group,starting_mrr,") and len(lines) == 4, out.stdout  # three segments


def test_a_lazy_package_gives_its_names_on_first_use():
    """The ingest and checks packages load their parts when a public name is first read."""
    import subprocess
    import sys

    probe = ("import sys\nimport dashboard.ingest as ingest, dashboard.checks as checks\n"
             "assert 'pandas' not in sys.modules and 'dashboard.ingest.loading' not in sys.modules\n"
             "from dashboard.ingest import IngestError, read_source\n"
             "assert ingest.load.__module__ == 'dashboard.ingest.loading'\n"
             "assert checks.findings.__module__ == 'dashboard.checks.reconcile'\n"
             "assert 'read_source' in dir(ingest) and set(ingest.__all__) >= {'load', 'prepare'}\n"
             "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok", out.stdout + out.stderr
