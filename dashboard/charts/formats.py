"""Named number formats shared by charts, tiles and tables."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dashboard.settings import CURRENCIES, ZERO_DECIMAL_CURRENCIES


@dataclass(frozen=True)
class Money:
    """How to show amounts: symbol and decimals (JPY always 0)."""

    currency: str = "USD"
    decimals: int = 0

    @property
    def symbol(self) -> str:
        return CURRENCIES.get(self.currency, ("", 0))[0]

    @property
    def digits(self) -> int:
        return 0 if self.currency in ZERO_DECIMAL_CURRENCIES else int(self.decimals)

    def __call__(self, value: float | None, *, compact: bool = False, signed: bool = False) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
        # Half up on the decimal text, as finance rounds: 2,650 is $2.7k and 2.5 is 3, where binary
        # floats (2.65 is 2.6499...) and Python's round-half-even would go down.
        amount = Decimal(repr(abs(float(value))))
        if compact:
            units = ((10**3, "k"), (10**6, "M"), (10**9, "B"))
            for i in range(len(units) - 1, -1, -1):
                threshold, suffix = units[i]
                if amount >= threshold:
                    shown = (amount / threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                    if shown >= 1000 and i + 1 < len(units):  # 999,950 is $1.0M, not $1,000.0k
                        threshold, suffix = units[i + 1]
                        shown = (amount / threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                    return f"{sign}{self.symbol}{shown:,.1f}{suffix}"
        shown = amount.quantize(Decimal(1).scaleb(-self.digits), rounding=ROUND_HALF_UP)
        return f"{sign}{self.symbol}{shown:,.{self.digits}f}"

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
