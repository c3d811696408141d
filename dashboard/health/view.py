"""Streamlit helpers of the Health page: the configuration on screen, its controls, and the cached data.

The configuration being edited (the *draft*) lives in ``st.session_state["health.draft"]`` as a frozen
:class:`~dashboard.health.config.Config`. Widgets of the model being edited are keyed by model and
measure (``health.w.<model>.<measure>``...) and start from the draft; after drawing them the draft takes
their values. Loading a saved version, importing a file or applying suggested weights replaces the
draft and forgets the widget keys, so the widgets start again from it.

Big frames (one month of measures, a back-test month) are cached per dataset version with
``st.cache_resource`` and never copied or mutated: a slider move only re-runs numpy on them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import store, trace
from dashboard.health import overrides, scores, scoring, storage
from dashboard.health.config import (
    DEFAULT_MODEL,
    MEASURE_NAMES,
    MEASURES,
    RULES,
    USAGE_MEASURES,
    Config,
    Model,
    Rule,
    measure,
    path_parts,
)
from dashboard.i18n import known
from dashboard.ui.core import connection, dataset_key, labels, t

DRAFT, BASE = "health.draft", "health.base"
_PREFIXES = ("health.w.", "health.rule.", "health.range.", "health.better.", "health.bands.")


# ---- cached data ---------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=24)
def _shared(_con, _fn: Callable, key: tuple, name: str, kwargs: tuple):
    with trace.recording() as steps:
        result = _fn(_con, **dict(kwargs))
    return result, tuple(steps)


def shared(fn: Callable, /, **kwargs):
    """Like :func:`dashboard.ui.run` but without copying the result: for big frames read, never changed.
    The SQL the call ran is recorded on every call, as :func:`dashboard.ui.run` does."""
    con = connection()
    result, steps = _shared(con, fn, dataset_key(con), f"{fn.__module__}.{fn.__qualname__}",
                            tuple(sorted(kwargs.items())))
    trace.replay(steps)
    return result


def month_data(as_of: date, month: date) -> tuple[pd.DataFrame, scoring.Prepared]:
    return shared(scores.month_data, as_of=as_of, month=month)


# Saved settings change only through this page's callbacks; each write bumps the revision, so reads of
# the app tables are cached between writes (a slider move then never touches the database).
_REVISION = [0]


def bump() -> None:
    _REVISION[0] += 1


@st.cache_resource(show_spinner=False, max_entries=8)
def _app_state(_con, key: tuple, revision: int, lang: str) -> tuple[storage.Saved, pd.DataFrame, pd.DataFrame]:
    return storage.active(_con), overrides.all_overrides(_con), storage.versions(_con, label=path_label)


def app_state() -> tuple[storage.Saved, pd.DataFrame, pd.DataFrame]:
    """The active saved configuration, every override and every saved version (cached until the next
    write through this page)."""
    con = connection()
    return _app_state(con, dataset_key(con), _REVISION[0], st.session_state.get("lang", "en"))


def path_label(path: str) -> str:
    """A changed setting in words: ``*.measures.nps.weight`` -> "Default (all segments) · NPS · weight"."""
    segment, name, field = path_parts(path)
    words = [model_label(segment)]
    if name is not None:
        words.append(measure_label(name) if name in MEASURE_NAMES else name)
    words.append(t(f"health.field.{field}") if known(f"health.field.{field}") else field)
    return " · ".join(words)


@st.cache_resource(show_spinner=False, max_entries=16)
def _saved_scores(_prep: scoring.Prepared, key: tuple, config: Config):
    return scoring.score_arrays(_prep, config)


def saved_scores(prep: scoring.Prepared, key: tuple, config: Config):
    """Scores under the saved configuration (unchanged while sliders move, so cached)."""
    return _saved_scores(prep, key, config)


def revenue_only_notice() -> None:
    """Without a usage table: say that scores rest on revenue, and which measures usage would add."""
    if store.has_table(connection(), "usage"):
        return
    revenue_names = [n for n in MEASURE_NAMES if n not in USAGE_MEASURES]
    st.info(t("health.revenue_only", measures=", ".join(measure_label(n) for n in revenue_names),
              usage=", ".join(measure_label(n) for n in USAGE_MEASURES)), icon=":material/info:")


# ---- the draft -----------------------------------------------------------------------------------

def saved() -> storage.Saved:
    """The active saved configuration."""
    return app_state()[0]


def draft() -> Config:
    if DRAFT not in st.session_state:
        current = saved()
        st.session_state[DRAFT] = current.config
        st.session_state[BASE] = (current.name, current.version)
    return st.session_state[DRAFT]


def replace_draft(config: Config, base: tuple[str, int] | None = None) -> None:
    """Put a configuration on screen (use from a callback: it resets the widgets)."""
    st.session_state[DRAFT] = config
    if base is not None:
        st.session_state[BASE] = base
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_PREFIXES)]:
        del st.session_state[key]
    bump()


def model_label(name: str) -> str:
    return t("health.model_default") if name == DEFAULT_MODEL else name


def measure_label(name: str) -> str:
    return t(f"health.m.{name}")


# ---- controls ------------------------------------------------------------------------------------

def model_picker(segments: list[str]) -> str:
    """The segment model being edited, with add / remove; returns its name."""
    config = draft()
    if st.session_state.get("health.model") not in config.segments:
        st.session_state["health.model"] = DEFAULT_MODEL
    left, middle, add, right = st.columns([3, 2, 1, 1], vertical_alignment="bottom")
    # option names bound now, in the session's language (AppTest formats options outside the run)
    names = {segment: model_label(segment) for segment in config.segments}
    name = left.selectbox(t("health.model"), config.segments, key="health.model", format_func=names.__getitem__,
                          help=t("health.model_help"))
    free = [s for s in segments if s not in config.segments]
    if free:
        middle.selectbox(t("health.model_add"), free, key="health.model_new", help=t("health.model_add_help"))
        add.button(t("health.model_add_button"), key="health.model_add", on_click=_add_model,
                   icon=":material/add:")
    if name != DEFAULT_MODEL:
        right.button(t("health.model_remove"), key="health.model_remove", on_click=_remove_model, args=(name,),
                     icon=":material/delete:", help=t("health.model_remove_help"))
    return name


def _add_model() -> None:
    segment = st.session_state.get("health.model_new")
    config = draft()
    if segment and segment not in config.segments:
        st.session_state[DRAFT] = config.with_model(segment, config.model(DEFAULT_MODEL))
        st.session_state["health.model"] = segment


def _remove_model(name: str) -> None:
    st.session_state[DRAFT] = draft().without_model(name)
    st.session_state["health.model"] = DEFAULT_MODEL


def weight_sliders(name: str, prep: scoring.Prepared) -> None:
    """One slider per measure for model ``name`` (labelled with how many accounts lack it); the draft
    takes their values."""
    missing, scored = dict(zip(MEASURE_NAMES, prep.missing.tolist(), strict=True)), len(prep)
    model = draft().model(name)
    columns = st.columns(3)
    for i, m in enumerate(MEASURES):
        key = f"health.w.{name}.{m.name}"
        st.session_state.setdefault(key, int(round(model.rule(m.name).weight)))
        lacking = missing.get(m.name, 0)
        label = measure_label(m.name)
        if lacking:
            label += " · " + t("health.lacking", n=f"{lacking:,}", total=f"{scored:,}")
        columns[i % 3].slider(label, 0, 100, step=1, key=key, help=t(m.help_key))
    for m in MEASURES:
        model = model.with_rule(m.name, weight=float(st.session_state[f"health.w.{name}.{m.name}"]))
    _store(name, model)


def rule_editor(name: str) -> None:
    """Rule, direction and values of one measure at a time, plus the band thresholds."""
    model = draft().model(name)
    left, right = st.columns([3, 2])
    with left:
        picked = st.selectbox(t("health.rule_measure"), [m.name for m in MEASURES], key="health.rule_measure",
                              format_func={m.name: measure_label(m.name) for m in MEASURES}.__getitem__,
                              help=t("health.rule_measure_help"))
        spec, rule = measure(picked), model.rule(picked)
        kind_key, range_key, better_key = (f"health.{p}.{name}.{picked}" for p in ("rule", "range", "better"))
        st.session_state.setdefault(kind_key, rule.rule)
        st.session_state.setdefault(better_key, rule.higher_is_better)
        kind = st.radio(t("health.rule"), RULES, key=kind_key, horizontal=True,
                        format_func=labels("health.rule", RULES), help=t("health.rule_help"))
        better = st.toggle(t("health.higher_is_better"), key=better_key, help=t("health.higher_is_better_help"))
        low, high = rule.low, rule.high
        if kind != "percentile":
            st.session_state.setdefault(range_key, (_clip(low, spec), _clip(high, spec)))
            low, high = st.slider(t(f"health.range.{kind}"), float(spec.lo), float(spec.hi), step=float(spec.step),
                                  key=range_key, help=t(f"health.range.{kind}_help"))
            if high <= low:
                st.warning(t("health.range_bad"))
                high = low + spec.step
        else:
            st.caption(t("health.percentile_note"))
        model = model.with_rule(picked, rule=kind, low=float(low), high=float(high), higher_is_better=bool(better))
    with right:
        bands_key = f"health.bands.{name}"
        st.session_state.setdefault(bands_key, (float(model.neutral), float(model.good)))
        neutral, good = st.slider(t("health.bands"), 0.0, 100.0, step=1.0, key=bands_key, help=t("health.bands_help"))
        st.caption(t("health.bands_caption", good=f"{good:g}", neutral=f"{neutral:g}"))
        model = Model(model.rules, good=float(good), neutral=float(neutral))
    _store(name, model)


def _store(name: str, model: Model) -> None:
    config = draft()
    if config.model(name) != model or name not in config.segments:
        st.session_state[DRAFT] = config.with_model(name, model)


def _clip(value: float, spec) -> float:
    return float(min(max(value, spec.lo), spec.hi))


def rule_text(rule: Rule) -> str:
    """A measure's rule in words, for tables."""
    direction = t("health.dir.up") if rule.higher_is_better else t("health.dir.down")
    if rule.rule == "percentile":
        return f"{t('health.rule.percentile')} ({direction})"
    return f"{t(f'health.rule.{rule.rule}')} {rule.low:g} / {rule.high:g} ({direction})"
