"""A campaign's document settings (发文机关, 发文机关标志, 文号, 主送, 抄送, 方案, 方式, 异议期限).

They are stored with the campaign as its audit events ("campaign.doc_settings", the new values in ``after``):
the latest event holds the settings in force, the earlier ones their history. This needs no schema change
(this session has no migration id for it); a column on ``campaign`` can replace it later, reading the last
event once.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from sqlalchemy import select

from app.errors import ErrorCode, KnownError
from app.reports.model import DocSettings
from app.services.campaigns import get_campaign
from app.services.dto import UserDTO
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import AuditEvent

ACTION = "campaign.doc_settings"
_LISTS = ("recipients", "cc")


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    known = {f.name for f in fields(DocSettings)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known or value is None:
            continue
        if key in _LISTS:
            items = value.replace("，", "、").replace(",", "、").split("、") if isinstance(value, str) else value
            out[key] = tuple(str(v).strip() for v in items if str(v).strip())
        elif key == "objection_days":
            days = int(value)
            if not 1 <= days <= 90:
                raise KnownError(ErrorCode.USAGE, f"异议期限应为 1～90 日，不是 {days}")
            out[key] = days
        else:
            out[key] = str(value).strip()
    return out


def read_doc_settings(store: Store, campaign: str | int) -> DocSettings:
    """The settings in force (the defaults where none were set)."""
    c = get_campaign(store, campaign)
    with store.session() as session:
        after = session.execute(
            select(AuditEvent.after).where(AuditEvent.action == ACTION, AuditEvent.entity == "campaign",
                                           AuditEvent.entity_id == c.id).order_by(AuditEvent.id.desc()).limit(1)
        ).scalar()
    return replace(DocSettings(), **_coerce(after)) if isinstance(after, dict) else DocSettings()


def save_doc_settings(store: Store, campaign: str | int, changes: dict[str, Any], *, user: UserDTO) -> DocSettings:
    """Change some settings (keys of :class:`DocSettings`; None leaves one as it is); returns them all."""
    require_role(user, "supervisor", "admin", action="设置评查活动的发文设置")
    c = get_campaign(store, campaign)
    given = _coerce(changes)
    before = read_doc_settings(store, c.id)
    after = replace(before, **given)
    if after == before:
        return before
    with store.write() as session:
        record_event(session, user=user.name, action=ACTION, entity="campaign", entity_id=c.id,
                     before=asdict(before), after=asdict(after))
    return after
