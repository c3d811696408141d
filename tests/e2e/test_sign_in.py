"""The team server in a real browser (issue 15): the app started with an ``[auth]`` section, signing in
through a real OpenID Connect provider on 127.0.0.1 (``oidc-provider-mock``, started here), as a viewer,
an editor, an admin and a stranger, and what each can and cannot do; the audit trail names them."""

from __future__ import annotations

import logging
import secrets
import shutil
import threading

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e import test_data_page as data_page
from tests.e2e.conftest import _free_port, running_app, shot, wait_idle
from tests.identities import ROLES_FILE

PEOPLE = {
    "viewer": ("vera@example.com", "Vera Viewer"),
    "editor": ("eddie@example.com", "Eddie Editor"),
    "admin": ("ada@example.com", "Ada Admin"),
    "stranger": ("mallory@elsewhere.org", "Mallory"),
}


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider on 127.0.0.1 that knows the four people (their e-mail and name)."""
    import oidc_provider_mock
    import werkzeug.serving

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    users = [oidc_provider_mock.User(sub=email, claims={"email": email, "name": name})
             for email, name in PEOPLE.values()]
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def team_server(provider, sample_db_template, tmp_path_factory):
    """The app with sign-in configured: secrets (never in the repo) and the roles file in a temporary
    folder, the sample company's database."""
    folder = tmp_path_factory.mktemp("team")
    db = folder / "dashboard.duckdb"
    shutil.copy(sample_db_template, db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (folder / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "retention-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    (folder / "roles.toml").write_text(ROLES_FILE, encoding="utf-8")
    with running_app(db, port=port, env={"CS_DASHBOARD_ROLES": str(folder / "roles.toml")},
                     args=("--secrets.files", str(folder / "secrets.toml"))):
        yield {"url": url, "db": db}


@pytest.fixture
def person(browser):
    """A fresh browser (no cookies) per person; the provider's pages load a stylesheet from a CDN this
    machine cannot reach, so that request is refused at once."""
    contexts = []

    def new():
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
        context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(90_000)
        return page

    yield new
    for context in contexts:
        context.close()


def sign_in(page, url: str, who: str) -> None:
    email, _ = PEOPLE[who]
    page.goto(url)
    page.get_by_text("Sign in with your company account").wait_for()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize?**")
    page.get_by_role("button", name=email, exact=True).click()  # the provider's one-click user
    page.wait_for_url(f"{url}/**")
    wait_idle(page, 180_000)


def test_each_role_sees_what_it_may_do(team_server, person, tmp_path):
    url = team_server["url"]

    # signed out: nothing but the sign-in page
    page = person()
    page.goto(url)
    page.get_by_text("Sign in with your company account").wait_for()
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)
    shot(page, "signin-01-signed-out")

    # a viewer reads every page, loads nothing, and sees names hidden on the churn page
    sign_in(page, url, "viewer")
    page.get_by_text("Signed in as vera@example.com · viewer").wait_for()
    # an address is shown as text, never as a live mailto link (user text is never markdown)
    expect(page.get_by_role("link", name="vera@example.com")).to_have_count(0)
    page.get_by_role("heading", name="Revenue bridge").wait_for()
    page.goto(url + "/data")
    wait_idle(page, 120_000)
    page.get_by_text("loading files and switching versions needs the admin role").wait_for()
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
    expect(page.get_by_role("button", name="Switch version")).to_have_count(0)
    page.wait_for_timeout(1500)  # the tables draw after the text
    shot(page, "signin-02-viewer-data")
    page.goto(url + "/churn")
    wait_idle(page, 120_000)
    page.get_by_role("heading", name="Why customers left").wait_for()
    shot(page, "signin-03-viewer-churn-locked")
    switch = page.locator("input[aria-label='Anonymise names']")
    expect(switch).to_be_checked(timeout=60_000)
    expect(switch).to_be_disabled()
    page.get_by_text("Names stay hidden for viewers").wait_for()
    shot(page, "signin-03-viewer-churn-locked")
    # signing out ends the session at the provider and comes back to the sign-in page
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.get_by_text("Sign in with your company account").wait_for()

    # an editor saves a health configuration under their own address, and still loads nothing
    page = person()
    sign_in(page, url, "editor")
    page.goto(url + "/health")
    wait_idle(page, 180_000)
    page.get_by_role("heading", name="Saved configurations").scroll_into_view_if_needed()
    page.get_by_label("Configuration name").fill("Eddie's weights")
    page.get_by_label("Configuration name").press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save", exact=True).click()
    wait_idle(page)
    page.get_by_text("Saved Eddie's weights version 1; it is now active.").wait_for()
    shot(page, "signin-04-editor-saved")
    page.goto(url + "/data")
    wait_idle(page, 120_000)
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)

    # an admin loads (the sample again, as a new version) and sees every write named in the audit trail
    page = person()
    sign_in(page, url, "admin")
    page.goto(url + "/data")
    wait_idle(page, 120_000)
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(1)
    page.get_by_role("button", name="Load the sample company as a new version").click()
    wait_idle(page, 300_000)
    page.get_by_text("The sample company is loaded as version 2.").wait_for(timeout=300_000)
    # and a Japanese Excel export (Shift_JIS, Japanese headers), as a new user's first own file
    export = tmp_path / "顧客一覧.csv"
    export.write_bytes(data_page.JAPANESE_ACCOUNTS.encode("cp932"))
    data_page.upload(page, export)
    page.get_by_text("encoding Shift_JIS (CP932)").wait_for()
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    page.get_by_text("3 rows are ready to load").wait_for()
    page.get_by_role("button", name="Save as a new version").click()
    wait_idle(page, 300_000)
    page.get_by_text("Saved as version 3.").wait_for(timeout=300_000)
    page.get_by_text("changes recorded; the latest by ada@example.com").wait_for()
    page.get_by_role("heading", name="Audit trail").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot(page, "signin-05-admin-audit")

    # a signed-in stranger gets no page, and is told whom to ask
    page = person()
    sign_in(page, url, "stranger")
    page.get_by_text("No access yet").wait_for()
    page.get_by_text("cs-ops@example.com").wait_for()
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)
    shot(page, "signin-06-stranger")

    # the trail's CSV (as downloaded) says who did what: the admin's load, the editor's save and activation
    page = person()
    sign_in(page, url, "viewer")  # a viewer may read and download it
    page.goto(url + "/data")
    wait_idle(page, 120_000)
    with page.expect_download() as download:
        page.locator(".st-key-access-audit_download button").click()
    trail = pd.read_csv(download.value.path())
    assert trail["user"].tolist()[:4] == ["ada@example.com", "ada@example.com", "eddie@example.com",
                                          "eddie@example.com"]
    assert trail["action"].tolist()[:4] == ["Data loaded", "Data loaded", "Health configuration activated",
                                            "Health configuration saved"]
    assert trail["role"].tolist()[:4] == ["admin", "admin", "editor", "editor"]
    assert "顧客一覧.csv" in trail["what"].iloc[0] and trail["version"].tolist()[:2] == [3, 2]
