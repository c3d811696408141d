"""The person using this session: signed in through Streamlit's own ``st.login`` (OpenID Connect) when
``.streamlit/secrets.toml`` has an ``[auth]`` section, else the one local user of a laptop.

Pages ask :func:`identity` what to offer; every writing function is handed :func:`me` and checks the
role itself (:func:`dashboard.access.require`), so hiding a button is a courtesy, not the guard.
"""

from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard import access, replica
from dashboard.ui.core import t
from dashboard.ui.widgets import say


def configured() -> bool:
    """True when sign-in is set up (an ``[auth]`` section in the app's secrets)."""
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # a secrets file Streamlit cannot parse: no sign-in section
        return False


@st.cache_resource(show_spinner=False)
def policy() -> access.Policy:
    """The roles file, read once when the app starts (a change needs a restart, like the secrets).
    A file that cannot be read raises :class:`access.PolicyError`, and nobody gets in."""
    return access.read_policy()


@st.cache_resource(show_spinner=False)
def _local() -> access.Identity:
    return access.local_identity()


def signed_in() -> bool:
    return configured() and bool(st.user.get("is_logged_in", False))


def allowed() -> bool:
    """True when this session may see the pages: no sign-in configured, or signed in with a role (a
    roles file that cannot be read lets nobody in)."""
    if not configured():
        return True
    try:
        return identity() is not None
    except access.PolicyError:
        return False


def identity() -> access.Identity | None:
    """The session's identity: the local user without sign-in; with it, the signed-in person with the
    role the roles file gives them, or None (signed out, or no role: no access). A reader process
    (:mod:`dashboard.replica`) serves a read-only copy: everyone there is a viewer."""
    if not configured():
        found = _local()
    elif not signed_in():
        return None
    else:
        found = policy().identity(st.user.get("email"), st.user.get("name"))
    if found is not None and replica.replica_folder() is not None and found.role != "viewer":
        return dataclasses.replace(found, role="viewer")
    return found


# what a session without an identity hands a writing function: it has no role, so every write is refused
NOBODY = access.Identity(user="(not signed in)", role="none")


def me() -> access.Identity:
    """The identity a write is made as (:data:`NOBODY` when there is none, which every write refuses)."""
    return identity() or NOBODY


def may(action: str) -> bool:
    """Whether this session's role may make ``action`` (to decide which controls to offer)."""
    return me().may(action)


def anonymise_locked() -> bool:
    """True when the all-hands lock keeps names hidden for this session (a viewer, with the roles
    file's ``anonymise_for_viewers``)."""
    return configured() and policy().anonymise_locked(me())


def contact() -> str:
    """Whom to ask for a role (the roles file's ``contact``), or ''."""
    try:
        return policy().contact if configured() else ""
    except access.PolicyError:
        return ""


def role_needed(action: str) -> None:
    """Say, where a control for ``action`` would be, that this session's role does not reach it and whom to
    ask (or, in a reader process, that changes are made in the main app)."""
    if replica.replica_folder() is not None:
        say(t("replica.read_only"), "info", icon=":material/lock:")
        return
    needs = access.ACTIONS[action]
    say(t("access.needs_role", role=t(f"access.role.{me().role}"),
          what=t("access.what.load" if needs == "admin" else "access.what.edit"),
          needs=t(f"access.role.{needs}"), contact=contact() or t("access.no_access_anyone")),
        "info", icon=":material/lock:")
