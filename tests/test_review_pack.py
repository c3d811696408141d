"""The review pack and the retrospective as PowerPoint (issue 16): opened with python-pptx, each
slide's title is the finding, each chart's series are the engine's values, the speaker notes hold the
definition and SQL that returns the slide's rows, Japanese decks use a Japanese typeface, names stay
hidden when anonymised, and no chart cell can run as a formula."""

from __future__ import annotations

import io
from datetime import date

import duckdb
import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from dashboard import cli, store, windows
from dashboard.charts.formats import Money
from dashboard.churn import matching, retro, summary
from dashboard.cohorts import metrics as cohorts
from dashboard.i18n import translate
from dashboard.revenue import metrics as revenue
from dashboard.revenue import story
from dashboard.revenue.chart import WATERFALL_BARS
from dashboard.review import content, deck, pack, retro_deck, targets, timeline
from tests.identities import ME
from tests.test_page_matrix import CASES


def _open(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _chart(slide):
    return next(shape.chart for shape in slide.shapes if shape.has_chart)


def _series(chart) -> dict[str, list[float]]:
    return {s.name: list(s.values) for s in chart.plots[0].series}


def _view(con, kind: str = "trailing_12", lang: str = "en", **kwargs) -> pack.View:
    as_of = revenue.default_as_of(con)
    return pack.View(pack.window_of(kind, as_of, lang=lang), as_of, lang=lang, money=Money("USD", 0, lang),
                     db="sample.duckdb", **kwargs)


@pytest.fixture
def planned(sample_db):
    con = store.connect(sample_db)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=110, grr=92)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=101, grr=88, segment="SMB")
    timeline.save_note(con, by=ME, starts="2026-04-01", text="Price change: Pro plan +15%", category="price_change")
    yield con
    con.close()


def test_the_review_pack_says_what_the_engine_says(planned):
    con = planned
    view = _view(con)
    made = pack.review_pack(con, view)
    slides = list(_open(deck.write(made)).slides)
    assert [s.key for s in made.slides] == ["nrr.tiles", "nrr.bridge", "nrr.trend", "nrr.split", "cohorts.triangle",
                                           "churn.reasons", "review.timeline"]
    assert len(slides) == 1 + len(made.slides) and slides[0].shapes.title.text == made.title
    assert made.filename == "retention_review_trailing_12_2025-10_2026-10_asof_2026-10.pptx"
    window = view.window

    def tr(key, **values):
        return translate(key, "en", **values)

    current = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
    before = window.previous()
    previous = revenue.nrr_bridge(con, start=before.start, end=before.end).iloc[0]
    driver = story.nrr_change_driver(revenue.nrr_bridge(con, start=window.start, end=window.end, by="segment"),
                                     revenue.nrr_bridge(con, start=before.start, end=before.end, by="segment"))
    finding = story.bridge_finding(tr, window.label, current, previous, view.money, 12, driver)
    assert slides[1].shapes.title.text == finding + " Below target: NRR 105.2% against the FY2026 target of 110.0% (-4.8 pts)."
    assert slides[2].shapes.title.text == slides[1].shapes.title.text
    # the tiles: the figures as the page writes them, with the gap to target
    texts = [shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame]
    assert any(t.startswith("NRR\n105.2%\n-4.3 pts vs previous window\nTarget 110.0% · -4.8 pts") for t in texts)
    assert any(t.startswith("GRR\n89.7%") and "Target 92.0% · -2.3 pts" in t for t in texts)

    # the waterfall: an invisible base under bars of the movements' sizes, in ARR
    bridge = _chart(slides[2])
    assert bridge.plots[0].series[0].format.fill.type == 5  # MSO_FILL.BACKGROUND: not drawn
    sizes = list(bridge.plots[0].series[1].values)
    assert sizes == pytest.approx([abs(float(current[column])) * 12 for _, column, _, _ in WATERFALL_BARS])
    assert list(bridge.plots[0].categories) == ["Starting", "Expansion", "Contraction", "Churn", "Retained", "New",
                                                "Reactivation", "Ending"]
    base = list(bridge.plots[0].series[0].values)
    assert base[2] + sizes[2] == pytest.approx(12 * float(current["starting_mrr"] + current["expansion"]))

    # the trend, with the target as its own series from FY2026 on
    trend = revenue.nrr_trend(con, as_of=view.as_of, months=12)
    series = _series(_chart(slides[3]))
    assert series["NRR"] == pytest.approx(trend["nrr"].tolist())
    assert series["GRR"] == pytest.approx(trend["grr"].tolist())
    months = [m.year for m in trend["month"]]
    assert [v for v, year in zip(series["NRR target"], months) if year == 2026] == pytest.approx([1.10] * months.count(2026))
    assert all(v is None for v, year in zip(series["NRR target"], months) if year < 2026)

    split = revenue.nrr_bridge(con, start=window.start, end=window.end, by="segment").sort_values("starting_mrr",
                                                                                                 ascending=False)
    chart = _chart(slides[4])
    assert list(chart.plots[0].categories) == split["group"].tolist()
    assert _series(chart)["NRR"] == pytest.approx(split["nrr"].tolist())
    # the segments' own targets: SMB's alone
    assert [None if v is None else round(v, 4) for v in _series(chart)["NRR target"]] == [
        1.01 if g == "SMB" else None for g in split["group"]]

    # the cohort triangle: the latest 12 cohorts' first 13 ages, as the engine has them
    matrix = cohorts.cohort_retention(con, metric="net", grain="month", as_of=view.as_of)
    table = next(shape.table for shape in slides[5].shapes if shape.has_table)
    latest = sorted(matrix["cohort"].unique())[-12:]
    assert [table.cell(r, 0).text for r in range(1, 13)] == latest
    one = matrix[(matrix["cohort"] == latest[0]) & (matrix["age"] == 3)]["retention"].iloc[0]
    assert table.cell(1, 4).text == f"{one * 100:.0f}%"

    by_reason = summary.churn_by(con, by="reason", as_of=view.as_of, start=window.start, end=window.end)
    pareto = _chart(slides[6])
    assert _series(pareto)["ARR lost"] == pytest.approx(by_reason["arr_lost"].tolist())
    assert slides[7].shapes.title.text == "Notes on the timeline, 2025-10 to 2026-10"
    assert "Price change: Pro plan +15%" in [c.text for c in next(s.table for s in slides[7].shapes if s.has_table).iter_cells()]


def test_the_notes_hold_the_definition_and_sql_that_returns_the_slides_rows(planned, sample_db):
    made = pack.review_pack(planned, _view(planned))
    notes = _open(deck.write(made)).slides[2].notes_slide.notes_text_frame.text
    assert notes.startswith("Definition\nThe cohort is every account with MRR > 0 in the start month.")
    statements = [part.split("\n", 1)[1] for part in notes.split(content.STEP_MARK)[1:]]
    assert len(statements) >= 2
    planned.close()
    con = store.connect(sample_db, read_only=True)
    window = _view(con).window
    engine = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
    con.close()
    # pasted into DuckDB on the database file (read-only), one of them returns the bridge on the slide
    with duckdb.connect(str(sample_db), read_only=True) as raw:
        results = [raw.execute(sql).df() for sql in statements]
    bridges = [r for r in results if "nrr" in r.columns and len(r) == 1]
    assert any(r["nrr"].iloc[0] == pytest.approx(engine["nrr"]) and float(r["churn"].iloc[0]) == pytest.approx(engine["churn"])
               and float(r["starting_mrr"].iloc[0]) == pytest.approx(engine["starting_mrr"]) for r in bridges)


def test_a_japanese_deck_is_japanese_and_uses_a_japanese_typeface(planned):
    made = pack.review_pack(planned, _view(planned, "fiscal_year", lang="ja", fiscal_start=1))
    slides = list(_open(deck.write(made)).slides)
    assert slides[0].shapes.title.text == "リテンションレビュー · 2026（途中まで）"
    title = slides[1].shapes.title
    assert "NRRは" in title.text and "FY2026の目標110.0%" in title.text
    typefaces = {e.get("typeface") for e in title._element.iter(qn("a:ea"))}
    assert typefaces == {"Meiryo"}
    chart = _chart(slides[2])
    assert list(chart.plots[0].categories)[:4] == ["期首", "拡大", "縮小", "解約"]


def test_the_retrospective_is_one_slide_per_churn_and_hides_names(sample_db):
    con = store.connect(sample_db)
    view = _view(con, "quarter")
    events = matching.churn_events(con, as_of=view.as_of, start=view.window.start, end=view.window.end)
    biggest = events.iloc[0]
    retro.save_note(con, by=ME, account_id=biggest["account_id"], churn_month=biggest["month"],
                    learnings=f"{biggest['account_name']} wanted a QBR; {biggest['csm']} was on leave",
                    action_items="Book QBRs")
    shown = retro_deck.retro_deck(con, view, anonymise=False)
    hidden = retro_deck.retro_deck(con, view, anonymise=True)
    assert len(shown.slides) == len(events) == len(hidden.slides)
    assert shown.slides[0].title.startswith(f"{biggest['account_name']} · churned ")
    assert hidden.slides[0].title.startswith("Customer A · churned ")
    assert hidden.filename.endswith("_anonymised.pptx")
    data = deck.write(hidden)
    everything = []
    for slide in _open(data).slides:
        everything += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        everything.append(slide.notes_slide.notes_text_frame.text)
        everything += [str(c) for shape in slide.shapes if shape.has_chart for c in shape.chart.plots[0].categories]
    text = "\n".join(everything)
    names = retro.account_names(con)
    churned = set(names[names["account_id"].isin(events["account_id"])]["account_name"].dropna())
    assert churned and not [n for n in churned if n in text]
    assert not [c for c in retro.csm_names(con) if c in text]
    assert "Learnings: Customer A wanted a QBR" in text and "Action items: Book QBRs" in text
    mrr = [s for s in hidden.slides[0].chart.series][0][1]
    assert mrr[-1] == 0 and mrr[-2] == pytest.approx(float(biggest["mrr_before"]))
    con.close()


def test_user_text_cannot_run_as_a_formula_or_break_the_file(sample_db):
    con = store.connect(sample_db)
    accounts = store.query(con, "SELECT * FROM accounts")
    accounts["segment"] = accounts["segment"].replace({"SMB": "=HYPERLINK(\"http://evil.example\",\"x\")"})
    store.commit(con, [store.Load("accounts", accounts, "accounts.csv")], by=ME, kind="sample")  # keeps the sample's other tables
    timeline.save_note(con, by=ME, starts="2026-04-01", text="Launch\x0bday <b>big</b>")
    made = pack.review_pack(con, _view(con))
    data = deck.write(made)
    split = _chart(list(_open(data).slides)[4])
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in list(split.plots[0].categories)
    workbook = openpyxl.load_workbook(io.BytesIO(split.part.chart_workbook.xlsx_part.blob))
    cells = [c.value for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in cells if v.startswith("=")]
    notes_slide = list(_open(data).slides)[-1]
    assert "Launch day <b>big</b>" in [c.text for c in next(s.table for s in notes_slide.shapes if s.has_table).iter_cells()]
    con.close()


def test_the_pack_command_writes_the_same_deck(sample_db, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["pack", "--db", str(sample_db), "--window", "quarter", "--as-of", "2026-06", "--lang", "ja"]) == 0
    written = tmp_path / "retention_review_quarter_2026-03_2026-06_asof_2026-06.pptx"
    assert f"{written.name} を書き出しました（7枚）" in capsys.readouterr().out
    slides = list(Presentation(str(written)).slides)
    con = store.connect(sample_db, read_only=True)
    bridge = revenue.nrr_bridge(con, start=date(2026, 3, 1), end=date(2026, 6, 1)).iloc[0]
    con.close()
    assert list(_chart(slides[2]).plots[0].series[1].values)[0] == pytest.approx(float(bridge["starting_mrr"]) * 12)
    assert slides[0].shapes.title.text == "リテンションレビュー · 2026年 第2四半期"
    out = tmp_path / "retro.pptx"
    assert cli.main(["pack", "--db", str(sample_db), "--retro", "--anonymise", "--out", str(out)]) == 0
    assert Presentation(str(out)).slides[1].shapes.title.text.startswith("Customer A · churned ")
    assert cli.main(["pack", "--db", str(sample_db), "--as-of", "2031-01"]) == 1
    assert "2031-01" in capsys.readouterr().err


def test_the_finding_says_held_when_the_figures_read_the_same():
    row = pd.Series({"nrr": 1.03861, "grr": 0.93, "churn": 1.0, "contraction": 0.0, "expansion": 1.0})
    before = pd.Series({"nrr": 1.03859})

    def tr(key, **values):
        return translate(key, "en", **values)

    assert story.bridge_finding(tr, "FY2026", row, before, Money()).startswith("NRR held at 103.9% over FY2026")
    assert windows.name(tr, windows.window("quarter", date(2026, 5, 1)), 1) == "2026-Q2"


def test_a_japanese_companys_export_makes_a_yen_deck_in_japanese(tmp_path, capsys):
    """The Japanese export (CP932 customer list, contract workbook, BOM churn reasons) loaded with the
    command line as a user would, then the pack by the command line in Japanese: yen amounts, Japanese
    segment names, and the bridge and Pareto equal to the engine and to the hand count."""
    from tests.jp_export import write_export

    counts = write_export(tmp_path, customers=300, churned=70, seed=11)
    db = tmp_path / "dashboard.duckdb"
    for table, name in (("accounts", "顧客一覧.csv"), ("subscriptions", "契約一覧.xlsx"), ("churn_reasons", "解約理由.csv")):
        assert cli.main(["ingest", "--db", str(db), "--table", table, str(tmp_path / name)]) == 0
    out = tmp_path / "pack.pptx"
    assert cli.main(["pack", "--db", str(db), "--out", str(out), "--lang", "ja", "--fiscal-start", "4",
                     "--window", "fiscal_year", "--unit", "MRR"]) == 0
    capsys.readouterr()
    slides = list(Presentation(str(out)).slides)
    con = store.connect(db, read_only=True)
    as_of = revenue.default_as_of(con)
    window = pack.window_of("fiscal_year", as_of, fiscal_start=4)
    bridge = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
    by_reason = summary.churn_by(con, by="reason", as_of=as_of, start=window.start, end=window.end)
    con.close()
    assert as_of == date(2025, 1, 1) and (window.start, window.end) == (date(2024, 3, 1), date(2025, 1, 1))
    assert slides[0].shapes.title.text == "リテンションレビュー · 2024年度（途中まで）"
    sizes = list(_chart(slides[2]).plots[0].series[1].values)
    assert sizes[0] == pytest.approx(float(bridge["starting_mrr"]))
    assert sizes[0] == counts.mrr(date(2024, 3, 1))  # the hand count of the contracts running on 2024-03-31
    assert sizes[3] == pytest.approx(float(bridge["churn"]))
    assert '"円"' in _chart(slides[2]).value_axis.tick_labels.number_format  # 1,200円, as the page writes yen
    pareto = _chart(slides[6])
    assert _series(pareto)["失ったARR"] == pytest.approx(by_reason["arr_lost"].tolist())
    assert sum(counts.reasons.values()) == counts.churned == 70
    split = [str(c) for c in _chart(slides[4]).plots[0].categories]
    assert set(split) <= {"エンタープライズ", "中堅", "中小"} and split


def test_any_page_as_slides_carries_its_sections_charts_and_tables(sample_db):
    """The page deck converts what a section drew: bars (a Pareto's bars, not its cumulative line) as a
    native chart with the drawn values, a heatmap as the section's table, and the SQL in the notes."""
    from dashboard.churn import chart as churn_charts
    from dashboard.review import page_deck

    con = store.connect(sample_db)
    view = _view(con)
    args = {"as_of": view.as_of, "start": view.window.start, "end": view.window.end}
    by_reason = summary.churn_by(con, by="reason", **args)
    heat = summary.reason_segment(con, **args)
    con.close()
    labels = {"value": "ARR lost", "cumulative": "Cumulative", "accounts": "Accounts", "arr": "ARR"}
    pareto = churn_charts.pareto(by_reason, measure="arr_lost", money=Money(), labels=labels, unrecorded="(unrecorded)")
    heatmap = churn_charts.heatmap(heat, value="arr_lost", money=Money(), labels=labels)
    shown = [page_deck.Shown("churn.reasons", "Why customers left", ("Poor adoption cost the most ARR.",), (pareto,),
                             (), "Definition text", ("SELECT 42 AS answer",)),
             page_deck.Shown("churn.segment", "Reason by segment", ("The biggest cell.",), (heatmap,), (heat,), "", ()),
             page_deck.Shown("empty", None, (), (), (), "", ())]
    made = page_deck.page_deck("Churn review", shown, tr=lambda k, **v: translate(k, "en", **v), lang="en",
                               subtitle="Dataset version 1", filename="churn_review.pptx", db="db.duckdb")
    assert [s.key for s in made.slides] == ["churn.reasons", "churn.segment"]
    slides = list(_open(deck.write(made)).slides)
    assert [s.shapes.title.text for s in slides] == ["Churn review", "Poor adoption cost the most ARR.", "The biggest cell."]
    chart = _chart(slides[1])
    assert list(chart.plots[0].categories) == by_reason["group"].tolist()
    assert _series(chart) == {"ARR lost": pytest.approx(by_reason["arr_lost"].tolist())}
    assert "SELECT 42 AS answer" in slides[1].notes_slide.notes_text_frame.text
    table = next(s.table for s in slides[2].shapes if s.has_table)
    assert [table.cell(0, c).text for c in range(len(heat.columns[:8]))] == list(heat.columns[:8])
    # a section that says what its table is on a slide (the cohort triangle) shows that instead of rows
    grid = content.Table(("Cohort", "0"), (("2026-01", "100%"),), ((1.0,),))
    told = page_deck.page_deck("Cohorts", [page_deck.Shown("cohorts.triangle", "Triangle", ("Keeps 94%.",), (),
                                                           (heat,), "", (), lambda tr: grid)],
                               tr=lambda k, **v: translate(k, "en", **v), lang="en", subtitle="", filename="c.pptx",
                               db="db.duckdb")
    assert told.slides[0].table == grid


@pytest.mark.parametrize("case", [c for c in CASES if c != "accounts_only"])
@pytest.mark.parametrize("kind", ["trailing_12", "quarter", "month", "fiscal_year"])
def test_every_dataset_shape_makes_both_decks(case, kind, tmp_path):
    """The page matrix's datasets (no usage, no reasons, MRR by month, no churn, one account, ...): the
    pack and the retrospective are written for every window kind, each slide with a title."""
    db = tmp_path / "case.duckdb"
    con = store.connect(db)
    store.commit(con, [store.Load(table, frame, f"{table}.csv") for table, frame in CASES[case].items()], by=ME)
    as_of = revenue.default_as_of(con)
    view = pack.View(pack.window_of(kind, as_of), as_of, db=str(db))
    for made in (pack.review_pack(con, view), retro_deck.retro_deck(con, view, anonymise=True)):
        slides = list(_open(deck.write(made)).slides)
        assert len(slides) == len(made.slides) + 1 and all(s.shapes.title.text for s in slides)
    con.close()


def test_a_book_without_revenue_gets_a_clear_refusal(tmp_path, capsys):
    db = tmp_path / "accounts.duckdb"
    con = store.connect(db)
    store.commit(con, [store.Load("accounts", CASES["accounts_only"]["accounts"], "accounts.csv")], by=ME)
    con.close()
    assert cli.main(["pack", "--db", str(db), "--out", str(tmp_path / "x.pptx")]) == 1
    assert "revenue" in capsys.readouterr().err and not (tmp_path / "x.pptx").exists()
