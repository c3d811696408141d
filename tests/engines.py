"""Real source engines for the tests: a throwaway PostgreSQL cluster (Debian's ``postgresql``: initdb,
pg_ctl on 127.0.0.1 and a free port), a local Spark session, and the tiny events every engine is
loaded with. ``make test`` installs PostgreSQL and Java when missing (scripts/ensure-engines.sh)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PASSWORD = "pw-Secret-41"
USER = "cs_reader"


def events() -> pd.DataFrame:
    """The tiny events: month boundaries in UTC, an event at 08:30 Tokyo time on the 1st (still the
    previous month in UTC), null user ids, an unmapped event, an account missing from ``accounts``
    (A9), and a row without an account (left out)."""
    rows = [
        ("A1", "2026-01-31T23:59:59+00:00", "login", "u1", None),
        ("A1", "2026-02-01T00:00:00+00:00", "login", "u1", None),
        ("A1", "2026-01-15T10:00:00+09:00", "login", "u2", None),
        ("A1", "2026-02-01T08:30:00+09:00", "login", "u2", None),
        ("A1", "2026-01-20T12:00:00+00:00", "report_viewed", None, None),
        ("A1", "2026-01-21T12:00:00+00:00", "export", "u1", None),
        ("A1", "2026-01-05T12:00:00+00:00", "seats_synced", None, 10.0),
        ("A1", "2026-01-25T12:00:00+00:00", "seats_synced", None, 12.0),
        ("A2", "2026-01-10T12:00:00+00:00", "login", "u3", None),
        ("A2", "2026-03-03T12:00:00+00:00", "login", None, None),
        ("A2", "2026-03-04T12:00:00+00:00", "debug_ping", "u3", None),
        ("A9", "2026-02-10T12:00:00+00:00", "login", "u9", None),
        (None, "2026-02-11T12:00:00+00:00", "login", "u8", None),
    ]
    frame = pd.DataFrame(rows, columns=["account_ref", "occurred_at", "event_name", "user_id", "seat_count"])
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], utc=True)
    frame["seat_count"] = frame["seat_count"].astype("float64")
    return frame


MAP = {"login": "logins", "report_viewed": "features_used", "export": "features_used", "seats_synced": "seats"}
COLUMNS = {"account": "account_ref", "time": "occurred_at", "event": "event_name", "user": "user_id",
           "value": "seat_count"}


def expected_usage() -> pd.DataFrame:
    """The usage the tiny events give with :data:`MAP`, worked out by hand."""
    rows = [("A1", "2026-01-01", "active_users", 2.0), ("A1", "2026-01-01", "features_used", 2.0),
            ("A1", "2026-01-01", "logins", 3.0), ("A1", "2026-01-01", "seats", 12.0),
            ("A1", "2026-02-01", "active_users", 1.0), ("A1", "2026-02-01", "logins", 1.0),
            ("A2", "2026-01-01", "active_users", 1.0), ("A2", "2026-01-01", "logins", 1.0),
            ("A2", "2026-03-01", "logins", 1.0),
            ("A9", "2026-02-01", "active_users", 1.0), ("A9", "2026-02-01", "logins", 1.0)]
    frame = pd.DataFrame(rows, columns=["account_id", "month", "metric", "value"])
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def own_db(path: Path):
    """A database holding the user's own accounts (A1, A2) and subscriptions, as loaded from files: the
    usage a source gives is pulled onto it. Returns the open connection."""
    from dashboard import store
    from tests.identities import ME

    con = store.connect(path)
    accounts = pd.DataFrame({"account_id": ["A1", "A2"], "account_name": ["One", "Two"]})
    subs = pd.DataFrame({"account_id": ["A1", "A2"], "start_date": pd.to_datetime(["2025-06-01", "2025-06-01"]),
                         "mrr": [500.0, 200.0]})
    store.commit(con, [store.Load("accounts", accounts, "accounts.csv"),
                       store.Load("subscriptions", subs, "subscriptions.csv")], by=ME)
    return con


def write_parquet(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    events().to_parquet(path, index=False)
    return path


@dataclass(frozen=True)
class Postgres:
    port: int

    def url(self, *, password: bool = False, database: str = "events_db") -> str:
        secret = f":{PASSWORD}" if password else ""
        return f"postgres://{USER}{secret}@127.0.0.1:{self.port}/{database}"


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_cluster() -> Iterator[Postgres]:
    """A new cluster in a temporary folder on 127.0.0.1, a free port, password sign-in (scram) for
    :data:`USER`, holding ``events_db`` with ``public.events`` and ``analytics.events``; stopped and
    removed afterwards. PostgreSQL refuses to run as root: as root it runs as the ``postgres`` user."""
    import psycopg

    bindir = postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="cs_pg_"))
    data, pwfile = root / "data", root / "pw"
    pwfile.write_text(PASSWORD + "\n")
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-U", USER, "--pwfile", str(pwfile), "--auth-host=scram-sha-256",
        "--auth-local=trust", "-E", "UTF8", "--locale=C")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start",
        "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c TimeZone=Asia/Tokyo")
    try:
        with psycopg.connect(host="127.0.0.1", port=port, user=USER, password=PASSWORD, dbname="postgres",
                             autocommit=True) as admin:
            admin.execute("CREATE DATABASE events_db")
        with psycopg.connect(host="127.0.0.1", port=port, user=USER, password=PASSWORD, dbname="events_db") as db:
            db.execute("CREATE SCHEMA analytics")
            for table in ("public.events", "analytics.events"):
                db.execute(f"CREATE TABLE {table} (account_ref text, occurred_at timestamptz, event_name text, "
                           "user_id text, seat_count double precision)")
                with db.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                    for row in events().itertuples(index=False):
                        copy.write_row([None if pd.isna(v) else v for v in row])
        yield Postgres(port)
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
