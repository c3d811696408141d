"""Japanese everywhere in Japanese mode: every page of the sample company, walked in Japanese, shows no
label that is an English catalogue message (a text the catalogue has in both languages, shown in English)."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import CATALOGUE
from tests.conftest import app_pages, open_page

PAGES = app_pages()
# Messages whose English and Japanese read alike (names, units) say nothing about a missed translation;
# nor do the canonical table and column names, which Japanese text shows beside their Japanese names
# ("顧客ID (account_id)").
_ENGLISH = {en for key, (en, ja) in CATALOGUE.items()
            if ja and en != ja and re.search(r"[A-Za-z]{3}", en) and not key.startswith(("schema.table.", "schema.column."))}
# A message with placeholders is matched on its fixed words: "Saved scenario {name}." -> "Saved scenario "
_FIXED = {part.strip() for en in _ENGLISH for part in re.split(r"\{[^}]*\}", en) if len(part.strip()) >= 12}
_WHOLE = {en for en in _ENGLISH if "{" not in en}


def _texts(at) -> list[str]:
    """Every label and text the run drew: titles, headers, captions, markdown, notices, metric labels,
    widget labels and options, buttons, expanders and tabs."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "success", "error",
                 "metric", "button", "toggle", "checkbox", "radio", "selectbox", "multiselect", "slider",
                 "number_input", "text_input", "text_area", "select_slider", "segmented_control", "expander", "tabs"):
        for element in getattr(at, kind, []):
            for attr in ("value", "label", "body"):
                text = getattr(element, attr, None) if attr != "value" or kind in (
                    "title", "header", "subheader", "caption", "markdown", "info", "warning", "success", "error",
                    "metric") else None
                if isinstance(text, str):
                    out.append(text)
            options = getattr(element, "options", None)
            if kind in ("selectbox", "multiselect", "radio", "select_slider", "segmented_control") and options:
                out.extend(str(o) for o in options)
    return out


def english_left(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        plain = text.replace("\\", "")
        if plain.strip() in _WHOLE or any(part in plain for part in _FIXED):
            found.append(text)
    return found


def test_window_names_in_japanese(sample_db, monkeypatch):
    at = open_page(sample_db, monkeypatch, "pages/nrr.py")
    at.session_state["lang"] = "ja"
    at.run()
    at.selectbox(key="nrr.window_picker.kind").set_value("quarter").run()
    options = at.selectbox(key="nrr.window_picker.period.quarter").options
    assert options[0] == "2026年 第4四半期（途中まで）" and options[1] == "2026年 第3四半期"
    assert any("2026年 第4四半期（途中まで）" in c.value for c in at.caption)


def test_the_check_finds_an_english_label():
    assert english_left(["Dataset version 3"]) == ["Dataset version 3"]
    assert english_left(["データセットのバージョン 3"]) == []


@pytest.mark.parametrize("page", PAGES)
def test_page_in_japanese_shows_no_english_message(page, sample_db, monkeypatch):
    at = open_page(sample_db, monkeypatch)
    at.session_state["lang"] = "ja"
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _texts(at) + _texts(at.sidebar)
    left = english_left(texts)
    assert not left, left
    # window names too: "T12M → 2026-10" reads 直近12か月 → 2026-10, a quarter 2026年 第4四半期
    assert not [x for x in texts if "T12M" in x or "(to date)" in x or re.search(r"\d{4}-Q\d", x)]
