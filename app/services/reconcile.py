"""Double review: show where two reviewers differ, let a supervisor settle each item and finalise
(已定稿); agreement and strictness figures for the campaign.

The settled result is a review by the supervisor (status ``final``); both original reviews stay as
they were, and the audit log records the two originals and the settled values in one event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from app.errors import ErrorCode, KnownError
from app.reports.agreement import (
    ItemAgreement,
    ReviewerAgreement,
    ReviewScores,
    Strictness,
    item_agreement,
    pair_reviews,
    reviewer_agreement,
    strictness,
)
from app.services.dto import ReviewDTO, ReviewItemDTO, UserDTO
from app.services.ledger import sync_ledger
from app.services.reviews import get_review, list_reviews, open_review, save_item_score, submit_review
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Dossier, Review, User


@dataclass(frozen=True, slots=True)
class ItemDiff:
    item: str
    title: str
    points: float
    first: ReviewItemDTO
    second: ReviewItemDTO


@dataclass(frozen=True, slots=True)
class Reconciliation:
    dossier_id: int
    first: ReviewDTO
    second: ReviewDTO
    differences: tuple[ItemDiff, ...]

    @property
    def total_difference(self) -> float:
        return round(self.first.total - self.second.total, 2)


@dataclass(frozen=True, slots=True)
class Settlement:
    deducted: float
    reason: str
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementReport:
    pairs: int
    items: tuple[ItemAgreement, ...]
    reviewers: tuple[ReviewerAgreement, ...]
    strictness: tuple[Strictness, ...]


def _same(a: ReviewItemDTO, b: ReviewItemDTO) -> bool:
    return abs(a.deducted - b.deducted) < 1e-6


def _originals(store: Store, dossier_id: int) -> list[ReviewDTO]:
    return [r for r in list_reviews(store, dossier_id) if r.status == "submitted"]


def differences(store: Store, dossier_id: int) -> Reconciliation:
    """The two submitted reviews of a dossier and every item on which their deductions differ."""
    done = [r for r in list_reviews(store, dossier_id) if r.status == "final"]
    if done:
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 的评查结果已定稿（{done[0].reviewer}），无需再合议")
    subs = _originals(store, dossier_id)
    if len(subs) < 2:
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 只有 {len(subs)} 份已提交的评查，需两份才能比对")
    a, b = subs[0], subs[1]
    by_b = {i.item: i for i in b.items}
    diffs = tuple(ItemDiff(i.item, i.title, i.points, i, by_b[i.item])
                  for i in a.items if i.item in by_b and not _same(i, by_b[i.item]))
    return Reconciliation(dossier_id, a, b, diffs)


def pending(store: Store, campaign_id: int) -> list[int]:
    """Dossiers with two or more submitted reviews and no final result yet."""
    with store.session() as session:
        final = select(Review.dossier_id).where(Review.status == "final")
        stmt = (select(Review.dossier_id).join(Dossier, Dossier.id == Review.dossier_id)
                .where(Dossier.campaign_id == campaign_id, Review.status == "submitted", Review.dossier_id.not_in(final))
                .group_by(Review.dossier_id).having(func.count() >= 2).order_by(Review.dossier_id))
        return [int(d) for d in session.scalars(stmt)]


def _settled_values(rec: Reconciliation, settled: Mapping[str, Settlement]) -> dict[str, Settlement]:
    missing = [d.title for d in rec.differences if d.item not in settled]
    if missing:
        raise KnownError(ErrorCode.USAGE, f"还有 {len(missing)} 个分歧项未裁定：{'、'.join(missing[:5])}")
    out: dict[str, Settlement] = {}
    for item in rec.first.items:
        if item.item in settled:
            out[item.item] = settled[item.item]
        else:
            reason = item.reason or next((i.reason for i in rec.second.items if i.item == item.item), "")
            out[item.item] = Settlement(item.deducted, reason, item.pages)
    return out


def _check_settlement(values: Mapping[str, Settlement], points: Mapping[str, float]) -> None:
    for item, s in values.items():
        if not 0 <= s.deducted <= points.get(item, 0.0) + 1e-9:
            raise KnownError(ErrorCode.USAGE, f"评查项 {item} 的裁定扣分超出 0 到 {points.get(item, 0.0):g} 分")
        if s.deducted > 0 and not s.reason.strip():
            raise KnownError(ErrorCode.USAGE, f"评查项 {item} 的裁定扣分须写明理由")


def finalise(store: Store, dossier_id: int, *, settled: Mapping[str, Settlement], user: UserDTO) -> ReviewDTO:
    """Settle every differing item and record the result as the final (已定稿) review of the dossier."""
    require_role(user, "supervisor", "admin", action="合议定稿")
    rec = differences(store, dossier_id)
    if user.name in (rec.first.reviewer, rec.second.reviewer):
        raise KnownError(ErrorCode.USAGE, "合议定稿人不能是本案卷的评查人（回避）")
    values = _settled_values(rec, settled)
    _check_settlement(values, {i.item: i.points for i in rec.first.items})
    draft = open_review(store, dossier_id, reviewer=user)
    if draft.status != "draft":
        raise KnownError(ErrorCode.USAGE, f"{user.name} 对案卷 {dossier_id} 的评查已提交，不能作为合议结果")
    for item in draft.items:
        s = values[item.item]
        if abs(item.deducted - s.deducted) > 1e-6 or s.deducted > 0 or item.overridden:
            draft = save_item_score(store, draft.id, item.item, deducted=s.deducted, reason=s.reason or "合议确认",
                                    pages=s.pages, user=user, expected_version=draft.version)
    result = submit_review(store, draft.id, user=user, expected_version=draft.version)
    with store.write() as session:
        row = session.get(Review, result.id, with_for_update=True)
        assert row is not None
        row.status = "final"
        record_event(
            session, user=user.name, action="review.finalise", entity="review", entity_id=result.id,
            before={"reviews": [_snapshot(rec.first), _snapshot(rec.second)]},
            after={"dossier": dossier_id, "settled": {k: {"deducted": v.deducted, "reason": v.reason}
                                                     for k, v in settled.items()},
                   "total": result.total, "grade": result.grade, "status": "final"},
        )
        campaign_id = int(session.execute(select(Dossier.campaign_id).where(Dossier.id == dossier_id)).scalar_one())
    sync_ledger(store, campaign_id, user=user, dossier_ids=[dossier_id])
    return get_review(store, result.id)


def finalise_single(store: Store, review_id: int, *, user: UserDTO) -> ReviewDTO:
    """A single submitted review becomes the final result (已定稿)."""
    require_role(user, "supervisor", "admin", action="定稿")
    with store.write() as session:
        row = session.get(Review, review_id, with_for_update=True)
        if row is None or row.status != "submitted":
            raise KnownError(ErrorCode.USAGE, f"评查记录 {review_id} 不是已提交状态，不能定稿")
        row.status = "final"
        record_event(session, user=user.name, action="review.finalise", entity="review", entity_id=review_id,
                     before={"status": "submitted"}, after={"status": "final", "total": row.total, "grade": row.grade})
        campaign_id = int(session.execute(select(Dossier.campaign_id).where(Dossier.id == row.dossier_id)).scalar_one())
        dossier_id = row.dossier_id
    sync_ledger(store, campaign_id, user=user, dossier_ids=[dossier_id])
    return get_review(store, review_id)


def _snapshot(r: ReviewDTO) -> dict[str, object]:
    return {"review": r.id, "reviewer": r.reviewer, "total": r.total, "grade": r.grade,
            "items": {i.item: {"deducted": i.deducted, "reason": i.reason} for i in r.items if i.deducted}}


def _scores(r: ReviewDTO) -> ReviewScores:
    return ReviewScores(r.id, r.dossier_id, r.reviewer, r.total, {i.item: i.deducted for i in r.items}, r.max)


def agreement(store: Store, campaign_id: int, *, items: Sequence[str] = ()) -> AgreementReport:
    """Agreement on double-reviewed files and every reviewer's strictness (supervisors' final rows excluded)."""
    with store.session() as session:
        rows = session.execute(
            select(Review.id, Review.dossier_id, User.name, Review.total)
            .join(User, User.id == Review.reviewer_id).join(Dossier, Dossier.id == Review.dossier_id)
            .where(Dossier.campaign_id == campaign_id, Review.status == "submitted")
        ).all()
    light = [ReviewScores(int(i), int(d), str(n), float(t), {}) for i, d, n, t in rows]
    doubles = {a.dossier_id for a, _ in pair_reviews(light)}
    full = [_scores(get_review(store, r.review_id)) for r in light if r.dossier_id in doubles]
    pairs = pair_reviews(full)
    ids = list(items) or (sorted({i for r in full for i in r.deductions}) if full else [])
    return AgreementReport(len(pairs), tuple(item_agreement(pairs, ids)), tuple(reviewer_agreement(pairs, ids)),
                           tuple(strictness(light)))
