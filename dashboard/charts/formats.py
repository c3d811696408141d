"""Named number formats shared by charts, tiles and tables."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from dashboard.settings import CURRENCIES, ZERO_DECIMAL_CURRENCIES


@lru_cache(maxsize=8)
def compact_units(lang: str) -> tuple[tuple[int, str], ...]:
    """The compact units of a language from Babel's locale data, smallest first: (1,000, "K"),
    (1,000,000, "M"), ... in English; (10,000, "万"), (100,000,000, "億"), ... in Japanese."""
    patterns = Locale.parse(lang).compact_decimal_formats["short"]["other"]
    units: list[tuple[int, str]] = []
    for threshold, pattern in sorted(((int(k), p.pattern) for k, p in patterns.items())):
        suffix = pattern.replace("0", "").strip()
        if suffix and (not units or units[-1][1] != suffix):
            units.append((threshold, suffix))
    return tuple(units)


def _round_compact(figure: Decimal) -> Decimal:
    """One decimal while it says something (5.7億, $20.9M), none on large figures (2,087万), half up."""
    tenths = figure.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return tenths if tenths < 100 else figure.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Money:
    """How to show amounts: symbol and decimals (JPY always 0), in a language's way of writing them
    (Japanese writes yen as 1,200円 and compacts into 万 and 億)."""

    currency: str = "USD"
    decimals: int = 0
    lang: str = "en"

    @property
    def symbol(self) -> str:
        return CURRENCIES.get(self.currency, ("", 0))[0]

    @property
    def digits(self) -> int:
        return 0 if self.currency in ZERO_DECIMAL_CURRENCIES else int(self.decimals)

    def _write(self, sign: str, number: str) -> str:
        if self.lang == "ja" and self.currency == "JPY":
            return f"{sign}{number}円"
        return f"{sign}{self.symbol}{number}"

    def __call__(self, value: float | None, *, compact: bool = False, signed: bool = False) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
        # Half up on the decimal text, as finance rounds: 2,650 is $2.7K and 2.5 is 3, where binary
        # floats (2.65 is 2.6499...) and Python's round-half-even would go down.
        amount = Decimal(repr(abs(float(value))))
        if compact:
            units = compact_units(self.lang)
            for i in range(len(units) - 1, -1, -1):
                threshold, suffix = units[i]
                if amount >= threshold:
                    shown = _round_compact(amount / threshold)
                    # 999,950 is $1.0M, not $1,000K (and 99,995,000 is 1.0億, not 10,000万)
                    if i + 1 < len(units) and shown * threshold >= units[i + 1][0]:
                        threshold, suffix = units[i + 1]
                        shown = _round_compact(amount / threshold)
                    places = 1 if shown < 100 else 0
                    number = format_decimal(shown, format="#,##0.0" if places else "#,##0", locale=self.lang)
                    return self._write(sign, f"{number}{suffix}")
        shown = amount.quantize(Decimal(1).scaleb(-self.digits), rounding=ROUND_HALF_UP)
        return self._write(sign, f"{shown:,.{self.digits}f}")

    def axis(self, values, *, ticks: int = 5) -> dict:
        """Plotly axis settings whose tick labels are written as the bar labels are (compact, in the
        language's units: $1.2M in English, 1.2億円 in Japanese, never d3's SI "G"), at round steps
        from zero (or the lowest value) past the highest of ``values``."""
        numbers = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
        low, high = min([0.0, *numbers]), max([0.0, *numbers])
        if high - low <= 0:
            return {"tickvals": [0], "ticktext": [self(0)]}
        raw = (high - low) / ticks
        magnitude = 10 ** math.floor(math.log10(raw))
        # steps of 1, 2 or 5: every tick is then exact in one decimal of its unit (no 1.25億 shown as 1.3億)
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
        first, last = math.floor(low / step), math.ceil(high / step)
        tickvals = [i * step for i in range(first, last + 1)]
        # a round step needs no ".0" (2億円, $1.5M)
        return {"tickvals": tickvals,
                "ticktext": [re.sub(r"(\d)\.0(?!\d)", r"\1", self(v, compact=True)) for v in tickvals]}

    def d3(self) -> str:
        """A plotly (d3) tick/hover format for the same display."""
        return f",.{self.digits}f"


def percent(value: float | None, digits: int = 1, *, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:{'+' if signed else ''}.{digits}f}%"


def count(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{int(round(value)):,}"


def chart_text(text) -> str:
    """User text as a plotly chart shows it literally: plotly reads tags (<b>, <br>, <a href>) and
    entities in every label, hover and annotation, so & < > are written as entities."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
