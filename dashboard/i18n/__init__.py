"""The message catalogue: every UI string in English and Japanese.

Messages live in one module per area (``common``, ``data``, one per page); each defines
``MESSAGES = {key: (english, japanese)}``. Keys are namespaced by area (``data.upload``).
Placeholders use ``str.format`` names: ``t("data.committed", version=3)``.
"""

from __future__ import annotations

import importlib

LANGUAGES = {"en": "English", "ja": "日本語"}
AREAS = ("common", "data", "nrr", "cohorts", "health", "coverage", "churn", "checks")


def _load() -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        try:
            module = importlib.import_module(f"dashboard.i18n.{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dashboard.i18n.{area}":
                raise
            continue
        for key, pair in module.MESSAGES.items():
            if key in catalogue:
                raise ValueError(f"message key {key!r} defined twice")
            catalogue[key] = pair
    return catalogue


CATALOGUE = _load()


def translate(key: str, lang: str = "en", /, **values) -> str:
    """The message for ``key`` in ``lang`` (English when the language lacks it), formatted."""
    try:
        en, ja = CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    text = ja if lang == "ja" and ja else en
    return text.format(**values) if values else text
