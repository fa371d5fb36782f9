"""The audit log as a use case: verify the hash chain (`casereview db verify`), list recent events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.store.audit import AuditCheck, record_event, verify_chain
from app.store.engine import Store
from app.store.models import AuditEvent

__all__ = ["AuditCheck", "AuditEventDTO", "list_events", "record_event", "verify_audit_chain"]


@dataclass(frozen=True, slots=True)
class AuditEventDTO:
    id: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: int | None
    before: Any
    after: Any
    reason: str


def verify_audit_chain(store: Store) -> AuditCheck:
    with store.session() as session:
        return verify_chain(session)


def list_events(store: Store, *, entity: str | None = None, entity_id: int | None = None,
                limit: int = 500) -> list[AuditEventDTO]:
    with store.session() as session:
        stmt = select(AuditEvent)
        if entity is not None:
            stmt = stmt.where(AuditEvent.entity == entity)
        if entity_id is not None:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        rows = session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit))
        return [AuditEventDTO(r.id, r.at.isoformat(timespec="seconds"), r.user_name, r.action, r.entity,
                              r.entity_id, r.before, r.after, r.reason) for r in rows]
