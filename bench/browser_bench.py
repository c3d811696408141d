"""A real browser on the running app: how long each control takes to answer, page by page (issue 14).

The app runs as users run it (``streamlit run app.py`` from the project folder, on 127.0.0.1) on ``--db``;
Debian's headless Chromium drives it with Playwright as a user would (an option typed and Enter, a number
and Enter, an arrow key on a slider, a click). Each press is timed in the page, from its keydown /
pointerdown to the page updated: the server's script_finished in, no run state ``running`` nor "Running"
status, no element stale (``data-stale="true"``) or still a skeleton, and the new value's own text on
screen where it has one (``Ending MRR`` after the unit toggle); Python round trips and the pause after a
press (to catch a second run) do not count. ``--repeat`` presses per control, a new value each where it
has enough (values come back, as a user's do, so later presses may hit the app's cache; ``first`` is the
cold one): median, min, max and first per control, each page's first open, and the slowest median against
the target: every control answered within 1 s at 1M accounts (issue 14). Screenshots after each control's
first press: /tmp/browser_bench_shots/. The Data page offers only its version picker (never an upload or a
rollback), with two versions. Every wait is bounded by ``--timeout``; the browser and server are stopped.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import report, stop

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
SHOTS = Path("/tmp/browser_bench_shots")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
SETTLE_MS = 500

# In the page before the app's scripts. ``press``: the first key or pointer down after ``arm``;
# ``finishAt``: script_finished (ForwardMsg field 6; not a run stopped for a rerun) off the socket;
# ``idleAt``: the page last stopped looking busy (a run, a stale element, an element's code loading
# behind a skeleton); ``matchAt``: ``expect`` (a regex) first in the main area's text. Updated = the
# latest of the three. A page load is a press at 0 (performance.now() starts at navigation) expecting
# its page's text (MARKERS, from PAGES).
WATCH = r"""(() => {
  const b = window.__bench = {press: 0, finishAt: null, idleAt: 0, matchAt: null, runs: 0, armed: false,
                              busyNow: true, expect: MARKERS[location.pathname.split('/').pop()] || null};
  const one = (selector) => document.querySelector(selector);
  b.busy = () => {
    const app = one('[data-testid="stApp"]'), status = one('[data-testid="stStatusWidget"]');
    return !app || app.dataset.testScriptState === 'running' || !!one('[data-stale="true"]')
      || !!one('[data-testid^="stSkeleton"]') || !!(status && status.textContent.includes('Running'));
  };
  b.matches = () => !b.expect || new RegExp(b.expect).test(one('[data-testid="stMain"]')?.textContent ?? '');
  b.ready = () => b.finishAt !== null && !b.busy() && b.matches();
  b.arm = (expect) => Object.assign(b, {press: null, finishAt: null, idleAt: 0, matchAt: null, runs: 0, expect,
                                        armed: true});
  const mark = () => { if (b.armed) Object.assign(b, {press: performance.now(), armed: false}); };
  addEventListener('keydown', mark, true);
  addEventListener('pointerdown', mark, true);
  const finished = (u) => {  // the script_finished status, or null for any other message
    let i = 0;
    const varint = () => { let v = 0, s = 1, c; do { c = u[i++]; v += (c & 127) * s; s *= 128; } while (c & 128); return v; };
    while (i < u.length) {
      const key = varint(), wire = key & 7;
      if (key === 48) return varint();
      const skip = wire === 0 ? (varint(), 0) : wire === 2 ? varint() : wire === 1 ? 8 : wire === 5 ? 4 : null;
      if (skip === null) return null;
      i += skip;  // not ``i += varint()``: that reads i before varint moves it
    }
    return null;
  };
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const status = b.press !== null && e.data instanceof ArrayBuffer ? finished(new Uint8Array(e.data)) : null;
        if (status !== null && status !== 2) Object.assign(b, {finishAt: performance.now(), runs: b.runs + 1});
      });
    }
  };
  new MutationObserver(() => {
    const busy = b.busy();
    if (b.press !== null && !busy && b.busyNow) b.idleAt = performance.now();
    if (b.press !== null && b.matchAt === null && b.matches()) b.matchAt = performance.now();
    b.busyNow = busy;
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();"""
READY = "() => window.__bench.ready()"

KINDS = [("Quarter", r"Window \d{4}-Q\d"), ("Month", r"Window \d{4}-\d\d[ :]"), ("Fiscal year", r"Window \d{4}[ :]"),
         ("Quarter", r"Window \d{4}-Q\d"), ("Trailing 12 months", "Window T12M")]


def control(kind: str, label: str):
    """How a user moves a control; ``arm`` goes right before the timed key or click. Every press finds
    the control afresh: a rerun replaces the page's elements."""
    def act(page, value, arm):
        if kind == "select":  # open it, type the option, Enter
            target = page.locator("[data-testid='stSelectbox']").filter(has_text=label).locator("input").first
            target.click()  # open the menu first, or Enter has nothing to pick
            target.fill(value)
        elif kind == "number":  # type the number, Enter
            target = page.get_by_label(label, exact=True).first
            target.fill(value)
        elif kind == "slider":  # an arrow key on the thumb
            target = page.locator("[data-testid='stSlider']").filter(has_text=label).first.get_by_role("slider")
        elif kind == "segmented":
            target = page.locator("[data-testid='stButtonGroup']").filter(has_text=label).first.locator(
                "button").filter(has_text=re.compile(f"^{re.escape(value)}$"))
        elif kind == "radio":
            target = page.locator("[data-testid='stRadio']").filter(has_text=label).first.get_by_text(value, exact=True)
        else:
            target = page.get_by_role("button", name=label, exact=True)
        key = {"select": "Enter", "number": "Enter", "slider": value}.get(kind)
        arm()
        target.press(key) if key else target.click()
        return target
    return act


def listed(page, label: str, timeout) -> tuple[list[str], str]:
    """The options of the selectbox labelled ``label`` (empty when no list opens) and the box's own text."""
    from playwright.sync_api import TimeoutError as NoList

    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    names = []
    for _ in range(3):  # one option: no list opens; more: it may not open on the first key
        box.locator("input").press("ArrowDown", timeout=timeout)  # opens the list (a click alone may not)
        try:
            page.get_by_role("option").first.wait_for(timeout=3000)
            names = page.get_by_role("option").all_inner_texts()
        except NoList:
            pass
        page.keyboard.press("Escape")
        if names:
            break
    return names, box.first.inner_text()


def versions(page, timeout):
    """The Data page's version picker: two versions taken in turn, or None when there is only one."""
    names, _ = listed(page, "Make this version current", timeout)
    return [(names[1], None), (names[0], None)] if len(names) > 1 else None


def scored_months(page, timeout):
    """The health back-test's month T: five months other than the one on screen, each a month not scored
    before in this run (its measures and outcomes read anew, as a person picking another T waits for)."""
    names, shown = listed(page, "Scored month T", timeout)
    others = [n for n in names if n not in shown.splitlines()]
    return [(n, rf"Scored in {re.escape(n)}") for n in others[:5]] or None


# page: (the text its first open waits for, [(control, act, [(value, expected text)] or a function giving
# them, a toggle switched on before (label, expected text))])
PAGES = {
    "nrr": ("Revenue bridge", [
        ("window", control("select", "Window"), KINDS, None),
        ("unit", control("segmented", "MRR"), [("MRR", "Ending MRR"), ("ARR", "Ending ARR")], None),
        ("drilldown", control("select", "Bar"), [(b, rf"accounts? in {b}") for b in
                                                 ("Expansion", "Contraction", "Retained", "New", "Churn")], None),
        ("split", control("segmented", "Industry"), [("CSM", None), ("Region", None), ("Industry", None),
                                                     ("Product", "account x product"), ("Segment", None)], None)]),
    "cohorts": ("Retention triangle", [
        ("metric", control("radio", "Logo retention"), [(m, rf"\({m}\)") for m in (
            "Net revenue retention", "Gross revenue retention", "Logo retention")], None),
        ("grain", control("radio", "Cohort by"), [("Quarter", r"After \d+ quarters"), ("Month", r"After \d+ months")],
         None)]),
    "health": ("Accounts by band", [
        ("seat_weight", control("slider", "Seat utilisation"), [("ArrowRight", None), ("ArrowLeft", None)], None),
        # every press a horizon not seen before (7 to 11 months): the scored month T stays, its outcomes are
        # another column of the ones read with it
        ("horizon", control("slider", "Horizon (months)"), [("ArrowRight", rf"within {h} months") for h in range(7, 12)],
         None),
        ("contraction", control("slider", "Contraction counts from"),
         [("ArrowRight", rf"more than {p}%") for p in range(25, 50, 5)], None),
        ("scored_month", control("select", "Scored month T"), scored_months, None)]),
    "coverage": ("The model needs", [
        ("enterprise_ratio", control("number", "Accounts per CSM"), [(v, None) for v in ("25", "30", "35", "40", "20")],
         None),
        ("midmarket_motion", control("select", "Mid-Market: motion"), [(m, None) for m in (
            "Pooled CSMs", "Digital only", "Named CSM (accounts per CSM)")], None)]),
    "churn": ("Why customers left", [
        ("window", control("select", "Window"), KINDS, None),
        # (a book without churn_reasons says the same under either ranking: the run's end is the answer)
        ("rank_by", control("segmented", "Logos"), [("Logos", None), ("ARR lost", None)], None),
        ("retro_next", control("button", "Next"), [("Next", rf"(^|\D){n} of \d") for n in range(2, 30)],
         ("Retrospective mode", "Ordered by ARR lost"))]),
    "data": ("Version history", [("version_picker", control("select", "Make this version current"), versions, None)]),
}


def register(sub) -> None:
    p = sub.add_parser("browser", help="seconds each control of each page takes to answer in a real browser")
    p.add_argument("--db", default=None,  # required, checked in run: ``bench all`` passes no arguments
                   help="required: a loaded database the app opens (CS_DASHBOARD_DB)")
    p.add_argument("--repeat", type=int, default=5, help="presses per control")
    p.add_argument("--out", default="browser", help="results/<out>.json")
    p.add_argument("--timeout", type=float, default=180.0, help="seconds any one wait may take")
    p.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=None,
                   help="only these pages (default: every page)")
    p.set_defaults(func=run)


def settled(page, timeout_ms: float) -> tuple[float, int]:
    """Seconds from the press to the page updated, and the script runs that took (a second run counts)."""
    page.wait_for_function(READY, timeout=timeout_ms, polling=20)
    page.wait_for_timeout(SETTLE_MS)  # not measured: the times are stamped in the page
    page.wait_for_function(READY, timeout=timeout_ms, polling=20)
    b = page.evaluate("() => window.__bench")
    return (max(b["finishAt"], b["idleAt"], b["matchAt"] or 0) - b["press"]) / 1000, b["runs"]


def measure(page, url: str, name: str, controls, args, result: dict) -> None:
    """Open the page, then press each control ``args.repeat`` times; a screenshot after each first press.
    A control that does not answer within the timeout is reported under ``failed`` and the page reopened;
    a page that does not open within it is reported and its controls left out."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    timeout = args.timeout * 1000
    try:
        page.goto(f"{url}/{name}", timeout=timeout)
        result[f"{name}_open_s"] = settled(page, timeout)[0]
    except PlaywrightTimeout:  # a page that does not open in time is a finding, not the end of the run
        result[f"{name}_open_s"] = None
        result.setdefault("failed", {})[f"{name}_open"] = f"not open within {args.timeout:g} s"
        return
    page.screenshot(path=str(SHOTS / f"{name}-0-open.png"))
    for label, act, values, setup in controls:
        key, times, runs = f"{name}_{label}", [], 0
        try:
            if setup:  # not timed
                page.evaluate("e => window.__bench.arm(e)", setup[1])
                page.locator("[data-testid='stCheckbox']").filter(has_text=setup[0]).locator("label").first.click()
                settled(page, timeout)
            values = values(page, timeout) if callable(values) else values
            if not values:
                result.setdefault("skipped", {})[key] = "only one option on this database"
                continue
            for i in range(args.repeat):
                value, expect = values[i % len(values)]
                page.wait_for_function("() => !window.__bench.busy()", timeout=timeout, polling=20)
                target = act(page, value, lambda e=expect: page.evaluate("e => window.__bench.arm(e)", e))
                seconds, n = settled(page, timeout)
                times.append(seconds)
                runs = max(runs, n)
                if i == 0:  # the first new value on screen, the control in view
                    target.evaluate("e => e.scrollIntoView({block: 'center'})")
                    page.screenshot(path=str(SHOTS / f"{key}.png"))
        except Exception as error:  # reported; the next control still runs
            page.screenshot(path=str(SHOTS / f"{key}-failed.png"))
            state = page.evaluate("() => JSON.stringify({...window.__bench, busy: window.__bench.busy()})")
            result.setdefault("failed", {})[key] = f"press {len(times) + 1}: {type(error).__name__}: {state}"
            print(f"{key} FAILED: {str(error).splitlines()[0]} {state}", flush=True)
            page.goto(f"{url}/{name}", timeout=timeout)
            settled(page, timeout)
            continue
        print(f"{key}: {', '.join(f'{t:.2f}' for t in times)} s", flush=True)
        result.update({f"{key}_median_s": statistics.median(times), f"{key}_min_s": min(times),
                       f"{key}_max_s": max(times), f"{key}_first_s": times[0], f"{key}_presses": len(times)})
        if runs > 1:
            result[f"{key}_script_runs"] = runs


def _wait_healthy(url: str, proc: subprocess.Popen, limit: float) -> None:  # as tests/e2e/conftest.py
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}")
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not answer {url}/_stcore/health within {limit:.0f} s")


def run(args) -> int:
    from playwright.sync_api import sync_playwright

    db = Path(args.db).resolve() if args.db else None
    if db is None or not db.is_file():
        print(f"bench browser needs --db, a loaded database file (got {args.db})")
        return 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with (SHOTS / "app.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                 "--server.address", "127.0.0.1", "--server.headless", "true"],
                                cwd=ROOT, env={**os.environ, "CS_DASHBOARD_DB": str(db)}, stdout=log, stderr=log)
    result = {"db": str(db)}
    try:
        _wait_healthy(url, proc, args.timeout)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=args.timeout * 1000)
            context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
            context.set_default_timeout(args.timeout * 1000)
            markers = json.dumps({name: marker for name, (marker, _) in PAGES.items()})
            context.add_init_script(WATCH.replace("MARKERS", markers))
            page = context.new_page()
            for name, (_, controls) in PAGES.items():
                if args.pages and name not in args.pages:
                    continue
                measure(page, url, name, controls, args, result)
            browser.close()  # leaving sync_playwright closes it too, after an error
    finally:
        stop(proc)
    medians = {k.removesuffix("_median_s"): v for k, v in result.items() if k.endswith("_median_s")}
    slowest = max(medians, key=medians.get, default=None)
    result.update({"max_median_s": medians.get(slowest), "slowest_control": slowest, "target_s": TARGET_S})
    report(args.out, result)
    return 0
