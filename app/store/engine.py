"""Engine and sessions: SQLite (WAL, foreign keys, busy timeout, IMMEDIATE writes) or PostgreSQL (psycopg 3)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.store.guard import DbGuard
from app.store.locks import FileId, file_id, sqlite_file_ids
from app.store.private import private_file

ENV_VAR = "CASEREVIEW_DB"
APP_NAME = "casereview"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    """$CASEREVIEW_DB, else an SQLite file in the user's data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    return f"sqlite:///{user_data_dir() / 'casereview.db'}"


def normalise_url(url: str) -> str:
    """Accept a bare path as SQLite; `postgresql://` goes through psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=15000"):
        cur.execute("PRAGMA " + pragma)
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A write unit takes the write lock up front: no SQLITE_BUSY_SNAPSHOT half-way through.
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    path = sqlite_path(url)
    if path is not None:
        private_file(path)  # 0600 before SQLite creates it: the WAL and SHM then get 0600 too
        engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # An unreachable server answers within seconds, not after the TCP timeout (minutes).
    args = {"connect_timeout": 10} if make_url(url).get_driver_name() == "psycopg" else {}
    return create_engine(url, pool_pre_ping=True, connect_args=args, **kwargs)


class Store:
    """One engine + one sessionmaker(expire_on_commit=False); one short session per unit of work."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        path = sqlite_path(url)
        self.guard = DbGuard(path) if path is not None else None  # is the file still the one we opened?
        self._probe: Engine | None = None

    def probe_engine(self) -> Engine:
        """Connections other than the pool's, to read a save back (app.services.autosave): on SQLite each use
        opens the file afresh by its path (NullPool), on PostgreSQL one connection of its own pool."""
        if self._probe is None:
            if self.is_sqlite:
                self._probe = make_engine(self.url, poolclass=NullPool)
            else:
                self._probe = make_engine(self.url, pool_size=1, max_overflow=1)
        return self._probe

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite database file (None on PostgreSQL)."""
        return sqlite_path(self.url)

    def own_files(self) -> frozenset[FileId]:
        """Identities of the files this store must never see opened by anything but SQLite: the database,
        its -wal/-shm/-journal and the import's temporary folder (see app.store.locks)."""
        ids = set(sqlite_file_ids(self.path).values()) if self.path is not None else set()
        tmp = file_id(self.data_dir / "import-tmp")
        if tmp is not None:
            ids.add(tmp)
        return frozenset(ids)

    @property
    def data_dir(self) -> Path:
        """Where temporary import files go: next to the SQLite file, else the user data folder."""
        path = sqlite_path(self.url)
        return path.parent if path is not None else user_data_dir()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read (or small write) unit of work: commits on success, rolls back on error."""
        with self._factory() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work; on SQLite it takes the write lock at BEGIN (BEGIN IMMEDIATE)."""
        with self._factory() as session:
            if self.is_sqlite:
                session.connection(execution_options={"immediate": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
        if self._probe is not None:
            self._probe.dispose()
