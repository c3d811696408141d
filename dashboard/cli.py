"""Command line: ``python -m dashboard COMMAND --db DB ...``.

Each command module in :data:`COMMAND_MODULES` adds its sub-commands through ``register(sub)``
and sets ``func(args) -> int`` on them. Output tables go to standard output as CSV or JSON;
problems go to standard error as ``error: FILE row N column C: what was wrong`` with exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from typing import TYPE_CHECKING

from dashboard import lazy, settings
from dashboard.i18n import LANGUAGES, Msg, in_language, language_from_environment

if TYPE_CHECKING:
    import pandas as pd

# pandas, DuckDB and the engines load when a command runs, not for --help
duckdb = lazy.module("duckdb")
store = lazy.module("dashboard.store")

# the language of this run's messages: --lang, else the POSIX locale (LANG=ja_JP.UTF-8 -> ja)
LANG = {"lang": language_from_environment()}

COMMAND_MODULES = (
    "dashboard.ingest.command",
    "dashboard.revenue.command",
    "dashboard.cohorts.command",
    "dashboard.churn.command",
    "dashboard.health.command",
    "dashboard.coverage.command",
    "dashboard.checks.command",
    "dashboard.access.command",
    "dashboard.review.command",
    "dashboard.sources.command",
)


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None,
                        help=f"DuckDB database file (default ${settings.DB_ENV} or data/dashboard.duckdb)")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                        help="while another process (the app, another command) holds the database, wait up to "
                             "this long for it (default 30; 0 fails at once)")
    parser.add_argument("--lang", default=None, choices=tuple(LANGUAGES),
                        help="language of messages and texts (default: from LANG, else en)")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")


def write_frame(frame: pd.DataFrame, fmt: str, *, extra: dict | None = None) -> None:
    """Write a table to stdout: CSV with a header, or JSON {"rows": [...], **extra}."""
    if fmt == "json":
        payload = {"rows": json.loads(frame.to_json(orient="records", date_format="iso"))}
        payload.update(extra or {})
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        from dashboard.export import neutralised

        # formula cells neutralised as in the app's downloads: a report opened in a spreadsheet runs nothing
        neutralised(frame).to_csv(sys.stdout, index=False, lineterminator="\n")


def write_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    """:func:`write_frame` of plain rows (text, int, float; NaN for none), the same bytes, without pandas
    for CSV: numbers as pandas writes them (``repr``), NaN as an empty cell, text neutralised."""
    if fmt == "json":
        import pandas as pd

        write_frame(pd.DataFrame(rows, columns=columns), fmt)
        return
    import csv

    from dashboard.export import neutralised_text

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    out.writerows([("" if value != value else repr(value)) if isinstance(value, float) else neutralised_text(value)
                   for value in row] for row in rows)


def _waiting(path, seconds: float) -> None:
    sys.stderr.write(Msg("cli.waiting", seconds=f"{seconds:g}", path=str(path)).to(LANG["lang"]) + "\n")


def say(message, severity: str) -> None:
    """One line on standard error, ``error: ...`` or ``warning: ...``, in the run's language."""
    prefix = Msg(f"cli.{severity}").to(LANG["lang"])
    sys.stderr.write(f"{prefix}: {in_language(message, LANG['lang'])}\n")


def fail(message) -> int:
    say(message, "error")
    return 1


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line; its help in ``lang`` (the commands write it in English, next to their options)."""
    parser = _Parser(prog="python -m dashboard", description="Customer Success retention metrics from a DuckDB database.")
    parser.lang = lang
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    if lang == "ja":
        from dashboard.i18n.cli_help import HELP

        _help_in(parser, HELP)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose own refusals ("the following arguments are required") are said in the
    run's language, with the same ``error:`` prefix as every other refusal of the command line."""

    lang = "en"

    def error(self, message: str):
        if self.lang == "ja":
            from dashboard.i18n.cli_help import ERRORS

            for pattern, japanese in ERRORS:
                found = re.fullmatch(pattern, message)
                if found:
                    message = japanese.format(**found.groupdict())
                    break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {Msg('cli.error').to(self.lang)}: {message}\n")


def _help_in(parser: argparse.ArgumentParser, words: dict[str, str]) -> None:
    """Say every help text of ``parser`` and its commands with ``words`` (English -> the language), and
    argparse's own headings ("usage:", "options") too; a text missing from ``words`` stays English."""
    prefix = words["usage: "]

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix_=None):
            return super().add_usage(usage, actions, groups, prefix)

    for current in parsers(parser):
        current.formatter_class = Formatter
        current.lang = "ja"
        current.description = words.get(current.description, current.description)
        for group in current._action_groups:
            group.title = words.get(group.title, group.title)
        for action in helped(current):
            action.help = words.get(action.help, action.help)


def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """``parser`` and the parser of every command under it."""
    found, queue = [], [parser]
    while queue:
        current = queue.pop(0)
        found.append(current)
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                queue.extend(dict.fromkeys(action.choices.values()))
    return found


def helped(parser: argparse.ArgumentParser) -> list:
    """The options of ``parser`` and the entries of its command list that carry a help text."""
    entries = [a for a in parser._actions if isinstance(a.help, str) and a.help != argparse.SUPPRESS]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            entries += action._choices_actions
    return entries


def _language(argv: list[str] | None) -> str:
    """The run's language before the arguments are parsed (the help is written in it): ``--lang``,
    else the POSIX locale."""
    args = sys.argv[1:] if argv is None else list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return language_from_environment()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_language(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if getattr(args, "wait", None) is not None and args.wait < 0:
        return fail(Msg("cli.wait_negative", wait=f"{args.wait:g}"))
    LANG["lang"] = getattr(args, "lang", None) or language_from_environment()
    before = dict(store.LOCK_WAIT)
    store.LOCK_WAIT.update(seconds=getattr(args, "wait", None) or 0.0, notify=_waiting)
    try:
        return int(args.func(args) or 0)
    except store.StoreError as exc:
        return fail(exc)  # said in the run's language when it is a catalogue message
    except BrokenPipeError:
        return 0
    except (duckdb.IOException, OSError) as exc:
        # disk full, a file too large, permission denied, a file gone mid-read: every write is one
        # transaction, so nothing was changed; one line, never a traceback
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return fail(Msg("cli.nothing_changed", path=str(getattr(args, "db", None) or store.db_path()), reason=first))
    finally:
        store.LOCK_WAIT.update(before)
