"""The all-hands retrospective as slides: one churned account per slide, biggest ARR lost first, with
its MRR before the churn, the recorded reason, BANTC, notes and the learnings the room saved; names
hidden (customers and CSMs, also inside notes) when anonymised."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from dashboard import store, windows
from dashboard.churn import history, matching, retro
from dashboard.review.content import (
    Chart,
    Deck,
    Figure,
    Slide,
    clean,
    excel_money,
    file_stem,
    notes,
    recorded,
    translator,
)
from dashboard.review.pack import View

# slides in one deck: a large book churns thousands of accounts in a year; the room reviews the biggest
SLIDES_MAX = 200


def retro_deck(con: duckdb.DuckDBPyConnection, view: View, *, anonymise: bool, version: int | None = None) -> Deck:
    """One slide per churned account of ``view``'s window (at most :data:`SLIDES_MAX`), read from one version."""
    tr = translator(view.lang)
    window = view.window
    args = {"as_of": view.as_of, "start": window.start, "end": window.end}
    with store.pinned(version if version is not None else store.current_version(con)) as pinned:
        if not store.has_table(con, "accounts"):  # as the Churn page: churns are matched to their accounts
            return Deck(tr("review.retro_title", window=window.label), tr("review.needs_table", table="accounts"),
                        [], view.lang, filename(view, anonymise))
        with recorded(con) as sql:
            events = matching.churn_events(con, **args)
            mrr = history.mrr_before_churn(con, **args)
            statements = sql()
        anon = _anonymiser(con, tr, events, anonymise)
        saved = retro.load_notes(con)
    shown = events.head(SLIDES_MAX)
    definition = notes(tr, tr("churn.definition_retro"), statements, view.db)
    slides = [_account(tr, view, row, anon, mrr, saved, definition) for row in shown.to_dict("records")]
    subtitle = tr("review.deck_subtitle", as_of=windows.month_label(view.as_of), version=pinned,
                  made=f"{datetime.now():%Y-%m-%d}")
    if len(events):
        subtitle += "\n" + tr("review.retro_count", shown=f"{len(shown):,}", total=f"{len(events):,}")
    return Deck(tr("review.retro_title", window=window.label), subtitle, slides, view.lang, filename(view, anonymise))


def filename(view: View, anonymise: bool) -> str:
    """The retrospective deck's file name: its window and as-of month, and whether names are hidden."""
    stem = file_stem(view.window.kind, view.window.start, view.window.end, view.as_of)
    return f"churn_retrospective_{stem}{'_anonymised' if anonymise else ''}.pptx"


def _anonymiser(con, tr, events: pd.DataFrame, on: bool) -> retro.Anonymiser:
    ids = events["account_id"].astype(str).tolist()
    if not on:
        return retro.Anonymiser.build(False, ids, {}, prefix=tr("churn.alias_prefix"), other=tr("churn.alias_other"))
    names = retro.account_names(con)
    return retro.Anonymiser.build(True, ids, dict(zip(names["account_id"].astype(str), names["account_name"])),
                                  prefix=tr("churn.alias_prefix"), other=tr("churn.alias_other"),
                                  csms=retro.csm_names(con), csm_prefix=tr("churn.alias_csm"))


def _account(tr, view: View, row: dict, anon: retro.Anonymiser, mrr: pd.DataFrame, saved: pd.DataFrame,
             definition: str) -> Slide:
    fmt = view.money
    name = clean(anon.name(row["account_id"], row["account_name"]))
    title = tr("review.churn_slide_title", name=name, month=windows.month_label(row["month"]),
               arr=fmt(row["arr_lost"], compact=True))
    figures = [Figure(tr("churn.col.arr_lost"), fmt(row["arr_lost"], compact=True)),
               Figure(tr("churn.col.tenure_months"), tr("churn.months", n=int(row["tenure_months"]))),
               Figure(tr("churn.col.mrr_before"), fmt(row["mrr_before"], compact=True))]
    csm = clean(row["csm"]).strip()
    csm = anon.csm_alias.get(csm, csm) if anon.on else csm
    body = [" · ".join(v for v in (clean(row["segment"]) or tr("churn.no_segment"), csm) if v)]
    body += _reason(tr, row, anon)
    learnings, actions = retro.note_for(saved, row["account_id"], row["month"])
    for key, text in (("churn.retro_learnings", learnings), ("churn.retro_actions", actions)):
        if text:
            body.append(f"{tr(key)}: {clean(anon.text(text))}")
    one = mrr[(mrr["account_id"] == row["account_id"]) & (mrr["churn_month"] == row["month"])]
    chart = None
    if not one.empty:
        chart = Chart("line", tuple(str(int(m)) for m in one["months_before"]),
                      ((tr("churn.chart.mrr"), tuple(float(v) for v in one["mrr"])),), excel_money(fmt))
    return Slide("churn.retro", title, figures=figures, chart=chart, body=body, notes=definition)


def _reason(tr, row: dict, anon: retro.Anonymiser) -> list[str]:
    if not row["recorded"]:
        return [tr("churn.retro_unrecorded")]
    extra = [tr("churn.retro_reason", reason=clean(row["primary_reason"]))]
    if row["secondary_reason"]:
        extra.append(tr("churn.retro_secondary", reason=clean(row["secondary_reason"])))
    extra.append(tr("churn.retro_competitor", competitor=clean(row["competitor"]) or tr("churn.none")))
    if row["preventable"] is not None and not pd.isna(row["preventable"]):
        extra.append(tr("churn.retro_preventable") if row["preventable"] else tr("churn.retro_not_preventable"))
    lines = [" · ".join(extra)]
    flags = []
    for check in matching.BANTC:
        value = row[check]
        mark = (tr("churn.flag.unknown") if value is None or pd.isna(value)
                else tr("churn.flag.ok") if value else tr("churn.flag.failed"))
        name = check.removesuffix("_ok")
        flags.append(f"{tr(f'churn.bantc.{name}')} {mark}")
    lines.append("BANTC: " + " · ".join(flags))
    if row["notes"]:
        lines.append(f"{tr('churn.retro_notes')}: {clean(anon.text(row['notes']))}")
    return lines
