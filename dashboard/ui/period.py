"""The as-of month (sidebar) and the reporting-window picker shared by the NRR and Churn pages."""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from dashboard import settings, windows
from dashboard.revenue import metrics as revenue
from dashboard.ui import links
from dashboard.ui.core import connection, labels, run, t

DEFAULT_KIND = "trailing_12"


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
    AS_OF.seed()  # a link's month, once (after the default is followed, so the link wins)
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
    kind = left.selectbox(t("period.kind"), windows.KINDS, index=windows.KINDS.index(DEFAULT_KIND),
                          format_func=labels("period.kind", windows.KINDS), key=f"{key}.kind",
                          help=t("period.kind_help"))
    if kind == "custom":
        options = [m for m in months if m <= end]
        first_start, first_end = custom_defaults(options)
        a, b = right.columns(2)
        start = a.selectbox(t("period.start"), options, index=options.index(first_start),
                            format_func=windows.month_label, key=f"{key}.start")
        stop = b.selectbox(t("period.end"), options, index=options.index(first_end),
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


def custom_defaults(options: list[date]) -> tuple[date, date]:
    """The custom window's start and end months before any is picked: the last twelve months of ``options``."""
    return options[max(0, len(options) - 13)], options[-1]


def label(window: windows.Window, fiscal_start: int = 1) -> str:
    """A window's name in the session's language (windows.window names it in English)."""
    return windows.name(t, window, fiscal_start)


# ---- the as-of month and the window in a link (dashboard/ui/links.py) ------------------------------------
AS_OF = links.Choice("as_of", "as_of", revenue_months, text=windows.month_label)
FISCAL_START = links.Choice("fiscal_start", "fiscal_start", range(1, 13), default=settings.default("fiscal_start"))
WINDOW_NAMES = ("window", "period", "start", "end")


@dataclasses.dataclass(frozen=True)
class WindowLink:
    """The reporting window in a link: ``window=<kind>`` (one of windows.KINDS) and ``period=YYYY-MM``, a
    month of the period (the window's end month is written: the month itself, the last month of the quarter
    or fiscal year, or the as-of month while it runs, the last of the trailing twelve), or for ``custom``
    ``start=YYYY-MM&end=YYYY-MM``; ``fiscal_start=M`` with a fiscal year that does not start in January.
    ``picker`` is the window_picker's key, ``kept`` the session key the page keeps the window under (read
    while the picker is hidden: the retrospective, presentation mode)."""

    picker: str
    kept: str

    def seed(self) -> None:
        given = {name: links.take(name) for name in WINDOW_NAMES}
        months, end = revenue_months(), as_of()
        if not months or end is None:
            return
        if any(values is not None for values in given.values()):
            st.session_state[self.kept] = self._seeded(given, months, end)
        elif self.kept not in st.session_state:
            # a session that has drawn no picker yet (a link straight to the retrospective): the picker's
            # default window; the picker's own keys stay as they are (None there is a window being corrected)
            fiscal_start = st.session_state.get("fiscal_start", FISCAL_START.default)
            choices = windows.periods(DEFAULT_KIND, months[0], end, fiscal_start=fiscal_start)
            st.session_state[self.kept] = (dataclasses.replace(choices[0], label=label(choices[0], fiscal_start))
                                           if choices else None)

    def _seeded(self, given: dict, months: list[date], end: date) -> windows.Window | None:
        """Seed the picker's keys from ``given`` (the link's values, validated); the window it will show."""
        kinds = given.get("window")
        kind = kinds[-1] if kinds else DEFAULT_KIND
        if kind not in windows.KINDS:
            for name in WINDOW_NAMES:
                links.ignore(name, given.get(name) or ())
            return self._seeded({}, months, end)
        st.session_state[f"{self.picker}.kind"] = kind
        if kind == "custom":
            links.ignore("period", given.get("period") or ())
            options = [m for m in months if m <= end]
            start, stop = _month_in(given.get("start"), options), _month_in(given.get("end"), options)
            if start is None or stop is None or stop <= start:
                links.ignore("start", given.get("start") or ())
                links.ignore("end", given.get("end") or ())
                start, stop = custom_defaults(options)
            st.session_state[f"{self.picker}.start"], st.session_state[f"{self.picker}.end"] = start, stop
            return windows.custom(start, stop) if stop > start else None
        links.ignore("start", given.get("start") or ())
        links.ignore("end", given.get("end") or ())
        fiscal_start = st.session_state.get("fiscal_start", FISCAL_START.default)
        choices = windows.periods(kind, months[0], end, fiscal_start=fiscal_start)
        if not choices:
            return None
        chosen = choices[0]
        if given.get("period"):
            month = _month_in(given["period"], months)
            named = windows.window(kind, month, fiscal_start=fiscal_start, as_of=end) if month else None
            match = [c for c in choices if named and (c.start, c.end) == (named.start, named.end)]
            if match:
                chosen = match[0]
            else:
                links.ignore("period", given["period"])
        st.session_state[f"{self.picker}.period.{kind}"] = chosen.label
        return dataclasses.replace(chosen, label=label(chosen, fiscal_start))

    def state(self) -> dict[str, list[str]]:
        window = st.session_state.get(self.kept)
        if window is None:
            return {}
        if window.kind == "custom":
            out = {"window": ["custom"], "start": [windows.month_label(window.start)],
                   "end": [windows.month_label(window.end)]}
        else:
            out = {"window": [window.kind], "period": [windows.month_label(window.end)]}
        fiscal_start = st.session_state.get("fiscal_start", FISCAL_START.default)
        if window.kind == "fiscal_year" and fiscal_start != FISCAL_START.default:
            out["fiscal_start"] = [str(fiscal_start)]
        return out


def _month_in(values: tuple[str, ...] | None, options: list[date]) -> date | None:
    """The month a link names (its last value), when it is one of ``options``."""
    if not values:
        return None
    try:
        month = windows.parse_month(values[-1])
    except ValueError:
        return None
    return month if month in options else None
