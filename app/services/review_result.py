"""What a review says besides item scores (issue 15.5): the overall comment (总体评价) and 不符合评查条件.

不符合评查条件: a reviewer marks their draft review as not reviewable, with the reason (the file is not a
closed case file, pages are missing so that it cannot be judged, …). Such a result has no score: the
score sheet prints the reason instead of points, and statistics and the ledger never count it."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.dto import UserDTO
from app.services.review_read import review_dto
from app.services.reviews import _locked_review, _require_draft
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Dossier, Review, utcnow
from app.vocab.states import ReviewState

LABEL = "不符合评查条件"


def set_unreviewable(store: Store, review_id: int, reason: str | None, *, user: UserDTO,
                     expected_version: int) -> int:
    """Mark (``reason``) or unmark (None) the reviewer's draft as 不符合评查条件; returns the new row version."""
    if reason is not None and not reason.strip():
        raise KnownError(ErrorCode.USAGE, f"标记“{LABEL}”须写明理由")
    with store.write() as session:
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        before = review.unreviewable
        review.unreviewable = reason.strip() if reason is not None else None
        review.updated_at = utcnow()
        session.flush()
        record_event(session, user=user.name, action="review.unreviewable", entity="review", entity_id=review.id,
                     before={"unreviewable": before}, after={"unreviewable": review.unreviewable},
                     reason=review.unreviewable or "")
        return review_dto(session, review).version


def set_comment(store: Store, review_id: int, comment: str, *, user: UserDTO, expected_version: int) -> int:
    """The overall comment (总体评价) of the reviewer's draft, or of a final result by its supervisor; returns
    the new row version."""
    with store.write() as session:
        status = session.scalar(select(Review.status).where(Review.id == review_id))
        if status == ReviewState.FINAL:  # the file's result: the supervisors' to comment on, whoever scored it
            require_role(user, "supervisor", "admin", action="填写定稿结果的总体评价")
            review = session.get(Review, review_id, with_for_update=True, populate_existing=True)
            assert review is not None
            if review.version != expected_version:
                raise ConflictError(f"评查记录 {review_id} 已被他人修改，请重新载入后再保存")
        else:
            review = _locked_review(session, review_id, expected_version, user=user)
            _require_draft(review)
        before = review.note
        review.note = comment.strip() or None
        review.updated_at = utcnow()
        session.flush()
        record_event(session, user=user.name, action="review.comment", entity="review", entity_id=review.id,
                     before={"note": before}, after={"note": review.note})
        return review_dto(session, review).version


def unreviewable_files(store: Store, campaign_id: int) -> dict[int, str]:
    """Dossier id -> reason, for the files whose submitted or final result is 不符合评查条件."""
    with store.session() as session:
        rows = session.execute(select(Review.dossier_id, Review.unreviewable, Review.status)
                               .join(Dossier, Dossier.id == Review.dossier_id)
                               .where(Dossier.campaign_id == campaign_id, Review.status.in_(("submitted", "final")))
                               .order_by(Review.id))
        best: dict[int, tuple[int, str | None]] = {}  # as the effective review: final first, else the latest
        for dossier_id, reason, status in rows:
            rank = 1 if status == "final" else 0
            if int(dossier_id) not in best or rank >= best[int(dossier_id)][0]:
                best[int(dossier_id)] = (rank, reason)
        return {d: str(r) for d, (_, r) in best.items() if r}

__all__ = ["LABEL", "set_comment", "set_unreviewable", "unreviewable_files"]
