"""Reviews: open a draft, save / clear an item score (score + audit event in one transaction), submit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.blind import hidden_error, require_owner, visible
from app.services.campaigns import load_rubric_known
from app.services.dossiers import get_dossier_row, load_findings, load_findings_of
from app.services.dto import ReviewDTO, ReviewItemDTO, UserDTO
from app.services.users import get_user
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import ItemScoreRow, Review, User, utcnow
from scoring import score
from scoring.rubric import Rubric, RubricItem
from scoring.score import OverrideError
from scoring.types import Finding, ItemScore, Override, Score

PENDING_REASON = "（待填写理由）"
STATUS_LABEL = {"draft": "评查中", "submitted": "已提交", "final": "已定稿"}


def _overrides(session: Session, review_id: int) -> list[ItemScoreRow]:
    stmt = select(ItemScoreRow).where(ItemScoreRow.review_id == review_id).order_by(ItemScoreRow.item)
    return list(session.scalars(stmt))


def _score(session: Session, review: Review, rubric: Rubric, *,
           preloaded: tuple[list[Any], tuple[Finding, ...]] | None = None) -> tuple[Score, list[Any]]:
    rows, findings = preloaded or (_overrides(session, review.id), load_findings(session, review.dossier_id))
    # A deduction saved before its reason is typed still counts; submit refuses it until the reason is there.
    overrides = [Override(r.item, r.deducted, r.reason or PENDING_REASON, tuple(int(p) for p in r.pages))
                 for r in rows]
    try:
        return score(rubric, findings, overrides), rows
    except OverrideError as exc:
        raise KnownError(ErrorCode.USAGE, str(exc)) from exc


def _item_dto(item: RubricItem, sections: dict[str, str], got: ItemScore | None,
              row: ItemScoreRow | None) -> ReviewItemDTO:
    auto = got.auto_deducted if got else 0.0
    return ReviewItemDTO(
        item=item.id, title=item.title, category=sections.get(item.section, item.section),
        points=item.points, auto_deducted=auto,
        deducted=got.deducted if got else (row.deducted if row else auto),
        reason=row.reason if row else "", pages=tuple(int(p) for p in row.pages) if row else (),
        rules=got.rules if got else item.rules, needs_review=got.needs_review if got else False,
        overridden=row is not None, veto=got.veto if got else False,
    )


def _dto(session: Session, review: Review, rubric: Rubric, *,
         preloaded: tuple[list[Any], tuple[Finding, ...]] | None = None,
         reviewer_name: str | None = None) -> ReviewDTO:
    result, rows = _score(session, review, rubric, preloaded=preloaded)
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
    )


def _apply_score(session: Session, review: Review, rubric: Rubric) -> None:
    result, _ = _score(session, review, rubric)
    review.total, review.grade, review.veto = result.total, result.grade, result.veto
    review.updated_at = utcnow()


def _rubric_for(review: Review) -> Rubric:
    return load_rubric_known(review.rubric_id)


def open_review(store: Store, dossier_id: int, *, reviewer: UserDTO) -> ReviewDTO:
    """The reviewer's review of this dossier, created as a draft (automatic values pre-filled) if new."""
    for _attempt in range(2):
        try:
            with store.write() as session:
                existing = session.scalars(select(Review).where(
                    Review.dossier_id == dossier_id, Review.reviewer_id == reviewer.id)).first()
                if existing is not None:
                    return _dto(session, existing, _rubric_for(existing))
                dossier = get_dossier_row(session, dossier_id)
                get_user(session, reviewer)
                rubric = load_rubric_known(dossier.rubric_id)
                review = Review(dossier_id=dossier_id, reviewer_id=reviewer.id, rubric_id=dossier.rubric_id,
                                rubric_version=rubric.version, status="draft", total=0.0, grade="")
                session.add(review)
                session.flush()
                _apply_score(session, review, rubric)
                session.flush()
                record_event(session, user=reviewer.name, action="review.open", entity="review",
                             entity_id=review.id, after={"dossier": dossier_id, "rubric": dossier.rubric_id,
                                                         "rubric_version": rubric.version})
                return _dto(session, review, rubric)
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
    if review.status != "draft":
        label = STATUS_LABEL.get(review.status, review.status)
        raise KnownError(ErrorCode.USAGE, f"该评查已{label.removeprefix('已')}，不能再修改")


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
        rubric = _rubric_for(review)
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
        _apply_score(session, review, rubric)
        session.flush()
        record_event(session, user=user.name, action="item_score.save", entity="review", entity_id=review.id,
                     before=before, after={"item": item, "deducted": row.deducted, "pages": row.pages,
                                           "total": review.total}, reason=row.reason)
        return _dto(session, review, rubric)


def clear_item_score(store: Store, review_id: int, item: str, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """Drop the reviewer's decision on one item: the automatic value applies again."""
    with store.write() as session:
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        rubric = _rubric_for(review)
        _find_item(rubric, item)
        row = session.scalars(select(ItemScoreRow).where(
            ItemScoreRow.review_id == review_id, ItemScoreRow.item == item)).first()
        before = None if row is None else {"deducted": row.deducted, "reason": row.reason, "pages": row.pages}
        if row is not None:
            session.delete(row)
            session.flush()
        _apply_score(session, review, rubric)
        session.flush()
        record_event(session, user=user.name, action="item_score.clear", entity="review", entity_id=review.id,
                     before=before, after={"item": item, "total": review.total})
        return _dto(session, review, rubric)


def submit_review(store: Store, review_id: int, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """Lock the review as submitted; refused while any deduction has no reason from the reviewer."""
    with store.write() as session:
        review = _locked_review(session, review_id, expected_version, user=user)
        _require_draft(review)
        rubric = _rubric_for(review)
        dto = _dto(session, review, rubric)
        missing = [i for i in dto.items if i.deducted > 0 and not i.reason.strip()]
        if missing:
            names = "、".join(f"“{i.title}”" for i in missing[:5]) + ("等" if len(missing) > 5 else "")
            raise KnownError(ErrorCode.USAGE, f"以下 {len(missing)} 个扣分项还没有填写扣分理由：{names}")
        _apply_score(session, review, rubric)
        review.status, review.submitted_at = "submitted", utcnow()
        session.flush()
        record_event(session, user=user.name, action="review.submit", entity="review", entity_id=review.id,
                     before={"status": "draft"}, after={"status": "submitted", "total": review.total,
                                                        "grade": review.grade})
        return _dto(session, review, rubric)


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
        return _dto(session, review, _rubric_for(review))


def get_reviews(store: Store, review_ids: Sequence[int], *, chunk: int = 500) -> dict[int, ReviewDTO]:
    """Many reviews at once (the ledger sync of a whole campaign): four queries per chunk instead of four
    per review; the same DTOs as :func:`get_review`."""
    out: dict[int, ReviewDTO] = {}
    ids = list(dict.fromkeys(review_ids))
    with store.session() as session:
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
                out[review.id] = _dto(session, review, _rubric_for(review),
                                      preloaded=(overrides[review.id], findings.get(review.dossier_id, ())),
                                      reviewer_name=names.get(review.reviewer_id, ""))
    missing = [i for i in ids if i not in out]
    if missing:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {missing[0]} 不存在")
    return out


def list_reviews(store: Store, dossier_id: int, *, viewer: UserDTO | None = None) -> list[ReviewDTO]:
    """The dossier's reviews; for a reviewer as ``viewer``, only those blind review lets them see."""
    with store.session() as session:
        own = _own_status(session, dossier_id, viewer)
        rows = session.scalars(select(Review).where(Review.dossier_id == dossier_id).order_by(Review.id))
        return [_dto(session, r, _rubric_for(r)) for r in rows
                if visible(viewer, reviewer_id=r.reviewer_id, status=r.status, own_status=own)]
