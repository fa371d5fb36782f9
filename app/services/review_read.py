"""Reading reviews: a review row scored with the engine into a ReviewDTO (one, many at once, a dossier's).

The mutating use cases (``app.services.reviews``), the ledger and 合议定稿 build their DTOs here, inside
their own transaction when they pass a session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.blind import hidden_error, visible
from app.services.campaigns import load_rubric_known
from app.services.dossiers import load_findings, load_findings_of
from app.services.dto import ReviewDTO, ReviewItemDTO, UserDTO
from app.store.engine import Store
from app.store.models import ItemScoreRow, Review, User
from app.vocab.states import ReviewState
from scoring import score
from scoring.rubric import Rubric, RubricItem
from scoring.score import OverrideError
from scoring.types import Finding, ItemScore, Override, Score

PENDING_REASON = "（待填写理由）"
Preloaded = tuple[Sequence[Any], tuple[Finding, ...]]


def item_rows(session: Session, review_id: int) -> list[ItemScoreRow]:
    stmt = select(ItemScoreRow).where(ItemScoreRow.review_id == review_id).order_by(ItemScoreRow.item)
    return list(session.scalars(stmt))


def rubric_for(review: Review) -> Rubric:
    return load_rubric_known(review.rubric_id)


def score_review(session: Session, review: Review, rubric: Rubric, *, preloaded: Preloaded | None = None,
                 reviewed: bool | None = None) -> tuple[Score, Sequence[Any]]:
    """The engine's score of the review: the dossier's findings with the reviewer's item decisions."""
    rows, findings = preloaded or (item_rows(session, review.id), load_findings(session, review.dossier_id))
    # A deduction saved before its reason is typed still counts; submit refuses it until the reason is there.
    overrides = [Override(r.item, r.deducted, r.reason or PENDING_REASON, tuple(int(p) for p in r.pages))
                 for r in rows]
    try:
        looked = review.status != ReviewState.DRAFT if reviewed is None else reviewed
        return score(rubric, findings, overrides, reviewed=looked), rows
    except OverrideError as exc:
        raise KnownError(ErrorCode.USAGE, str(exc)) from exc


def _item_dto(item: RubricItem, sections: dict[str, str], got: ItemScore | None, row: Any) -> ReviewItemDTO:
    auto = got.auto_deducted if got else 0.0
    return ReviewItemDTO(
        item=item.id, title=item.title, category=sections.get(item.section, item.section),
        points=item.points, auto_deducted=auto,
        deducted=got.deducted if got else (row.deducted if row else auto),
        reason=row.reason if row else "", pages=tuple(int(p) for p in row.pages) if row else (),
        rules=got.rules if got else item.rules, needs_review=got.needs_review if got else False,
        overridden=row is not None, veto=got.veto if got else False, veto_item=item.veto,
    )


def review_dto(session: Session, review: Review, rubric: Rubric | None = None, *,
               preloaded: Preloaded | None = None, reviewer_name: str | None = None) -> ReviewDTO:
    rubric = rubric or rubric_for(review)
    result, rows = score_review(session, review, rubric, preloaded=preloaded)
    by_item = {i.item: i for i in result.items}
    by_row = {r.item: r for r in rows}
    sections = {s.id: s.title for s in rubric.sections}
    if reviewer_name is None:
        reviewer = session.get(User, review.reviewer_id)
        reviewer_name = reviewer.name if reviewer else ""
    return ReviewDTO(
        id=review.id, dossier_id=review.dossier_id, reviewer=reviewer_name,
        reviewer_id=review.reviewer_id, rubric_id=review.rubric_id, rubric_version=review.rubric_version,
        status=review.status, version=review.version, total=review.total, max=result.max,
        grade=review.grade, veto=review.veto,
        items=tuple(_item_dto(i, sections, by_item.get(i.id), by_row.get(i.id)) for i in rubric.items),
        rubric_current=rubric.version,
    )


def _own_status(session: Session, dossier_id: int, viewer: UserDTO | None) -> str | None:
    if viewer is None:
        return None
    return session.scalar(select(Review.status).where(Review.dossier_id == dossier_id, Review.reviewer_id == viewer.id))


def get_review(store: Store, review_id: int, *, viewer: UserDTO | None = None) -> ReviewDTO:
    """One review; a reviewer as ``viewer`` gets another reviewer's only once both have submitted."""
    with store.session() as session:
        review = session.get(Review, review_id)
        if review is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {review_id} 不存在")
        if not visible(viewer, reviewer_id=review.reviewer_id, status=review.status,
                       own_status=_own_status(session, review.dossier_id, viewer)):
            raise hidden_error(review_id)
        return review_dto(session, review)


def reviews_in(session: Session, review_ids: Sequence[int], *, chunk: int = 500) -> dict[int, ReviewDTO]:
    """Many reviews in the caller's session: four queries per chunk instead of four per review."""
    out: dict[int, ReviewDTO] = {}
    ids = list(dict.fromkeys(review_ids))
    names: dict[int, str] = {int(i): str(n) for i, n in session.execute(select(User.id, User.name))}
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        reviews = list(session.scalars(select(Review).where(Review.id.in_(part))))
        overrides: dict[int, list[Any]] = defaultdict(list)  # plain rows: no ORM object per item score
        cols = (ItemScoreRow.review_id, ItemScoreRow.item, ItemScoreRow.deducted, ItemScoreRow.reason,
                ItemScoreRow.pages)
        for row in session.execute(select(*cols).where(ItemScoreRow.review_id.in_(part))
                                   .order_by(ItemScoreRow.review_id, ItemScoreRow.item)):
            overrides[row.review_id].append(row)
        findings = load_findings_of(session, {r.dossier_id for r in reviews})
        for review in reviews:
            out[review.id] = review_dto(session, review, preloaded=(overrides[review.id],
                                                                    findings.get(review.dossier_id, ())),
                                        reviewer_name=names.get(review.reviewer_id, ""))
    missing = [i for i in ids if i not in out]
    if missing:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {missing[0]} 不存在")
    return out


def get_reviews(store: Store, review_ids: Sequence[int], *, chunk: int = 500) -> dict[int, ReviewDTO]:
    """Many reviews at once (the same DTOs as :func:`get_review`)."""
    with store.session() as session:
        return reviews_in(session, review_ids, chunk=chunk)


def dossier_reviews(session: Session, dossier_id: int) -> list[ReviewDTO]:
    rows = session.scalars(select(Review).where(Review.dossier_id == dossier_id).order_by(Review.id))
    return [review_dto(session, r) for r in rows]


def list_reviews(store: Store, dossier_id: int, *, viewer: UserDTO | None = None) -> list[ReviewDTO]:
    """The dossier's reviews; for a reviewer as ``viewer``, only those blind review lets them see."""
    with store.session() as session:
        own = _own_status(session, dossier_id, viewer)
        return [r for r in dossier_reviews(session, dossier_id)
                if visible(viewer, reviewer_id=r.reviewer_id, status=r.status, own_status=own)]
