"""A usage source in a real browser (issue 17): on a book of the user's own accounts and subscriptions,
connect a Parquet export of product events on the Data page, test it, preview the aggregate and the SQL
the engine runs, load it, and see the Health page score from the pulled usage."""

from __future__ import annotations

import duckdb
from playwright.sync_api import expect

from dashboard import sample, store
from tests.e2e.conftest import running_app, shot, wait_idle
from tests.identities import ME

MAP = "login=logins\nreport_viewed=features_used\nexport=features_used\nseats_synced=seats"


def own_book(folder):
    """The sample company's accounts and subscriptions loaded as the user's own files, and a Parquet
    export of their product events over the last twelve months (written by DuckDB)."""
    frames = sample.generate()
    db = folder / "own.duckdb"
    con = store.connect(db)
    store.commit(con, [store.Load("accounts", frames["accounts"], "accounts.csv"),
                       store.Load("subscriptions", frames["subscriptions"], "subscriptions.csv")], by=ME)
    con.close()
    events = folder / "product_events.parquet"
    with duckdb.connect() as raw:
        raw.register("accounts", frames["accounts"][["account_id"]])
        raw.execute("SET TimeZone = 'UTC'")
        raw.execute(f"""
            COPY (
                SELECT account_id,
                       date_trunc('month', current_date - INTERVAL 1 MONTH)::TIMESTAMPTZ
                         - to_months(CAST(n % 12 AS INTEGER)) + to_hours(CAST(hash(account_id, n) % 600 AS BIGINT))
                         AS occurred_at,
                       ['login', 'login', 'login', 'report_viewed', 'export', 'seats_synced']
                         [1 + CAST(hash(n, account_id) % 6 AS INTEGER)] AS event_name,
                       'u' || CAST(hash(account_id, n * 3) % 9 AS VARCHAR) AS user_id,
                       CAST(12 + hash(account_id) % 20 AS DOUBLE) AS seats
                FROM accounts, range(0, 12 * 25) AS r(n)
            ) TO '{events}' (FORMAT parquet)""")
    return db, events


def test_connect_a_parquet_source_preview_load_and_score(tmp_path, page):
    db, events = own_book(tmp_path)
    with running_app(db) as url:
        page.goto(url + "/health")
        wait_idle(page, 180_000)
        page.get_by_text("No usage table is loaded").wait_for()

        page.goto(url + "/data")
        wait_idle(page, 120_000)
        page.get_by_role("heading", name="Connect a data source").scroll_into_view_if_needed()
        page.get_by_role("textbox", name="Connection").fill(str(events))
        page.get_by_role("textbox", name="Connection").press("Enter")
        wait_idle(page)
        page.get_by_role("button", name="Test the connection").click()
        wait_idle(page)
        page.get_by_text(f"Connected to parquet: {events} has 5 columns.").wait_for()
        mapping = page.get_by_role("textbox", name="Events to measures")
        mapping.fill(MAP)
        page.get_by_role("heading", name="Connect a data source").click()  # leaving the box commits it
        wait_idle(page)
        page.get_by_role("button", name="Preview the aggregate").click()
        wait_idle(page)
        page.get_by_text("measures active_users, features_used, logins, seats.").wait_for()
        code = page.locator("[data-testid='stCode']").filter(has_text="GROUP BY").last
        expect(code).to_contain_text('FROM "events"')
        code.scroll_into_view_if_needed()
        shot(page, "sources-01-preview")
        page.get_by_role("button", name="Load as the usage table of a new version").click()
        wait_idle(page, 180_000)
        page.get_by_text("version 2 is current").wait_for()
        page.get_by_text("Dataset version 2").first.wait_for()
        shot(page, "sources-02-loaded")

        page.goto(url + "/health")
        wait_idle(page, 180_000)
        page.get_by_role("heading", name="Accounts by band").wait_for()
        expect(page.get_by_text("No usage table is loaded")).to_have_count(0)
        page.locator("[data-testid='stPlotlyChart']").first.wait_for()
        shot(page, "sources-03-health")
