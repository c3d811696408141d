"""Review commands: the review pack as PowerPoint (``pack``), targets (``targets``) and notes on the
timeline (``timeline``)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from dashboard import access, cli, lazy, settings
from dashboard.cli_common import as_of_month, connect_read_only, month_arg
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

    try:
        given = month_arg("--as-of", args.as_of)
    except argparse.ArgumentTypeError as exc:
        return cli.fail(exc)
    con = connect_read_only(args.db)
    try:
        as_of = as_of_month(con, args.db, given)
        lang = cli.LANG["lang"]
        currency = args.currency or stated_currency(con) or settings.default("currency")
        view = pack.View(pack.window_of(args.window, as_of, fiscal_start=args.fiscal_start, lang=lang), as_of,
                         lang=lang, unit=args.unit, money=Money(currency, 0, lang), fiscal_start=args.fiscal_start,
                         split=args.by, db=str(store.db_path(args.db)))
        made = (retro_deck.retro_deck(con, view, anonymise=args.anonymise) if args.retro
                else pack.review_pack(con, view))
    finally:
        con.close()
    target = Path(args.out or made.filename)
    target.write_bytes(deck.write(made))
    print(Msg("review.pack_written", path=str(target), slides=len(made.slides) + 1).to(cli.LANG["lang"]))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    import pandas as pd

    from dashboard.review import targets

    writing = args.set is not None or args.delete is not None or args.import_file is not None
    con = store.connect(store.db_path(args.db)) if writing else connect_read_only(args.db)
    try:
        if args.set is not None:
            targets.save_target(con, by=access.local_identity(), fiscal_year=args.set, nrr=args.nrr, grr=args.grr,
                                segment=args.segment)
        elif args.delete is not None:
            if not targets.delete_target(con, by=access.local_identity(), fiscal_year=args.delete, segment=args.segment):
                return cli.fail(Msg("review.target_missing", year=args.delete))
        elif args.import_file is not None:
            targets.import_rows(con, _csv(args.import_file, pd), by=access.local_identity())
        frame = targets.load_targets(con)
    except (targets.TargetError, access.AccessDenied) as exc:
        return cli.fail(exc.msg)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    import pandas as pd

    from dashboard.review import timeline

    writing = args.add is not None or args.delete is not None or args.import_file is not None
    con = store.connect(store.db_path(args.db)) if writing else connect_read_only(args.db)
    try:
        if args.add is not None:
            timeline.save_note(con, by=access.local_identity(), starts=args.add, ends=args.ends, text=args.text,
                               category=args.category)
        elif args.delete is not None:
            if not timeline.delete_note(con, by=access.local_identity(), note_id=args.delete):
                return cli.fail(Msg("review.note_unknown", note_id=args.delete))
        elif args.import_file is not None:
            timeline.import_rows(con, _csv(args.import_file, pd), by=access.local_identity())
        frame = timeline.load_notes(con)
    except (timeline.NoteError, access.AccessDenied) as exc:
        return cli.fail(exc.msg)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0


def _csv(path: str, pd):
    """A small CSV of targets or notes, every cell as text (UTF-8, with or without BOM, or Shift_JIS)."""
    from dashboard.parsing import detect_encoding

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise store.StoreError(Msg("review.file_unreadable", path=path, reason=exc.strerror or str(exc))) from None
    encoding, _ = detect_encoding(data)
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding=encoding)

