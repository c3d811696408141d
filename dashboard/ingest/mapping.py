"""Mapping a file's columns onto a canonical table: suggestions by name and synonym, and the
user's choices checked (:func:`resolve`)."""

from __future__ import annotations

import re

from dashboard import parsing, schema
from dashboard.i18n import Msg
from dashboard.ingest.problems import Problem
from dashboard.ingest.staging import SourceFile

AMOUNT, INTERVAL = "amount", "interval_months"   # subscriptions: mrr = amount / interval_months
MAX_AMOUNT = schema.MAX_AMOUNT
PSEUDO = {AMOUNT: schema.Column(AMOUNT, "amount"), INTERVAL: schema.Column(INTERVAL, "number")}


def _targets(table: str) -> list[tuple[str, tuple[str, ...]]]:
    spec = schema.table(table)
    return [(c.name, c.synonyms) for c in spec.columns]


def _match(targets: list[tuple[str, tuple[str, ...]]], columns: list[str], taken: dict[str, str]) -> None:
    """Add source -> canonical pairs to ``taken``: exact names before synonyms, earlier synonyms
    and earlier file columns first, a header's bracketed unit dropped last; one source per
    canonical column and vice versa."""
    index: dict[str, list[tuple[int, int, str]]] = {}
    for order, (canonical, synonyms) in enumerate(targets):
        index.setdefault(parsing.header_key(canonical), []).append((0, order, canonical))
        for rank, synonym in enumerate(synonyms, start=1):
            index.setdefault(parsing.header_key(synonym), []).append((rank, order, canonical))
    # A header with a unit in brackets (月額（円）) matches by its stem, after every whole-name match.
    stems = {src: parsing.header_stem(src) for src in columns}
    candidates = sorted([(False, rank, position, order, src, canonical)
                         for position, src in enumerate(columns)
                         for rank, order, canonical in index.get(parsing.header_key(src), ())]
                        + [(True, rank, position, order, src, canonical)
                           for position, src in enumerate(columns) if stems[src]
                           for rank, order, canonical in index.get(stems[src], ())])
    for *_, src, canonical in candidates:
        if src not in taken and canonical not in taken.values():
            taken[src] = canonical


def suggest_mapping(table: str, columns: list[str]) -> dict[str, str]:
    """Source column -> canonical column for the file columns recognised by name or synonym.
    For subscriptions without an mrr column also amount / interval_months (mrr = amount /
    interval_months)."""
    taken: dict[str, str] = {}
    _match(_targets(table), columns, taken)
    if table == "subscriptions" and "mrr" not in taken.values():
        _match([(AMOUNT, schema.SUBSCRIPTION_AMOUNT_SYNONYMS),
                (INTERVAL, schema.SUBSCRIPTION_INTERVAL_SYNONYMS)], columns, taken)
    return taken


def resolve(source: SourceFile, spec: schema.Table, mapping: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """(canonical or pseudo column -> source column, mapping problems)."""
    problems, chosen = [], {}
    allowed = set(spec.column_names) | (set(PSEUDO) if spec.name == "subscriptions" else set())
    for src, canonical in mapping.items():
        if src not in source.columns:
            problems.append(Problem(source.name, None, canonical, Msg("ingest.map_not_in_file", source=repr(src))))
        elif canonical not in allowed:
            problems.append(Problem(source.name, None, src, Msg("ingest.map_no_column", table=spec.name,
                                                                   column=repr(canonical))))
        elif canonical in chosen:
            problems.append(Problem(source.name, None, canonical, Msg("ingest.map_twice", first=repr(chosen[canonical]),
                                                                         second=repr(src), column=canonical)))
        else:
            chosen[canonical] = src
    if "mrr" in chosen and (AMOUNT in chosen or INTERVAL in chosen):
        problems += [Problem(source.name, None, c, Msg("ingest.map_ignored", source=repr(chosen["mrr"])), "warning")
                     for c in (AMOUNT, INTERVAL) if chosen.pop(c, None)]
    unmapped = [c for c in source.columns if c not in chosen.values()]
    hint = (Msg("ingest.hint_unmapped", columns=", ".join(unmapped)) if unmapped
            else Msg("ingest.hint_all_mapped"))
    for col in spec.columns:
        if not col.required or col.name in chosen:
            continue
        if col.name == "mrr" and spec.name == "subscriptions":
            if AMOUNT in chosen and INTERVAL in chosen:
                continue
            lacking = [c for c in (AMOUNT, INTERVAL) if c not in chosen]
            # a message, not a joined string, so that it is said in the reader's language too
            both = Msg("ingest.both", first=lacking[0], second=lacking[1]) if len(lacking) == 2 else lacking[0]
            message = Msg("ingest.mrr_missing", lacking=both, hint=hint)
        else:
            message = Msg("ingest.required_missing", column=col.name, hint=hint)
        problems.append(Problem(source.name, None, col.name, message))
    return chosen, problems


# what a header or a value says of the currency of its amounts (月額（円）, "¥1,200", "MRR (USD)"):
# signs anywhere, codes as words of their own
_CURRENCY_SIGNS = {"JPY": ("円", "¥", "￥"), "USD": ("$", "ドル"), "EUR": ("€",), "GBP": ("£",)}


def stated_currency(text: str | None) -> str | None:
    """The currency ``text`` (a column header) names, if it names exactly one."""
    folded = (text or "").casefold()
    found = {code for code, signs in _CURRENCY_SIGNS.items() if any(sign in folded for sign in signs)}
    found |= {code for code in _CURRENCY_SIGNS if re.search(rf"(?<![a-z]){code.lower()}(?![a-z])", folded)}
    return found.pop() if len(found) == 1 else None


def currency_sql(ref: str) -> str:
    """SQL: the code of the currency whose sign the raw value ``ref`` carries (¥1,200, 1,200円), else NULL."""
    whens = []
    for code, signs in _CURRENCY_SIGNS.items():
        carries = " OR ".join(f"contains({ref}, '{sign}')" for sign in signs)
        whens.append(f"WHEN {carries} THEN '{code}'")
    return f"CASE {' '.join(whens)} END"


def with_overrides(suggested: dict[str, str], mapping: dict[str, str] | None) -> dict[str, str]:
    """The suggested mapping with the user's choices on top: a choice replaces any suggestion for the same
    file column or the same table column."""
    chosen = dict(suggested)
    for src, canonical in (mapping or {}).items():
        chosen = {s: c for s, c in chosen.items() if s != src and c != canonical}
        chosen[src] = canonical
    return chosen
