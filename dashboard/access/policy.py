"""Who may do what: the person behind a write, their role, and the check every writing function makes.

On a laptop (no sign-in configured) the one local user can do everything. On a team server people sign
in with the company's identity provider (``st.login``, see :mod:`dashboard.ui.auth`) and get a role from
the roles file the admin edits (:func:`read_policy`):

- viewer: sees every page and downloads;
- editor: also saves health configurations, overrides, coverage scenarios, churn learnings and usage sources;
- admin: also loads files, pulls usage from a source and rolls back versions.

The check sits in the functions that write (:func:`require`), not only in the widgets, so a viewer's
session is refused even if it reaches the code behind a hidden button. Nothing here imports streamlit.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.i18n import Msg

ROLES = ("viewer", "editor", "admin")
# every kind of write and the least role that may make it (the audit trail records the same names)
ACTIONS = {
    "load": "admin",
    "rollback": "admin",
    "health.save": "editor",
    "health.activate": "editor",
    "override.set": "editor",
    "override.clear": "editor",
    "scenario.save": "editor",
    "scenario.delete": "editor",
    "learning.save": "editor",
    "target.save": "editor",
    "target.delete": "editor",
    "timeline.save": "editor",
    "timeline.delete": "editor",
    "source.save": "editor",
    "source.delete": "editor",
    # a pull commits a new dataset version, as a load does
    "usage.pull": "admin",
}
# the environment variables naming the roles file and the local user (laptop, command line)
ROLES_ENV = "CS_DASHBOARD_ROLES"
USER_ENV = "CS_DASHBOARD_USER"
DEFAULT_ROLES_FILE = Path(".streamlit") / "roles.toml"


@dataclass(frozen=True)
class Identity:
    """The person (or the app itself) behind a write. ``user`` is the signed-in e-mail address, or the
    local user's name without sign-in; it is what the audit trail and the authors of saved things show."""

    user: str
    role: str
    name: str = ""
    signed_in: bool = False

    def may(self, action: str) -> bool:
        """True when this identity's role reaches the least role ``action`` needs."""
        return self.role in ROLES and ROLES.index(self.role) >= ROLES.index(ACTIONS[action])


class AccessDenied(PermissionError):
    """A write refused for the identity's role; ``msg`` says who, what and which role it needs."""

    def __init__(self, by: object, action: str):
        who = by.user if isinstance(by, Identity) else "(nobody)"
        role = by.role if isinstance(by, Identity) else "-"
        self.action = action
        self.msg = Msg("access.denied", user=who, role=role, action=action, needs=ACTIONS.get(action, "admin"))
        super().__init__(f"{who} ({role}) may not {action}: it needs the {ACTIONS.get(action, 'admin')} role")


def require(by: object, action: str) -> Identity:
    """Refuse (:class:`AccessDenied`) unless ``by`` is an :class:`Identity` whose role may ``action``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown write {action!r}")
    if not isinstance(by, Identity) or not by.may(action):
        raise AccessDenied(by, action)
    return by


def local_identity() -> Identity:
    """The one local user of a laptop or the command line: every role, named by ``CS_DASHBOARD_USER``
    or the operating system's login name."""
    name = os.environ.get(USER_ENV, "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no login name (a container without a passwd entry)
            name = "local user"
    return Identity(user=name, role="admin", name=name)


# the app's own writes (the sample company loaded when a database is first opened)
SYSTEM = Identity(user="system", role="admin", name="the app")


class PolicyError(ValueError):
    """The roles file cannot be read: ``msg`` names the file and the entry."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


@dataclass(frozen=True)
class Policy:
    """The roles file: addresses and domains to roles, whom to ask, and the all-hands lock."""

    people: dict[str, str] = field(default_factory=dict)   # address -> role
    domains: dict[str, str] = field(default_factory=dict)  # domain -> role
    contact: str = ""
    anonymise_for_viewers: bool = False

    def role_of(self, email: str | None) -> str | None:
        """The role of a signed-in address: its own entry, else its domain's; None when unknown."""
        address = str(email or "").strip().lower()
        if "@" not in address:
            return None
        return self.people.get(address) or self.domains.get(address.rsplit("@", 1)[1])

    def identity(self, email: str | None, name: str | None = None) -> Identity | None:
        """The identity of a signed-in person, or None when the file gives them no role."""
        role = self.role_of(email)
        if role is None:
            return None
        return Identity(user=str(email).strip().lower(), role=role, name=str(name or "").strip(), signed_in=True)

    def anonymise_locked(self, by: Identity) -> bool:
        """True when names must stay hidden for ``by`` (the all-hands view: viewers on a shared screen)."""
        return self.anonymise_for_viewers and not by.may("learning.save")


def roles_path() -> Path:
    return Path(os.environ.get(ROLES_ENV) or DEFAULT_ROLES_FILE)


def read_policy(path: str | os.PathLike | None = None) -> Policy:
    """Read the roles file (default ``CS_DASHBOARD_ROLES`` or ``.streamlit/roles.toml``). A missing file
    is an empty policy (nobody signed in has a role). Example::

        contact = "cs-ops@example.com"      # whom people without access are told to ask
        anonymise_for_viewers = true        # the all-hands view: names hidden and locked for viewers

        [roles]
        "alice@example.com" = "admin"
        "ops@example.com" = "editor"
        "example.com" = "viewer"            # a domain: everyone with an address there
    """
    target = Path(path) if path is not None else roles_path()
    if not target.is_file():
        return Policy()
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(Msg("access.bad_file", file=str(target), reason=str(exc))) from exc
    people: dict[str, str] = {}
    domains: dict[str, str] = {}
    roles = data.get("roles", {})
    if not isinstance(roles, dict):
        raise PolicyError(Msg("access.bad_entry", file=str(target), entry="roles", value=repr(roles)))
    for key, role in roles.items():
        if role not in ROLES:
            raise PolicyError(Msg("access.bad_role", file=str(target), entry=key, value=repr(role),
                                  roles=", ".join(ROLES)))
        entry = key.strip().lower()
        if "@" in entry.lstrip("@"):
            people[entry] = role
        elif entry.lstrip("@") and "." in entry:
            domains[entry.lstrip("@")] = role
        else:
            raise PolicyError(Msg("access.bad_entry", file=str(target), entry=key, value=repr(role)))
    lock = data.get("anonymise_for_viewers", False)
    if not isinstance(lock, bool):
        raise PolicyError(Msg("access.bad_entry", file=str(target), entry="anonymise_for_viewers", value=repr(lock)))
    return Policy(people=people, domains=domains, contact=str(data.get("contact", "")).strip(),
                  anonymise_for_viewers=lock)
