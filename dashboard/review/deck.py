"""Write a :class:`content.Deck` as a PowerPoint file (python-pptx): 16:9, the finding as each slide's
title, native charts (editable in PowerPoint, crisp on any projector), key figures, and the definition
and SQL in the speaker notes. Japanese decks set a Japanese typeface for East Asian text.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dashboard.charts.palette import SEQUENCE
from dashboard.review.content import Chart, Deck, Figure, Slide, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
# Meiryo ships with Windows and Office for Mac; other machines fall back to their Japanese font
TYPEFACE = {"en": ("Calibri", "Calibri"), "ja": ("Meiryo", "Meiryo")}
INK, MUTED, LINE = RGBColor(0x1F, 0x24, 0x33), RGBColor(0x5B, 0x64, 0x77), RGBColor(0xD5, 0xD9, 0xE2)
_TITLE_ONLY, _COVER = 5, 0


def write(deck: Deck) -> bytes:
    """The deck as .pptx bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _cover(prs, deck)
    for slide in deck.slides:
        _slide(prs, slide, deck.lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _typeface(font, lang: str) -> None:
    """Latin and East Asian typefaces of a run's (or a chart's) font."""
    latin, east = TYPEFACE.get(lang, TYPEFACE["en"])
    font.name = latin
    rpr = font._rPr
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = rpr.makeelement(qn("a:ea"), {"typeface": east})
    rpr.find(qn("a:latin")).addnext(ea)


def _text(frame, lines: list[str], lang: str, *, size: int, bold: bool = False, colour=INK,
          align=PP_ALIGN.LEFT) -> None:
    """Replace a text frame's text by ``lines``, one paragraph each, in the deck's typefaces."""
    frame.clear()
    frame.word_wrap = True
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = colour
        _typeface(run.font, lang)


def _cover(prs, deck: Deck) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_COVER])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(2.3), WIDTH - 2 * MARGIN, Inches(1.6)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(4.0), WIDTH - 2 * MARGIN, Inches(1.0)
    _text(title.text_frame, [deck.title], deck.lang, size=40, bold=True)
    _text(subtitle.text_frame, [deck.subtitle], deck.lang, size=20, colour=MUTED)


def _slide(prs, spec: Slide, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_ONLY])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.3)
    title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    _text(title.text_frame, [spec.title], lang, size=22 if len(spec.title) < 160 else 18, bold=True)
    top = Inches(1.75)
    if spec.caption:
        box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4))
        _text(box.text_frame, [spec.caption], lang, size=13, colour=MUTED)
        top += Inches(0.45)
    if spec.figures:
        top = _figures(slide, spec.figures, lang, top)
    room = HEIGHT - top - Inches(0.3)
    width = WIDTH - 2 * MARGIN
    left = MARGIN
    if spec.body:  # text beside a chart or table, or across the slide alone
        shared = spec.chart is not None or spec.table is not None
        text_width = Emu(int(width * 0.45)) if shared else width
        box = slide.shapes.add_textbox(MARGIN + width - text_width, top, text_width, room)
        _text(box.text_frame, spec.body, lang, size=16 if shared else 18)
        width -= text_width + (Inches(0.3) if shared else 0)
    if spec.chart is not None:
        _chart(slide, spec.chart, lang, left, top, width, room)
    elif spec.table is not None:
        _table(slide, spec.table, lang, left, top, width, room)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes


def _figures(slide, figures: list[Figure], lang: str, top: Emu) -> Emu:
    """Key figure boxes across the slide; returns where the content below them starts."""
    gap = Inches(0.25)
    width = Emu(int((WIDTH - 2 * MARGIN - gap * (len(figures) - 1)) / len(figures)))
    height = Inches(2.4)
    longest = max(len(f.value) for f in figures)
    for number, figure in enumerate(figures):
        box = slide.shapes.add_textbox(MARGIN + number * (width + gap), top, width, height)
        box.line.color.rgb = LINE
        frame = box.text_frame
        frame.margin_left = frame.margin_right = Inches(0.2)
        _text(frame, [figure.label], lang, size=18, colour=MUTED)
        value_size = 40 if longest <= 5 else 28 if longest <= 7 else 24  # one size for the row
        for line, size, colour, bold in ((figure.value, value_size, INK, True), *((d, 14, MUTED, False)
                                         for d in figure.detail.split("\n") if d)):
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = colour
            _typeface(run.font, lang)
    return top + height + Inches(0.3)


_KINDS = {"waterfall": XL_CHART_TYPE.COLUMN_STACKED, "line": XL_CHART_TYPE.LINE_MARKERS,
          "bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "hbar": XL_CHART_TYPE.BAR_CLUSTERED}


def _chart(slide, spec: Chart, lang: str, left: Emu, top: Emu, width: Emu, room: Emu) -> None:
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = list(spec.categories)
    for name, values in spec.series:
        data.add_series(name, list(values))
    chart = slide.shapes.add_chart(_KINDS[spec.kind], left, top, width, room, data).chart
    chart.has_title = False
    chart.font.size = Pt(12)
    _typeface(chart.font, lang)
    chart.value_axis.tick_labels.number_format = spec.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.major_gridlines.format.line.color.rgb = LINE
    plot = chart.plots[0]
    if spec.kind == "waterfall":
        plot.gap_width, plot.overlap = 50, 100
        chart.has_legend = False
        base, bars = plot.series
        base.format.fill.background()
        base.format.line.fill.background()
        _point_styles(bars, spec, XL_LABEL_POSITION.INSIDE_END)
        return
    chart.has_legend = len(spec.series) > 1  # one series needs no key
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    for number, series in enumerate(plot.series):
        # a dashed target follows its line's colour; otherwise every series its own colour (a bar's target grey)
        order = (0, 3, 0, 3) if spec.dashed else (0, 3, 6, 1) if spec.kind != "line" else range(len(SEQUENCE))
        colour = RGBColor.from_string(SEQUENCE[list(order)[number % len(order)]].lstrip("#"))
        if spec.kind == "line":
            series.smooth = False
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.5)
            if series.name in spec.dashed:
                series.format.line.dash_style = MSO_LINE.DASH
                series.marker.style = None
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if spec.kind == "line" and "%" in spec.number_format:  # rates near 100%: an axis from 0 flattens them
        values = [v for _, series in spec.series for v in series if v is not None]
        if values:
            chart.value_axis.minimum_scale = max(0.0, math.floor((min(values) - 0.05) * 10) / 10)
    if spec.kind == "hbar":  # the first category on top, as the list reads
        chart.category_axis.reverse_order = True
        plot.gap_width = 40
    if spec.kind in ("bar", "hbar") and spec.point_labels:
        chart.has_legend = False
        _point_styles(plot.series[0], spec, XL_LABEL_POSITION.OUTSIDE_END)


def _point_styles(series, spec: Chart, position) -> None:
    """Each bar's own colour and its label as the page writes the amount."""
    for number, label in enumerate(spec.point_labels):
        point = series.points[number]
        if spec.point_colours:
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(spec.point_colours[number].lstrip("#"))
        point.data_label.has_text_frame = True
        point.data_label.text_frame.text = label
        point.data_label.position = position


def _table(slide, spec: Table, lang: str, left: Emu, top: Emu, width: Emu, room: Emu) -> None:
    rows, columns = len(spec.rows) + 1, len(spec.header)
    row_height = Emu(min(int(Inches(0.36)), int(room / rows)))
    table = slide.shapes.add_table(rows, columns, left, top, width, Emu(row_height * rows)).table
    for row in table.rows:
        row.height = row_height
    if spec.shade and columns > 2:  # the triangle: the cohort's name on one line, the ages share the rest
        first = Inches(1.2)
        table.columns[0].width = first
        for column in list(table.columns)[1:]:
            column.width = Emu(int((width - first) / (columns - 1)))
    size = 12 if columns > 6 else 14
    for column, text in enumerate(spec.header):
        _text(table.cell(0, column).text_frame, [text], lang, size=size, bold=True, colour=RGBColor(255, 255, 255))
    for row, values in enumerate(spec.rows, start=1):
        shades = spec.shade[row - 1] if spec.shade else ()
        for column, text in enumerate(values):
            target = table.cell(row, column)
            shade = shades[column - 1] if shades and column >= 1 else None
            _text(target.text_frame, [text], lang, size=size,
                  colour=RGBColor(255, 255, 255) if shade is not None and shade > 0.85 else INK,
                  align=PP_ALIGN.LEFT if column == 0 or not spec.shade else PP_ALIGN.CENTER)
            target.fill.solid()
            target.fill.fore_color.rgb = _heat(shade) if shade is not None else RGBColor(0xF6, 0xF7, 0xFA)


def _heat(value: float) -> RGBColor:
    """Light (low retention) to the palette's blue (100% and above), as the page's heatmap shades it."""
    share = max(0.0, min(1.0, value / 1.2))
    low, high = (0xF3, 0xF5, 0xFA), (0x3C, 0x5A, 0x99)
    return RGBColor(*(round(a + (b - a) * share) for a, b in zip(low, high)))
