"""Reviews: open a draft, save / clear an item score (score + audit event in one transaction), submit.

Submitting changes the dossier's effective review, so the ledger rows follow in the same transaction.
Reading reviews is ``app.services.review_read``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.blind import require_owner
from app.services.campaigns import load_rubric_known
from app.services.dossiers import get_dossier_row
from app.services.dto import ReviewDTO, UserDTO
from app.services.ledger import ledger_closed, lock_dossiers, sync_in
from app.services.review_read import (
    get_review,
    get_reviews,
    list_reviews,
    review_dto,
    rubric_for,
    score_review,
)
from app.services.users import get_user
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Dossier, ItemScoreRow, Review, utcnow
from app.vocab.states import ReviewState, state_label
from scoring.rubric import Rubric, RubricItem

__all__ = ["clear_item_score", "get_review", "get_reviews", "list_reviews", "open_review", "save_item_score",
           "submit_review"]


def apply_score(session: Session, review: Review, rubric: Rubric, *, reviewed: bool | None = None) -> None:
    result, _ = score_review(session, review, rubric, reviewed=reviewed)
    review.total, review.grade, review.veto = result.total, result.grade, result.veto
    review.updated_at = utcnow()


def open_review(store: Store, dossier_id: int, *, reviewer: UserDTO) -> ReviewDTO:
    """The reviewer's review of this dossier, created as a draft (automatic values pre-filled) if new."""
    for _attempt in range(2):
        try:
            with store.write() as session:
                existing = session.scalars(select(Review).where(
                    Review.dossier_id == dossier_id, Review.reviewer_id == reviewer.id)).first()
                if existing is not None:
                    return review_dto(session, existing, rubric_for(existing))
                dossier = get_dossier_row(session, dossier_id)
                get_user(session, reviewer)
                rubric = load_rubric_known(dossier.rubric_id)
                review = Review(dossier_id=dossier_id, reviewer_id=reviewer.id, rubric_id=dossier.rubric_id,
                                rubric_version=rubric.version, status=ReviewState.DRAFT, total=0.0, grade="")
                session.add(review)
                session.flush()
                apply_score(session, review, rubric)
                session.flush()
                record_event(session, user=reviewer.name, action="review.open", entity="review",
                             entity_id=review.id, after={"dossier": dossier_id, "rubric": dossier.rubric_id,
                                                         "rubric_version": rubric.version})
                return review_dto(session, review, rubric)
        except IntegrityError:  # another workstation created it at the same moment: read theirs
            continue
    raise ConflictError("评查记录正在被其他工作站创建，请重试")


def _locked_review(session: Session, review_id: int, expected_version: int, *, user: UserDTO) -> Review:
    owner = session.scalar(select(Review.reviewer_id).where(Review.id == review_id))
    if owner is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {review_id} 不存在")
    require_owner(user, reviewer_id=int(owner), review_id=review_id)
    review = session.get(Review, review_id, with_for_update=True, populate_existing=True)
    if review is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {review_id} 不存在")
    if review.version != expected_version:
        raise ConflictError(
            f"评查记录已被他人修改（当前版本 {review.version}，您的版本 {expected_version}），请重新载入后再保存"
        )
    return review


def _require_draft(review: Review) -> None:
    if review.status != ReviewState.DRAFT:
        raise KnownError(ErrorCode.USAGE, f"该评查已{state_label(review.status).removeprefix('已')}，不能再修改")


def _find_item(rubric: Rubric, item: str) -> RubricItem:
    for candidate in rubric.items:
        if candidate.id == item:
            return candidate
    raise KnownError(ErrorCode.USAGE, f"评查标准“{rubric.title}”中没有评查项“{item}”")


def save_item_score(
    store: Store,
    review_id: int,
    item: str,
    *,
    deducted: float,
    reason: str,
    pages: Sequence[int] = (),
    user: UserDTO,
    expected_version: int,
) -> ReviewDTO:
    """Record the reviewer's deduction for one item; row version must match (else ConflictError)."""
    with store.write() as session:
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        rubric = rubric_for(review)
        rubric_item = _find_item(rubric, item)
        if rubric_item.veto:
            deducted = 1.0 if deducted > 0 else 0.0  # a veto item is confirmed (1) or cleared (0)
        elif not 0 <= deducted <= rubric_item.points:
            raise KnownError(ErrorCode.USAGE,
                             f"评查项“{rubric_item.title}”的扣分应在 0 到 {rubric_item.points:g} 分之间")
        row = session.scalars(select(ItemScoreRow).where(
            ItemScoreRow.review_id == review_id, ItemScoreRow.item == item)).first()
        before = None if row is None else {"deducted": row.deducted, "reason": row.reason, "pages": row.pages}
        if row is None:
            row = ItemScoreRow(review_id=review_id, item=item, deducted=0.0)
            session.add(row)
        row.deducted, row.reason, row.pages = float(deducted), reason.strip(), sorted({int(p) for p in pages})
        row.updated_at, row.updated_by = utcnow(), user.id
        session.flush()
        apply_score(session, review, rubric)
        session.flush()
        record_event(session, user=user.name, action="item_score.save", entity="review", entity_id=review.id,
                     before=before, after={"item": item, "deducted": row.deducted, "pages": row.pages,
                                           "total": review.total}, reason=row.reason)
        return review_dto(session, review, rubric)


def clear_item_score(store: Store, review_id: int, item: str, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """Drop the reviewer's decision on one item: the automatic value applies again."""
    with store.write() as session:
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        rubric = rubric_for(review)
        _find_item(rubric, item)
        row = session.scalars(select(ItemScoreRow).where(
            ItemScoreRow.review_id == review_id, ItemScoreRow.item == item)).first()
        before = None if row is None else {"deducted": row.deducted, "reason": row.reason, "pages": row.pages}
        if row is not None:
            session.delete(row)
            session.flush()
        apply_score(session, review, rubric)
        session.flush()
        record_event(session, user=user.name, action="item_score.clear", entity="review", entity_id=review.id,
                     before=before, after={"item": item, "total": review.total})
        return review_dto(session, review, rubric)


def submit_review(store: Store, review_id: int, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """Lock the review as submitted; refused while any deduction has no reason from the reviewer. The
    dossier's ledger rows follow in the same transaction (the dossier is locked first, then the review)."""
    with store.write() as session:
        # On a team server a reviewer may neither lock a dossier nor write another unit's 台账 rows (row-level
        # security): their submit leaves the ledger to the supervisors' sessions (ensure_ledger, 定稿).
        keeps_ledger = not ledger_closed(session, user)
        dossier_id = session.scalar(select(Review.dossier_id).where(Review.id == review_id))
        if dossier_id is not None and keeps_ledger:
            lock_dossiers(session, [dossier_id])
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        rubric = rubric_for(review)
        dto = review_dto(session, review, rubric)
        # An unconfirmed automatic deduction has its reason (the check's message): it only needs confirming.
        unconfirmed = [i for i in dto.items if i.deducted > 0 and not i.overridden]
        if unconfirmed:
            names = "、".join(f"“{i.title}”" for i in unconfirmed[:5]) + ("等" if len(unconfirmed) > 5 else "")
            raise KnownError(ErrorCode.USAGE, f"以下 {len(unconfirmed)} 项自动扣分尚未确认：{names}"
                                              "（扣分理由即自动检查的说明，确认即可）")
        missing = [i for i in dto.items if i.deducted > 0 and not i.reason.strip()]
        if missing:
            names = "、".join(f"“{i.title}”" for i in missing[:5]) + ("等" if len(missing) > 5 else "")
            raise KnownError(ErrorCode.USAGE, f"以下 {len(missing)} 个扣分项还没有填写扣分理由：{names}")
        apply_score(session, review, rubric, reviewed=True)  # submitted: the reviewer looked at every item
        review.status, review.submitted_at = ReviewState.SUBMITTED, utcnow()
        session.flush()
        record_event(session, user=user.name, action="review.submit", entity="review", entity_id=review.id,
                     before={"status": ReviewState.DRAFT.value},
                     after={"status": ReviewState.SUBMITTED.value, "total": review.total, "grade": review.grade})
        campaign_id = session.scalar(select(Dossier.campaign_id).where(Dossier.id == review.dossier_id))
        if keeps_ledger:
            sync_in(session, int(campaign_id or 0), [review.dossier_id], user=user)
        return review_dto(session, review, rubric)
