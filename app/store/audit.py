"""The audit log: append-only events, each hashing the one before it; verify the whole chain.

SQLite: the program appends (hash scheme 1, :func:`event_hash`). PostgreSQL after migration 0011: every
append goes through the database function ``casereview_append`` (hash scheme 2, computed in SQL by
``casereview_event_hash``), owned by a role no workstation has; it records who is logged in, whatever
the program claims, and workstations cannot write the table themselves.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, inspect, select, text, update
from sqlalchemy.orm import Session

from app.store.models import AuditEvent, AuditHead, utcnow
from app.store.tracking import os_account

GENESIS = "0" * 64
LAST_EVENT = "casereview_last_event"  # session.info key: (id, hash) of the last event this session wrote


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(event: AuditEvent) -> str:
    body = {
        "id": event.id,
        "at": event.at.isoformat(timespec="microseconds"),
        "user": event.user_name,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "prev": event.prev_hash,
    }
    return hashlib.sha256(_canonical(body).encode("utf-8")).hexdigest()


def db_appends(conn: Connection) -> bool:
    """Whether this PostgreSQL database appends its own events (migration 0011 installed the function)."""
    if conn.dialect.name != "postgresql":
        return False
    flag = conn.info.get("casereview_db_appends")
    if flag is None:
        flag = bool(conn.execute(text("SELECT to_regprocedure('casereview_append(text,text,integer,json,json,"
                                      "text,text)') IS NOT NULL")).scalar())
        conn.info["casereview_db_appends"] = flag
    return bool(flag)


def record_event(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> int:
    """Append one event inside the caller's transaction (the head row is locked: the chain never forks).
    Returns its id. ``user`` is who the program says acts; on PostgreSQL a person's login overrides it."""
    before_j = json.loads(_canonical(before)) if before is not None else None
    after_j = json.loads(_canonical(after)) if after is not None else None
    conn = session.connection()
    if db_appends(conn):
        row = conn.execute(
            text("SELECT * FROM casereview_append(:action, :entity, :entity_id, CAST(:before AS json), "
                 "CAST(:after AS json), :reason, :user)"),
            {"action": action, "entity": entity, "entity_id": entity_id, "reason": reason, "user": user,
             "before": None if before_j is None else _canonical(before_j),
             "after": None if after_j is None else _canonical(after_j)}).one()
        session.info[LAST_EVENT] = (int(row[0]), str(row[1]))
        return int(row[0])
    event_id, event_hash_ = append_python(conn, user=user, action=action, entity=entity, entity_id=entity_id,
                                          before=before_j, after=after_j, reason=reason, db_user=os_account())
    session.info[LAST_EVENT] = (event_id, event_hash_)
    return event_id


_ADVANCE = update(AuditHead).where(AuditHead.id == 1).values(last_id=bindparam("last_id"), hash=bindparam("hash"))


def append_python(conn: Connection, *, user: str, action: str, entity: str, entity_id: int | None,
                  before: Any, after: Any, reason: str, db_user: str | None = None) -> tuple[int, str]:
    """Append one scheme-1 event on ``conn`` (the caller holds the write lock: SQLite's BEGIN IMMEDIATE,
    or the head row locked FOR UPDATE on PostgreSQL). ``db_user``: on one desktop the operating-system
    account, recorded beside the name the program acts for (informative: not part of the hash)."""
    head = conn.execute(select(AuditHead.last_id, AuditHead.hash).where(AuditHead.id == 1)
                        .with_for_update()).one()
    event = AuditEvent(id=int(head.last_id) + 1, at=utcnow(), user_name=user, action=action, entity=entity,
                       entity_id=entity_id, before=before, after=after, reason=reason, prev_hash=str(head.hash))
    event.hash = event_hash(event)
    values = {c: getattr(event, c) for c in ("id", "at", "user_name", "action", "entity", "entity_id", "before",
                                             "after", "reason", "prev_hash", "hash")} | {"db_user": db_user}
    conn.execute(insert(AuditEvent), values)  # parameters apart from the statement: compiled once, cached
    conn.execute(_ADVANCE, {"last_id": event.id, "hash": event.hash})
    return event.id, event.hash


@dataclass(frozen=True, slots=True)
class AuditCheck:
    ok: bool
    events: int
    first_broken: int | None = None  # id of the first event whose hash or link does not hold
    message: str = ""
    last_id: int = 0
    last_hash: str = GENESIS


def _recomputed(session: Session, start: int, end: int) -> dict[int, str]:
    """Hashes of scheme-2 events recomputed by the database's own function."""
    rows = session.execute(text(
        "SELECT id, casereview_event_hash(id, at, user_name, db_user, txid, action, entity, entity_id, before, "
        "after, reason, prev_hash) FROM audit_event WHERE scheme = 2 AND id BETWEEN :a AND :b"), {"a": start, "b": end})
    return {int(i): str(h) for i, h in rows}


def _has_scheme(session: Session) -> bool:
    return "scheme" in {c["name"] for c in inspect(session.connection()).get_columns("audit_event")}


def verify_chain(session: Session, *, batch: int = 2000) -> AuditCheck:
    """Walk the chain up to the head read first (events appended meanwhile by others are not judged)."""
    head = session.get(AuditHead, 1)
    end = head.last_id if head is not None else 0
    prev = GENESIS
    count = 0
    last_id = 0
    schemes = _has_scheme(session)
    for start in range(1, end + 1, batch):
        stop = min(end, start + batch - 1)
        recomputed = None
        if schemes and session.get_bind().dialect.name == "postgresql" and session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.scheme == 2,
                                                                  AuditEvent.id.between(start, stop))):
            recomputed = _recomputed(session, start, stop)
        sql = select(AuditEvent).where(AuditEvent.id.between(start, stop)).order_by(AuditEvent.id)
        for event in session.scalars(sql):
            count += 1
            if event.id != last_id + 1:
                return AuditCheck(False, count, last_id + 1, f"审计事件 {last_id + 1} 缺失（有事件被删除）")
            if event.prev_hash != prev:
                return AuditCheck(False, count, event.id, f"审计事件 {event.id} 的前序哈希与上一事件不符")
            scheme = event.scheme if schemes else 1
            expected = recomputed.get(event.id) if scheme == 2 and recomputed is not None else event_hash(event)
            if expected != event.hash:
                return AuditCheck(False, count, event.id, f"审计事件 {event.id} 的内容已被改动（哈希不符）")
            prev = event.hash
            last_id = event.id
            session.expunge(event)  # constant memory over a long log
    if head is not None and (last_id != end or head.hash != prev):
        return AuditCheck(False, count, last_id + 1, f"审计日志末尾缺失事件（应到 {end}，实到 {last_id}）")
    return AuditCheck(True, count, None, f"审计日志哈希链完整：{count} 个事件", last_id, prev)


def event_at(session: Session, event_id: int) -> str | None:
    """The stored hash of event ``event_id`` (None if there is none)."""
    return session.scalar(select(AuditEvent.hash).where(AuditEvent.id == event_id))
