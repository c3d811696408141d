"""Ingest benchmark: the app's whole ingest (read, map, validate, commit a version) against a bare
DuckDB ``CREATE TABLE AS SELECT * FROM read_csv`` of the same file, in the same run: the two run in turn,
``--repeat`` times each, and each time is the median of its runs. Target ratio <= 1.2."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from bench.common import add_scale_args, alternated, report, scale_data, sized
from dashboard import ingest, store
from dashboard.access import local_identity


def register(sub) -> None:
    p = sub.add_parser("ingest", help="ingest time as a ratio to a bare DuckDB read of the same file")
    add_scale_args(p)
    p.add_argument("--table", default="usage", choices=("usage", "subscriptions", "accounts"))
    p.set_defaults(func=run)


def run(args) -> int:
    paths = scale_data(args.accounts, args.months, args.usage_rows)
    path = paths[args.table]
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(1_000_000))

        def bare() -> None:
            con = duckdb.connect(str(Path(tmp) / f"bare{next(counter)}.duckdb"))
            con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}')")
            con.close()

        def full() -> None:
            con = store.connect(Path(tmp) / f"app{next(counter)}.duckdb")
            prepared, version = ingest.ingest_file(con, path, args.table, by=local_identity())
            assert version is not None, [str(p) for p in prepared.problems[:5]]
            con.close()

        bare_s, full_s = alternated(bare, full, args.repeat)  # in turn: the machine's drift hits both alike
    rows = sum(1 for _ in open(path, "rb")) - 1
    report(sized("ingest", args), {"table": args.table, "accounts": args.accounts, "rows": rows, "bare_duckdb_s": bare_s, "ingest_s": full_s,
                      "ratio": full_s / bare_s, "target_ratio": 1.2})
    return 0
