"""The procrastinate side: the app and its connectors, the task's name, deferring inside our transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from typing import Any

import procrastinate
import psycopg
import psycopg.rows
from procrastinate.sync_psycopg_connector import SyncPsycopgConnector
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

QUEUE = "casereview_import"
TASK = "casereview.import_file"
MAX_ATTEMPTS = 3  # a file whose job was interrupted (worker killed, crash) this often is marked failed


def conninfo(url: str) -> str:
    """A libpq connection string from our SQLAlchemy URL (postgresql+psycopg://…)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class _TransactionConnector(SyncPsycopgConnector):
    """procrastinate's queries on the connection of an open SQLAlchemy transaction: the job is
    deferred atomically with the stored original and our import_job row (all or nothing)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        super().__init__()
        self._connection = connection

    def open(self, pool: Any = None) -> None:
        return None

    def close(self) -> None:
        return None

    @contextlib.contextmanager
    def _get_cursor(self, connection: psycopg.Connection[Any] | None = None
                    ) -> Generator[psycopg.Cursor[psycopg.rows.DictRow]]:
        with self._connection.cursor(row_factory=psycopg.rows.dict_row) as cursor:
            yield cursor


def defer_in(session: Session, *, import_job_id: int, lock: str) -> int:
    """Enqueue the job for one import_job row in the session's transaction; returns the queue's job id.

    ``queueing_lock`` refuses a second waiting job for the same file (procrastinate.exceptions.
    AlreadyEnqueued); ``lock`` keeps two workers from running jobs for the same file at once."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    app = procrastinate.App(connector=_TransactionConnector(raw))
    job_id: int = app.configure_task(TASK, queue=QUEUE, lock=lock, queueing_lock=lock).defer(
        import_job_id=import_job_id)
    return job_id


def worker_app(url: str) -> procrastinate.App:
    """The app a worker process runs (its own small async connection pool)."""
    return procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(url), min_size=1, max_size=4))


def schema_sql() -> str:
    """procrastinate's schema for the pinned version (applied by our Alembic migration 0013)."""
    from procrastinate.schema import SchemaManager

    return SchemaManager.get_schema()
