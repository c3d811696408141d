"""Roles and the audit trail (issue 15): every writing function refuses a role that may not make its
write and changes nothing, and records each write it makes with the identity that made it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from dashboard import access, ingest, loading, store
from dashboard.access import ACTIONS, AccessDenied, Identity, PolicyError, audit, read_policy
from dashboard.churn import retro
from dashboard.coverage import storage as scenarios
from dashboard.coverage.scenario import Scenario
from dashboard.health import overrides
from dashboard.health import storage as configs
from dashboard.health.config import Config
from dashboard.review import targets, timeline
from dashboard.sources import pull, saved
from tests import engines
from tests.identities import ME

VIEWER = Identity("vera@example.com", "viewer", "Vera", signed_in=True)
EDITOR = Identity("eddie@example.com", "editor", "Eddie", signed_in=True)
ADMIN = Identity("ada@example.com", "admin", "Ada", signed_in=True)
ACCOUNTS = "account_id,account_name\nA1,One\nA2,Two\n"


def _accounts_file(tmp_path: Path) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_text(ACCOUNTS, encoding="utf-8")
    return path


def _source(tmp_path: Path, name: str = "lake") -> pull.Source:
    events = engines.write_parquet(tmp_path / "events.parquet")
    return pull.Source(str(events), "", pull.Columns(**engines.COLUMNS), pull.Measures.of(engines.MAP), name=name)


def _prepared(con, tmp_path):
    path = _accounts_file(tmp_path)
    source = ingest.read_source(con, path.name, path.read_bytes())
    return ingest.prepare(con, source, "accounts", ingest.suggest_mapping("accounts", source.columns))


# every kind of write: the call that makes it, given the database (with the sample and one saved
# scenario, configuration and override in place) and the identity that makes it
WRITES = {
    "load": lambda con, by, tmp: ingest.ingest_file(con, _accounts_file(tmp), "accounts", by=by),
    "rollback": lambda con, by, tmp: store.rollback(con, 1, by=by),
    "health.save": lambda con, by, tmp: configs.save(con, "CS Ops", Config(), by=by, activate=False),
    "health.activate": lambda con, by, tmp: configs.activate(con, "seed", 1, by=by),
    "override.set": lambda con, by, tmp: overrides.set_override(con, "A1", "Poor", by=by, reason="Champion left",
                                                                expires_on=date(2099, 1, 1)),
    "override.clear": lambda con, by, tmp: overrides.clear_override(con, 1, by=by),
    "scenario.save": lambda con, by, tmp: scenarios.save(con, "plan B", Scenario(), by=by),
    "scenario.delete": lambda con, by, tmp: scenarios.delete(con, "seed", by=by),
    "learning.save": lambda con, by, tmp: retro.save_note(con, by=by, account_id="A1", churn_month=date(2024, 3, 1),
                                                          learnings="Call earlier", action_items=""),
    "target.save": lambda con, by, tmp: targets.save_target(con, by=by, fiscal_year=2026, nrr=112, grr=91),
    "target.delete": lambda con, by, tmp: targets.delete_target(con, by=by, fiscal_year=2025),
    "timeline.save": lambda con, by, tmp: timeline.save_note(con, by=by, starts="2026-04-01", text="Price change",
                                                             category="price_change"),
    "timeline.delete": lambda con, by, tmp: timeline.delete_note(con, by=by, note_id=1),
    "source.save": lambda con, by, tmp: saved.save(con, _source(tmp, "warehouse"), by=by),
    "source.delete": lambda con, by, tmp: saved.delete(con, "seed", by=by),
    "usage.pull": lambda con, by, tmp: pull.pull_usage(con, _source(tmp), by=by),
}
# the other ways in to a load: each refuses the same way
LOADS = {
    "ingest.load": lambda con, by, tmp: ingest.load(con, [_prepared(con, tmp)], by=by),
    "load_sample": lambda con, by, tmp: loading.load_sample(con, by=by),
    "store.commit": lambda con, by, tmp: store.commit(
        con, [store.Load("accounts", pd.DataFrame({"account_id": ["A9"]}), "a.csv")], by=by),
}


@pytest.fixture
def seeded(sample_db, tmp_path):
    """The sample with one of each saved thing a write can change, made by an admin."""
    con = store.connect(sample_db)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1", "A2"]}), "a.csv")], by=ME)
    configs.save(con, "seed", Config(), by=ME)
    overrides.set_override(con, "A2", "Good", by=ME, reason="seed", expires_on=date(2099, 1, 1))
    scenarios.save(con, "seed", Scenario(), by=ME)
    targets.save_target(con, by=ME, fiscal_year=2025, nrr=110, grr=90)
    timeline.save_note(con, by=ME, starts="2025-04-01", text="Launch of the Pro plan", category="launch")
    saved.save(con, _source(tmp_path, "seed"), by=ME)
    yield con
    con.close()


def _state(con) -> dict:
    """Everything a write can change, read back."""
    def rows(sql):
        return con.execute(sql).fetchall()
    return {"current": store.current_version(con), "versions": rows("SELECT version FROM meta.versions ORDER BY 1"),
            "configs": rows("SELECT name, version FROM app.health_configs ORDER BY 1, 2"),
            "active": rows("SELECT name, version FROM app.health_active"),
            "overrides": rows("SELECT override_id, cleared_at FROM app.health_overrides ORDER BY 1"),
            "scenarios": rows("SELECT name, saved_at FROM app.coverage_scenarios ORDER BY 1"),
            "notes": rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'churn_retro_notes'")
            + (rows("SELECT account_id, learnings FROM app.churn_retro_notes")
               if rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'churn_retro_notes'")[0][0] else []),
            "targets": rows("SELECT * FROM app.revenue_targets ORDER BY 1, 2"),
            "timeline": rows("SELECT * FROM app.timeline_notes ORDER BY 1"),
            "sources": rows("SELECT * FROM app.usage_sources ORDER BY 1"),
            "audit": rows("SELECT seq FROM meta.audit ORDER BY 1")}


def test_every_kind_of_write_has_a_test():
    assert set(WRITES) == set(ACTIONS)


@pytest.mark.parametrize("action", list(WRITES))
def test_a_viewer_is_refused_every_write_and_nothing_changes(seeded, tmp_path, action):
    before = _state(seeded)
    with pytest.raises(AccessDenied) as refused:
        WRITES[action](seeded, VIEWER, tmp_path)
    assert refused.value.action == action
    assert "vera@example.com" in str(refused.value) and ACTIONS[action] in str(refused.value)
    assert _state(seeded) == before


@pytest.mark.parametrize("action", [a for a, role in ACTIONS.items() if role == "admin"])
def test_an_editor_is_refused_loads_and_rollbacks(seeded, tmp_path, action):
    before = _state(seeded)
    with pytest.raises(AccessDenied):
        WRITES[action](seeded, EDITOR, tmp_path)
    assert _state(seeded) == before


@pytest.mark.parametrize("way", list(LOADS))
def test_every_way_to_load_refuses_an_editor_and_a_session_without_identity(seeded, tmp_path, way):
    before = _state(seeded)
    for who in (EDITOR, VIEWER, Identity("(not signed in)", "none"), None, "ada@example.com"):
        with pytest.raises(AccessDenied):
            LOADS[way](seeded, who, tmp_path)
    assert _state(seeded) == before


@pytest.mark.parametrize("action", list(WRITES))
def test_each_write_is_recorded_with_who_made_it(seeded, tmp_path, action):
    by = ADMIN if ACTIONS[action] == "admin" else EDITOR
    before = len(audit.trail(seeded))
    started = datetime.now().replace(microsecond=0)
    WRITES[action](seeded, by, tmp_path)
    trail = audit.trail(seeded)
    new = trail.iloc[: len(trail) - before]
    assert new["action"].tolist() == [action]
    row = new.iloc[0]
    assert (row["user"], row["name"], row["role"]) == (by.user, by.name, by.role)
    assert pd.Timestamp(row["changed_at"]) >= pd.Timestamp(started)
    assert row["version"] == store.current_version(seeded)
    assert row["what"]
    # the filters find it, and leave out the other kinds and people
    assert action in audit.trail(seeded, actions=[action])["action"].tolist()
    assert audit.trail(seeded, user=by.user.split("@")[0])["user"].eq(by.user).all()
    assert audit.trail(seeded, user="nobody-like-this").empty


def test_what_a_write_records(seeded, tmp_path):
    WRITES["scenario.save"](seeded, EDITOR, tmp_path)
    WRITES["scenario.save"](seeded, EDITOR, tmp_path)
    WRITES["rollback"](seeded, ADMIN, tmp_path)
    WRITES["health.save"](seeded, EDITOR, tmp_path)
    trail = audit.trail(seeded)
    assert trail["what"].tolist()[:4] == ["CS Ops v1", "version 2 -> 1", "plan B (replaced)", "plan B"]
    assert trail["version"].tolist()[:2] == [1, 1]
    # the saved configuration's author is the identity, not a typed name
    assert configs.versions(seeded).set_index("name").loc["CS Ops", "author"] == "eddie@example.com"


def test_a_write_that_fails_leaves_no_audit_row(seeded, tmp_path):
    before = _state(seeded)
    with pytest.raises(store.StoreError):
        store.rollback(seeded, 99, by=ADMIN)
    with pytest.raises(ValueError):
        configs.activate(seeded, "no such", 1, by=EDITOR)
    assert _state(seeded) == before


def test_the_first_sample_is_recorded_as_the_apps_own_load(tmp_path):
    con = store.connect(tmp_path / "new.duckdb")
    loading.ensure_data(con)
    trail = audit.trail(con)
    assert trail[["user", "action", "version"]].values.tolist() == [["system", "load", 1]]
    con.close()


def test_the_trail_of_a_database_from_before_it_existed_is_empty(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    con = store.connect(path, read_only=True)
    assert audit.trail(con).columns.tolist() == audit.COLUMNS and audit.trail(con).empty
    con.close()


# ---- the roles file ---------------------------------------------------------------------------------

def _policy(tmp_path, text: str):
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    return read_policy(path)


def test_roles_by_address_and_domain(tmp_path):
    policy = _policy(tmp_path, """
contact = "cs-ops@example.com"
anonymise_for_viewers = true

[roles]
"Ada@Example.com" = "admin"
"eddie@example.com" = "editor"
"example.com" = "viewer"
"@partner.co.jp" = "viewer"
""")
    assert policy.role_of("ada@example.com") == "admin"
    assert policy.role_of("ADA@EXAMPLE.COM") == "admin"
    assert policy.role_of("eddie@example.com") == "editor"  # the address wins over its domain
    assert policy.role_of("someone@example.com") == "viewer"
    assert policy.role_of("x@partner.co.jp") == "viewer"
    assert policy.role_of("x@sub.example.com") is None  # a domain is that domain, not its subdomains
    assert policy.role_of("mallory@evil.com") is None
    assert policy.role_of("example.com") is None and policy.role_of(None) is None
    assert policy.identity("Mallory@evil.com") is None
    assert policy.identity("Eddie@Example.com", "Eddie") == Identity("eddie@example.com", "editor", "Eddie", True)
    assert policy.contact == "cs-ops@example.com"
    assert policy.anonymise_locked(policy.identity("someone@example.com"))
    assert not policy.anonymise_locked(policy.identity("eddie@example.com"))


def test_a_missing_roles_file_gives_nobody_a_role(tmp_path):
    policy = read_policy(tmp_path / "absent.toml")
    assert policy.role_of("ada@example.com") is None and not policy.anonymise_for_viewers


@pytest.mark.parametrize(("text", "said"), [
    ('[roles]\n"ada@example.com" = "owner"\n', "ada@example.com = 'owner': a role is one of viewer, editor, admin"),
    ('[roles]\n"ada" = "admin"\n', "ada = 'admin': not an e-mail address or domain"),
    ('[roles\n', "cannot be read"),
    ('anonymise_for_viewers = "yes"\n', "anonymise_for_viewers = 'yes'"),
])
def test_a_bad_roles_file_is_refused_naming_file_and_entry(tmp_path, text, said):
    with pytest.raises(PolicyError) as bad:
        _policy(tmp_path, text)
    assert "roles.toml" in str(bad.value) and said in str(bad.value)


def test_the_local_user_may_do_everything(monkeypatch):
    monkeypatch.setenv(access.policy.USER_ENV, "kei")
    me = access.local_identity()
    assert me.user == "kei" and all(me.may(action) for action in ACTIONS) and not me.signed_in


def test_the_cli_lists_the_trail_and_checks_roles(seeded, sample_db, tmp_path, capsys):
    from dashboard import cli

    WRITES["learning.save"](seeded, EDITOR, tmp_path)
    seeded.close()
    assert cli.main(["audit", "--db", str(sample_db), "--kind", "learning.save"]) == 0
    out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert out[["user", "action", "what"]].values.tolist() == [["eddie@example.com", "learning.save", "A1: churn 2024-03"]]
    assert cli.main(["audit", "--db", str(sample_db), "--kind", "upload"]) == 1
    assert "unknown kind of change 'upload'" in capsys.readouterr().err
    roles = tmp_path / "roles.toml"
    roles.write_text('[roles]\n"ada@example.com" = "admin"\n"example.com" = "viewer"\n', encoding="utf-8")
    assert cli.main(["roles", "--file", str(roles), "--email", "ada@example.com", "bo@example.com", "x@y.org"]) == 0
    assert capsys.readouterr().out.splitlines() == ["entry,role", "ada@example.com,admin", "bo@example.com,viewer",
                                                    "x@y.org,"]
    roles.write_text('[roles]\n"ada@example.com" = "boss"\n', encoding="utf-8")
    assert cli.main(["roles", "--file", str(roles)]) == 1
    assert "a role is one of viewer, editor, admin" in capsys.readouterr().err
