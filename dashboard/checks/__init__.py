"""Reconciliation at load: the current version's tables checked against each other.

:func:`findings` runs every check whose tables exist (an absent optional table skips its checks,
it never raises) and returns one row per finding: kind (one of :data:`KINDS`), severity
("warning" or "info"), count, finding (what was found), example (one offending row, in words) and
action (what to do). No findings is an empty frame with those columns. Findings are warnings, not
errors: nothing is refused because of them.

Churn reasons are matched to churn movements by the Churn review's own rule
(:mod:`dashboard.churn.matching`); the checks only say why a reason row matches none.
"""

from __future__ import annotations

from dashboard import lazy

# the checks load when first used (the command line's --help imports dashboard.checks.command)
__getattr__, __dir__, __all__ = lazy.exports(__name__, {"reconcile": (
    "findings",
    "for_page",
    "finding",
    "stated_currency",
    "median_mrr",
    "suggested_currency",
    "COLUMNS",
    "KINDS",
    "SEVERITY",
    "ALL_PAGES",
    "AFFECTS",
    "LARGE_MRR",
    "SMALL_YEN",
    "CENT_CURRENCIES",
    "JA_YEN_MRR",
)})
