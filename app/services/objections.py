"""异议: a reviewed agency's objection to one rubric item of a dossier's final review, its attachments kept
like originals, and a supervisor's answer (异议成立 / 异议不成立).

《行政执法监督条例》（国务院令第825号，2026-02-01 施行）第三十条：“行政执法机关对行政执法监督机构作出的处理结果
有异议的，可以向其提出并说明理由，行政执法监督机构应当及时处理。” Hence: the objection is the agency's (its unit
is recorded), it must state a reason, and the supervision organ answers it (a supervisor or admin).

An upheld objection that changes the item's deduction changes the final review through the same
scoring as every other score (``apply_score``): the review's row version moves on, the item row and
the audit event are written and the ledger follows, all in the answer's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.dto import ReviewItemDTO, UserDTO
from app.services.ledger import lock_dossiers, sync_in
from app.services.review_read import review_dto, rubric_for
from app.services.reviews import apply_score
from app.services.users import require_role
from app.store.audit import record_event
from app.store.blobs import put_file, read_bytes, sha256_path
from app.store.engine import Store
from app.store.models import Dossier, ItemScoreRow, Objection, ObjectionFile, Review, User, utcnow
from app.store.units import path_of, unit_paths
from app.vocab.states import ReviewState

MAX_ATTACHMENT = 200 << 20  # 200 MiB: a scan of a thick reply, not a disk image


class Outcome(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    REJECTED = "rejected"


LABELS = {Outcome.PENDING: "待答复", Outcome.UPHELD: "异议成立", Outcome.REJECTED: "异议不成立"}


@dataclass(frozen=True, slots=True)
class AttachmentDTO:
    id: int
    file_name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class ObjectionDTO:
    id: int
    campaign_id: int
    dossier_id: int
    case_number: str
    file_name: str
    unit: str
    item: str
    item_title: str
    reason: str
    raised_by: str
    raised_on: dt.date | None
    deducted_before: float
    status: str  # an Outcome value
    answer: str
    deducted_after: float | None
    recorded_by: str
    answered_by: str
    answered_at: dt.datetime | None
    files: tuple[AttachmentDTO, ...]
    version: int

    @property
    def status_label(self) -> str:
        return LABELS.get(Outcome(self.status), self.status)

    @property
    def changed(self) -> bool:
        """Upheld with a different deduction: the final score moved."""
        return self.deducted_after is not None and abs(self.deducted_after - self.deducted_before) > 1e-9


# --- reading --------------------------------------------------------------------------------------------


def _dto(session: Session, row: Objection, paths: dict[int, str]) -> ObjectionDTO:
    d = session.get(Dossier, row.dossier_id)
    assert d is not None
    names = {int(i): str(n) for i, n in session.execute(select(User.id, User.name).where(
        User.id.in_([i for i in (row.recorded_by, row.answered_by) if i is not None])))}
    files = tuple(AttachmentDTO(f.id, f.file_name, f.sha256, f.size) for f in session.scalars(
        select(ObjectionFile).where(ObjectionFile.objection_id == row.id).order_by(ObjectionFile.id)))
    review = session.get(Review, row.review_id)
    title = row.item
    if review is not None:
        title = next((i.title for i in rubric_for(review).items if i.id == row.item), row.item)
    return ObjectionDTO(
        row.id, row.campaign_id, row.dossier_id, d.case_number or "", d.file_name, path_of(paths, d.agency_id),
        row.item, title, row.reason, row.raised_by, row.raised_on, row.deducted_before, row.status,
        row.answer or "", row.deducted_after, names.get(row.recorded_by or 0, ""), names.get(row.answered_by or 0, ""),
        row.answered_at, files, row.version)


def list_objections(store: Store, campaign_id: int, *, dossier_ids: Sequence[int] | None = None,
                    status: str | None = None) -> list[ObjectionDTO]:
    """The campaign's objections in the order they were recorded (optionally of some dossiers / one status)."""
    with store.session() as session:
        stmt = select(Objection).where(Objection.campaign_id == campaign_id).order_by(Objection.id)
        if dossier_ids is not None:
            stmt = stmt.where(Objection.dossier_id.in_(list(dossier_ids)))
        if status:
            stmt = stmt.where(Objection.status == status)
        paths = unit_paths(session)
        return [_dto(session, r, paths) for r in session.scalars(stmt)]


def get_objection(store: Store, objection_id: int) -> ObjectionDTO:
    with store.session() as session:
        row = session.get(Objection, objection_id)
        if row is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"异议 {objection_id} 不存在")
        return _dto(session, row, unit_paths(session))


def attachment_bytes(store: Store, attachment_id: int) -> tuple[str, bytes]:
    """An attachment's name and bytes, checked against its SHA-256 as originals are."""
    with store.session() as session:
        f = session.get(ObjectionFile, attachment_id)
        if f is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"异议附件 {attachment_id} 不存在")
        return f.file_name, read_bytes(session, f.sha256, name=f.file_name)


# --- recording --------------------------------------------------------------------------------------------


def _final(session: Session, dossier_id: int, *, lock: bool = False) -> Review:
    stmt = select(Review).where(Review.dossier_id == dossier_id, Review.status == ReviewState.FINAL)
    if lock:
        stmt = stmt.with_for_update()
    review = session.scalars(stmt).first()
    if review is None:
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 还没有定稿的评查结果，不能对其提出异议")
    return review


def _item(session: Session, review: Review, key: str) -> ReviewItemDTO:
    dto = review_dto(session, review)
    for i in dto.items:
        if key.strip() in (i.item, i.title):
            return i
    raise KnownError(ErrorCode.USAGE, f"评查项“{key}”不在案卷 {review.dossier_id} 的评查标准中")


def _checked(paths: Sequence[Path]) -> list[tuple[Path, str, int]]:
    """(path, SHA-256, size) of each attachment; a missing, empty or oversized file names itself."""
    out = []
    for p in paths:
        if not p.is_file():
            raise KnownError(ErrorCode.USAGE, "异议附件不存在或不是文件", file=str(p))
        size = p.stat().st_size
        if size == 0:
            raise KnownError(ErrorCode.USAGE, "异议附件是空文件", file=str(p))
        if size > MAX_ATTACHMENT:
            raise KnownError(ErrorCode.USAGE, f"异议附件超过 {MAX_ATTACHMENT >> 20} MB", file=str(p))
        try:
            out.append((p, sha256_path(p), size))
        except OSError as exc:
            raise KnownError(ErrorCode.USAGE, f"无法读取异议附件：{exc.strerror or exc}", file=str(p)) from exc
    return out


def add_objection(store: Store, dossier_id: int, item: str, *, reason: str, user: UserDTO, raised_by: str = "",
                  raised_on: dt.date | None = None, attachments: Sequence[Path] = ()) -> ObjectionDTO:
    """Record the reviewed agency's objection to one item (id or title) of the dossier's final review, with
    its reason and attachments (kept byte for byte by SHA-256, like originals). ``raised_by`` defaults to
    the dossier's unit."""
    require_role(user, "supervisor", "admin", action="登记异议")
    if not reason.strip():
        raise KnownError(ErrorCode.USAGE, "异议须写明理由")
    files = _checked(attachments)
    with store.write() as session:
        dossier = session.get(Dossier, dossier_id)
        if dossier is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"案卷 {dossier_id} 不存在")
        review = _final(session, dossier_id)
        target = _item(session, review, item)
        paths = unit_paths(session)
        row = Objection(
            campaign_id=dossier.campaign_id,
            dossier_id=dossier_id,
            review_id=review.id,
            item=target.item,
            agency_id=dossier.agency_id,
            raised_by=raised_by.strip() or path_of(paths, dossier.agency_id),
            raised_on=raised_on,
            reason=reason.strip(),
            deducted_before=target.decided,
            status=Outcome.PENDING.value,
            recorded_by=user.id,
            recorded_at=utcnow(),
        )
        session.add(row)
        session.flush()
        for path, sha, size in files:
            put_file(session, path, sha)
            if (
                session.scalar(
                    select(ObjectionFile.id).where(ObjectionFile.objection_id == row.id, ObjectionFile.sha256 == sha)
                )
                is None
            ):
                session.add(ObjectionFile(objection_id=row.id, sha256=sha, file_name=path.name[:500], size=size))
                session.flush()
        record_event(
            session,
            user=user.name,
            action="objection.add",
            entity="objection",
            entity_id=row.id,
            after={
                "dossier": dossier_id,
                "review": review.id,
                "item": target.item,
                "deducted": target.decided,
                "raised_by": row.raised_by,
                "files": [{"name": p.name, "sha256": s} for p, s, _ in files],
            },
            reason=row.reason,
        )
        return _dto(session, row, paths)


# --- answering --------------------------------------------------------------------------------------------


def _amend_final(
    session: Session, review: Review, target: ReviewItemDTO, value: float, *, why: str, user: UserDTO
) -> dict[str, object]:
    """Set one item of the final review to ``value`` and rescore it; returns the audit 'before' image."""
    top = 1.0 if target.veto_item else target.points
    if not 0 <= value <= top + 1e-9 or (target.veto_item and value not in (0.0, 1.0)):
        allowed = "1（否决）或 0（不否决）" if target.veto_item else f"0 到 {top:g} 分"
        raise KnownError(ErrorCode.USAGE, f"评查项“{target.title}”的扣分只能为 {allowed}")
    before: dict[str, object] = {
        "item": target.item,
        "deducted": target.decided,
        "total": review.total,
        "grade": review.grade,
        "veto": review.veto,
        "version": review.version,
    }
    row = session.scalars(
        select(ItemScoreRow).where(ItemScoreRow.review_id == review.id, ItemScoreRow.item == target.item)
    ).first()
    if row is None:
        row = ItemScoreRow(review_id=review.id, item=target.item, deducted=0.0, pages=list(target.pages))
        session.add(row)
    row.deducted, row.reason = float(value), why
    row.updated_at, row.updated_by = utcnow(), user.id
    session.flush()
    apply_score(session, review, rubric_for(review), reviewed=True)
    session.flush()
    return before


def answer_objection(
    store: Store,
    objection_id: int,
    *,
    upheld: bool,
    answer: str,
    user: UserDTO,
    expected_version: int,
    deducted: float | None = None,
) -> ObjectionDTO:
    """The supervisor's answer. Upheld with ``deducted`` (the item's new deduction; for a veto item 1/0):
    the final review is rescored in the same transaction and the change audited. Not upheld: the score
    stays (``deducted`` must be None)."""
    require_role(user, "supervisor", "admin", action="答复异议")
    if not answer.strip():
        raise KnownError(ErrorCode.USAGE, "答复异议须写明答复意见")
    if deducted is not None and not upheld:
        raise KnownError(ErrorCode.USAGE, "异议不成立时不能改动扣分")
    with store.write() as session:
        dossier_id = session.scalar(select(Objection.dossier_id).where(Objection.id == objection_id))
        if dossier_id is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"异议 {objection_id} 不存在")
        lock_dossiers(session, [int(dossier_id)])
        row = session.get(Objection, objection_id, with_for_update=True, populate_existing=True)
        assert row is not None
        if row.version != expected_version:
            raise ConflictError(f"异议 {objection_id} 已被他人修改（当前版本 {row.version}），请重新载入后再答复")
        if row.status != Outcome.PENDING:
            raise KnownError(
                ErrorCode.USAGE, f"异议 {objection_id} 已答复（{LABELS[Outcome(row.status)]}），不能再次答复"
            )
        review = _final(session, row.dossier_id, lock=True)
        target = _item(session, review, row.item)
        event: dict[str, object] = {"objection": row.id, "upheld": upheld}
        if upheld and deducted is not None and abs(deducted - target.decided) > 1e-9:
            event["review_before"] = _amend_final(
                session, review, target, float(deducted), why=f"异议成立（异议 {row.id}）：{answer.strip()}", user=user
            )
            event["review_after"] = {
                "item": row.item,
                "deducted": float(deducted),
                "total": review.total,
                "grade": review.grade,
                "veto": review.veto,
                "version": review.version,
            }
            record_event(
                session,
                user=user.name,
                action="review.amend",
                entity="review",
                entity_id=review.id,
                before=event["review_before"],
                after=event["review_after"],
                reason=answer.strip(),
            )
            sync_in(session, row.campaign_id, [row.dossier_id], user=user)
        row.status = (Outcome.UPHELD if upheld else Outcome.REJECTED).value
        row.answer, row.answered_by, row.answered_at = answer.strip(), user.id, utcnow()
        row.deducted_after = float(deducted) if upheld and deducted is not None else None
        session.flush()
        record_event(
            session,
            user=user.name,
            action="objection.answer",
            entity="objection",
            entity_id=row.id,
            before={"status": Outcome.PENDING.value},
            after={**event, "status": row.status, "deducted": row.deducted_after},
            reason=row.answer,
        )
        return _dto(session, row, unit_paths(session))


__all__ = [
    "LABELS",
    "AttachmentDTO",
    "ObjectionCount",
    "ObjectionDTO",
    "ObjectionStats",
    "Outcome",
    "add_objection",
    "answer_objection",
    "attachment_bytes",
    "get_objection",
    "list_objections",
    "objection_stats",
]


# --- statistics -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObjectionCount:
    """Objections of one unit (key: its path) or one rubric item (key: its id; title: its title)."""

    key: str
    title: str
    raised: int
    upheld: int
    rejected: int
    changed: int  # upheld with a score change

    @property
    def pending(self) -> int:
        return self.raised - self.upheld - self.rejected


@dataclass(frozen=True, slots=True)
class ObjectionStats:
    raised: int
    upheld: int
    rejected: int
    by_unit: tuple[ObjectionCount, ...]
    by_item: tuple[ObjectionCount, ...]


def _count(key: str, title: str, rows: Sequence[ObjectionDTO]) -> ObjectionCount:
    return ObjectionCount(
        key,
        title,
        len(rows),
        sum(r.status == Outcome.UPHELD for r in rows),
        sum(r.status == Outcome.REJECTED for r in rows),
        sum(r.changed for r in rows),
    )


def objection_stats(store: Store, campaign_id: int) -> ObjectionStats:
    """Objections raised / upheld / rejected, by unit and by rubric item (most raised first)."""
    rows = list_objections(store, campaign_id)
    units: dict[str, list[ObjectionDTO]] = {}
    items: dict[str, list[ObjectionDTO]] = {}
    for r in rows:
        units.setdefault(r.unit, []).append(r)
        items.setdefault(r.item, []).append(r)
    by_unit = sorted((_count(k, k, v) for k, v in units.items()), key=lambda c: (-c.raised, c.key))
    by_item = sorted((_count(k, v[0].item_title, v) for k, v in items.items()), key=lambda c: (-c.raised, c.key))
    total = _count("", "", rows)
    return ObjectionStats(total.raised, total.upheld, total.rejected, tuple(by_unit), tuple(by_item))
