"""Helpers shared by the commands: month arguments and opening the database for reading."""

from __future__ import annotations

import argparse
import os
import re
from datetime import date

import duckdb

from dashboard import store

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_month(text: str) -> date:
    """``"2024-03"`` -> ``date(2024, 3, 1)``; anything else raises argparse.ArgumentTypeError."""
    match = _MONTH.fullmatch(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month; expected YYYY-MM, e.g. 2024-03")
    return date(int(match.group(1)), int(match.group(2)), 1)


def format_month(value: date) -> str:
    """A month as YYYY-MM."""
    return f"{value:%Y-%m}"


def connect_read_only(path: str | os.PathLike | None) -> duckdb.DuckDBPyConnection:
    """Open an existing database for reading; a missing file is a StoreError naming it, never a new database."""
    target = store.db_path(path)
    if not target.is_file():
        raise store.StoreError(f"{target}: no such database file (load data with `python -m dashboard sample` "
                               "or `ingest` first)")
    return store.connect(target, read_only=True)
