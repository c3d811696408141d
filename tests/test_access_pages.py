"""The pages on a team server (issue 15), in AppTest: with an ``[auth]`` section the app shows nothing
until the person has signed in and has a role; each role is offered only what it may do. The real
OpenID Connect round trip is tests/e2e/test_sign_in.py; without ``[auth]`` the page matrix runs every
page as before (tests/test_page_matrix.py)."""

from __future__ import annotations

import pytest

from dashboard import store
from tests.conftest import open_page
from tests.identities import ROLES_FILE

AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "test-only-not-a-secret",
        "client_id": "dashboard", "client_secret": "test-only",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def signed(db, monkeypatch, tmp_path, email: str | None, page: str | None = None):
    """AppTest of the app with sign-in configured, as ``email`` (None: signed out), on ``page``."""
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES_FILE, encoding="utf-8")
    monkeypatch.setenv("CS_DASHBOARD_ROLES", str(roles))
    user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email, "name": email}
    return open_page(db, monkeypatch, page, timeout=120, secrets={"auth": AUTH}, user=user)


def _texts(at) -> str:
    """Every sentence on the page, as read (the one renderer escapes user text for markdown)."""
    return " ".join(str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "title")
                    for e in getattr(at, kind)).replace("\\", "").replace("\u200b", "")


def test_signed_out_sees_only_the_sign_in_page(sample_db, monkeypatch, tmp_path):
    at = signed(sample_db, monkeypatch, tmp_path, None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Sign in with your company account" in _texts(at)
    assert not at.sidebar.selectbox and not at.metric  # no page, no sidebar, no number


def test_a_signed_in_stranger_is_told_whom_to_ask(sample_db, monkeypatch, tmp_path):
    at = signed(sample_db, monkeypatch, tmp_path, "mallory@evil.com")
    text = _texts(at)
    assert "No access yet" in text and "mallory@evil.com" in text and "cs-ops@example.com" in text
    assert [b.label for b in at.button] == ["Sign out"] and not at.metric


def test_a_viewer_reads_and_downloads_but_is_offered_no_write(sample_db, monkeypatch, tmp_path):
    at = signed(sample_db, monkeypatch, tmp_path, "vera@example.com", "pages/data.py")
    text = _texts(at)
    assert "Signed in as vera@example.com · viewer" in text
    assert "needs the admin role" in text and "cs-ops@example.com" in text
    assert not at.get("file_uploader")
    keys = {b.key for b in at.button}
    assert "loader.rollback" not in keys and "loader.reset_sample" not in keys
    assert "Audit trail" in [h.value for h in at.header]
    at.switch_page("pages/health.py")
    at.run()
    assert not at.exception
    assert "health.save" not in {b.key for b in at.button}
    assert "saving changes needs the editor role" in _texts(at)


def test_the_all_hands_lock_keeps_names_hidden_for_viewers(sample_db, monkeypatch, tmp_path):
    at = signed(sample_db, monkeypatch, tmp_path, "vera@example.com", "pages/churn.py")
    switch = at.toggle(key="churn.anonymise")
    assert switch.value is True and switch.disabled
    assert "Names stay hidden for viewers" in _texts(at)
    at.session_state["churn.anonymise"] = False  # a session that turns the switch off anyway
    at.run()
    assert not at.exception and at.toggle(key="churn.anonymise").value is True
    editor = signed(sample_db, monkeypatch, tmp_path, "eddie@example.com", "pages/churn.py")
    assert editor.toggle(key="churn.anonymise").value is False and not editor.toggle(key="churn.anonymise").disabled


def test_an_editor_saves_a_configuration_under_their_address(sample_db, monkeypatch, tmp_path):
    at = signed(sample_db, monkeypatch, tmp_path, "Eddie@Example.com", "pages/health.py")
    assert not [w for w in at.text_input if w.label in ("Your name", "あなたの名前")]
    at.text_input(key="health.save_name").set_value("Tuned")
    at.button(key="health.save").click()
    at.run()
    assert not at.exception
    con = store.connect(sample_db)
    try:
        saved = con.execute("SELECT author FROM app.health_configs WHERE name = 'Tuned'").fetchall()
        trail = con.execute("SELECT \"user\", role, action FROM meta.audit WHERE action LIKE 'health.%' "
                            "ORDER BY seq").fetchall()
    finally:
        con.close()
    assert saved == [("eddie@example.com",)]
    assert trail == [("eddie@example.com", "editor", "health.save"), ("eddie@example.com", "editor", "health.activate")]
    at.switch_page("pages/data.py")
    at.run()
    assert not at.get("file_uploader")  # an editor does not load


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_admin_may_load_and_roll_back(sample_db, monkeypatch, tmp_path, lang):
    at = signed(sample_db, monkeypatch, tmp_path, "ada@example.com", None)
    at.session_state["lang"] = lang
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    assert at.get("file_uploader")
    assert {"loader.rollback", "loader.reset_sample"} <= {b.key for b in at.button}


def test_without_sign_in_the_local_user_works_as_today(sample_db, monkeypatch):
    monkeypatch.setenv("CS_DASHBOARD_USER", "kei")
    at = open_page(sample_db, monkeypatch, "pages/data.py")
    assert "Working as kei" in _texts(at)
    assert at.get("file_uploader") and "Sign in" not in [b.label for b in at.button]
