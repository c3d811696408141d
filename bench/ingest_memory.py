"""Ingest memory benchmark: peak resident memory of loading a usage CSV, per load path.

Every measurement runs in its own child process; its peak RSS is the ``ru_maxrss`` the kernel
reports for that child when it is reaped (``os.wait4``: the per-child form of
``getrusage(RUSAGE_CHILDREN)``, which keeps the maximum over every child reaped so far and so
could only be read per run from a fresh parent). The measurements, on one generated file:

- ``bare``: baseline, DuckDB's own ``CREATE TABLE AS SELECT * FROM read_csv`` with default settings;
- ``cli``: ``python -m dashboard ingest --db DB FILE --table usage`` on the clean file (the one-pass
  load, ``dashboard.ingest.one_pass``);
- ``cli_staged``: the same command on the same rows with every value of 1,000 or more written with
  a thousands separator (``"1,234"``, as Excel exports counts): only ingest's own parsers read
  those, so the one-pass load stops and the staged path loads the file (the bug report's case);
- ``upload``: the Data page with an uploaded file: the file's bytes in memory (as Streamlit's
  uploader hands them over), then ``read_source`` -> ``prepare`` -> ``load``; ``upload_bytes_mb``
  is the peak before processing starts, so the processing's own share is the difference.

The bound (README, Reliability): peak RSS <= max(3 x file size, 2 GB). For ``upload`` the
uploaded bytes are the caller's, so the bound applies to what processing adds on top of them.
A child growing beyond ``--kill-above-gb`` is stopped (the machine is shared) and reported as such.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from bench.common import report
from bench.scale import DEFAULT_DIR

MB = 1 << 20
BOUND_FLOOR_MB = 2048
MODES = ("bare", "cli", "cli_staged", "upload")


def register(sub) -> None:
    p = sub.add_parser("ingest-memory", help="peak resident memory of loading a usage CSV, per load path")
    p.add_argument("--size-mb", type=int, default=64, help="size of the generated usage CSV (default 64)")
    p.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    p.add_argument("--kill-above-gb", type=float, default=_total_ram_gb() * 0.6,
                   help="stop a child whose RSS grows beyond this (default 60%% of RAM)")
    p.set_defaults(func=run)


def _total_ram_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30)


def usage_csv(size_mb: int) -> Path:
    """A long-format usage CSV (account_id, month, metric, value) of about ``size_mb`` MB, generated
    once into bench/data/ by a child process (DuckDB writes it: seconds, not minutes)."""
    path = DEFAULT_DIR / f"usage_{size_mb}mb.csv"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "bench.ingest_memory", "generate", str(size_mb), str(path)],
                       check=True)
    return path


def _generate(size_mb: int, path: Path) -> None:
    DEFAULT_DIR.mkdir(parents=True, exist_ok=True)
    row = """lpad(CAST(i // 108 AS VARCHAR), 7, '0') AS account_id,
             strftime(DATE '2024-01-01' + INTERVAL ((i // 3) % 36) MONTH, '%Y-%m') AS month,
             ['logins', 'active_users', 'seats'][i % 3 + 1] AS metric,
             CAST(hash(i) % 5000 AS BIGINT) AS value"""
    con = duckdb.connect()
    per_row = con.execute(f"""SELECT avg(length(concat_ws(',', account_id, month, metric, value)) + 1)
                              FROM (SELECT {row} FROM range(100000) t(i))""").fetchall()[0][0]
    rows = int(size_mb * MB / per_row)
    part = path.with_suffix(".part")
    con.execute(f"COPY (SELECT {row} FROM range({rows}) t(i) ORDER BY i) TO '{part}' (HEADER)")
    con.close()
    part.rename(path)


def staged_copy(path: Path) -> Path:
    """The rows of ``path`` with values of 1,000 or more written "1,234" (by a child process)."""
    out = path.with_name(path.stem + "_separators.csv")
    if not out.exists():
        subprocess.run([sys.executable, "-m", "bench.ingest_memory", "separators", str(path), str(out)], check=True)
    return out


def _separators(path: Path, out: Path) -> None:
    part = out.with_suffix(".part")
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT account_id, month, metric,
                                CASE WHEN value >= 1000 THEN format('{{:,}}', value) ELSE CAST(value AS VARCHAR) END AS value
                         FROM read_csv(?, columns = {{'account_id': 'VARCHAR', 'month': 'VARCHAR', 'metric': 'VARCHAR',
                                                     'value': 'BIGINT'}}, header = true)) TO '{part}' (HEADER)""",
                [str(path)])
    con.close()
    part.rename(out)


def measure(mode: str, csv: Path, db: Path, kill_above_mb: float) -> dict:
    """Run one child; its peak RSS (MB), wall time, exit code and what it printed."""
    if mode in ("cli", "cli_staged"):
        cmd = [sys.executable, "-m", "bench.ingest_memory", "cli", str(db), str(csv)]
    else:
        cmd = [sys.executable, "-m", "bench.ingest_memory", mode, str(db), str(csv)]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True)
        killed = threading.Event()
        threading.Thread(target=_watch, args=(child.pid, kill_above_mb, killed), daemon=True).start()
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        errors.seek(0)
        err = errors.read()
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    result = {"peak_rss_mb": usage.ru_maxrss / 1024, "seconds": seconds, "exit": child.returncode,
              "killed": killed.is_set()}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    result.update(json.loads(lines[-1]) if lines else {})
    if child.returncode and not killed.is_set():
        result["stderr"] = err[-2000:]
    return result


def _watch(pid: int, limit_mb: float, killed: threading.Event) -> None:
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        rss = next((int(line.split()[1]) for line in text.splitlines() if line.startswith("VmRSS:")), 0)
        if rss / 1024 > limit_mb:
            killed.set()
            os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.1)


def run(args) -> int:
    modes = [m for m in args.modes.split(",") if m]
    unknown = set(modes) - set(MODES)
    if unknown:
        raise SystemExit(f"unknown modes: {', '.join(sorted(unknown))}")
    csv = usage_csv(args.size_mb)
    size_mb = csv.stat().st_size / MB
    bound_mb = max(3 * size_mb, BOUND_FLOOR_MB)
    # A child's ru_maxrss starts at this process's peak (Linux carries it across fork and exec), so
    # a child doing nothing shows the smallest figure a measurement can resolve.
    floor = measure("noop", csv, Path(os.devnull), args.kill_above_gb * 1024)["peak_rss_mb"]
    result: dict = {"file_mb": size_mb, "rows": _rows(csv), "bound_mb": bound_mb, "spawn_floor_mb": floor,
                    "ram_gb": _total_ram_gb(), "cpus": os.cpu_count()}
    for mode in modes:
        source = staged_copy(csv) if mode == "cli_staged" else csv
        with tempfile.TemporaryDirectory(prefix="cs_memory_") as tmp:
            got = measure(mode, source, Path(tmp) / "bench.duckdb", args.kill_above_gb * 1024)
        peak = got["peak_rss_mb"]
        added = peak - got.get("bytes_mb", 0.0)
        file_mb = source.stat().st_size / MB
        if source != csv:
            result[f"{mode}_file_mb"] = file_mb
        result[f"{mode}_peak_rss_mb"] = peak
        result[f"{mode}_peak_over_file"] = peak / file_mb
        if mode == "upload":
            result["upload_bytes_mb"] = got.get("bytes_mb", 0.0)
            result["upload_added_mb"] = added
        result[f"{mode}_s"] = got["seconds"]
        if "path" in got:
            result[f"{mode}_path"] = got["path"]
        ok = got["exit"] == 0 and not got["killed"]
        result[f"{mode}_ok"] = ok if ok else ("killed above limit" if got["killed"] else got.get("stderr", "failed"))
        if mode != "bare":
            result[f"{mode}_meets_bound"] = ok and added <= max(3 * file_mb, BOUND_FLOOR_MB)
        print(f"{mode}: {peak:,.0f} MB peak ({peak / file_mb:.2f}x the file) in {got['seconds']:.1f} s", flush=True)
    report(f"ingest_memory_{args.size_mb}mb", result)
    return 0


def _rows(csv: Path) -> int:
    with open(csv, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1


# The children: python -m bench.ingest_memory MODE DB CSV; each prints one JSON line.

def _child(mode: str, db: str, csv: str) -> int:
    import resource

    if mode == "noop":
        return 0
    if mode == "generate":
        _generate(int(db), Path(csv))
        return 0
    if mode == "separators":
        _separators(Path(db), Path(csv))
        return 0
    if mode == "bare":
        con = duckdb.connect(db)
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [csv])
        print(json.dumps({"rows": con.execute("SELECT count(*) FROM t").fetchall()[0][0]}))
        return 0
    from dashboard import cli, ingest, store
    from dashboard.access import local_identity
    from dashboard.ingest import one_pass

    if mode == "cli":
        taken = []
        try_load = one_pass.try_load

        def recording(*a, **k):
            out = try_load(*a, **k)
            taken.append(out is not None)
            return out

        one_pass.try_load = recording
        code = cli.main(["ingest", "--db", db, csv, "--table", "usage"])
        print(json.dumps({"path": "one-pass" if any(taken) else "staged"}))
        return code
    data = Path(csv).read_bytes()   # what Streamlit's uploader hands over (UploadedFile.getvalue())
    bytes_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    con = store.connect(db)
    source = ingest.read_source(con, Path(csv).name, data, sheet=None)
    prepared = ingest.prepare(con, source, "usage", ingest.suggest_mapping("usage", source.columns))
    assert prepared.ok, [str(p) for p in prepared.problems[:5]]
    ingest.load(con, [prepared], by=local_identity())
    print(json.dumps({"path": "staged", "bytes_mb": bytes_mb, "rows": prepared.rows}))
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:4]))
