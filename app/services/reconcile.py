"""合议定稿: which files wait for a settlement, where two reviewers differ (deductions and 否决项 alike),
settling each item and finalising (已定稿); agreement and strictness figures for the campaign.

Finalising is one transaction: the dossier is locked, the reviews checked against those the supervisor
compared, the settled result written as the supervisor's final review (both originals stay as they
were), the audit event and the ledger rows written — or nothing is. At most one final review exists per
dossier (a unique index); whoever comes second is told who finalised it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ConflictError, ErrorCode, KnownError
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
from app.services.campaigns import load_rubric_known
from app.services.dto import Changes, ReviewDTO, ReviewItemDTO, UserDTO
from app.services.ledger import LedgerSync, lock_dossiers, sync_in
from app.services.review_read import dossier_reviews, get_review, review_dto, reviews_in, rubric_for
from app.services.reviews import apply_score
from app.services.units import path_of, unit_paths
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Assignment, Dossier, ItemScoreRow, Review, User, utcnow
from app.vocab.states import ReviewState

AGREED = "合议确认"


class Unsettled(KnownError):
    """Differing items left open: ``items`` names them (the caller says how to settle them)."""

    def __init__(self, dossier_id: int, items: Sequence[str]) -> None:
        self.items = tuple(items)
        super().__init__(ErrorCode.USAGE, f"案卷 {dossier_id} 还有 {len(items)} 个分歧项未裁定：{'、'.join(items)}；"
                                          "请逐项裁定，或采用一方（A 或 B）的意见")


class Side(StrEnum):
    A = "a"
    B = "b"


@dataclass(frozen=True, slots=True)
class ItemDiff:
    item: str
    title: str
    points: float
    first: ReviewItemDTO
    second: ReviewItemDTO

    @property
    def veto_item(self) -> bool:
        return self.first.veto_item


@dataclass(frozen=True, slots=True)
class Reconciliation:
    dossier_id: int
    first: ReviewDTO
    second: ReviewDTO
    differences: tuple[ItemDiff, ...]

    @property
    def total_difference(self) -> float:
        return round(self.first.total - self.second.total, 2)

    @property
    def compared(self) -> tuple[tuple[int, int], ...]:
        """(review id, version) of the two reviews compared: pass it back to :func:`finalise`."""
        return ((self.first.id, self.first.version), (self.second.id, self.second.version))


@dataclass(frozen=True, slots=True)
class Settlement:
    """The settled value of one item: the deduction, or for a veto item 1 (applies) / 0 (does not)."""

    deducted: float
    reason: str
    pages: tuple[int, ...] = ()


class WaitKind(StrEnum):
    DOUBLE = "double"  # two submitted reviews: settle the differences, then finalise
    SINGLE = "single"  # one submitted review and nobody else on the file: confirm it
    WAITING = "waiting"  # one submitted review, another reviewer still to submit


@dataclass(frozen=True, slots=True)
class Waiting:
    """A file not yet final that has at least one submitted review."""

    dossier_id: int
    file_name: str
    unit: str
    kind: WaitKind
    rec: Reconciliation | None = None  # DOUBLE
    submitted: ReviewDTO | None = None  # SINGLE / WAITING: the one submitted review
    waiting_for: tuple[str, ...] = ()  # WAITING: who has not submitted yet

    @property
    def reviewers(self) -> tuple[str, ...]:
        if self.rec is not None:
            return (self.rec.first.reviewer, self.rec.second.reviewer)
        return (self.submitted.reviewer,) if self.submitted is not None else ()

    @property
    def differing(self) -> int:
        return len(self.rec.differences) if self.rec is not None else 0

    @property
    def total_difference(self) -> float:
        return self.rec.total_difference if self.rec is not None else 0.0

    @property
    def compared(self) -> tuple[tuple[int, int], ...]:
        if self.rec is not None:
            return self.rec.compared
        return ((self.submitted.id, self.submitted.version),) if self.submitted is not None else ()


@dataclass(frozen=True, slots=True)
class Finalised:
    review: ReviewDTO
    ledger: LedgerSync
    changes: Changes


@dataclass(frozen=True, slots=True)
class AgreementReport:
    pairs: int
    items: tuple[ItemAgreement, ...]
    reviewers: tuple[ReviewerAgreement, ...]
    strictness: tuple[Strictness, ...]


# --- comparing -------------------------------------------------------------------------------------


def _same(a: ReviewItemDTO, b: ReviewItemDTO) -> bool:
    """Two decisions agree when the deduction — or, for a veto item, whether it applies — is the same."""
    return abs(a.decided - b.decided) < 1e-6


def _compare(a: ReviewDTO, b: ReviewDTO) -> Reconciliation:
    by_b = {i.item: i for i in b.items}
    diffs = tuple(ItemDiff(i.item, i.title, i.points, i, by_b[i.item])
                  for i in a.items if i.item in by_b and not _same(i, by_b[i.item]))
    return Reconciliation(a.dossier_id, a, b, diffs)


def _final_of(reviews: Sequence[ReviewDTO]) -> ReviewDTO | None:
    return next((r for r in reviews if r.status == ReviewState.FINAL), None)


def _submitted(reviews: Sequence[ReviewDTO]) -> list[ReviewDTO]:
    return [r for r in reviews if r.status == ReviewState.SUBMITTED]


def _finalised_by(dossier_id: int, final: ReviewDTO) -> str:
    return f"案卷 {dossier_id} 已由 {final.reviewer} 定稿（{final.total:g} 分，{final.grade}）"


def _already_final(dossier_id: int, final: ReviewDTO) -> KnownError:
    """What the second of two supervisors finalising the same file is told."""
    return ConflictError(f"{_finalised_by(dossier_id, final)}，您的裁定未保存；请刷新待定稿列表")


def _reconciliation(dossier_id: int, reviews: Sequence[ReviewDTO]) -> Reconciliation:
    final = _final_of(reviews)
    if final is not None:
        raise KnownError(ErrorCode.USAGE, f"{_finalised_by(dossier_id, final)}，无需再合议")
    subs = _submitted(reviews)
    if len(subs) < 2:
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 只有 {len(subs)} 份已提交的评查，需两份才能比对")
    return _compare(subs[0], subs[1])


def compare(store: Store, dossier_id: int) -> Reconciliation:
    """The two submitted reviews of a dossier and every item on which their decisions differ."""
    with store.session() as session:
        return _reconciliation(dossier_id, dossier_reviews(session, dossier_id))


def _pick(rec: Reconciliation, key: str) -> str:
    for item in rec.first.items:
        if key in (item.item, item.title):
            return item.item
    raise KnownError(ErrorCode.USAGE, f"评查项“{key}”不在本案卷的评查标准中")


def _named(rec: Reconciliation, item: str, *, deducted: float, reason: str | None) -> Settlement:
    """A settlement named by value; without a reason, the reason of the reviewer whose decision it repeats."""
    a, b = rec.first.item(item), rec.second.item(item)
    same = [s for s in (a, b) if abs(s.decided - deducted) < 1e-6]
    pages = same[0].pages if same else tuple(sorted(set(a.pages) | set(b.pages)))
    if reason is None:
        reason = same[0].reason if same and deducted > 0 else ""
    return Settlement(deducted, reason, pages if deducted > 0 else ())


def taken(side: ReviewItemDTO) -> Settlement:
    """Settle an item as one reviewer decided it: value, reason and pages."""
    return Settlement(side.decided, side.reason, side.pages if side.decided > 0 else ())


def settle(rec: Reconciliation, named: Mapping[str, tuple[float, str | None]], *,
           take: Side | None = None) -> dict[str, Settlement]:
    """Items settled by value ({item id or title: (value, reason or None)}); the other differing items as
    reviewer ``take`` decided them; a USAGE error names the items still open."""
    settled = {item: _named(rec, item, deducted=ded, reason=reason)
               for item, (ded, reason) in ((_pick(rec, k), v) for k, v in named.items())}
    open_items = [d for d in rec.differences if d.item not in settled]
    if open_items and take is None:
        raise Unsettled(rec.dossier_id, [d.item for d in open_items])
    for d in open_items:
        settled[d.item] = taken(d.first if take == Side.A else d.second)
    return settled


# --- the waiting list --------------------------------------------------------------------------------


def waiting_list(store: Store, campaign_id: int, *, user: UserDTO | None = None,
                 only: Sequence[int] | None = None) -> list[Waiting]:
    """Every file of the campaign with a submitted review and no final one, in one place for the window and
    the command line. Two or more submitted reviews: DOUBLE. One: WAITING while anyone else is assigned to
    the file or drafting a review of it (not counting ``user``, a supervisor who only looked), else SINGLE."""
    with store.session() as session:
        return _waiting(session, campaign_id, me=user.name if user else None, only=only)


def _waiting(session: Session, campaign_id: int, *, me: str | None, only: Sequence[int] | None) -> list[Waiting]:
    stmt = (select(Review.id, Review.dossier_id, Review.status, User.name).join(User, User.id == Review.reviewer_id)
            .join(Dossier, Dossier.id == Review.dossier_id).where(Dossier.campaign_id == campaign_id)
            .order_by(Review.id))
    if only is not None:
        stmt = stmt.where(Review.dossier_id.in_(list(only)))
    rows = session.execute(stmt).all()
    by_dossier: dict[int, list[tuple[int, str, str]]] = {}
    for review_id, dossier_id, status, name in rows:
        by_dossier.setdefault(int(dossier_id), []).append((int(review_id), str(status), str(name)))
    open_files = {d: rs for d, rs in by_dossier.items()
                  if not any(s == ReviewState.FINAL for _, s, _ in rs)
                  and any(s == ReviewState.SUBMITTED for _, s, _ in rs)}
    assigned: dict[int, list[str]] = {}
    for dossier_id, name in session.execute(
        select(Assignment.dossier_id, User.name)
        .join(User, User.id == Assignment.reviewer_id)
        .where(Assignment.dossier_id.in_(list(open_files)))
        .order_by(Assignment.slot)
    ):
        assigned.setdefault(int(dossier_id), []).append(str(name))
    dtos = reviews_in(session, [i for rs in open_files.values() for i, s, _ in rs if s == ReviewState.SUBMITTED])
    files = {
        int(i): (str(f), a)
        for i, f, a in session.execute(
            select(Dossier.id, Dossier.file_name, Dossier.agency_id).where(Dossier.id.in_(list(open_files)))
        )
    }
    paths = unit_paths(session)
    out = []
    for dossier_id in sorted(open_files):
        subs = [dtos[i] for i, s, _ in open_files[dossier_id] if s == ReviewState.SUBMITTED]
        file_name, agency_id = files[dossier_id]
        base = (dossier_id, file_name, path_of(paths, agency_id))
        if len(subs) >= 2:
            out.append(Waiting(*base, WaitKind.DOUBLE, rec=_compare(subs[0], subs[1])))
            continue
        mine = subs[0].reviewer
        drafting = [n for _, s, n in open_files[dossier_id] if s == ReviewState.DRAFT]
        others = tuple(
            n
            for n in dict.fromkeys([*assigned.get(dossier_id, []), *drafting])
            if n != mine and (n != me or n in assigned.get(dossier_id, []))
        )
        kind = WaitKind.WAITING if others else WaitKind.SINGLE
        out.append(Waiting(*base, kind, submitted=subs[0], waiting_for=others))
    return out


# --- finalising ---------------------------------------------------------------------------------------


def _check_settlement(rec: Reconciliation, values: Mapping[str, Settlement]) -> None:
    for item in rec.first.items:
        s = values[item.item]
        top = 1.0 if item.veto_item else item.points
        if not 0 <= s.deducted <= top + 1e-9 or (item.veto_item and s.deducted not in (0.0, 1.0)):
            allowed = "1（否决）或 0（不否决）" if item.veto_item else f"0 到 {top:g} 分"
            raise KnownError(ErrorCode.USAGE, f"评查项 {item.item} 的裁定只能为 {allowed}")
        if s.deducted > 0 and not s.reason.strip():
            raise KnownError(ErrorCode.USAGE, f"评查项 {item.item} 的裁定扣分（否决）须写明理由")


def _values(rec: Reconciliation, settled: Mapping[str, Settlement]) -> dict[str, Settlement]:
    """Every item's settled value: the differing ones as settled, the agreed ones as both decided."""
    missing = [d.title for d in rec.differences if d.item not in settled]
    if missing:
        raise KnownError(ErrorCode.USAGE, f"还有 {len(missing)} 个分歧项未裁定：{'、'.join(missing[:5])}")
    out: dict[str, Settlement] = {}
    for a in rec.first.items:
        if a.item in settled:
            out[a.item] = settled[a.item]
        else:
            b = rec.second.item(a.item)
            out[a.item] = Settlement(a.decided, a.reason or b.reason, a.pages or b.pages)
    _check_settlement(rec, out)
    return out


def _final_row(session: Session, dossier: Dossier, user: UserDTO) -> Review:
    """The supervisor's review row of the dossier, made fresh (a draft they opened to look is reused)."""
    row = session.scalars(select(Review).where(Review.dossier_id == dossier.id, Review.reviewer_id == user.id)).first()
    if row is None:
        rubric = load_rubric_known(dossier.rubric_id)
        row = Review(
            dossier_id=dossier.id,
            reviewer_id=user.id,
            rubric_id=dossier.rubric_id,
            rubric_version=rubric.version,
            status=ReviewState.DRAFT,
            total=0.0,
            grade="",
        )
        session.add(row)
        session.flush()
    elif row.status != ReviewState.DRAFT:
        raise KnownError(ErrorCode.USAGE, f"{user.name} 对案卷 {dossier.id} 的评查已提交，不能作为合议结果")
    session.execute(delete(ItemScoreRow).where(ItemScoreRow.review_id == row.id))
    return row


def _write_items(
    session: Session, row: Review, auto: ReviewDTO, values: Mapping[str, Settlement], user: UserDTO
) -> None:
    """One item row for each settled value that is not simply the automatic one (as a reviewer's would be)."""
    now = utcnow()
    for item in auto.items:
        s = values[item.item]
        if s.deducted > 0 or abs(s.deducted - item.decided) > 1e-6:
            session.add(
                ItemScoreRow(
                    review_id=row.id,
                    item=item.item,
                    deducted=s.deducted,
                    reason=s.reason.strip() or AGREED,
                    pages=sorted(set(s.pages)),
                    updated_at=now,
                    updated_by=user.id,
                )
            )
    session.flush()


def _check_expected(dossier_id: int, reviews: Sequence[ReviewDTO], expected: Sequence[tuple[int, int]] | None) -> None:
    if expected is None:
        return
    now = {(r.id, r.version) for r in _submitted(reviews)}
    if not set(expected) <= now or len(now) != len(set(expected)):
        raise ConflictError(f"案卷 {dossier_id} 的评查在此期间被修改或重新提交，您的裁定未保存；请重新载入后再合议")


def finalise(
    store: Store,
    dossier_id: int,
    *,
    settled: Mapping[str, Settlement],
    user: UserDTO,
    expected: Sequence[tuple[int, int]] | None = None,
) -> Finalised:
    """Record the result of a file as final (已定稿), atomically and once.

    Two submitted reviews: every differing item must be settled; the result is the supervisor's final
    review. One submitted review and nobody else on the file: that review becomes final (``settled``
    must be empty). ``expected``: (review id, version) of the reviews the supervisor looked at; if they
    are not what is there now, nothing is saved (ConflictError). A file already final is a
    ConflictError naming who finalised it."""
    require_role(user, "supervisor", "admin", action="合议定稿")
    try:
        with store.write() as session:
            result, ledger, campaign_id = _finalise_in(
                session, dossier_id, settled=settled, user=user, expected=expected
            )
    except IntegrityError as exc:  # the unique index: another supervisor's final got in first
        with store.session() as session:
            final = _final_of(dossier_reviews(session, dossier_id))
        if final is None:
            raise
        raise _already_final(dossier_id, final) from exc
    changes = Changes(dossiers=frozenset({dossier_id}), reviews=frozenset({result.id}), ledger=frozenset({campaign_id}))
    return Finalised(result, ledger, changes)


def _finalise_in(
    session: Session,
    dossier_id: int,
    *,
    settled: Mapping[str, Settlement],
    user: UserDTO,
    expected: Sequence[tuple[int, int]] | None,
) -> tuple[ReviewDTO, LedgerSync, int]:
    lock_dossiers(session, [dossier_id])
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"案卷 {dossier_id} 不存在")
    reviews = dossier_reviews(session, dossier_id)
    final = _final_of(reviews)
    if final is not None:
        raise _already_final(dossier_id, final)
    if not _submitted(reviews):
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 还没有已提交的评查，不能定稿")
    _check_expected(dossier_id, reviews, expected)
    subs = _submitted(reviews)
    if len(subs) == 1:
        row, before, after = _confirm_single(session, subs[0], settled=settled)
    else:
        row, before, after = _settle_double(
            session, dossier, _reconciliation(dossier_id, reviews), settled=settled, user=user
        )
    row.status, row.submitted_at = ReviewState.FINAL, utcnow()
    session.flush()
    record_event(
        session, user=user.name, action="review.finalise", entity="review", entity_id=row.id, before=before, after=after
    )
    ledger = sync_in(session, dossier.campaign_id, [dossier_id], user=user)
    return review_dto(session, row), ledger, dossier.campaign_id


Event = dict[str, object]


def _confirm_single(
    session: Session, sub: ReviewDTO, *, settled: Mapping[str, Settlement]
) -> tuple[Review, Event, Event]:
    if settled:
        raise KnownError(ErrorCode.USAGE, f"案卷 {sub.dossier_id} 只有一人评查，无需裁定；直接定稿即可")
    row = session.get(Review, sub.id)
    assert row is not None
    return (
        row,
        {"status": ReviewState.SUBMITTED.value},
        {"status": ReviewState.FINAL.value, "total": row.total, "grade": row.grade},
    )


def _settle_double(
    session: Session, dossier: Dossier, rec: Reconciliation, *, settled: Mapping[str, Settlement], user: UserDTO
) -> tuple[Review, Event, Event]:
    if user.name in (rec.first.reviewer, rec.second.reviewer):
        raise KnownError(ErrorCode.USAGE, "合议定稿人不能是本案卷的评查人（回避）")
    values = _values(rec, settled)
    row = _final_row(session, dossier, user)
    _write_items(session, row, review_dto(session, row), values, user)
    apply_score(session, row, rubric_for(row), reviewed=True)
    after = {
        "dossier": dossier.id,
        "settled": {k: {"deducted": v.deducted, "reason": v.reason} for k, v in settled.items()},
        "total": row.total,
        "grade": row.grade,
        "veto": row.veto,
        "status": ReviewState.FINAL.value,
    }
    return row, {"reviews": [_snapshot(rec.first), _snapshot(rec.second)]}, after


def _snapshot(r: ReviewDTO) -> dict[str, object]:
    return {
        "review": r.id,
        "reviewer": r.reviewer,
        "total": r.total,
        "grade": r.grade,
        "veto": r.veto,
        "items": {i.item: {"deducted": i.decided, "reason": i.reason} for i in r.items if i.decided},
    }


# --- agreement ----------------------------------------------------------------------------------------


def _scores(r: ReviewDTO) -> ReviewScores:
    return ReviewScores(r.id, r.dossier_id, r.reviewer, r.total, {i.item: i.decided for i in r.items}, r.max)


def agreement(store: Store, campaign_id: int, *, items: Sequence[str] = ()) -> AgreementReport:
    """Agreement on double-reviewed files and every reviewer's strictness (supervisors' final rows excluded)."""
    with store.session() as session:
        rows = session.execute(
            select(Review.id, Review.dossier_id, User.name, Review.total)
            .join(User, User.id == Review.reviewer_id)
            .join(Dossier, Dossier.id == Review.dossier_id)
            .where(Dossier.campaign_id == campaign_id, Review.status == ReviewState.SUBMITTED)
        ).all()
        light = [ReviewScores(int(i), int(d), str(n), float(t), {}) for i, d, n, t in rows]
        doubles = [r.review_id for r in light if r.dossier_id in {a.dossier_id for a, _ in pair_reviews(light)}]
        dtos = reviews_in(session, doubles)
        full = [_scores(dtos[i]) for i in doubles]
    pairs = pair_reviews(full)
    ids = list(items) or (sorted({i for r in full for i in r.deductions}) if full else [])
    return AgreementReport(
        len(pairs), tuple(item_agreement(pairs, ids)), tuple(reviewer_agreement(pairs, ids)), tuple(strictness(light))
    )


__all__ = [
    "AgreementReport",
    "Finalised",
    "ItemDiff",
    "Reconciliation",
    "Settlement",
    "Side",
    "Unsettled",
    "WaitKind",
    "Waiting",
    "agreement",
    "compare",
    "finalise",
    "get_review",
    "settle",
    "taken",
    "waiting_list",
]
