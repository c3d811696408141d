"""Scenarios saved by name in ``app.coverage_scenarios``, outside the dataset versions, and their comparison.

Saving a name again replaces it (a scenario is a working draft, not an audit trail). The stored text
is the scenario file format (:func:`dashboard.coverage.scenario.to_json`), so a saved scenario, an
exported file and the CLI's ``--scenario`` file are the same thing.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from dashboard import store
from dashboard.access import Identity, audit, require
from dashboard.coverage import actuals, model, whatif
from dashboard.coverage.scenario import Scenario, ScenarioError, from_json, to_json

SAVED_COLUMNS = ["name", "saved_at", "rule"]
COMPARE_METRICS = ("rule", "accounts", "arr", "csm_needed", "csm_rounded", "cost", "cost_pct_arr",
                   "cost_pct_gross_profit", "ceiling_met", "headcount_gap", "model_csm_year3", "baseline_csm_year3",
                   "model_cost_year3", "successful_customers_year3")
MAX_COMPARED = 3
_DDL = """CREATE TABLE IF NOT EXISTS app.coverage_scenarios (
    name VARCHAR PRIMARY KEY, saved_at TIMESTAMP NOT NULL, scenario VARCHAR NOT NULL)"""


def save(con: duckdb.DuckDBPyConnection, name: str, scenario: Scenario, *, by: Identity,
         now: datetime | None = None) -> None:
    """Save (or replace) the scenario under ``name`` (``by``: an editor or admin; audited)."""
    require(by, "scenario.save")
    name = str(name).strip()
    if not name:
        raise ScenarioError("name: a saved scenario needs a name")
    text = to_json(scenario, name)
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        replaced = cur.execute("SELECT count(*) FROM app.coverage_scenarios WHERE name = ?", [name]).fetchall()[0][0]
        cur.execute("INSERT OR REPLACE INTO app.coverage_scenarios VALUES (?, ?, ?)",
                    [name, now or datetime.now(), text])
        audit.record(cur, by, "scenario.save", name + (" (replaced)" if replaced else ""), now=now)


def load(con: duckdb.DuckDBPyConnection, name: str) -> Scenario:
    if store.has_saved_table(con, "app.coverage_scenarios"):
        rows = store.query(con, "SELECT scenario FROM app.coverage_scenarios WHERE name = $name", {"name": name})
        if not rows.empty:
            return from_json(rows["scenario"].iloc[0])
    raise ScenarioError(f"no saved scenario {name!r}")


def delete(con: duckdb.DuckDBPyConnection, name: str, *, by: Identity) -> None:
    """Delete the saved scenario ``name`` (``by``: an editor or admin; audited)."""
    require(by, "scenario.delete")
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        found = cur.execute("SELECT count(*) FROM app.coverage_scenarios WHERE name = ?", [name]).fetchall()[0][0]
        cur.execute("DELETE FROM app.coverage_scenarios WHERE name = ?", [name])
        if found:
            audit.record(cur, by, "scenario.delete", name)


def saved(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved scenario, newest first. Columns: name, saved_at, rule."""
    if not store.has_saved_table(con, "app.coverage_scenarios"):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SAVED_COLUMNS})
    frame = store.query(con, "SELECT name, saved_at, scenario FROM app.coverage_scenarios ORDER BY saved_at DESC, name")
    frame["rule"] = [from_json(text).rule for text in frame["scenario"]]
    return frame[SAVED_COLUMNS]


def compare(con: duckdb.DuckDBPyConnection, *, as_of: date, scenarios: tuple[tuple[str, Scenario], ...]) -> pd.DataFrame:
    """Two or three scenarios side by side on the current data at ``as_of``.

    Grain: one row per measure of :data:`COMPARE_METRICS` (the plan's TOTAL row, the headcount gap, and
    year 3 of the what-if). Columns: metric, then one column per scenario name (values as objects:
    numbers, the rule's name, or a bool).
    """
    if not 1 <= len(scenarios) <= MAX_COMPARED:
        raise ScenarioError(f"compare one to {MAX_COMPARED} scenarios, not {len(scenarios)}")
    columns: dict[str, list] = {"metric": list(COMPARE_METRICS)}
    for name, scenario in scenarios:
        total = model.coverage_plan(con, as_of=as_of, scenario=scenario).iloc[-1]
        gap = actuals.headcount(con, as_of=as_of, scenario=scenario)["headcount_gap"].iloc[0]
        year3 = whatif.what_if(con, as_of=as_of, scenario=scenario).iloc[-1]
        values = {"rule": scenario.rule, "headcount_gap": int(gap), "model_csm_year3": int(year3["model_csm"]),
                  "baseline_csm_year3": int(year3["baseline_csm"]), "model_cost_year3": float(year3["model_cost"]),
                  "successful_customers_year3": float(year3["successful_customers"])}
        values.update({m: total[m] for m in COMPARE_METRICS if m not in values})
        columns[name] = [values[m] for m in COMPARE_METRICS]
    return pd.DataFrame(columns, dtype=object)


def segment_compare(con: duckdb.DuckDBPyConnection, *, as_of: date,
                    scenarios: tuple[tuple[str, Scenario], ...]) -> pd.DataFrame:
    """Each scenario's plan stacked, for a side-by-side chart. Grain: one row per scenario and segment
    (TOTAL excluded). Columns: scenario, then the plan's columns."""
    frames = [model.coverage_plan(con, as_of=as_of, scenario=s).iloc[:-1].assign(scenario=name)
              for name, s in scenarios]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["scenario", *model.PLAN_COLUMNS]]
