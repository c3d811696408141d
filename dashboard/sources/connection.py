"""Connecting to a source engine through Ibis: what a connection string names, its password kept out
of everything stored or shown, and the events table opened with its named columns checked.

The engines (:data:`ENGINES`): ``postgres://user@host:port/db`` (PostgreSQL), ``duckdb://file`` (a
DuckDB file), a Parquet path or glob (read by DuckDB in memory), ``pyspark`` (a local Spark session;
its table is a catalog name or a Parquet path) and any other URL Ibis connects to (BigQuery,
Snowflake, Databricks, Trino, ...: untested here, their Ibis extra installed by the user).

A password is never stored, audited, shown or logged: it is taken out of the URL (:func:`parse`)
and found at connection time in the URL the user typed, ``CS_DASHBOARD_SOURCE_PASSWORD``, or
``.streamlit/secrets.toml`` (``[sources.<name>] password = "..."``, or ``[sources] password``).
Months are calendar months in UTC: every engine's session is set to UTC before it aggregates.
"""

from __future__ import annotations

import glob
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dashboard.i18n import Msg

ENGINES = ("postgres", "duckdb", "parquet", "pyspark", "ibis")
PASSWORD_ENV = "CS_DASHBOARD_SOURCE_PASSWORD"
SECRETS_FILES = (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml")
CONNECT_TIMEOUT = 10  # seconds a refused or unreachable server may take to say so
_SECRET_KEYS = ("password", "pwd", "passwd", "token", "secret", "private_key")


class SourceError(ValueError):
    """A source the user can correct (refused connection, missing table or column); ``msg`` says what."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


@dataclass(frozen=True)
class Target:
    """Where events live: the engine, the URL without its password (what may be stored and shown) and
    the password when the URL held one (used to connect, never kept)."""

    engine: str
    url: str
    password: str | None = None


def parse(url: str) -> Target:
    """The engine and the storable URL of a connection string as a user types it."""
    text = str(url or "").strip()
    if not text:
        raise SourceError(Msg("sources.no_url"))
    lowered = text.lower()
    if lowered in ("pyspark", "spark") or lowered.startswith(("pyspark://", "spark://")):
        return Target("pyspark", text)
    if lowered.endswith((".parquet", ".parq", "/*")) or ("://" not in text and "*" in text):
        return Target("parquet", text.removeprefix("parquet://"))
    if lowered.startswith("parquet://"):
        return Target("parquet", text[len("parquet://"):])
    if "://" not in text:
        raise SourceError(Msg("sources.bad_url", url=text))
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "duckdb":
        return Target("duckdb", text)
    password = parts.password
    query = parse_qsl(parts.query, keep_blank_values=True)
    secret = [value for key, value in query if key.lower() in _SECRET_KEYS]
    kept = urlencode([(key, value) for key, value in query if key.lower() not in _SECRET_KEYS])
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    safe = urlunsplit((parts.scheme, netloc, parts.path, kept, ""))
    engine = "postgres" if scheme in ("postgres", "postgresql") else "ibis"
    return Target(engine, safe, password or (secret[0] if secret else None))


def password_for(target: Target, name: str = "") -> str | None:
    """The password to connect with: the URL's own, else the environment's, else the secrets file's
    (the saved source's own entry before the shared one); None when none is given anywhere."""
    if target.password:
        return target.password
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    found = None
    for path in SECRETS_FILES:
        if not path.is_file():
            continue
        try:
            sources = tomllib.loads(path.read_text(encoding="utf-8")).get("sources", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            continue
        own = sources.get(name) if name else None
        value = (own or {}).get("password") if isinstance(own, dict) else None
        found = value or sources.get("password") or found
    return str(found) if found else None


def reason(exc: BaseException, *secrets: str | None) -> str:
    """An engine's error as one line, any secret in it masked."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text[:300]


def connect(target: Target, name: str = ""):
    """An Ibis backend connected to ``target``, its session set to UTC; refusals become SourceError."""
    import ibis

    password = password_for(target, name)
    try:
        if target.engine == "postgres":
            parts = urlsplit(target.url)
            backend = ibis.postgres.connect(
                host=parts.hostname or "localhost", port=parts.port or 5432, user=parts.username,
                password=password, database=parts.path.lstrip("/") or None, connect_timeout=CONNECT_TIMEOUT)
            backend.raw_sql("SET TIME ZONE 'UTC'").close()
        elif target.engine in ("duckdb", "parquet"):
            path = target.url[len("duckdb://"):] if target.engine == "duckdb" else ":memory:"
            if target.engine == "duckdb" and not Path(path).is_file():
                raise SourceError(Msg("sources.no_file", path=path))
            backend = ibis.duckdb.connect(path, read_only=target.engine == "duckdb")
            backend.raw_sql("SET TimeZone = 'UTC'")
        elif target.engine == "pyspark":
            backend = ibis.pyspark.connect(spark_session(target.url))
        else:
            url = target.url
            if password:
                parts = urlsplit(url)
                url = urlunsplit(parts._replace(netloc=f"{parts.username or ''}:{password}@{parts.netloc.split('@')[-1]}"))
            backend = ibis.connect(url)
    except SourceError:
        raise
    except ImportError as exc:
        raise SourceError(Msg("sources.no_backend", engine=target.engine, reason=reason(exc))) from None
    except Exception as exc:  # each driver raises its own kinds for a refused or unknown server
        raise SourceError(Msg("sources.cannot_connect", url=target.url, reason=reason(exc, password))) from None
    return backend


def spark_session(url: str = "pyspark"):
    """The process's Spark session (made local when there is none): UTC, no UI, no progress bars."""
    from pyspark.sql import SparkSession

    master = url.split("://", 1)[1] if "://" in url else "local[*]"
    session = (SparkSession.builder.master(master or "local[*]").appName("cs-dashboard")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


def open_table(backend, target: Target, table: str):
    """The events table as an Ibis table: a Parquet path or glob (the URL itself for a Parquet source),
    a Spark catalog table or Parquet path, or ``schema.table`` / ``table`` in a database."""
    name = str(table or "").strip()
    try:
        if target.engine == "parquet" or (target.engine == "pyspark" and _looks_like_path(name)):
            path = target.url if target.engine == "parquet" else name
            if not _parquet_exists(path):
                raise SourceError(Msg("sources.no_parquet", path=path))
            return backend.read_parquet(path, table_name="events")
        if not name:
            raise SourceError(Msg("sources.no_table_given"))
        schema_name, _, bare = name.rpartition(".")
        return backend.table(bare, database=schema_name) if schema_name else backend.table(bare)
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(Msg("sources.no_table", table=name or target.url, reason=reason(exc))) from None


def _looks_like_path(name: str) -> bool:
    return "/" in name or name.lower().endswith((".parquet", ".parq"))


def _parquet_exists(path: str) -> bool:
    local = path.removeprefix("file://")
    return "://" in local or bool(glob.glob(local)) or Path(local).is_dir()
