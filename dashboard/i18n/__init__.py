"""The message catalogue: every UI string in English and Japanese.

Messages live in one module per area (``common``, ``data``, one per page); each defines
``MESSAGES = {key: (english, japanese)}``. Keys are namespaced by area (``data.upload``).
Placeholders use ``str.format`` names: ``t("data.committed", version=3)``.
"""

from __future__ import annotations

import importlib
import os

LANGUAGES = {"en": "English", "ja": "日本語"}
# each feature keeps its words beside its view: dashboard/<feature>/words.py; shared words stay here
WORD_MODULES = ("dashboard.i18n.common", "dashboard.ingest.words", "dashboard.revenue.words",
                "dashboard.cohorts.words", "dashboard.health.words", "dashboard.coverage.words",
                "dashboard.churn.words", "dashboard.checks.words", "dashboard.access.words", "dashboard.review.words",
                "dashboard.sources.words", "dashboard.i18n.cli", "dashboard.i18n.schema")

_catalogue: dict[str, tuple[str, str]] = {}


def catalogue() -> dict[str, tuple[str, str]]:
    """Every message, read from :data:`WORD_MODULES` on first use (not at import, so the packages
    holding them may themselves use messages, and the CLI's --help imports none of them)."""
    if not _catalogue:
        loaded: dict[str, tuple[str, str]] = {}
        for name in WORD_MODULES:
            for key, pair in importlib.import_module(name).MESSAGES.items():
                if key in loaded:
                    raise ValueError(f"message key {key!r} defined twice")
                loaded[key] = pair
        _catalogue.update(loaded)
    return _catalogue


def known(key: str) -> bool:
    """Whether the catalogue has a message ``key``."""
    return key in catalogue()


def __getattr__(name: str):
    if name == "CATALOGUE":
        return catalogue()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def translate(key: str, lang: str = "en", /, **values) -> str:
    """The message for ``key`` in ``lang`` (English when the language lacks it), formatted."""
    try:
        en, ja = catalogue()[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    text = ja if lang == "ja" and ja else en
    if not values:
        return text
    return text.format(**{name: in_language(value, lang) for name, value in values.items()})


def counted(key: str, n: int, lang: str = "en", /, **values) -> str:
    """The message for ``n`` things: ``<key>.<form>``, the form chosen by the language's plural rules
    (Babel's CLDR data: English says "1 table" and "2 tables", Japanese has one form), ``n`` written
    with thousands separators; a language without that form uses ``<key>.other``."""
    from babel import Locale  # not at import: the CLI's --help does not need Babel

    form = Locale.parse(lang).plural_form(int(n))
    name = f"{key}.{form}" if known(f"{key}.{form}") else f"{key}.other"
    return translate(name, lang, n=f"{int(n):,}", **values)


class Msg(str):
    """A catalogue message that is English text wherever a string is expected (logs, exceptions,
    tests) and remembers its key and values, so the place that shows it can say it again in the
    reader's language: ``in_language(msg, "ja")``. Values may be messages themselves."""

    key: str
    values: dict

    def __new__(cls, key: str, /, **values) -> Msg:
        self = super().__new__(cls, translate(key, "en", **values))
        self.key, self.values = key, values
        return self

    def __reduce__(self):
        return _rebuild, (self.key, self.values)

    def to(self, lang: str) -> str:
        return translate(self.key, lang, **self.values)


def _rebuild(key: str, values: dict) -> Msg:
    return Msg(key, **values)


def in_language(text: object, lang: str) -> object:
    """``text`` in ``lang`` when it is a catalogue message, an object that can say itself
    (``to_language(lang)``, as an ingest error does) or an exception whose message is a catalogue
    message; anything else is returned unchanged."""
    if isinstance(text, Msg) or callable(getattr(text, "to_language", None)):
        return text.to(lang) if isinstance(text, Msg) else text.to_language(lang)
    if isinstance(text, BaseException) and text.args and isinstance(text.args[0], Msg):
        return text.args[0].to(lang)
    return text


def language_from_environment(environ: dict | None = None) -> str:
    """``ja`` when the POSIX locale (LC_ALL, LC_MESSAGES, LANG, in that order) is Japanese, else ``en``."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
