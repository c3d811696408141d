"""The sidebar every page shares: dataset version, sample badge and display settings."""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import settings, store
from dashboard.i18n import LANGUAGES
from dashboard.ui.core import run, t
from dashboard.ui.findings import currency_hint
from dashboard.ui.period import FISCAL_START, as_of_picker


def sidebar(con: duckdb.DuckDBPyConnection) -> None:
    with st.sidebar:
        version = store.current_version(con)
        if version is None:
            st.caption(t("sidebar.no_data"))
        else:
            st.caption(t("sidebar.version", version=version))
        if version is not None and run(store.is_sample, version=version):  # a query: kept per version
            st.badge(t("sidebar.sample_badge"), icon=":material/science:", color="orange")
            st.caption(t("sidebar.sample_help"))
        as_of_picker()
        currency_hint()
        from dashboard.access.view import who_am_i  # the access feature's seam, drawn in the shared sidebar

        who_am_i()
        FISCAL_START.seed()  # a link to a fiscal-year window names the year's first month
        with st.expander(t("sidebar.settings"), icon=":material/tune:"):
            _setting("lang", t("sidebar.language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__)
            _setting("currency", t("sidebar.currency"), list(settings.CURRENCIES), help=t("sidebar.currency_help"))
            _setting("decimals", t("sidebar.decimals"), [0, 1, 2], help=t("sidebar.decimals_help"),
                     disabled=st.session_state.get("currency") in settings.ZERO_DECIMAL_CURRENCIES)
            _setting("fiscal_start", t("sidebar.fiscal_start"), list(range(1, 13)),
                     format_func=_month_names(), help=t("sidebar.fiscal_help"))


def _month_names():
    """Month names in the session's language, bound now: AppTest formats options outside a run."""
    names = {m: t(f"month.{m}") for m in range(1, 13)}
    return names.__getitem__


def _setting(name: str, label: str, options: list, **kwargs) -> None:
    """A display setting kept under its plain name in the session. The widget has its own key
    ("display.<name>.<language>"): Streamlit forgets a widget's value on any run that does not draw it, and
    a plain session key survives page switches and reruns that skip the sidebar."""
    # The key carries the language: labels and options are re-translated, so the widget is new.
    widget = f"display.{name}.{st.session_state.get('lang', settings.default('lang'))}"
    st.session_state[widget] = st.session_state.get(name, settings.default(name))
    st.selectbox(label, options, key=widget, on_change=_copy, args=(widget, name), **kwargs)


def _copy(widget: str, name: str) -> None:
    st.session_state[name] = st.session_state[widget]
