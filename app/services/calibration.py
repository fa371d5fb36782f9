"""Calibration (issue 14.5): a supervisor marks finalised dossiers as the campaign's gold set; a new reviewer
is assigned them first and scores them blind (blind review keeps the final result hidden until their
own review is submitted); on submit they see, item by item, where they differ from the gold result and
the gold reasons. Drift: each reviewer's item agreement with the gold results and with the final results,
per ISO week or per N reviews in the order they were submitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import ReviewDTO, UserDTO
from app.services.review_read import reviews_in
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Assignment, Dossier, GoldDossier, Review, User, utcnow
from app.store.units import path_of, unit_paths
from app.vocab.states import ReviewState

SEED = "calibration"  # the Assignment.seed of a gold-set assignment


@dataclass(frozen=True, slots=True)
class GoldDTO:
    dossier_id: int
    file_name: str
    case_number: str
    unit: str
    review_id: int
    total: float
    grade: str


@dataclass(frozen=True, slots=True)
class ItemComparison:
    item: str
    title: str
    points: float
    veto_item: bool
    mine: float  # deduction (veto item: 1 applies / 0 not)
    gold: float
    my_reason: str
    gold_reason: str
    gold_pages: tuple[int, ...]

    @property
    def agrees(self) -> bool:
        return abs(self.mine - self.gold) < 1e-6


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    dossier_id: int
    file_name: str
    review_id: int
    reviewer: str
    total: float
    grade: str
    gold_total: float
    gold_grade: str
    items: tuple[ItemComparison, ...]

    @property
    def differences(self) -> tuple[ItemComparison, ...]:
        return tuple(i for i in self.items if not i.agrees)

    @property
    def agreement(self) -> float:
        """Share of items decided as in the gold result (0..1)."""
        return (len(self.items) - len(self.differences)) / len(self.items) if self.items else 1.0


@dataclass(frozen=True, slots=True)
class DriftPoint:
    """One reviewer's agreement in one period (an ISO week, or a run of N reviews in submit order)."""

    reviewer: str
    period: str
    reviews: int
    gold_items: int  # items compared with a gold result
    gold_agreed: int
    final_items: int  # items compared with the dossier's final result (another person's)
    final_agreed: int
    total_gap: float | None  # mean |my total − final total| over the reviews with a final result

    @property
    def gold_agreement(self) -> float | None:
        return self.gold_agreed / self.gold_items if self.gold_items else None

    @property
    def final_agreement(self) -> float | None:
        return self.final_agreed / self.final_items if self.final_items else None


# --- the gold set -----------------------------------------------------------------------------------------


def _gold_rows(session: Session, campaign_id: int) -> list[GoldDTO]:
    paths = unit_paths(session)
    rows = session.execute(select(GoldDossier.dossier_id, GoldDossier.review_id, Dossier.file_name, Dossier.case_number,
                                  Dossier.agency_id, Review.total, Review.grade)
                           .join(Dossier, Dossier.id == GoldDossier.dossier_id)
                           .join(Review, Review.id == GoldDossier.review_id)
                           .where(GoldDossier.campaign_id == campaign_id).order_by(GoldDossier.dossier_id))
    return [GoldDTO(int(d), str(f), str(c or ""), path_of(paths, a), int(r), float(t), str(g))
            for d, r, f, c, a, t, g in rows]


def list_gold(store: Store, campaign_id: int) -> list[GoldDTO]:
    with store.session() as session:
        return _gold_rows(session, campaign_id)


def mark_gold(store: Store, campaign_id: int, dossier_ids: Sequence[int], *, user: UserDTO,
              remove: bool = False) -> list[GoldDTO]:
    """Mark finalised dossiers of the campaign as its gold set (or take them out); returns the gold set."""
    require_role(user, "supervisor", "admin", action="设置校准金标准案卷")
    with store.write() as session:
        for dossier_id in dict.fromkeys(dossier_ids):
            d = session.get(Dossier, dossier_id)
            if d is None or d.campaign_id != campaign_id:
                raise KnownError(ErrorCode.NOT_FOUND, f"本评查活动中没有案卷 {dossier_id}")
            existing = session.scalars(select(GoldDossier).where(GoldDossier.dossier_id == dossier_id)).first()
            if remove:
                if existing is not None:
                    session.delete(existing)
                    record_event(session, user=user.name, action="gold.remove", entity="dossier", entity_id=dossier_id)
                continue
            if existing is not None:
                continue
            final = session.scalar(select(Review.id).where(Review.dossier_id == dossier_id,
                                                           Review.status == ReviewState.FINAL))
            if final is None:
                raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id}（{d.file_name}）还没有定稿，不能作为金标准")
            session.add(GoldDossier(campaign_id=campaign_id, dossier_id=dossier_id, review_id=int(final),
                                    marked_by=user.id, marked_at=utcnow()))
            session.flush()
            record_event(session, user=user.name, action="gold.mark", entity="dossier", entity_id=dossier_id,
                         after={"review": int(final)})
        return _gold_rows(session, campaign_id)


def assign_gold(store: Store, campaign_id: int, reviewer: UserDTO, *, user: UserDTO) -> list[int]:
    """Give the reviewer every gold dossier they have not reviewed yet (blind assignments, marked
    ``calibration``): their calibration work. Returns the dossier ids assigned now."""
    require_role(user, "supervisor", "admin", action="分配校准案卷")
    with store.write() as session:
        gold = [g.dossier_id for g in _gold_rows(session, campaign_id)]
        if not gold:
            raise KnownError(ErrorCode.USAGE, "本评查活动还没有金标准案卷：请先用 calibrate mark 标记")
        taken = set(session.scalars(select(Assignment.dossier_id).where(Assignment.reviewer_id == reviewer.id)))
        taken |= set(session.scalars(select(Review.dossier_id).where(Review.reviewer_id == reviewer.id)))
        new = [d for d in gold if d not in taken]
        for dossier_id in new:
            session.add(Assignment(campaign_id=campaign_id, dossier_id=dossier_id, reviewer_id=reviewer.id, slot=1,
                                   blind=True, seed=SEED, created_by=user.id))
        session.flush()
        if new:
            record_event(session, user=user.name, action="gold.assign", entity="app_user", entity_id=reviewer.id,
                         after={"campaign": campaign_id, "dossiers": new})
        return new


def calibration_queue(store: Store, campaign_id: int, reviewer: UserDTO) -> list[int]:
    """The gold dossiers assigned to the reviewer that they have not submitted yet: what they do first."""
    with store.session() as session:
        assigned = session.scalars(select(Assignment.dossier_id).where(
            Assignment.campaign_id == campaign_id, Assignment.reviewer_id == reviewer.id, Assignment.seed == SEED)
            .order_by(Assignment.dossier_id)).all()
        done = set(session.scalars(select(Review.dossier_id).where(
            Review.reviewer_id == reviewer.id, Review.status.in_((ReviewState.SUBMITTED, ReviewState.FINAL)))))
        return [int(d) for d in assigned if d not in done]


# --- comparing with the gold result -----------------------------------------------------------------------


def _compare(mine: ReviewDTO, gold: ReviewDTO, file_name: str) -> CalibrationResult:
    by_gold = {i.item: i for i in gold.items}
    items = tuple(ItemComparison(i.item, i.title, i.points, i.veto_item, i.decided, g.decided, i.reason, g.reason,
                                 g.pages)
                  for i in mine.items if (g := by_gold.get(i.item)) is not None)
    return CalibrationResult(mine.dossier_id, file_name, mine.id, mine.reviewer, mine.total, mine.grade, gold.total,
                             gold.grade, items)


def compare_with_gold(store: Store, review_id: int, *, viewer: UserDTO) -> CalibrationResult:
    """A submitted review of a gold dossier against the gold result, item by item with the gold reasons.
    Blind until submitted: a draft gets a refusal, and a reviewer sees only their own comparison."""
    with store.session() as session:
        review = session.get(Review, review_id)
        if review is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查记录 {review_id} 不存在")
        if viewer.role == "reviewer" and review.reviewer_id != viewer.id:
            raise KnownError(ErrorCode.FORBIDDEN, f"评查记录 {review_id} 属于其他评查人员")
        if review.status == ReviewState.DRAFT:
            raise KnownError(ErrorCode.USAGE, "校准案卷须先提交评查，提交后才能看到与金标准的对照")
        gold = session.scalars(select(GoldDossier).where(GoldDossier.dossier_id == review.dossier_id)).first()
        if gold is None:
            raise KnownError(ErrorCode.USAGE, f"案卷 {review.dossier_id} 不是金标准案卷")
        if gold.review_id == review.id:
            raise KnownError(ErrorCode.USAGE, "这就是金标准结果本身")
        dtos = reviews_in(session, [review.id, gold.review_id])
        d = session.get(Dossier, review.dossier_id)
        return _compare(dtos[review.id], dtos[gold.review_id], d.file_name if d else "")


def comparison_after_submit(store: Store, review_id: int, *, viewer: UserDTO) -> CalibrationResult | None:
    """What the window shows right after a submit: the comparison if the file is a gold dossier, else None."""
    with store.session() as session:
        dossier_id = session.scalar(select(Review.dossier_id).where(Review.id == review_id))
        gold = session.scalar(select(GoldDossier.review_id).where(GoldDossier.dossier_id == dossier_id))
    if gold is None or gold == review_id:
        return None
    return compare_with_gold(store, review_id, viewer=viewer)


def calibration_results(store: Store, campaign_id: int, *, reviewer: str | None = None) -> list[CalibrationResult]:
    """Every submitted review of a gold dossier (other than the gold result itself) against the gold result."""
    with store.session() as session:
        gold = {g.dossier_id: g for g in _gold_rows(session, campaign_id)}
        stmt = (select(Review.id, Review.dossier_id).join(User, User.id == Review.reviewer_id)
                .where(Review.dossier_id.in_(list(gold)), Review.status == ReviewState.SUBMITTED)
                .order_by(Review.submitted_at, Review.id))
        if reviewer:
            stmt = stmt.where(User.name == reviewer)
        pairs = [(int(r), int(d)) for r, d in session.execute(stmt) if int(r) != gold[int(d)].review_id]
        dtos = reviews_in(session, [r for r, _ in pairs] + [gold[d].review_id for _, d in pairs])
        return [_compare(dtos[r], dtos[gold[d].review_id], gold[d].file_name) for r, d in pairs]


# --- drift ----------------------------------------------------------------------------------------------


def _period(at: dt.datetime | None, n: int, per: int | None) -> str:
    if per:
        start = n // per * per + 1
        return f"第{start}–{start + per - 1}件"
    if at is None:
        return "（未记录提交时间）"
    year, week, _ = at.isocalendar()
    return f"{year}年第{week:02d}周"


def _agreed(mine: ReviewDTO, ref: ReviewDTO) -> tuple[int, int]:
    by_ref = {i.item: i.decided for i in ref.items}
    pairs = [(i.decided, by_ref[i.item]) for i in mine.items if i.item in by_ref]
    return len(pairs), sum(abs(a - b) < 1e-6 for a, b in pairs)


def drift(store: Store, campaign_id: int, *, per: int | None = None, reviewer: str | None = None) -> list[DriftPoint]:
    """Each reviewer's agreement with the gold results and with the final results, per ISO week of submission
    (``per`` None) or per ``per`` reviews in submit order. A review that is itself the final result is not
    compared with itself."""
    with store.session() as session:
        gold = {g.dossier_id: g.review_id for g in _gold_rows(session, campaign_id)}
        finals = {int(d): int(r) for r, d in session.execute(
            select(Review.id, Review.dossier_id).join(Dossier, Dossier.id == Review.dossier_id)
            .where(Dossier.campaign_id == campaign_id, Review.status == ReviewState.FINAL))}
        stmt = (select(Review.id, Review.dossier_id, Review.submitted_at, User.name)
                .join(User, User.id == Review.reviewer_id).join(Dossier, Dossier.id == Review.dossier_id)
                .where(Dossier.campaign_id == campaign_id, Review.status == ReviewState.SUBMITTED)
                .order_by(User.name, Review.submitted_at, Review.id))
        if reviewer:
            stmt = stmt.where(User.name == reviewer)
        rows = [(int(r), int(d), at, str(n)) for r, d, at, n in session.execute(stmt)]
        dtos = reviews_in(session, [r for r, *_ in rows] + list(finals.values()))
    buckets: dict[tuple[str, str], _Bucket] = {}
    counts: dict[str, int] = {}
    for review_id, dossier_id, at, name in rows:
        n = counts.get(name, 0)
        counts[name] = n + 1
        bucket = buckets.setdefault((name, _period(at, n, per)), _Bucket())
        bucket.reviews += 1
        mine = dtos[review_id]
        if dossier_id in gold and gold[dossier_id] != review_id:
            bucket.gold.append(_agreed(mine, dtos[gold[dossier_id]]))
        final = finals.get(dossier_id)
        if final is not None and final != review_id:
            bucket.final.append(_agreed(mine, dtos[final]))
            bucket.gaps.append(abs(mine.total - dtos[final].total))
    return [DriftPoint(name, period, b.reviews, sum(i for i, _ in b.gold), sum(a for _, a in b.gold),
                       sum(i for i, _ in b.final), sum(a for _, a in b.final),
                       round(sum(b.gaps) / len(b.gaps), 2) if b.gaps else None)
            for (name, period), b in buckets.items()]


@dataclass(slots=True)
class _Bucket:
    reviews: int = 0
    gold: list[tuple[int, int]] = field(default_factory=list)  # (items compared, items agreed) per review
    final: list[tuple[int, int]] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)


__all__ = ["CalibrationResult", "DriftPoint", "GoldDTO", "ItemComparison", "assign_gold", "calibration_queue",
           "calibration_results", "compare_with_gold", "comparison_after_submit", "drift", "list_gold", "mark_gold"]
