"""The command line's start: ``python -m dashboard --help`` (and in Japanese) as whole processes,
against a bare interpreter that imports argparse, measured in the same run (issue 14: <= 0.3 s)."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.common import best_of, report

TARGET_SECONDS = 0.3


def register(sub) -> None:
    p = sub.add_parser("cli-start", help="python -m dashboard --help as a process vs a bare interpreter")
    p.add_argument("--repeat", type=int, default=9)
    p.set_defaults(func=run)


def _process(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, env=env)


def run(args) -> int:
    japanese = {**os.environ, "LANG": "ja_JP.UTF-8"}
    bare = best_of(lambda: _process("-c", "import argparse"), args.repeat)
    english = best_of(lambda: _process("-m", "dashboard", "--help"), args.repeat)
    ja = best_of(lambda: _process("-m", "dashboard", "nrr", "--help", env=japanese), args.repeat)
    report("cli_start", {
        "bare_interpreter_s": bare,
        "help_s": english,
        "help_ja_nrr_s": ja,
        "help_vs_bare": english / bare,
        "target_s": TARGET_SECONDS,
        "within_target": max(english, ja) <= TARGET_SECONDS,
    })
    return 0
