"""Browser tests: a real `streamlit run` on 127.0.0.1 driven by Playwright in Debian's Chromium.

Screenshots go to test-artifacts/ (kept by CI as artifacts, and looked at by people).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    """Mark the browser tests e2e. The hook sees the whole session's items, so only this folder's."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db: Path, *, port: int | None = None, env: dict | None = None, args: tuple[str, ...] = ()):
    """``streamlit run app.py`` on 127.0.0.1 on database ``db`` (log beside it), until the block ends;
    yields its URL. ``env`` adds environment variables, ``args`` Streamlit options."""
    port = port or _free_port()
    log = open(db.with_suffix(".log"), "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *args],
        cwd=ROOT, env=dict(os.environ, CS_DASHBOARD_DB=str(db), **(env or {})), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"streamlit did not start; see {db.with_suffix('.log')}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """A running app on its own database (the sample company loads on first page view)."""
    db = tmp_path_factory.mktemp("e2e") / "dashboard.duckdb"
    with running_app(db) as url:
        yield {"url": url, "db": db}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def shot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artifact and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout)
    page.wait_for_timeout(300)


def open_lazy_expander(page, label: str, tables: int) -> None:
    """Open an expander whose tables are built only while it is open: none before, ``tables`` after."""
    from playwright.sync_api import expect

    box = page.locator("[data-testid='stExpander']").filter(has_text=label)
    expect(box.locator("[data-testid='stDataFrame']")).to_have_count(0)
    box.get_by_text(label).click()
    wait_idle(page)
    expect(box.locator("[data-testid='stDataFrame']")).to_have_count(tables, timeout=60_000)
