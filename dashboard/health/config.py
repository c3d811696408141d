"""Health score configurations: the measures, their default rules and weights, bands, segment models.

Everything with a default is declared once in :data:`MEASURES` and :data:`BANDS` (name, default,
help key), like datasette's SETTINGS list. A :class:`Config` is immutable and hashable, so the UI
can cache on it; :func:`to_json` / :func:`from_json` are the file format documented in
docs/health-config.md.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace

RULES = ("thresholds", "linear", "percentile")
DEFAULT_MODEL = "*"  # the model for every segment without its own
BAND_NAMES = ("Good", "Neutral", "Poor")
NO_SCORE = "No data"  # an account with none of the weighted measures
FORMAT = "cs-dashboard/health-config"


@dataclass(frozen=True)
class Rule:
    """How one measure becomes a 0-100 sub-score, and its weight.

    thresholds: with higher_is_better, below ``low`` = 0 (red), from ``low`` = 50 (yellow), from
    ``high`` = 100 (green); with lower is better, up to ``low`` = 100, up to ``high`` = 50, above = 0.
    linear: 0 at ``low`` rising to 100 at ``high`` (the reverse when lower is better), clipped.
    percentile: the account's percentile among the month's paying accounts (``low``/``high`` unused).
    """

    weight: float
    rule: str
    low: float
    high: float
    higher_is_better: bool = True


@dataclass(frozen=True)
class Measure:
    name: str
    default: Rule
    help_key: str
    # slider range and step for the rule's low / high values
    lo: float
    hi: float
    step: float
    percent: bool = False  # shown as a percentage (ratios)


MEASURES: tuple[Measure, ...] = (
    Measure("logins_per_user", Rule(15, "linear", 5, 15), "health.help.logins_per_user", 0, 60, 0.5),
    Measure("seat_utilisation", Rule(20, "linear", 0.5, 0.9), "health.help.seat_utilisation", 0, 1, 0.05, True),
    Measure("feature_breadth", Rule(10, "linear", 3, 12), "health.help.feature_breadth", 0, 30, 1),
    Measure("new_feature_adoption", Rule(10, "linear", 0.15, 0.5), "health.help.new_feature_adoption", 0, 1, 0.05,
            True),
    Measure("usage_trend", Rule(10, "linear", -0.3, 0.1), "health.help.usage_trend", -1, 1, 0.05, True),
    Measure("spend_change", Rule(10, "thresholds", -0.1, 0.0), "health.help.spend_change", -1, 1, 0.05, True),
    Measure("support_tickets", Rule(5, "percentile", 1, 4, False), "health.help.support_tickets", 0, 20, 0.5),
    Measure("nps", Rule(15, "thresholds", 0, 30), "health.help.nps", -100, 100, 5),
    Measure("months_to_renewal", Rule(5, "thresholds", 3, 6), "health.help.months_to_renewal", 0, 36, 1),
    # from revenue alone: they score an account when the data has no usage feed
    Measure("tenure_months", Rule(0, "linear", 3, 24), "health.help.tenure_months", 0, 120, 1),
    Measure("product_count", Rule(0, "linear", 1, 3), "health.help.product_count", 0, 10, 1),
    Measure("drop_from_peak", Rule(0, "thresholds", -0.2, -0.05), "health.help.drop_from_peak", -1, 0, 0.05, True),
)
MEASURE_NAMES = tuple(m.name for m in MEASURES)
USAGE_MEASURES = ("logins_per_user", "seat_utilisation", "feature_breadth", "new_feature_adoption", "usage_trend",
                  "support_tickets", "nps")
# The default weights when the data has no usage measure at all: what revenue says of an account.
REVENUE_WEIGHTS = {"spend_change": 25.0, "drop_from_peak": 25.0, "tenure_months": 15.0, "product_count": 15.0,
                   "months_to_renewal": 20.0}
BANDS = (("good", 70.0, "health.band_good_help"), ("neutral", 40.0, "health.band_neutral_help"))


def measure(name: str) -> Measure:
    for m in MEASURES:
        if m.name == name:
            return m
    raise KeyError(f"unknown measure {name!r}; expected one of {', '.join(MEASURE_NAMES)}")


@dataclass(frozen=True)
class Model:
    """One scoring model: a rule per measure (in MEASURES order) and the band thresholds."""

    rules: tuple[Rule, ...] = tuple(m.default for m in MEASURES)
    good: float = BANDS[0][1]
    neutral: float = BANDS[1][1]

    def rule(self, name: str) -> Rule:
        return self.rules[MEASURE_NAMES.index(name)]

    def with_rule(self, name: str, **changes) -> Model:
        rules = list(self.rules)
        index = MEASURE_NAMES.index(name)
        rules[index] = replace(rules[index], **changes)
        return replace(self, rules=tuple(rules))

    def weights(self) -> dict[str, float]:
        return {name: r.weight for name, r in zip(MEASURE_NAMES, self.rules, strict=True)}


@dataclass(frozen=True)
class Config:
    """Scoring models by segment; ``DEFAULT_MODEL`` scores every segment without its own."""

    models: tuple[tuple[str, Model], ...] = field(default_factory=lambda: ((DEFAULT_MODEL, Model()),))

    def model(self, segment: str) -> Model:
        found = dict(self.models)
        return found.get(segment, found[DEFAULT_MODEL])

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.models)

    def with_model(self, segment: str, model: Model) -> Config:
        models = dict(self.models)
        models[segment] = model
        ordered = [DEFAULT_MODEL] + sorted(k for k in models if k != DEFAULT_MODEL)
        return Config(tuple((k, models[k]) for k in ordered))

    def without_model(self, segment: str) -> Config:
        if segment == DEFAULT_MODEL:
            raise ValueError("the default model cannot be removed")
        return Config(tuple((k, m) for k, m in self.models if k != segment))


def fitted_default(present: set[str] | frozenset[str]) -> Config:
    """The built-in configuration for data that has the measures ``present``: with no usage measure
    the revenue weights (:data:`REVENUE_WEIGHTS`); and never a weight on a measure no account has."""
    model = Model()
    if not present & set(USAGE_MEASURES):
        for name in MEASURE_NAMES:
            model = model.with_rule(name, weight=REVENUE_WEIGHTS.get(name, 0.0))
    for name in MEASURE_NAMES:
        if name not in present:
            model = model.with_rule(name, weight=0.0)
    return Config(((DEFAULT_MODEL, model),))


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the field."""


def to_dict(config: Config) -> dict:
    models = {}
    for segment, model in config.models:
        models[segment] = {
            "bands": {"good": model.good, "neutral": model.neutral},
            "measures": {name: {"weight": r.weight, "rule": r.rule, "low": r.low, "high": r.high,
                                "higher_is_better": r.higher_is_better}
                         for name, r in zip(MEASURE_NAMES, model.rules, strict=True)},
        }
    return {"format": FORMAT, "version": 1, "models": models}


def to_json(config: Config) -> str:
    return json.dumps(to_dict(config), indent=2, ensure_ascii=False, sort_keys=False)


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    return float(value)


def _model(data, where: str) -> Model:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected an object")
    unknown = set(data) - {"bands", "measures"}
    if unknown:
        raise ConfigError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    bands = data.get("bands", {})
    good = _number(bands.get("good", BANDS[0][1]), f"{where}.bands.good")
    neutral = _number(bands.get("neutral", BANDS[1][1]), f"{where}.bands.neutral")
    if not 0 <= neutral <= good <= 100:
        raise ConfigError(f"{where}.bands: need 0 <= neutral <= good <= 100, got neutral {neutral:g}, good {good:g}")
    given = data.get("measures", {})
    if not isinstance(given, dict):
        raise ConfigError(f"{where}.measures: expected an object")
    for name in given:
        if name not in MEASURE_NAMES:
            raise ConfigError(f"{where}.measures: unknown measure {name!r}; expected one of {', '.join(MEASURE_NAMES)}")
    rules = []
    for m in MEASURES:
        spec, at = given.get(m.name, {}), f"{where}.measures.{m.name}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{at}: expected an object")
        unknown = set(spec) - {"weight", "rule", "low", "high", "higher_is_better"}
        if unknown:
            raise ConfigError(f"{at}: unknown field {sorted(unknown)[0]!r}")
        d = m.default
        weight = _number(spec.get("weight", d.weight), f"{at}.weight")
        if weight < 0:
            raise ConfigError(f"{at}.weight: must be 0 or more, got {weight:g}")
        kind = spec.get("rule", d.rule)
        if kind not in RULES:
            raise ConfigError(f"{at}.rule: expected one of {', '.join(RULES)}, got {kind!r}")
        low, high = _number(spec.get("low", d.low), f"{at}.low"), _number(spec.get("high", d.high), f"{at}.high")
        if kind != "percentile" and not low < high:
            raise ConfigError(f"{at}: low ({low:g}) must be below high ({high:g})")
        better = spec.get("higher_is_better", d.higher_is_better)
        if not isinstance(better, bool):
            raise ConfigError(f"{at}.higher_is_better: expected true or false, got {better!r}")
        rules.append(Rule(weight, kind, low, high, better))
    return Model(tuple(rules), good, neutral)


def from_dict(data) -> Config:
    """A Config from the JSON structure; measures or fields left out take their defaults."""
    if not isinstance(data, dict):
        raise ConfigError("the configuration must be a JSON object")
    if data.get("format", FORMAT) != FORMAT:
        raise ConfigError(f"format: expected {FORMAT!r}, got {data.get('format')!r}")
    models = data.get("models")
    if not isinstance(models, dict) or DEFAULT_MODEL not in models:
        raise ConfigError(f'models: expected an object with a "{DEFAULT_MODEL}" (default) model')
    config = Config(((DEFAULT_MODEL, _model(models[DEFAULT_MODEL], f"models.{DEFAULT_MODEL}")),))
    for segment, spec in models.items():
        if segment != DEFAULT_MODEL:
            if not isinstance(segment, str) or not segment.strip():
                raise ConfigError("models: a segment name must be non-empty text")
            config = config.with_model(segment, _model(spec, f"models.{segment}"))
    return config


def from_json(text: str | bytes) -> Config:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid JSON: {exc}") from None
    return from_dict(data)


def diff(old: Config | None, new: Config) -> list[dict]:
    """What changed between two configurations: rows of path, old, new (old None when added)."""
    before = _flatten(to_dict(old)["models"]) if old is not None else {}
    after = _flatten(to_dict(new)["models"])
    rows = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            rows.append({"path": path, "old": before.get(path), "new": after.get(path)})
    return rows


def path_parts(path: str) -> tuple[str, str | None, str]:
    """(segment model, measure or None, field) of a :func:`diff` path such as ``*.measures.nps.weight``
    or ``Enterprise.bands.good`` (segment names may contain dots: the path is read from the right)."""
    head, _, field = path.rpartition(".")
    rest, _, kind = head.rpartition(".")
    if kind == "bands":
        return rest, None, field
    segment, _, group = rest.rpartition(".")
    if group == "measures":
        return segment, kind, field
    return head, None, field


def _flatten(data: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, path))
        else:
            out[path] = value
    return out
