"""Settings with defaults, declared once: name, default and help (a message key).

Display settings live in the browser session; saved configurations (health weights, coverage
scenarios) live in the database's ``app`` schema and are declared by their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass

# the environment variable naming the database file (the app, the commands)
DB_ENV = "CS_DASHBOARD_DB"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help_key: str
    choices: tuple = ()


# Currency code -> (symbol, default decimals). JPY has no minor unit, so it shows none.
CURRENCIES = {"USD": ("$", 0), "EUR": ("€", 0), "GBP": ("£", 0), "JPY": ("¥", 0)}
ZERO_DECIMAL_CURRENCIES = ("JPY",)

DISPLAY = (
    Setting("lang", "en", "sidebar.language", ("en", "ja")),
    Setting("currency", "USD", "sidebar.currency_help", tuple(CURRENCIES)),
    Setting("decimals", 0, "sidebar.decimals_help", (0, 1, 2)),
    Setting("fiscal_start", 1, "sidebar.fiscal_help", tuple(range(1, 13))),
)


def default(name: str):
    for setting in DISPLAY:
        if setting.name == name:
            return setting.default
    raise KeyError(name)
