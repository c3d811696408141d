"""python -m bench COMMAND: benchmarks reported as ratios against a baseline measured in the same run.

Commands register themselves from the modules in MODULES (each has ``register(sub)``). Results are
printed and written to bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bench import suite

MODULES = ("bench.ingest_bench", "bench.ingest_memory", "bench.cohorts_bench", "bench.revenue_bench", "bench.health_bench",
           "bench.cli_bench", "bench.load_bench", "bench.browser_bench", "bench.pull_bench")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(name).register(sub)
    suite.register(sub)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "all":
        return suite.run(args, dict(sub.choices))
    return int(args.func(args) or 0)


sys.exit(main())
