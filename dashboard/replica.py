"""Several app processes on one book: one writer publishes read-only copies, readers serve them.

DuckDB lets one process hold a database file for writing, and no other process may open it while it
does. A room larger than one app process can serve (issue 14) runs one **writer** (the app, or the
command line, started with ``CS_DASHBOARD_PUBLISH=<folder>``) and any number of **readers** (app
processes started with ``CS_DASHBOARD_REPLICA=<folder>``), behind a proxy with sticky sessions.

- After each load, rollback or saved setting, the writer copies the whole database into a new file in
  the folder (``COPY FROM DATABASE``: one consistent snapshot, taken under the write lock, with the
  derived tables the version's preparation built), then points ``CURRENT`` at it (an atomic rename).
  Copies are never changed once published; the three newest are kept.
- A reader opens the file ``CURRENT`` names, read-only, and looks again at most every
  :data:`CHECK_EVERY` seconds; a newer copy is opened for the next render (with the app's one-time
  "new version" notice), while renders already running finish on the copy they began with. Nothing
  is ever written by a reader: every session there has the viewer role.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from pathlib import Path

import duckdb

PUBLISH_ENV = "CS_DASHBOARD_PUBLISH"
REPLICA_ENV = "CS_DASHBOARD_REPLICA"
CURRENT = "CURRENT"
KEEP = 3
CHECK_EVERY = 1.0  # seconds between a reader's looks at CURRENT

LOG = logging.getLogger(__name__)
_PUBLISHING = threading.Lock()


def publish_folder() -> Path | None:
    """Where this writer publishes (``CS_DASHBOARD_PUBLISH``), or None."""
    value = os.environ.get(PUBLISH_ENV, "").strip()
    return Path(value) if value else None


def replica_folder() -> Path | None:
    """The folder this reader serves copies from (``CS_DASHBOARD_REPLICA``), or None for a writer."""
    value = os.environ.get(REPLICA_ENV, "").strip()
    return Path(value) if value else None


def publish(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """Copy the database of ``con`` into a new file in ``folder`` and make it the current copy; returns it.
    Holds the store's write lock while copying, so the copy is one committed state."""
    from dashboard import store

    folder.mkdir(parents=True, exist_ok=True)
    with _PUBLISHING, store.write_lock():
        version = store.latest_version(con)
        name = f"dashboard-v{version or 0}-{time.time_ns()}.duckdb"
        partial = folder / f".partial-{uuid.uuid4().hex}.duckdb"
        cur = con.cursor()
        try:
            source = cur.execute("SELECT current_database()").fetchone()[0]
            cur.execute("ATTACH ? AS published", [str(partial)])
            try:
                cur.execute(f"COPY FROM DATABASE {store.quote(source)} TO published")
            finally:
                cur.execute("DETACH published")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            cur.close()
        os.replace(partial, folder / name)
        pointer = folder / f".{CURRENT}-{uuid.uuid4().hex}"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, folder / CURRENT)
    _prune(folder, keep=name)
    return folder / name


def published(folder: Path) -> Path | None:
    """The copy ``CURRENT`` names in ``folder`` (None before the first publish)."""
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return folder / name if name else None


def after_write(con: duckdb.DuckDBPyConnection) -> None:
    """Publish when this process is a writer that publishes (called after each committed write); a
    failed copy is logged and retried after the next write, never a failed write."""
    folder = publish_folder()
    if folder is None or replica_folder() is not None:
        return
    try:
        publish(con, folder)
    except (OSError, duckdb.Error) as exc:
        LOG.warning("could not publish a copy to %s: %s", folder, exc)


def _prune(folder: Path, *, keep: str) -> None:
    """Remove all but the :data:`KEEP` newest copies (a reader with an older one open keeps reading it:
    the file is gone from the folder, not from the process that has it open) and stray partial files."""
    copies = sorted(folder.glob("dashboard-v*.duckdb"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in copies[KEEP:]:
        if old.name != keep:
            old.unlink(missing_ok=True)
    for stray in folder.glob(".partial-*.duckdb"):
        if time.time() - stray.stat().st_mtime > 3600:
            stray.unlink(missing_ok=True)
