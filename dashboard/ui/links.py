"""Links to a view (issue 16): a page's state lives in the address bar's query parameters, so a link
pasted into a meeting invite opens the same view.

A page names its parameters (a :class:`Choice` per widget with a known set of options; the reporting
window is :class:`dashboard.ui.period.WindowLink`), calls :func:`arrive` before its widgets are drawn and
:func:`publish` once they are. ``arrive`` seeds the widgets' session keys from a link this session has
not applied yet; ``publish`` writes the state on screen back into the address, and says in one notice
what the link carried that could not be used (the page shows the default for it).

A link is applied once. The session remembers the parameters it last applied or wrote, so a rerun (a
widget moved) never puts the link's values back; an address it has not seen (a pasted link, a page
opened from the navigation, which clears the parameters) is applied. Values are data: they are only
compared, as text, with the options the page offers, and a notice shows them through the one
escaping renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import streamlit as st

from dashboard.ui.core import t
from dashboard.ui.widgets import say

SEEN = "links.seen"        # the address this session last applied or wrote
PENDING = "links.pending"  # a new address's parameters that nothing has used yet
IGNORED = "links.ignored"  # (name, value) of the new address that could not be used
PARAMS = "links.params"    # the page's parameters, for a fragment's publish
SHOWN_VALUES = 8           # a notice names this many ignored parameters at most
SHOWN_LENGTH = 40          # and this many characters of each value

Address = dict[str, tuple[str, ...]]


class Param(Protocol):
    """One part of a page's state in its link."""

    def seed(self) -> None:
        """Put the link's value into the widget's session key (only when a new link carries one)."""

    def state(self) -> dict[str, list[str]]:
        """The parameters of the state on screen; a value at its default is left out."""


def flag(value: bool) -> str:
    """A switch in a link: 1 (on) or 0 (off)."""
    return "1" if value else "0"


@dataclass(frozen=True)
class Choice:
    """A widget whose value is one of ``options`` (``many``: several of them, as repeated parameters
    ``segment=A&segment=B``), shown in the link as ``text(option)``."""

    name: str
    key: str
    options: Sequence | Callable[[], Iterable]
    default: Any = None
    many: bool = False
    text: Callable[[Any], str] = str

    def allowed(self) -> list:
        return list(self.options() if callable(self.options) else self.options)

    def seed(self) -> None:
        values = take(self.name)
        if values is None:
            return
        known = {self.text(option): option for option in self.allowed()}
        ignore(self.name, [v for v in values if v not in known])
        picked = list(dict.fromkeys(known[v] for v in values if v in known))
        if self.many:
            st.session_state[self.key] = picked
        elif picked:
            st.session_state[self.key] = picked[-1]

    def state(self) -> dict[str, list[str]]:
        value = st.session_state.get(self.key)
        if self.many:
            return {self.name: [self.text(v) for v in value]} if value else {}
        if value is None or value == self.default:
            return {}
        return {self.name: [self.text(value)]}


def address() -> Address:
    """The address bar's parameters (Streamlit's own embed parameters are not among them)."""
    return {name: tuple(st.query_params.get_all(name)) for name in st.query_params}


def pending() -> dict[str, tuple[str, ...]]:
    """The parameters of an address this session has not applied yet that nothing has used so far in
    this run (empty when the address is the one this session wrote)."""
    current = address()
    if current != st.session_state.get(SEEN):
        st.session_state[SEEN] = current
        st.session_state[PENDING] = dict(current)
        st.session_state[IGNORED] = []
    return st.session_state[PENDING]


def take(name: str) -> tuple[str, ...] | None:
    """The values a new link gives parameter ``name`` (None when it gives none), marked as used."""
    return pending().pop(name, None)


def ignore(name: str, values: Iterable[str]) -> None:
    """Note values of ``name`` the page could not use; :func:`publish` names them in its notice."""
    st.session_state.setdefault(IGNORED, []).extend((name, str(v)) for v in values)


def arrive(*params: Param):
    """Top of a page, before its widgets: seed them from a new link. Returns the place of the notice
    that :func:`publish` fills when something in the link could not be used."""
    notice = st.empty()
    st.session_state[PARAMS] = params
    for param in params:
        param.seed()
    return notice


def publish(notice=None) -> None:
    """Write the state on screen into the address bar (after the page's widgets; a fragment that moves
    a widget calls it without ``notice``). With ``notice`` (from :func:`arrive`), say what the link
    carried that was not used, once: a value out of its options, a parameter no part of the page reads."""
    params = st.session_state.get(PARAMS, ())
    state: dict[str, list[str]] = {}
    for param in params:
        state.update(param.state())
    if notice is not None:
        unused = st.session_state.get(PENDING, {})
        st.session_state[PENDING] = {}
        ignore_all = [*st.session_state.get(IGNORED, []), *((n, v) for n, vs in unused.items() for v in vs or ("",))]
        st.session_state[IGNORED] = []
        if ignore_all:
            say(t("links.ignored", params=described(ignore_all)), "warning", into=notice, icon=":material/link_off:")
    written = {name: tuple(values) for name, values in state.items()}
    if written != address():
        st.query_params.from_dict(state)
    st.session_state[SEEN] = written


def described(pairs: list[tuple[str, str]]) -> str:
    """``name=value, ...`` of what a link carried in vain, shortened (a link is anyone's text)."""
    shown = [f"{_short(name)}={_short(value)}" for name, value in pairs[:SHOWN_VALUES]]
    if len(pairs) > SHOWN_VALUES:
        shown.append("…")
    return ", ".join(shown)


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 1] + "…"
