"""Review commands: the review pack as PowerPoint (``pack``), targets (``targets``) and notes on the
timeline (``timeline``)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from dashboard import access, cli, lazy, settings
from dashboard.cli_common import connect_read_only, read_as_of
from dashboard.i18n import Msg
from dashboard.revenue import BRIDGE_BY

store = lazy.module("dashboard.store")
KINDS = ("trailing_12", "fiscal_year", "quarter", "month")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pack", help="the retention review pack as a PowerPoint deck (the same deck as the pages' download)")
    cli.add_db(p)
    p.add_argument("--out", default=None, metavar="FILE.pptx",
                   help="where to write the deck (default: a name with the window and as-of month, in this folder)")
    p.add_argument("--window", default="trailing_12", choices=KINDS, help="the window kind (default trailing_12)")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="the as-of month; the window is the latest of its kind ending there (default: the latest month the data speaks of)")
    p.add_argument("--unit", default="ARR", choices=("ARR", "MRR"), help="money unit of the slides (default ARR)")
    p.add_argument("--by", default="segment", choices=BRIDGE_BY, help="the split slide's grouping (default segment)")
    p.add_argument("--currency", default=None, choices=tuple(settings.CURRENCIES),
                   help="currency of the amounts (default: the one the data states, else USD)")
    p.add_argument("--fiscal-start", type=int, default=1, choices=range(1, 13), metavar="MONTH",
                   help="first month of the fiscal year, 1-12 (default 1; 4 for April)")
    p.add_argument("--retro", action="store_true",
                   help="the all-hands retrospective instead: one slide per churned account of the window")
    p.add_argument("--anonymise", action="store_true", help="hide customer and CSM names (retrospective)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("targets", help="NRR and GRR targets per fiscal year: list them, or set, delete or import them")
    cli.add_db(p)
    p.add_argument("--set", default=None, metavar="FY", help="the fiscal year to set (2025 or FY2025)")
    p.add_argument("--nrr", default=None, help="NRR target, e.g. 110 or 110%% or 1.10")
    p.add_argument("--grr", default=None, help="GRR target, e.g. 90")
    p.add_argument("--segment", default=None, help="a segment's target (default: the whole book)")
    p.add_argument("--delete", default=None, metavar="FY", help="delete the targets of this fiscal year")
    p.add_argument("--import", dest="import_file", default=None, metavar="FILE.csv",
                   help="save every row of a CSV with columns fiscal_year, nrr, grr and optionally segment")
    cli.add_format(p)
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("timeline", help="notes on the timeline (price changes, launches, ...): list, add, delete or import")
    cli.add_db(p)
    p.add_argument("--add", default=None, metavar="YYYY-MM-DD", help="add a note on this day (the first day of a span)")
    p.add_argument("--ends", default=None, metavar="YYYY-MM-DD", help="the last day of the note's span")
    p.add_argument("--text", default=None, help="the note's text (one line)")
    p.add_argument("--category", default=None, help="price_change, launch, reorganisation, campaign, incident or other")
    p.add_argument("--delete", default=None, type=int, metavar="ID", help="delete the note with this id")
    p.add_argument("--import", dest="import_file", default=None, metavar="FILE.csv",
                   help="add every row of a CSV with columns starts, text and optionally ends, category")
    cli.add_format(p)
    p.set_defaults(func=cmd_timeline)


def cmd_pack(args: argparse.Namespace) -> int:
    from dashboard.charts.formats import Money
    from dashboard.checks.reconcile import stated_currency
    from dashboard.review import deck, pack, retro_deck

    with read_as_of(args) as (con, as_of):
        lang = cli.LANG["lang"]
        currency = args.currency or stated_currency(con) or settings.default("currency")
        view = pack.View(pack.window_of(args.window, as_of, fiscal_start=args.fiscal_start, lang=lang), as_of,
                         lang=lang, unit=args.unit, money=Money(currency, 0, lang), fiscal_start=args.fiscal_start,
                         split=args.by, db=str(store.db_path(args.db)))
        made = (retro_deck.retro_deck(con, view, anonymise=args.anonymise) if args.retro
                else pack.review_pack(con, view))
    target = Path(args.out or made.filename)
    target.write_bytes(deck.write(made))
    print(Msg("review.pack_written", path=str(target), slides=len(made.slides) + 1).to(cli.LANG["lang"]))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from dashboard.review import targets

    def change(con, by):
        if args.set is not None:
            targets.save_target(con, by=by, fiscal_year=args.set, nrr=args.nrr, grr=args.grr, segment=args.segment)
        elif args.delete is not None:
            if not targets.delete_target(con, by=by, fiscal_year=args.delete, segment=args.segment):
                return Msg("review.target_missing", year=args.delete)
        elif args.import_file is not None:
            targets.import_rows(con, _csv(args.import_file), by=by)
        return None

    writing = args.set is not None or args.delete is not None or args.import_file is not None
    return _saved(args, change if writing else None, targets.load_targets, targets.TargetError)


def cmd_timeline(args: argparse.Namespace) -> int:
    from dashboard.review import timeline

    def change(con, by):
        if args.add is not None:
            timeline.save_note(con, by=by, starts=args.add, ends=args.ends, text=args.text, category=args.category)
        elif args.delete is not None:
            if not timeline.delete_note(con, by=by, note_id=args.delete):
                return Msg("review.note_unknown", note_id=args.delete)
        elif args.import_file is not None:
            timeline.import_rows(con, _csv(args.import_file), by=by)
        return None

    writing = args.add is not None or args.delete is not None or args.import_file is not None
    return _saved(args, change if writing else None, timeline.load_notes, timeline.NoteError)


def _saved(args: argparse.Namespace, change, read, error: type[Exception]) -> int:
    """Make ``change(con, by)`` (None: nothing to change; it returns a refusal or None) as this computer's
    user, then print what ``read(con)`` gives; a refusal or ``error`` is said on standard error and
    nothing is changed. The database must exist: a mistyped path never makes a new one."""
    con = connect_read_only(args.db) if change is None else _existing(args.db)
    try:
        refusal = change(con, access.local_identity()) if change is not None else None
        if refusal is not None:
            return cli.fail(refusal)
        frame = read(con)
    except (error, access.AccessDenied) as exc:
        return cli.fail(exc.msg)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0


def _existing(db: str | None):
    target = store.db_path(db)
    if not target.is_file():
        raise store.StoreError(Msg("cli.no_database", target=str(target)))
    return store.connect(target)


def _csv(path: str):
    """A small CSV of targets or notes, every cell as text (UTF-8, with or without BOM, or Shift_JIS)."""
    import pandas as pd

    from dashboard.parsing import detect_encoding

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise store.StoreError(Msg("review.file_unreadable", path=path, reason=exc.strerror or str(exc))) from None
    encoding, _ = detect_encoding(data)
    try:
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding=encoding)
    except ValueError as exc:  # not a table (pandas' parser errors and undecodable bytes are ValueErrors)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise store.StoreError(Msg("review.file_unreadable", path=path, reason=first)) from None

