"""Coverage scenarios: every input with its default, declared once, and the JSON file format.

A :class:`Scenario` is immutable and hashable (tuples only), so the UI caches on it. The scalar
inputs are declared in :data:`SETTINGS` (name, default, help key, range) and the dataclass takes
its defaults from there; motions and bands have their defaults in :data:`MOTION_RATIOS`,
:data:`DEFAULT_MOTIONS` and :data:`DEFAULT_BANDS`. :func:`to_json` / :func:`from_json` are the
format documented in docs/coverage-scenario.md.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace

FORMAT = "cs-dashboard/coverage-scenario"
FORMAT_VERSION = 1
RULES = ("arr", "employees", "segment")          # ARR bands, employee-count bands, accounts.segment
MOTIONS = ("named_accounts", "named_arr", "pooled", "digital")
NAMED = ("named_accounts", "named_arr")
NO_SEGMENT = "(none)"                            # accounts the rule cannot place (no value)
FALLBACK_CSM_COST = 120_000.0                    # loaded cost per CSM when the team table has none (USD)
# The money defaults above and below are written in dollars. In another currency they are these times
# its planning scale: a round figure for what CS costs and earns in that market (a Japanese CSM's
# loaded cost is about ¥12M a year, not ¥120,000), not an exchange rate. The user sets their own.
MONEY_SCALE = {"USD": 1.0, "EUR": 1.0, "GBP": 1.0, "JPY": 100.0}
FALLBACK_ADOPTION = 0.5                          # adoption rate when usage cannot measure it


@dataclass(frozen=True)
class Setting:
    """One scalar input: name, default, help key, and the range a widget offers."""

    name: str
    default: float | None
    help_key: str
    lo: float
    hi: float
    step: float
    percent: bool = False      # a share, shown as a percentage
    optional: bool = False     # None means "take it from the data"


SETTINGS: tuple[Setting, ...] = (
    Setting("csm_cost", None, "coverage.help.csm_cost", 0, 100_000_000, 1_000, optional=True),
    Setting("gross_margin", 0.75, "coverage.help.gross_margin", 0.05, 1.0, 0.01, True),
    Setting("cost_ceiling", 0.10, "coverage.help.cost_ceiling", 0.0, 0.5, 0.005, True),
    Setting("digital_program_cost", 60_000.0, "coverage.help.digital_program_cost", 0, 500_000_000, 1_000),
    Setting("digital_cost_per_account", 120.0, "coverage.help.digital_cost_per_account", 0, 10_000_000, 10),
    Setting("customer_growth", 0.25, "coverage.help.customer_growth", -0.5, 2.0, 0.05, True),
    Setting("arr_growth", 0.30, "coverage.help.arr_growth", -0.5, 2.0, 0.05, True),
    Setting("adoption_improvement", 0.05, "coverage.help.adoption_improvement", 0.0, 0.3, 0.01, True),
    Setting("adoption_threshold", 0.70, "coverage.help.adoption_threshold", 0.05, 1.0, 0.05, True),
    Setting("adoption_rate", None, "coverage.help.adoption_rate", 0.0, 1.0, 0.01, True, optional=True),
)
SETTING_NAMES = tuple(s.name for s in SETTINGS)

# Default ratio of each motion: accounts per named CSM, ARR per named CSM, accounts per pooled CSM.
MOTION_RATIOS = {"named_accounts": 25.0, "named_arr": 2_500_000.0, "pooled": 250.0, "digital": None}


def setting(name: str) -> Setting:
    for item in SETTINGS:
        if item.name == name:
            return item
    raise KeyError(name)


def _default(name: str):
    return field(default=setting(name).default)


@dataclass(frozen=True)
class Band:
    """Accounts whose value (ARR or employees) is at least ``lower`` and below the next band up."""

    name: str
    lower: float


@dataclass(frozen=True)
class Motion:
    """How a segment is covered; ``ratio`` is accounts (or ARR) per CSM, None for digital only."""

    kind: str
    ratio: float | None = None


DEFAULT_BANDS = {
    "arr": (Band("Enterprise", 100_000.0), Band("Mid-Market", 15_000.0), Band("SMB", 0.0)),
    "employees": (Band("Enterprise", 1_000.0), Band("Mid-Market", 100.0), Band("SMB", 0.0)),
}
DEFAULT_MOTIONS = (("Enterprise", Motion("named_accounts", 20.0)), ("Mid-Market", Motion("named_accounts", 50.0)),
                   ("SMB", Motion("pooled", 250.0)))
DEFAULT_MOTION = Motion("digital")   # any segment the scenario does not name


@dataclass(frozen=True)
class Scenario:
    currency: str = "USD"     # the currency its amounts are written in (bands, ARR ratios, costs)
    rule: str = "arr"
    arr_bands: tuple[Band, ...] = DEFAULT_BANDS["arr"]
    employee_bands: tuple[Band, ...] = DEFAULT_BANDS["employees"]
    motions: tuple[tuple[str, Motion], ...] = DEFAULT_MOTIONS
    csm_cost: float | None = _default("csm_cost")
    gross_margin: float = _default("gross_margin")
    cost_ceiling: float = _default("cost_ceiling")
    digital_program_cost: float = _default("digital_program_cost")
    digital_cost_per_account: float = _default("digital_cost_per_account")
    customer_growth: float = _default("customer_growth")
    arr_growth: float = _default("arr_growth")
    adoption_improvement: float = _default("adoption_improvement")
    adoption_threshold: float = _default("adoption_threshold")
    adoption_rate: float | None = _default("adoption_rate")

    @property
    def bands(self) -> tuple[Band, ...]:
        """The bands of the current rule, highest first (none for the accounts' own segment)."""
        chosen = {"arr": self.arr_bands, "employees": self.employee_bands}.get(self.rule, ())
        return tuple(sorted(chosen, key=lambda b: -b.lower))

    def motion(self, segment: str) -> Motion:
        return dict(self.motions).get(segment, DEFAULT_MOTION)

    def with_motion(self, segment: str, motion: Motion) -> Scenario:
        kept = tuple((s, m) for s, m in self.motions if s != segment)
        return replace(self, motions=(*kept, (segment, motion)))


def money_scale(currency: str) -> float:
    """The planning scale of ``currency`` (:data:`MONEY_SCALE`; 1 for one it does not list)."""
    return MONEY_SCALE.get(currency, 1.0)


def fallback_csm_cost(currency: str) -> float:
    """The loaded cost per CSM a plan in ``currency`` assumes when the team table gives none."""
    return FALLBACK_CSM_COST * money_scale(currency)


def in_currency(scenario: Scenario, currency: str) -> Scenario:
    """``scenario`` with every amount (ARR band bounds, ARR per CSM, costs) rescaled from its currency's
    planning scale to ``currency``'s: the built-in defaults in the currency the data is shown in."""
    factor = money_scale(currency) / money_scale(scenario.currency)
    motions = tuple((s, Motion(m.kind, m.ratio * factor if m.kind == "named_arr" and m.ratio else m.ratio))
                    for s, m in scenario.motions)
    return replace(scenario, currency=currency, arr_bands=tuple(Band(b.name, b.lower * factor) for b in scenario.arr_bands),
                   motions=motions, csm_cost=None if scenario.csm_cost is None else scenario.csm_cost * factor,
                   digital_program_cost=scenario.digital_program_cost * factor,
                   digital_cost_per_account=scenario.digital_cost_per_account * factor)


def fitted_default(segments: list[str] | tuple[str, ...]) -> Scenario:
    """The built-in scenario for data whose accounts carry their own segments (``segments``, largest ARR
    first): segment by them, a named CSM for 20 accounts in the largest, pooled coverage (250 per CSM)
    in the smallest, a named CSM for 50 in any between. With fewer than two segments: ARR bands."""
    if len(segments) < 2:
        return Scenario()
    last = len(segments) - 1
    motions = tuple((name, Motion("named_accounts", 20.0) if i == 0 else Motion("pooled", 250.0) if i == last
                     else Motion("named_accounts", 50.0)) for i, name in enumerate(segments))
    return replace(Scenario(), rule="segment", motions=motions)


class ScenarioError(ValueError):
    """A scenario file or value that cannot be used; the message names the field."""


def check(scenario: Scenario) -> Scenario:
    """Raise ScenarioError for a value out of range; return the scenario unchanged otherwise."""
    if scenario.currency not in MONEY_SCALE:
        raise ScenarioError(f"currency: {scenario.currency!r} is not one of {', '.join(MONEY_SCALE)}")
    if scenario.rule not in RULES:
        raise ScenarioError(f"rule: {scenario.rule!r} is not one of {', '.join(RULES)}")
    for name in SETTING_NAMES:
        value, spec = getattr(scenario, name), setting(name)
        if value is None and spec.optional:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise ScenarioError(f"{name}: expected a number, got {value!r}")
        if not spec.lo <= value <= spec.hi:
            raise ScenarioError(f"{name}: {value} is outside {spec.lo:g} to {spec.hi:g}")
    for rule in ("arr", "employees"):
        bands = getattr(scenario, f"{'arr' if rule == 'arr' else 'employee'}_bands")
        names = [b.name for b in bands]
        if not bands or len(set(names)) != len(names) or any(not n.strip() for n in names):
            raise ScenarioError(f"{rule} bands: need at least one band, each with its own non-empty name")
        if len({b.lower for b in bands}) != len(bands) or any(b.lower < 0 for b in bands):
            raise ScenarioError(f"{rule} bands: lower bounds must differ and be 0 or more")
    for segment, motion in scenario.motions:
        if motion.kind not in MOTIONS:
            raise ScenarioError(f"motions.{segment}: {motion.kind!r} is not one of {', '.join(MOTIONS)}")
        if motion.kind != "digital" and not (motion.ratio and motion.ratio > 0):
            raise ScenarioError(f"motions.{segment}: {motion.kind} needs a ratio above 0")
    return scenario


def to_dict(scenario: Scenario, name: str | None = None) -> dict:
    """The scenario as the documented JSON object."""
    out: dict = {"format": FORMAT, "version": FORMAT_VERSION}
    if name:
        out["name"] = name
    out["currency"] = scenario.currency
    out["rule"] = scenario.rule
    out["arr_bands"] = [{"name": b.name, "min": b.lower} for b in scenario.arr_bands]
    out["employee_bands"] = [{"name": b.name, "min": b.lower} for b in scenario.employee_bands]
    out["motions"] = {s: ({"motion": m.kind} if m.kind == "digital" else {"motion": m.kind, "ratio": m.ratio})
                      for s, m in scenario.motions}
    out.update({n: getattr(scenario, n) for n in SETTING_NAMES})
    return out


def to_json(scenario: Scenario, name: str | None = None) -> str:
    return json.dumps(to_dict(scenario, name), ensure_ascii=False, indent=2)


def from_dict(data: dict) -> Scenario:
    """Build and check a scenario; missing fields take their defaults, unknown ones are an error."""
    if not isinstance(data, dict):
        raise ScenarioError("a scenario is a JSON object")
    if data.get("format", FORMAT) != FORMAT:
        raise ScenarioError(f"format: expected {FORMAT!r}, got {data.get('format')!r}")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise ScenarioError(f"version: only version {FORMAT_VERSION} is understood")
    known = {"format", "version", "name", "currency", "rule", "arr_bands", "employee_bands", "motions", *SETTING_NAMES}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ScenarioError(f"{unknown[0]}: not a scenario field (expected one of {', '.join(sorted(known))})")
    values: dict = {n: data[n] for n in SETTING_NAMES if n in data}
    for key in ("currency", "rule"):
        if key in data:
            values[key] = data[key]
    for key in ("arr_bands", "employee_bands"):
        if key in data:
            values[key] = tuple(_band(key, i, b) for i, b in enumerate(_list(key, data[key])))
    if "motions" in data:
        if not isinstance(data["motions"], dict):
            raise ScenarioError("motions: expected an object {segment: {motion, ratio}}")
        values["motions"] = tuple((str(s), _motion(s, m)) for s, m in data["motions"].items())
    return check(Scenario(**values))


def from_json(text: str | bytes) -> Scenario:
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScenarioError(f"not valid JSON ({exc})") from None
    return from_dict(data)


def name_in(text: str | bytes) -> str | None:
    """The optional ``name`` a scenario file carries."""
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return str(name).strip() or None if name is not None else None


def _list(key: str, value) -> list:
    if not isinstance(value, list):
        raise ScenarioError(f"{key}: expected a list of {{name, min}}")
    return value


def _band(key: str, i: int, item) -> Band:
    if not isinstance(item, dict) or set(item) != {"name", "min"}:
        raise ScenarioError(f"{key}[{i}]: expected {{\"name\": ..., \"min\": ...}}")
    if not isinstance(item["min"], (int, float)) or isinstance(item["min"], bool):
        raise ScenarioError(f"{key}[{i}].min: expected a number, got {item['min']!r}")
    return Band(str(item["name"]), float(item["min"]))


def _motion(segment: str, item) -> Motion:
    if not isinstance(item, dict) or "motion" not in item or set(item) - {"motion", "ratio"}:
        raise ScenarioError(f"motions.{segment}: expected {{\"motion\": ..., \"ratio\": ...}}")
    ratio = item.get("ratio")
    if ratio is not None and (not isinstance(ratio, (int, float)) or isinstance(ratio, bool)):
        raise ScenarioError(f"motions.{segment}.ratio: expected a number, got {ratio!r}")
    kind = item["motion"]
    return Motion(kind, None if kind == "digital" else (float(ratio) if ratio is not None else None))

