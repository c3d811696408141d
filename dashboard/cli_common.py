"""Helpers shared by the commands: month arguments, JSON setting files and opening the database for reading."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from dashboard import lazy, windows
from dashboard.i18n import Msg

duckdb = lazy.module("duckdb")
store = lazy.module("dashboard.store")

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
T = TypeVar("T")


def read_settings_file(path: str, parse: Callable[[bytes], T], error: type[ValueError], what: str) -> T:
    """A JSON settings file (health configuration, coverage scenario) parsed by ``parse``; a file that
    cannot be read or parsed raises ``error`` with a message that starts with the file's name."""
    target = Path(path)
    try:
        text = target.read_bytes()
    except OSError as exc:
        raise error(f"{target}: cannot read the {what} ({exc.strerror or exc})") from None
    try:
        return parse(text)
    except error as exc:
        raise error(f"{target}: {exc}") from None


def parse_month(text: str) -> date:
    """``"2024-03"`` -> ``date(2024, 3, 1)``; anything else raises argparse.ArgumentTypeError."""
    match = _MONTH.fullmatch(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(Msg("cli.not_a_month", text=repr(text)))
    return date(int(match.group(1)), int(match.group(2)), 1)


def format_month(value: date) -> str:
    """A month as YYYY-MM."""
    return f"{value:%Y-%m}"


def connect_read_only(path: str | os.PathLike | None) -> duckdb.DuckDBPyConnection:
    """Open an existing database for reading; a missing file is a StoreError naming it, never a new database."""
    target = store.db_path(path)
    if not target.is_file():
        raise store.StoreError(Msg("cli.no_database", target=str(target)))
    return store.connect(target, read_only=True)


def month_arg(flag: str, text: str | None) -> date | None:
    """A YYYY-MM option's value (None when not given); a bad one names the option in its error."""
    if text is None:
        return None
    try:
        return parse_month(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(Msg("cli.option", flag=flag, problem=exc.args[0] if exc.args else str(exc))) from None


def report_months(con: duckdb.DuckDBPyConnection, db: str | os.PathLike | None) -> tuple[date, date]:
    """(default as-of month, latest month a user may choose) of the current version: PRODUCT.md's
    "The as-of month". A version without revenue is a StoreError naming the database."""
    from dashboard.revenue import metrics as revenue  # lazily: --help stays quick

    default = revenue.default_as_of(con)
    if default is None:
        table = revenue.revenue_table(con)
        what = Msg("cli.revenue_empty", table=table) if table else Msg("cli.no_revenue_table")
        raise store.StoreError(Msg("cli.no_revenue", target=str(store.db_path(db)), what=what))
    return default, max(default, windows.last_complete_month())


def as_of_month(con: duckdb.DuckDBPyConnection, db: str | os.PathLike | None, given: date | None,
                flag: str = "--as-of") -> date:
    """The month a command reports through: ``given`` when it is at most the last complete calendar
    month, else the default as-of month; a later month is a StoreError naming the option."""
    default, cap = report_months(con, db)
    if given is None:
        return default
    if given > cap:
        raise store.StoreError(Msg("cli.after_cap", flag=flag, given=format_month(given), cap=format_month(cap)))
    return given


@contextmanager
def read_as_of(args: argparse.Namespace) -> Iterator[tuple[duckdb.DuckDBPyConnection, date]]:
    """The database of ``args.db`` opened read-only and the month ``--as-of`` reports through (its
    default when not given), closed after the block; a bad or too late month is a StoreError naming
    the option (said as the command's other refusals are)."""
    try:
        given = month_arg("--as-of", args.as_of)
    except argparse.ArgumentTypeError as exc:
        raise store.StoreError(exc.args[0] if exc.args else str(exc)) from None
    con = connect_read_only(args.db)
    try:
        yield con, as_of_month(con, args.db, given)
    finally:
        con.close()
