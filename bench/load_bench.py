"""A full room: many people opening the NRR page at once, against one app process (issue 14).

The app runs as users run it (``streamlit run app.py`` from the project folder, so with its
``.streamlit/config.toml``, on 127.0.0.1, one process) on a database
(the sample company by default, ``--db`` for a scale book). Each session is a client of Streamlit's
own websocket (``/_stcore/stream``), the way a browser tab is: it asks for a page and waits for the
server to say the script finished. For 1, 10 and 50 sessions opened at the same moment it reports
the seconds each waited (p50, p95, max) and the server CPU the round cost per session (read from
``/proc/<pid>/stat``); the baseline is one session alone, measured in the same run, so the ratio
says what the room adds. Targets: a warm render <= 100 ms of server CPU on the sample, <= 300 ms at
1M accounts; 50 sessions all served within 5 s. Bounded: every session has a timeout, and the server
is stopped at the end. ``--readers N`` serves the room from N reader processes on a published copy of
the database (dashboard/replica.py: the way a room larger than one process is served), the sessions
spread over them in turn as a proxy with sticky sessions would; CPU and memory are summed over them.
It also times the writer's publication of that copy (``publish_s``) against a byte-for-byte copy of the
database file (``bare_file_copy_s``), in the same run.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import report, stop

ROOT = Path(__file__).resolve().parent.parent
TARGET_ROOM_SECONDS = 5.0
TARGET_CPU_SAMPLE_S = 0.1
TARGET_CPU_1M_S = 0.3


def register(sub) -> None:
    p = sub.add_parser("load", help="1, 10 and 50 sessions opening a page at once on one app process")
    p.add_argument("--db", default=None, help="a loaded database (default: a copy of the sample company)")
    p.add_argument("--page", default="nrr", help="the page's URL path (default nrr)")
    p.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    p.add_argument("--repeat", type=int, default=5, help="sequential single renders for the CPU figure")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds a session may wait")
    p.add_argument("--name", default=None, help="results/load_<name>.json for a --db run (default: the file's stem)")
    p.add_argument("--readers", type=int, default=0,
                   help="serve from this many reader processes on a published copy (dashboard/replica.py) instead "
                        "of one app process; sessions are spread over them as a proxy with sticky sessions would")
    p.set_defaults(func=run)


async def open_page(port: int, page: str, timeout: float) -> float:
    """Seconds from connecting to the server's "script finished" for ``page`` (raises on an error)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    start = time.perf_counter()
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", max_size=None) as ws:
        state = ClientState(page_name=page, context_info=ContextInfo(
            timezone="UTC", locale="en-US", url=f"http://127.0.0.1:{port}/{page}"))
        await ws.send(BackMsg(rerun_script=state).SerializeToString())
        charts = 0
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element.WhichOneof("type")
                if element == "exception":
                    raise RuntimeError(f"the page raised: {message.delta.new_element.exception.message}")
                charts += element == "plotly_chart"
            if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                if not charts:
                    raise RuntimeError(f"{page} finished without a chart: not the page asked for")
                return time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(port: int, proc: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the app did not listen on {port} within {limit:.0f} s")


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def room(ports: list[int], page: str, sessions: int, timeout: float) -> list[float]:
    """``sessions`` opening ``page`` at once, spread over the processes on ``ports`` in turn."""
    return list(await asyncio.gather(*(open_page(ports[i % len(ports)], page, timeout) for i in range(sessions))))


def _serve(db: Path, env: dict) -> tuple[int, subprocess.Popen]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env={**os.environ, "CS_DASHBOARD_DB": str(db), **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return port, proc


def run(args) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "sample.duckdb"
        if args.db is None:
            from dashboard import loading, store
            from dashboard.access import local_identity

            con = store.connect(db)
            loading.load_sample(con, by=local_identity())
            con.close()
        env, copying = {}, {}
        if args.readers:
            from dashboard import replica, store

            folder = Path(tmp) / "published"
            con = store.connect(db)
            start = time.perf_counter()
            replica.publish(con, folder)
            copying["publish_s"] = time.perf_counter() - start
            con.close()
            # the baseline: the same database file copied byte for byte (what a copy cannot beat)
            start = time.perf_counter()
            shutil.copyfile(db, Path(tmp) / "bare-copy.duckdb")
            copying.update({"bare_file_copy_s": time.perf_counter() - start, "db_file_mb": db.stat().st_size / 2**20})
            copying["publish_vs_bare_copy"] = copying["publish_s"] / copying["bare_file_copy_s"]
            (Path(tmp) / "bare-copy.duckdb").unlink()
            env = {replica.REPLICA_ENV: str(folder)}
        servers = [_serve(db, env) for _ in range(max(1, args.readers))]
        ports, procs = [port for port, _ in servers], [proc for _, proc in servers]

        def cpu() -> float:
            return sum(cpu_seconds(proc.pid) for proc in procs)

        try:
            for port, proc in servers:
                _wait_for_server(port, proc)
            cold = asyncio.run(open_page(ports[0], args.page, args.timeout))
            for port in ports:  # warm: caches filled, as after the first visitor
                for _ in range(2):
                    asyncio.run(open_page(port, args.page, args.timeout))
            singles, cpus = [], []
            for _ in range(args.repeat):
                before = cpu()
                singles.append(asyncio.run(open_page(ports[0], args.page, args.timeout)))
                cpus.append(cpu() - before)
            alone = statistics.median(singles)
            result = {"db": "sample" if args.db is None else str(db), "page": args.page, "processes": len(procs),
                      "readers": args.readers, "cold_render_s": cold, "warm_render_s": alone,
                      "warm_render_server_cpu_s": statistics.median(cpus),
                      "target_warm_render_server_cpu_s": TARGET_CPU_SAMPLE_S if args.db is None else TARGET_CPU_1M_S,
                      **copying}
            for n in args.sessions:
                before = cpu()
                waits = asyncio.run(room(ports, args.page, n, args.timeout))
                used = cpu() - before
                result.update({f"sessions_{n}_p50_s": statistics.median(waits),
                               f"sessions_{n}_p95_s": _quantile(waits, 0.95),
                               f"sessions_{n}_max_s": max(waits),
                               f"sessions_{n}_server_cpu_per_session_s": used / n,
                               f"sessions_{n}_max_vs_alone": max(waits) / alone})
            result["target_all_served_s"] = TARGET_ROOM_SECONDS
            result["server_peak_rss_mb"] = sum(rss_mb(proc.pid) for proc in procs)
        finally:
            for proc in procs:
                stop(proc)
    name = "load" if args.db is None else f"load_{args.name or Path(args.db).stem}"
    if args.readers:
        name += f"_{args.readers}_readers"
    report(name, result)
    return 0

