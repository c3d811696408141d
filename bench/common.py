"""Shared benchmark helpers: timing, the scale data set, result files."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench import scale

RESULTS = Path(__file__).resolve().parent / "results"


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``repeat`` runs, in seconds (median resists a noisy shared machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def alternated(first: Callable[[], object], second: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """Median wall times of ``first`` and ``second``, run in turn ``repeat`` times each (first, second,
    first, ...): a ratio of the two then compares runs made minutes apart at most, on a shared machine
    whose speed drifts by a third within minutes."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, kept in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def scale_data(accounts: int, months: int, usage_rows: int) -> dict[str, Path]:
    """The scale CSVs for these parameters, generated once and kept under bench/data/."""
    folder = scale.DEFAULT_DIR / f"a{accounts}_m{months}_u{usage_rows}"
    paths = {name: folder / f"{name}.csv" for name in ("accounts", "subscriptions", "usage")}
    if not all(p.exists() for p in paths.values()):
        scale.generate(folder, accounts=accounts, months=months, usage_rows=usage_rows)
    return paths


def add_scale_args(parser) -> None:
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--usage-rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)


def sized(name: str, args) -> str:
    """The result file's name: ``name`` at the default 100k accounts, ``name_1m`` (``_<n>``) at another
    size, so a run at 1M accounts never replaces the 100k figures (both are kept, issue 14); a run with
    100M usage rows or more adds ``_usage_<n>m`` (``health_1m_usage_100m``)."""
    accounts = int(getattr(args, "accounts", 100_000))
    usage = int(getattr(args, "usage_rows", 0) or 0)
    # 100M usage rows (issue 14's largest run) beside the 30M run of the same book: its own file too
    tail = f"_usage_{usage // 1_000_000}m" if usage >= 100_000_000 else ""
    if accounts == 100_000:
        return name + tail
    size = f"{accounts // 1_000_000}m" if accounts % 1_000_000 == 0 else str(accounts)
    return f"{name}_{size}{tail}"


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far (engine, data and all), in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, result: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n")
    for key, value in result.items():
        print(f"{key}: {value:.4g}" if isinstance(value, float) else f"{key}: {value}")


def stop(proc) -> None:
    """End a server the benchmark started: terminate, then kill what is still there after 30 s."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
