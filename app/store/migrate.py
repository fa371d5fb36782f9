"""Alembic migrations run programmatically; the SQLite file is backed up before any upgrade."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from app.store.engine import sqlite_path
from app.store.private import private_file

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0015"  # the newest revision in migrations/versions (a test keeps the two in step)


def _config() -> Config:
    from alembic.config import Config  # alembic costs ~1 s to import: only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return HEAD


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(src: Path, dest: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while others read)."""
    private_file(dest)  # a copy of personal data: owner-only like the database itself
    with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
        source.backup(target)
    source.close()
    target.close()
    return dest


def upgrade(engine: Engine, url: str) -> str | None:
    """Bring the schema to head; returns the backup file written (SQLite with existing data), if any."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup: str | None = None
    path = sqlite_path(url)
    if path is not None and current is not None and path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = str(backup_sqlite(path, path.with_name(f"{path.name}.{current}.{stamp}.bak")))
        log.info("backed up %s to %s before upgrade", path, backup)
    from alembic import command

    cfg = _config()
    # Two workstations starting at once: the write lock (SQLite) / an advisory lock (PostgreSQL)
    # makes the second wait, and Alembic then finds the schema already at head.
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect().execution_options(immediate=True) as conn:
        raw = conn.connection.dbapi_connection
        if sqlite and raw is not None:
            # Batch mode rebuilds a table (copy, DROP, rename); with foreign keys enforced, dropping a
            # table that other rows reference fails. SQLite honours this pragma only outside a
            # transaction, and checks the keys again before we commit.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if not sqlite and conn.exec_driver_sql("SELECT to_regrole('casereview_reviewer')").scalar():
                    from app.store.pgtrust import grant

                    grant(conn)  # tables a later migration added get their group privileges too
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("数据库升级后外键校验失败，已回滚升级")
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
    return backup
