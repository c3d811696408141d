"""Named number formats shared by charts, tiles and tables."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
        amount = abs(float(value))
        if compact:
            for threshold, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
                if amount >= threshold:
                    return f"{sign}{self.symbol}{amount / threshold:,.1f}{suffix}"
        return f"{sign}{self.symbol}{amount:,.{self.digits}f}"

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
