"""The audit log: append-only events, each hashing the one before it; verify the whole chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditEvent, AuditHead, utcnow

GENESIS = "0" * 64


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
) -> AuditEvent:
    """Append one event inside the caller's transaction (the head row is locked: the chain never forks)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    before_j = json.loads(_canonical(before)) if before is not None else None
    after_j = json.loads(_canonical(after)) if after is not None else None
    event = AuditEvent(
        id=head.last_id + 1,
        at=utcnow(),
        user_name=user,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before_j,
        after=after_j,
        reason=reason,
        prev_hash=head.hash,
        hash="",
    )
    event.hash = event_hash(event)
    session.add(event)
    head.last_id = event.id
    head.hash = event.hash
    session.flush()
    return event


@dataclass(frozen=True, slots=True)
class AuditCheck:
    ok: bool
    events: int
    first_broken: int | None = None  # id of the first event whose hash or link does not hold
    message: str = ""


def verify_chain(session: Session, *, batch: int = 2000) -> AuditCheck:
    """Walk the chain up to the head read first (events appended meanwhile by others are not judged)."""
    head = session.get(AuditHead, 1)
    end = head.last_id if head is not None else 0
    prev = GENESIS
    count = 0
    last_id = 0
    stmt = (select(AuditEvent).where(AuditEvent.id <= end).order_by(AuditEvent.id)
            .execution_options(yield_per=batch))
    for event in session.scalars(stmt):
        count += 1
        if event.id != last_id + 1:
            return AuditCheck(False, count, last_id + 1, f"审计事件 {last_id + 1} 缺失（有事件被删除）")
        if event.prev_hash != prev:
            return AuditCheck(False, count, event.id, f"审计事件 {event.id} 的前序哈希与上一事件不符")
        if event_hash(event) != event.hash:
            return AuditCheck(False, count, event.id, f"审计事件 {event.id} 的内容已被改动（哈希不符）")
        prev = event.hash
        last_id = event.id
    if head is not None and (last_id != end or head.hash != prev):
        return AuditCheck(False, count, last_id + 1, f"审计日志末尾缺失事件（应到 {end}，实到 {last_id}）")
    return AuditCheck(True, count, None, f"审计日志完整：{count} 个事件")
