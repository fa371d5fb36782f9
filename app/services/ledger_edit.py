"""Working a ledger row to 销号: status transitions, the row's 整改 fields, deadlines and 佐证材料.

Statuses and who moves them (supervisors and admins only; a reviewer never 销号, and on PostgreSQL a
trigger refuses a reviewer's login too, rev 0015)::

    待整改 ⇄ 整改中 → 已整改待复核 → 已销号            (复核人 and 销号日期 required)
       └──────┴──→ 无法整改（已归档）                   (a reason required; closes the row)
                   已整改待复核 → 整改中 / 待整改        (复核 not passed)

逾期 is never set: an open row (待整改 / 整改中) past its deadline reads 逾期. Every change is one
transaction, bumps the row's version (a change made from an older reading is a ConflictError, nothing
saved) and records an audit event with the row before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, ErrorCode, KnownError
from app.reports.model import Rectification
from app.services.dto import Changes, UserDTO
from app.services.ledger_read import LEGACY, OPEN, list_problems
from app.services.ledger_types import LedgerUpdate
from app.services.units import ids_within
from app.services.users import require_role
from app.store.audit import record_event
from app.store.blobs import put_file, read_bytes, sha256_path
from app.store.engine import Store
from app.store.models import AuditEvent, Correction, CorrectionEvidence, Dossier

R = Rectification
SETTABLE = (R.PENDING, R.IN_PROGRESS, R.AWAITING, R.CLOSED, R.ARCHIVED)  # 逾期 follows from the deadline
FINISHED = frozenset({R.CLOSED, R.ARCHIVED})
TRANSITIONS: Mapping[Rectification, frozenset[Rectification]] = {
    R.PENDING: frozenset({R.PENDING, R.IN_PROGRESS, R.AWAITING, R.ARCHIVED}),
    R.IN_PROGRESS: frozenset({R.PENDING, R.IN_PROGRESS, R.AWAITING, R.ARCHIVED}),
    R.AWAITING: frozenset({R.AWAITING, R.IN_PROGRESS, R.PENDING, R.CLOSED}),
    R.CLOSED: frozenset(),
    R.ARCHIVED: frozenset(),
}
MAX_EVIDENCE = 200 << 20  # bytes: one attachment (a scanned report, photos), kept in the database
EDITABLE = ("measure", "responsible_unit", "responsible_person", "progress", "completed_on", "deadline")
LABELS = {"measure": "整改措施", "responsible_unit": "责任单位", "responsible_person": "责任人", "progress": "整改情况",
          "completed_on": "完成日期", "deadline": "整改期限", "checker": "复核人", "closed_on": "销号日期"}


def parse_status(status: Rectification | str) -> Rectification:
    """A status a person may set (已整改, the word before rev 0015, reads 已整改待复核)."""
    text = str(status).strip()
    try:
        new = LEGACY.get(text) or Rectification(text)
    except ValueError as exc:
        raise KnownError(ErrorCode.USAGE, f"整改状态只能设为 {'、'.join(SETTABLE)}，而不是“{status}”") from exc
    if new not in SETTABLE:
        raise KnownError(ErrorCode.USAGE, "逾期由整改期限自动判断，不能直接设置；请设置整改期限")
    return new


def image(row: Correction) -> dict[str, Any]:
    """The row's 整改 columns, for the audit event."""
    out: dict[str, Any] = {"status": row.status, "note": row.note, "version": row.version}
    for key in (*EDITABLE, "checker", "closed_on"):
        value = getattr(row, key)
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _who_changed(session: Session, row_id: int) -> str:
    last = session.execute(
        select(AuditEvent.user_name, AuditEvent.at)
        .where(AuditEvent.entity == "correction", AuditEvent.entity_id == row_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    return f"（{last[0]} 于 {last[1]:%Y-%m-%d %H:%M} 修改）" if last else ""


def changed_row(session: Session, row_id: int, expected: int | None) -> Correction:
    row = session.get(Correction, row_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"台账记录 {row_id} 不存在")
    if expected is not None and row.version != expected:
        raise ConflictError(
            f"台账第 {row_id} 行已被他人修改{_who_changed(session, row_id)}，现为“{row.status}”；"
            "您的设置未保存，请刷新后再设置"
        )
    return row


def _updated(store: Store, campaign_id: int, row_ids: Sequence[int] | None, n: int) -> LedgerUpdate:
    rows = tuple(list_problems(store, campaign_id, row_ids=row_ids))
    return LedgerUpdate(campaign_id, n, rows, Changes(ledger=frozenset({campaign_id})))


def _move(
    row: Correction,
    new: Rectification,
    *,
    note: str,
    progress: str,
    completed_on: dt.date | None,
    checker: str,
    closed_on: dt.date | None,
    today: dt.date,
) -> None:
    """Apply one transition to the row, or refuse it with the reason (nothing is saved then)."""
    old = LEGACY.get(row.status) or Rectification(row.status)
    if new not in TRANSITIONS[old]:
        raise KnownError(
            ErrorCode.USAGE,
            f"台账第 {row.id} 行为“{old}”，不能改为“{new}”"
            + ("（已办结的问题不再变更）" if old in FINISHED else "（须先整改并经复核）" if new == R.CLOSED else ""),
        )
    if new == R.AWAITING:
        row.progress = progress.strip() or row.progress or note.strip()
        if not row.progress:
            raise KnownError(ErrorCode.USAGE, f"台账第 {row.id} 行：请填写整改情况后再报“已整改待复核”")
        row.completed_on = completed_on or row.completed_on or today
    elif new == R.CLOSED:
        if not checker.strip():
            raise KnownError(ErrorCode.USAGE, f"台账第 {row.id} 行：销号须写明复核人")
        day = closed_on or today
        if row.completed_on and day < row.completed_on:
            raise KnownError(ErrorCode.USAGE, f"台账第 {row.id} 行：销号日期 {day} 早于完成日期 {row.completed_on}")
        row.checker, row.closed_on = checker.strip(), day
    elif new == R.ARCHIVED and not note.strip():
        raise KnownError(ErrorCode.USAGE, f"台账第 {row.id} 行：无法整改须写明原因（--note）")
    elif new in OPEN and old == R.AWAITING and progress.strip():
        row.progress = progress.strip()
    row.status, row.note = str(new), note.strip() or row.note
    row.done_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) if new in FINISHED | {R.AWAITING} else None
    row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)


def set_status(
    store: Store,
    rows: Mapping[int, int | None],
    *,
    status: Rectification | str,
    user: UserDTO,
    note: str = "",
    progress: str = "",
    completed_on: dt.date | None = None,
    checker: str = "",
    closed_on: dt.date | None = None,
    today: dt.date | None = None,
) -> LedgerUpdate:
    """Move ledger rows ({row id: the version the caller read, None: don't check}) to ``status`` in one
    transaction, one audit event per row. A refused transition or a row changed by someone else since the
    caller read it refuses the whole change: nothing is saved."""
    require_role(user, "supervisor", "admin", action="销号" if str(status) == R.CLOSED else "更新整改状态")
    new = parse_status(status)
    if not rows:
        raise KnownError(ErrorCode.USAGE, "未选择台账记录")
    campaigns: set[int] = set()
    day = today or dt.date.today()
    try:
        with store.write() as session:
            for row_id, expected in sorted(rows.items()):
                row = changed_row(session, row_id, expected)
                before = image(row)
                _move(
                    row,
                    new,
                    note=note,
                    progress=progress,
                    completed_on=completed_on,
                    checker=checker,
                    closed_on=closed_on,
                    today=day,
                )
                session.flush()  # the version check happens here (UPDATE … WHERE version = read)
                record_event(
                    session,
                    user=user.name,
                    action="ledger.status",
                    entity="correction",
                    entity_id=row.id,
                    before=before,
                    after=image(row),
                    reason=note,
                )
                campaigns.add(row.campaign_id)
            if len(campaigns) != 1:
                raise KnownError(ErrorCode.USAGE, "所选台账记录属于不同的评查活动")
    except StaleDataError as exc:  # changed between our read and our write: someone else won
        raise ConflictError("台账记录刚被他人修改，您的设置未保存，请刷新后再设置") from exc
    return _updated(store, campaigns.pop(), list(rows), len(rows))


def edit_row(store: Store, row_id: int, expected: int | None, *, user: UserDTO, **fields: Any) -> LedgerUpdate:
    """Set a row's 整改措施, 责任单位, 责任人, 整改情况, 完成日期 or 整改期限 (one transaction, one audit event).
    A 已销号 or archived row is not edited."""
    require_role(user, "supervisor", "admin", action="编辑台账")
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown or not fields:
        raise KnownError(ErrorCode.USAGE, f"台账可编辑的栏目为 {'、'.join(LABELS[k] for k in EDITABLE)}")
    try:
        with store.write() as session:
            row = changed_row(session, row_id, expected)
            if (LEGACY.get(row.status) or Rectification(row.status)) in FINISHED:
                raise KnownError(ErrorCode.USAGE, f"台账第 {row_id} 行已“{row.status}”，不能再修改")
            before = image(row)
            for key, value in fields.items():
                setattr(row, key, value.strip() if isinstance(value, str) else value)
            if image(row) == before:
                return _updated(store, row.campaign_id, [row_id], 0)
            row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            session.flush()
            record_event(
                session,
                user=user.name,
                action="ledger.edit",
                entity="correction",
                entity_id=row.id,
                before=before,
                after=image(row),
            )
            campaign = row.campaign_id
    except StaleDataError as exc:
        raise ConflictError("台账记录刚被他人修改，您的修改未保存，请刷新后再改") from exc
    return _updated(store, campaign, [row_id], 1)


def attach_evidence(
    store: Store, row_id: int, path: Path, *, user: UserDTO, expected: int | None = None
) -> LedgerUpdate:
    """Keep a file as 佐证材料 of the row: its bytes stored once by SHA-256 (never overwritten; the same
    bytes twice are one attachment), the row's version bumped, an audit event with the hash."""
    require_role(user, "supervisor", "admin", action="上传佐证材料")
    if path.is_symlink() or not path.is_file():
        raise KnownError(ErrorCode.NOT_FOUND, "佐证材料文件不存在、不是普通文件或是符号链接", file=path.name)
    if path.stat().st_size > MAX_EVIDENCE:
        raise KnownError(ErrorCode.USAGE, f"佐证材料超过 {MAX_EVIDENCE >> 20} MB，请压缩或拆分后上传", file=path.name)
    sha = sha256_path(path)
    with store.write() as session:
        row = changed_row(session, row_id, expected)
        if (LEGACY.get(row.status) or Rectification(row.status)) in FINISHED:
            raise KnownError(ErrorCode.USAGE, f"台账第 {row_id} 行已“{row.status}”，不能再添加佐证材料")
        if (
            session.scalar(
                select(CorrectionEvidence.id).where(
                    CorrectionEvidence.correction_id == row_id, CorrectionEvidence.sha256 == sha
                )
            )
            is not None
        ):
            return _updated(store, row.campaign_id, [row_id], 0)
        put_file(session, path, sha)
        size = path.stat().st_size
        session.add(
            CorrectionEvidence(correction_id=row_id, sha256=sha, file_name=path.name, size=size, added_by=user.name)
        )
        row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # the version moves on
        session.flush()
        record_event(
            session,
            user=user.name,
            action="ledger.evidence",
            entity="correction",
            entity_id=row_id,
            after={"file": path.name, "sha256": sha, "size": size, "version": row.version},
        )
        campaign = row.campaign_id
    return _updated(store, campaign, [row_id], 1)


def evidence_file(store: Store, row_id: int, name: str) -> bytes:
    """The bytes of a row's 佐证材料 (the latest attached under this name), verified against its SHA-256."""
    with store.session() as session:
        sha = session.scalar(
            select(CorrectionEvidence.sha256)
            .where(CorrectionEvidence.correction_id == row_id, CorrectionEvidence.file_name == name)
            .order_by(CorrectionEvidence.id.desc())
            .limit(1)
        )
        if sha is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"台账第 {row_id} 行没有名为“{name}”的佐证材料")
        return read_bytes(session, sha, name=name)


def set_deadline(
    store: Store, campaign_id: int, deadline: dt.date, *, user: UserDTO, unit: str | None = None
) -> LedgerUpdate:
    """Set the 整改 deadline of every open row (待整改 / 整改中) of the campaign, or of one unit and those under it."""
    require_role(user, "supervisor", "admin", action="设置整改期限")
    with store.write() as session:
        scope = [Correction.campaign_id == campaign_id, Correction.status.in_([str(s) for s in OPEN])]
        if unit:
            scope.append(
                Correction.dossier_id.in_(select(Dossier.id).where(Dossier.agency_id.in_(ids_within(session, unit))))
            )
        n = len(session.scalars(select(Correction.id).where(*scope)).all())
        session.execute(
            update(Correction)
            .where(*scope)
            .values(deadline=deadline, version=Correction.version + 1)
            .execution_options(synchronize_session=False)
        )
        record_event(
            session,
            user=user.name,
            action="ledger.deadline",
            entity="campaign",
            entity_id=campaign_id,
            after={"deadline": deadline.isoformat(), "unit": unit, "rows": n},
        )
    return _updated(store, campaign_id, None, n)
