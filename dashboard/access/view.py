"""Sign-in on the page: the gate before any page (sign in, or no access and whom to ask), who is signed
in (sidebar), and the Data page's audit trail."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import streamlit as st

from dashboard import access
from dashboard.access import audit
from dashboard.ui import auth
from dashboard.ui.core import counted, published_copy, said, t
from dashboard.ui.section import section
from dashboard.ui.widgets import say


def gate_page() -> None:
    """The one page a session that may not see the app gets: the sign-in page (signed out), the
    no-access page (signed in without a role) or the broken roles file."""
    try:
        policy = auth.policy()
    except access.PolicyError as exc:
        st.title(t("access.sign_in_title"))
        say(t("access.policy_broken", error=said(exc.msg)), "error", icon=":material/error:")
        return
    if not auth.signed_in():
        st.title(t("access.sign_in_title"))
        st.write(t("access.sign_in_intro"))
        st.button(t("access.sign_in"), type="primary", icon=":material/login:", on_click=st.login, key="access.sign_in")
        return
    st.title(t("access.no_access_title"))
    say(t("access.no_access", user=str(st.user.get("email", "")),
          contact=policy.contact or t("access.no_access_anyone")), "warning", icon=":material/lock:")
    st.button(t("access.sign_out"), on_click=st.logout, icon=":material/logout:", key="access.sign_out")


def who_am_i() -> None:
    """The sidebar's line saying as whom this session works (and, signed in, the sign-out button)."""
    me = auth.me()
    copy = published_copy()
    if copy is not None and copy.exists():
        at = datetime.fromtimestamp(copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        st.caption(t("replica.caption", at=at))
    if auth.configured():
        say(t("access.signed_in_as", user=me.user, role=t(f"access.role.{me.role}")), "caption")
        st.button(t("access.sign_out"), on_click=st.logout, icon=":material/logout:", key="access.sidebar_sign_out")
    elif copy is None:  # a reader process changes nothing: no author to name
        say(t("access.local_user", user=me.user), "caption")


def audit_section(con: duckdb.DuckDBPyConnection) -> None:
    """Every recorded write, filterable by kind and person, with its CSV."""
    with section(t("access.audit_header"), key="data.audit", definition=t("access.audit_definition")) as box:
        left, right = st.columns([3, 2])
        kinds = left.multiselect(t("access.audit_kinds"), list(access.ACTIONS), key="access.audit_kinds",
                                 format_func=lambda kind: t(f"access.action.{kind}"))
        who = right.text_input(t("access.audit_who"), key="access.audit_who", max_chars=120)
        frame = audit.trail(con, actions=kinds or None, user=who or None)
        if frame.empty:
            st.caption(t("access.audit_none"))
            return
        latest = frame.iloc[0]
        box.finding(counted("access.audit_summary", len(frame), user=latest["user"],
                            at=pd.Timestamp(latest["changed_at"]).strftime("%Y-%m-%d %H:%M"),
                            filtered=t("access.audit_filtered") if kinds or who else ""))
        shown = frame.assign(action=[t(f"access.action.{a}") for a in frame["action"]],
                             role=[t(f"access.role.{r}") if r in access.ROLES else r for r in frame["role"]])
        box.table(shown, "audit_trail.csv", key="access.audit_download", column_config={
            "changed_at": st.column_config.DatetimeColumn(t("access.col.changed_at"), format="YYYY-MM-DD HH:mm:ss"),
            **{c: t(f"access.col.{c}") for c in audit.COLUMNS if c != "changed_at"}})
