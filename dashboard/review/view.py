"""Streamlit pieces of the retention review: the deck downloads, the targets on the NRR tiles and
trend, the notes on the timeline (listed under the charts that draw them), and the forms that edit
targets and notes."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import access, store, trace, windows
from dashboard.review import deck, pack, page_deck, retro_deck, timeline
from dashboard.review import targets as plan
from dashboard.review.content import translator
from dashboard.ui import auth, section
from dashboard.ui.core import connection, dataset_key, lang, money, said, t
from dashboard.ui.widgets import lazy_expander, plain, say

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
NEW = -1  # the note picker's "new note"


def fiscal_start() -> int:
    return int(st.session_state.get("fiscal_start", 1))


def saved_targets() -> pd.DataFrame:
    """Every saved target (a small table outside the versions), read once per database file and write
    this process made (so an edit shows at once), and shared by every session."""
    con = connection()
    return _read(con, plan.load_targets, "targets", dataset_key(con), plan.REVISION[0]).copy(deep=False)


def saved_notes() -> pd.DataFrame:
    """Every note on the timeline, read like :func:`saved_targets`."""
    con = connection()
    return _read(con, timeline.load_notes, "notes", dataset_key(con), timeline.REVISION[0]).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=16)
def _read(_con, _load, what: str, key: tuple, revision: int) -> pd.DataFrame:
    """``_load(con)`` (named ``what``: the loader itself is not part of Streamlit's key) for a database
    file (``key``: dataset_key, so a reader's new copy too) and ``revision``."""
    return _load(_con)


def target_of(window: windows.Window) -> plan.Target | None:
    """The whole book's target for the fiscal year the window ends in."""
    return plan.target_for(saved_targets(), window.end, fiscal_start=fiscal_start())


def segment_goals(window: windows.Window) -> pd.DataFrame:
    """The segments' own targets for the window's fiscal year (group, nrr_target, grr_target)."""
    con = connection()
    return _segment_goals(dataset_key(con), plan.REVISION[0], window.end, fiscal_start()).copy(deep=False)


# kept per database file (a reader's copy too), revision and arguments: Streamlit's own cache spent more
# hashing the months than building the frames
@functools.lru_cache(maxsize=64)
def _segment_goals(key: tuple, revision: int, end: date, start: int) -> pd.DataFrame:
    return plan.by_segment(saved_targets(), end, fiscal_start=start)


def gap(target: plan.Target | None, name: str, value: float, window: windows.Window) -> str:
    """The line under an NRR or GRR tile: the target and the gap to it."""
    return pack.gap_text(t, target, name, value, window.end, fiscal_start())


def trend_overlays(months: list[date]) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The targets month by month (None when no target falls in ``months``) and the notes that touch
    them, numbered in order."""
    if not months:
        return None, None
    con = connection()
    return _trend_overlays(dataset_key(con), plan.REVISION[0], timeline.REVISION[0], tuple(months), fiscal_start())


@functools.lru_cache(maxsize=64)
def _trend_overlays(key: tuple, targets_revision: int, notes_revision: int, months: tuple[date, ...],
                    start: int) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    goals = plan.monthly(saved_targets(), months, fiscal_start=start)
    if goals[["nrr_target", "grr_target"]].isna().all().all():
        goals = None
    notes = timeline.in_months(saved_notes(), months[0], months[-1])
    return goals, notes.assign(number=range(1, len(notes) + 1))


def curve_notes(cohorts: list[str], grain: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where each note falls on the picked cohorts' curves, and the notes listed under the chart, with
    the same numbers."""
    saved = saved_notes()
    marks = timeline.at_ages(saved, cohorts, grain)
    listed = saved[saved["note_id"].isin(marks["note_id"])]
    listed = listed.assign(number=range(1, len(listed) + 1))
    marks = marks.merge(listed[["note_id", "number"]], on="note_id")
    return marks, listed


def notes_list(notes: pd.DataFrame) -> None:
    """The notes a chart marks, numbered as on the chart; user text shown as text."""
    if notes.empty:
        return
    st.caption(t("review.notes_in_view"))
    for note in notes.to_dict("records"):
        span = f"{note['starts']:%Y-%m-%d}" + (f" – {note['ends']:%Y-%m-%d}" if note["ends"] else "")
        kind = " · " + t(f"review.category.{note['category']}") if note["category"] else ""
        say(f"[{note['number']}] {span}{kind}: {note['text']}", "caption")


def pack_button(*, window: windows.Window, as_of: date, key: str, unit: str = "ARR", split: str = "segment",
                metric: str = "net", grain: str = "month", filters: dict | None = None) -> None:
    """The review pack of what the page shows, written when the button is pressed, from the version
    this render shows."""
    view = pack.View(window, as_of, lang=lang(), unit=unit, money=money(), fiscal_start=fiscal_start(), split=split,
                     metric=metric, grain=grain, filters=tuple(sorted((filters or {}).items())), db=str(store.db_path()))
    st.download_button(t("review.pack_button"), functools.partial(_pack, view, store.current_version(connection())),
                       file_name=pack.filename(view), mime=PPTX, key=key, icon=":material/slideshow:",
                       on_click="ignore", help=t("review.pack_help"))


def retro_button(*, window: windows.Window, as_of: date, anonymise: bool, key: str) -> None:
    view = pack.View(window, as_of, lang=lang(), money=money(), fiscal_start=fiscal_start(), db=str(store.db_path()))
    made = functools.partial(_retro, view, anonymise, store.current_version(connection()))
    st.download_button(t("review.retro_button"), made, file_name=retro_deck.filename(view, anonymise), mime=PPTX, key=key, icon=":material/slideshow:", on_click="ignore", help=t("review.retro_help"))


def page_slides() -> None:
    """The sidebar's "Slides of this page": every section the page drew this run, as a deck written
    when the button is pressed (from the version this render showed). Drawn after the page ran."""
    drawn, title = section.drawn(), section.page_title()
    if not title or not drawn:
        return
    version = store.current_version(connection())
    shown = [page_deck.Shown(b.key, b.title, tuple(b.findings), tuple(b.figures), tuple(b.tables),
                             "\n\n".join(x for x in (b.definition, b.formula) if x), tuple(b.steps), b.slide_table)
              for b in drawn]
    as_of = st.session_state.get("as_of")  # the sidebar's month: what every page on screen reports through
    name = f"{_slug(title)}{f'_asof_{as_of:%Y-%m}' if as_of else ''}_v{version}.pptx"
    st.sidebar.download_button(t("review.page_slides"), functools.partial(_page, title, shown, version, lang(), name),
                               file_name=name, mime=PPTX, key="review.page_slides", icon=":material/slideshow:",
                               on_click="ignore", help=t("review.page_slides_help"))


def _page(title: str, shown: list, version: int | None, language: str, name: str) -> bytes:
    """The page's deck, its SQL written runnable against the database file (as "Definition and SQL" shows it)."""
    con = connection()
    with store.pinned(version), store.cursor(con) as cur:
        tables = trace.version_tables(cur, {s.version for b in shown for s in b.statements if s.version is not None})
    sections = [dataclasses.replace(b, statements=tuple(trace.runnable(s, tables.get(s.version, ()))
                                                        for s in b.statements)) for b in shown]
    subtitle = t("review.page_subtitle", version=version, made=f"{date.today():%Y-%m-%d}")
    made = page_deck.page_deck(title, sections, tr=translator(language), lang=language, subtitle=subtitle,
                               filename=name, db=str(store.db_path()))
    return deck.write(made)


def _slug(title: str) -> str:
    """A file name's part from a page title ("Health score tuning" -> "health_score_tuning"; Japanese kept)."""
    return "_".join("".join(c if c.isalnum() else " " for c in title).split()).lower() or "page"


def _pack(view: pack.View, version: int | None) -> bytes:
    return deck.write(pack.review_pack(connection(), view, version=version))


def _retro(view: pack.View, anonymise: bool, version: int | None) -> bytes:
    return deck.write(retro_deck.retro_deck(connection(), view, anonymise=anonymise, version=version))


def targets_editor(segments: list[str]) -> None:
    """Saved targets, and (for editors) a form to set or delete one."""
    said_done()
    # built only while open: a page's every render drew both forms for nobody (a tenth of an NRR render)
    box = lazy_expander(t("review.targets_header"), icon=":material/flag:", key="review.targets_open")
    if not box.open:
        return
    with box:
        st.caption(t("review.targets_help"))
        saved = saved_targets()
        shown = saved.assign(nrr=saved["nrr"] * 100, grr=saved["grr"] * 100)[["fiscal_year", "segment", "nrr", "grr"]]
        if shown.empty:
            st.caption(t("common.no_rows"))
        else:
            st.dataframe(shown, hide_index=True, column_config={
                "fiscal_year": st.column_config.NumberColumn(t("review.col.fiscal_year"), format="FY%d"),
                "segment": st.column_config.TextColumn(t("review.col.segment")),
                "nrr": st.column_config.NumberColumn(t("review.col.nrr"), format="%.1f%%"),
                "grr": st.column_config.NumberColumn(t("review.col.grr"), format="%.1f%%")})
        if not auth.may("target.save"):
            return
        year_now = windows.fiscal_year_of(windows.last_complete_month(), fiscal_start())
        with st.form("review.target_form", border=False):
            a, b, c, d = st.columns(4)
            year = a.number_input(t("review.col.fiscal_year"), 2000, 2100, year_now, step=1, key="review.target_year")
            # names bound now (AppTest formats options outside the run that drew them)
            names = {s: s for s in segments} | {"": t("review.whole_book")}
            segment = b.selectbox(t("review.col.segment"), ["", *segments], key="review.target_segment",
                                  format_func=names.__getitem__)
            nrr = c.number_input(t("review.col.nrr"), 0.0, 300.0, None, step=1.0, format="%.1f", key="review.target_nrr")
            grr = d.number_input(t("review.col.grr"), 0.0, 300.0, None, step=1.0, format="%.1f", key="review.target_grr")
            left, right = st.columns(2)
            if left.form_submit_button(t("review.save"), icon=":material/save:"):
                _write(lambda by: plan.save_target(connection(), by=by, fiscal_year=int(year), segment=segment,
                                                   nrr=None if nrr is None else f"{nrr}%",
                                                   grr=None if grr is None else f"{grr}%"),
                       t("review.targets_saved", n=1))
            if right.form_submit_button(t("review.delete"), icon=":material/delete:"):
                _write(lambda by: plan.delete_target(connection(), by=by, fiscal_year=int(year), segment=segment),
                       t("review.targets_deleted", n=1))


def notes_editor() -> None:
    """Every note, and (for editors) a form to add one, or to change or delete the one picked."""
    # built only while open, like the targets
    box = lazy_expander(t("review.notes_header"), icon=":material/event_note:", key="review.notes_open")
    if not box.open:
        return
    with box:
        st.caption(t("review.notes_help"))
        saved = saved_notes()
        if saved.empty:
            st.caption(t("review.notes_none"))
        else:
            shown = saved.assign(category=[t(f"review.category.{c}") if c else "" for c in saved["category"]])
            st.dataframe(shown[["note_id", "starts", "ends", "text", "category", "updated_by"]], hide_index=True,
                         column_config={c: st.column_config.TextColumn(t(f"review.col.{c}"))
                                        for c in ("text", "category", "updated_by")}
                         | {c: st.column_config.DateColumn(t(f"review.col.{c}"), format="YYYY-MM-DD")
                            for c in ("starts", "ends")} | {"note_id": st.column_config.NumberColumn("#")})
        if not auth.may("timeline.save"):
            return
        notes = {int(n["note_id"]): n for n in saved.to_dict("records")}
        names = {NEW: t("review.note_new")} | {n: f"#{n} {note['starts']:%Y-%m-%d} {note['text'][:40]}"
                                                for n, note in notes.items()}
        picked = st.selectbox(t("review.note_pick"), list(names), key="review.note_pick", format_func=names.__getitem__)
        note = notes.get(picked, {})
        with st.form(f"review.note_form.{picked}", border=False):
            a, b, c = st.columns([1, 1, 1])
            starts = a.date_input(t("review.col.starts"), note.get("starts") or st.session_state.get("as_of")
                                  or windows.last_complete_month(),
                                  key=f"review.note_starts.{picked}")
            ends = b.date_input(t("review.col.ends"), note.get("ends"), key=f"review.note_ends.{picked}")
            kinds = {"": "—"} | {k: t(f"review.category.{k}") for k in timeline.CATEGORIES}
            category = c.selectbox(t("review.col.category"), list(kinds), index=list(kinds).index(note.get("category") or ""),
                                   key=f"review.note_category.{picked}", format_func=kinds.__getitem__)
            text = st.text_input(t("review.col.text"), note.get("text", ""), max_chars=timeline.TEXT_LIMIT,
                                 key=f"review.note_text.{picked}")
            left, right = st.columns(2)
            if left.form_submit_button(t("review.save"), icon=":material/save:"):
                _write(lambda by: timeline.save_note(connection(), by=by, starts=starts, ends=ends, text=text,
                                                     category=category or None,
                                                     note_id=None if picked == NEW else picked),
                       t("review.note_saved"),  # a new note's form starts empty again once it is saved
                       forget=[f"review.note_{part}.{NEW}" for part in ("starts", "ends", "category", "text")])
            if picked != NEW and right.form_submit_button(t("review.delete"), icon=":material/delete:"):
                _write(lambda by: timeline.delete_note(connection(), by=by, note_id=picked), t("review.note_deleted"))


DONE = "review.done"


def _write(action, done: str, forget: list[str] = ()) -> None:
    """Run one write as this session's identity, then redraw the page (its tiles and charts read the
    targets and notes above the form; the widgets ``forget`` names start afresh) and say what was saved;
    or say what was wrong (nothing is saved, and the form keeps what was typed)."""
    try:
        action(auth.me())
    except (plan.TargetError, timeline.NoteError, access.AccessDenied) as exc:
        say(said(exc.msg), "error")
        return
    st.session_state[DONE] = done
    for key in forget:
        st.session_state.pop(key, None)
    st.rerun()


def said_done() -> None:
    """The toast of a write made on the run before (see :func:`_write`)."""
    done = st.session_state.pop(DONE, None)
    if done:
        st.toast(plain(done), icon=":material/check:")
