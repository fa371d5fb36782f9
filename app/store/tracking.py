"""Row images of the tables that hold results (reviews, item scores, accounts and roles, assignments,
the 台账): every change the program makes is written to the audit log as the rows' new images, so
`db verify` can replay the log and compare it with the tables.

- SQLite: each of the program's connections carries TEMP triggers (invisible to any other program
  opening the file) that note changed rows; just before a commit the notes become one audit event
  ``rows`` in the same transaction. A change made with another program (``sqlite3``) leaves no note,
  so the tables no longer agree with the log.
- PostgreSQL: statement triggers owned by a role no workstation has write the same events
  (:mod:`app.store.pgtrust`), so direct SQL edits are recorded too, under the login that made them.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

TRACKED = ("review", "item_score", "app_user", "assignment", "correction")
ROWS = "rows"  # action of an event holding row images
BASELINE = "rows.baseline"  # the images of every tracked row when tracking began (migration 0011)
_LOG = "cr_row_log"
_FLAG = "casereview_tracking"


def columns(conn: Connection, table: str) -> list[str]:
    return [c["name"] for c in inspect(conn).get_columns(table)]


def _sqlite_image(conn: Connection, table: str, alias: str) -> str:
    """A json_object(...) of every column of ``table`` (as NEW.col / OLD.col / t.col)."""
    parts = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns(conn, table))
    return f"json_object({parts})"


def _ready(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return set(TRACKED) <= names and "scheme" in columns(conn, "audit_event")


def ensure_sqlite_tracking(conn: Connection) -> None:
    """Create this connection's TEMP log table and triggers (once per connection, after migration 0011)."""
    info = conn.connection.info
    if info.get(_FLAG) or not _ready(conn):
        return
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_LOG} "
                         "(seq INTEGER PRIMARY KEY, tbl TEXT, row_id INTEGER, op TEXT, image TEXT)")
    for table in TRACKED:
        new = _sqlite_image(conn, table, "NEW")
        for op, image, ref in (("insert", new, "NEW"), ("update", new, "NEW"), ("delete", "NULL", "OLD")):
            conn.exec_driver_sql(
                f"CREATE TEMP TRIGGER IF NOT EXISTS cr_{table}_{op} AFTER {op.upper()} ON main.\"{table}\" "
                f"BEGIN INSERT INTO {_LOG} (tbl, row_id, op, image) VALUES ('{table}', {ref}.id, '{op}', {image}); END")
    info[_FLAG] = True


def _drain(session: Session) -> None:
    """Before a commit on SQLite: the rows this transaction changed become one ``rows`` audit event."""
    from app.store.audit import record_event

    conn = session.connection()
    if conn.dialect.name != "sqlite" or not conn.connection.info.get(_FLAG):
        return
    session.flush()
    notes = conn.exec_driver_sql(f"SELECT tbl, row_id, op, image FROM temp.{_LOG} ORDER BY seq").all()
    if not notes:
        return
    conn.exec_driver_sql(f"DELETE FROM temp.{_LOG}")
    last: dict[tuple[str, int], tuple[str, str | None]] = {}
    for table, row_id, op, image in notes:
        last[(str(table), int(row_id))] = (str(op), image)
    images = [{"table": t, "id": i, "op": op, "row": json.loads(image) if image else None}
              for (t, i), (op, image) in last.items()]
    record_event(session, user=os_account(), action=ROWS, entity=ROWS, entity_id=None, after=images)


def os_account() -> str:
    """On one desktop the operating-system account is the person."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def install(factory: sessionmaker[Session]) -> None:
    """Hook a Store's sessions: TEMP triggers on each SQLite connection, the drain before each commit."""

    def after_begin(_session: Session, _tx: Any, connection: Connection) -> None:
        if connection.dialect.name == "sqlite":
            ensure_sqlite_tracking(connection)

    event.listen(factory, "after_begin", after_begin)
    event.listen(factory, "before_commit", _drain)


# --- what the tables hold now, as images comparable with the logged ones --------------------------------

def current_images(conn: Connection, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, image) of every row of ``table``, made the way the log makes them on this database."""
    if conn.dialect.name == "sqlite":
        sql = f"SELECT t.id, {_sqlite_image(conn, table, 't')} FROM \"{table}\" t ORDER BY t.id"
    else:
        sql = f"SELECT t.id, to_jsonb(t)::text FROM \"{table}\" t ORDER BY t.id"
    for row_id, image in conn.execute(text(sql)):
        yield int(row_id), json.loads(image)


def baseline_images(conn: Connection, table: str) -> list[dict[str, Any]]:
    return [{"table": table, "id": i, "op": "baseline", "row": image} for i, image in current_images(conn, table)]
