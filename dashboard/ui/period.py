"""The as-of month (sidebar) and the reporting-window picker shared by the NRR and Churn pages."""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from dashboard import windows
from dashboard.revenue import metrics as revenue
from dashboard.ui.core import connection, labels, run, t


def revenue_months() -> list[date]:
    """Every month a user may report on: from the first with MRR to the last complete calendar month
    (PRODUCT.md "The as-of month": any month up to that cap), oldest first."""
    connection()
    default = run(revenue.default_as_of)
    if default is None:
        return []
    first = run(revenue.monthly_movements, as_of=default)["month"].iloc[0]
    cap = max(windows.last_complete_month(), default)
    return [windows.add_months(first, n) for n in range(windows.months_between(first, cap) + 1)]


def as_of_picker() -> None:
    """Sidebar select of the as-of month; defaults to the latest month the data speaks of, and says so
    when churn the data records falls after the chosen month."""
    months = revenue_months()
    if not months:
        st.session_state.pop("as_of", None)
        return
    options = list(reversed(months))
    default = run(revenue.default_as_of)
    # a new dataset (or a new rule) moves the default: follow it rather than keep a month chosen for other data
    if st.session_state.get("as_of") not in options or st.session_state.get("as_of.default") != default:
        st.session_state["as_of"] = default
    st.session_state["as_of.default"] = default
    st.selectbox(t("period.as_of"), options, key="as_of", format_func=windows.month_label,
                 help=t("period.as_of_help", default=windows.month_label(default)))
    hidden = churn_after(st.session_state["as_of"])
    if hidden:
        st.warning(t("period.churn_after", accounts=hidden, as_of=windows.month_label(st.session_state["as_of"]),
                     default=windows.month_label(default)), icon=":material/visibility_off:")


def churn_after(month: date) -> int:
    """Churned accounts the data records in months after ``month`` (through the default as-of month)."""
    default = run(revenue.default_as_of)
    if default is None or month >= default:
        return 0
    frame = run(revenue.monthly_movements, as_of=default)
    return int(frame.loc[frame["month"] > month, "churned_accounts"].sum())


def as_of() -> date | None:
    """The as-of month chosen in the sidebar (or the default); None when there is no revenue."""
    chosen = st.session_state.get("as_of")
    return chosen if chosen is not None else run(revenue.default_as_of)


def window_picker(key: str) -> windows.Window | None:
    """Window kind + period selects (month, quarter, fiscal year, trailing 12 months, custom)."""
    months = revenue_months()
    end = as_of()
    if not months or end is None:
        return None
    first = months[0]
    left, right = st.columns([1, 2])
    kind = left.selectbox(t("period.kind"), windows.KINDS, index=windows.KINDS.index("trailing_12"),
                          format_func=labels("period.kind", windows.KINDS), key=f"{key}.kind",
                          help=t("period.kind_help"))
    if kind == "custom":
        options = [m for m in months if m <= end]
        a, b = right.columns(2)
        start = a.selectbox(t("period.start"), options, index=max(0, len(options) - 13),
                            format_func=windows.month_label, key=f"{key}.start")
        stop = b.selectbox(t("period.end"), options, index=len(options) - 1,
                           format_func=windows.month_label, key=f"{key}.end")
        if stop <= start:
            right.warning(t("period.bad_custom"))
            return None
        return windows.custom(start, stop)
    fiscal_start = st.session_state.get("fiscal_start", 1)
    choices = windows.periods(kind, first, end, fiscal_start=fiscal_start)
    if not choices:
        return None
    # the key holds the window's own (English) label, the option shows it in the session's language
    names = {w.label: label(w, fiscal_start) for w in choices}
    picked = right.selectbox(t("period.period"), list(names), key=f"{key}.period.{kind}", format_func=names.__getitem__)
    return dataclasses.replace(choices[list(names).index(picked)], label=names[picked])


def label(window: windows.Window, fiscal_start: int = 1) -> str:
    """A window's name in the session's language (windows.window names it in English)."""
    return windows.name(t, window, fiscal_start)
