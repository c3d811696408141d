"""Reconciliation at load: the current version's tables checked against each other
(:mod:`dashboard.checks.reconcile`; its public names are this package's, loaded on first use)."""

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
