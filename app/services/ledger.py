"""Problem ledger (详细台账) and correction tracking: one row per deducted item per reviewed dossier,
status 待整改 / 已整改 / 逾期 (overdue computed from the deadline)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from app.errors import ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services.dto import ReviewDTO, UserDTO
from app.services.reviews import get_reviews
from app.services.users import require_role
from app.stats import Filters, effective_reviews
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Agency, AuditEvent, Correction, Dossier, FindingRow, Review, utcnow
from scoring.rubric import Rubric
from scoring.rules import RULES

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class LedgerSync:
    dossiers: int
    added: int
    updated: int
    removed: int


def effective_status(status: str, deadline: dt.date | None, today: dt.date) -> Rectification:
    """待整改 past its deadline reads as 逾期; 已整改 stays 已整改."""
    if status == Rectification.DONE:
        return Rectification.DONE
    if deadline is not None and deadline < today:
        return Rectification.OVERDUE
    return Rectification.PENDING if status != Rectification.OVERDUE else Rectification.OVERDUE


def item_legal_basis(rubric: Rubric | None) -> dict[str, str]:
    """Legal basis of each rubric item: the bases of the rules that pre-fill it."""
    basis = {r.id: r.legal_basis for r in RULES}
    out: dict[str, str] = {}
    for item in rubric.items if rubric else ():
        found = list(dict.fromkeys(basis[r] for r in item.rules if basis.get(r)))
        out[item.id] = "；".join(found)
    return out


def _last_sync(session: Session, campaign_id: int) -> dt.datetime | None:
    """When the last full sync started reading (kept in its audit event), so later edits are not missed."""
    recent = session.scalars(select(AuditEvent.after).where(
        AuditEvent.action == "ledger.sync", AuditEvent.entity == "campaign", AuditEvent.entity_id == campaign_id)
        .order_by(AuditEvent.id.desc()).limit(50))
    for after in recent:
        as_of = after.get("as_of") if isinstance(after, dict) else None
        if as_of:
            return dt.datetime.fromisoformat(as_of)
    return None


def _effective_ids(session: Session, campaign_id: int, only: set[int] | None) -> dict[int, int]:
    """Effective review per dossier; without ``only``, just those changed since the last sync."""
    eff = effective_reviews(campaign_id, Filters())
    stmt = select(eff.c.dossier_id, eff.c.review_id).join(Review, Review.id == eff.c.review_id)
    since = _last_sync(session, campaign_id) if only is None else None
    if since is not None:
        stmt = stmt.where(Review.updated_at >= since)
    rows = session.execute(stmt).all()
    return {int(d): int(r) for d, r in rows if only is None or int(d) in only}


def _auto_texts(session: Session, dossier_ids: Iterable[int], *, chunk: int = 500,
                ) -> dict[int, dict[str, tuple[str, tuple[int, ...]]]]:
    """Failing finding messages and pages per rule, per dossier (for items the reviewer left as automatic)."""
    out: dict[int, dict[str, tuple[str, tuple[int, ...]]]] = defaultdict(dict)
    ids = list(dossier_ids)
    for start in range(0, len(ids), chunk):
        stmt = (select(FindingRow.dossier_id, FindingRow.rule, FindingRow.message, FindingRow.evidence)
                .where(FindingRow.dossier_id.in_(ids[start:start + chunk]), FindingRow.status == "fail")
                .order_by(FindingRow.dossier_id, FindingRow.seq))
        for dossier_id, rule, message, evidence in session.execute(stmt):
            pages = tuple(sorted({int(e["page"]) for e in evidence if isinstance(e, dict) and "page" in e}))
            out[int(dossier_id)][rule] = (message, pages)
    return out


def _wanted(review: ReviewDTO, auto: dict[str, tuple[str, tuple[int, ...]]]) -> dict[str, tuple[float, str, list[int]]]:
    wanted: dict[str, tuple[float, str, list[int]]] = {}
    for item in review.items:
        if item.deducted <= 0 and not (item.veto and review.veto):
            continue
        texts = [auto[r] for r in item.rules if r in auto]
        description = item.reason.strip() or "；".join(t for t, _ in texts) or item.title
        pages = sorted(set(item.pages) or {p for _, ps in texts for p in ps})
        wanted[item.item] = (item.deducted, description, pages)
    return wanted


def sync_ledger(
    store: Store, campaign_id: int, *, user: UserDTO, deadline: dt.date | None = None,
    dossier_ids: Iterable[int] | None = None,
) -> LedgerSync:
    """Bring the ledger in line with the effective reviews; existing rows keep status and deadline.
    On a team server (PostgreSQL) a reviewer's window does not write the ledger: row-level security lets
    a reviewer touch only their own unit's rows, and supervisors' sessions and 定稿 keep it in line."""
    if user.role == "reviewer" and not store.is_sqlite:
        return LedgerSync(0, 0, 0, 0)
    only = set(dossier_ids) if dossier_ids is not None else None
    started = utcnow()
    with store.session() as session:
        eff = _effective_ids(session, campaign_id, only)
        autos = _auto_texts(session, eff)
    by_review = get_reviews(store, list(eff.values()))
    reviews = {d: by_review[r] for d, r in eff.items()}
    due = deadline or dt.date.today() + dt.timedelta(days=DEFAULT_DAYS)
    added = updated = removed = 0
    with store.write() as session:
        have_all: dict[int, dict[str, Correction]] = defaultdict(dict)
        ids = list(reviews)
        for start in range(0, len(ids), 500):
            for c in session.scalars(select(Correction).where(Correction.dossier_id.in_(ids[start:start + 500]))):
                have_all[c.dossier_id][c.item] = c
        for dossier_id, review in reviews.items():
            wanted = _wanted(review, autos.get(dossier_id, {}))
            have = have_all.get(dossier_id, {})
            for item, old in have.items():
                if item not in wanted:
                    session.delete(old)
                    removed += 1
            for item, (ded, text, pages) in wanted.items():
                row = have.get(item)
                if row is None:
                    session.add(Correction(campaign_id=campaign_id, dossier_id=dossier_id, item=item, description=text,
                                           pages=pages, deducted=ded, status=str(Rectification.PENDING), deadline=due))
                    added += 1
                elif (row.deducted, row.description, list(row.pages)) != (ded, text, pages):
                    row.deducted, row.description, row.pages = ded, text, pages
                    updated += 1
        result = LedgerSync(len(reviews), added, updated, removed)
        if reviews:
            record_event(session, user=user.name, action="ledger.sync", entity="campaign", entity_id=campaign_id,
                         after={"dossiers": result.dossiers, "added": added, "updated": updated, "removed": removed,
                                "as_of": started.isoformat() if only is None else None})
    return result


def set_status(
    store: Store, correction_id: int, *, status: Rectification | str, user: UserDTO, note: str = ""
) -> Problem | None:
    """Record 已整改 (or back to 待整改) for one ledger row, with an audit event; the row as it now reads."""
    campaign_id = set_statuses(store, [correction_id], status=status, user=user, note=note)
    rows = list_problems(store, campaign_id, row_ids=[correction_id])
    return rows[0] if rows else None


def set_statuses(
    store: Store, correction_ids: Sequence[int], *, status: Rectification | str, user: UserDTO, note: str = ""
) -> int:
    """The same for many rows in one transaction (one audit event per row); returns their campaign id."""
    require_role(user, "supervisor", "admin", action="更新整改状态")
    try:
        new = Rectification(status)
    except ValueError as exc:
        raise KnownError(ErrorCode.USAGE, f"整改状态只能是 待整改、已整改 或 逾期，而不是“{status}”") from exc
    if not correction_ids:
        raise KnownError(ErrorCode.USAGE, "未选择台账记录")
    campaigns: set[int] = set()
    with store.write() as session:
        for correction_id in correction_ids:
            row = session.get(Correction, correction_id)
            if row is None:
                raise KnownError(ErrorCode.NOT_FOUND, f"台账记录 {correction_id} 不存在")
            before = {"status": row.status, "note": row.note}
            row.status, row.note = str(new), note.strip() or row.note
            row.done_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) if new == Rectification.DONE else None
            record_event(session, user=user.name, action="ledger.status", entity="correction", entity_id=row.id,
                         before=before, after={"status": row.status, "note": row.note}, reason=note)
            campaigns.add(row.campaign_id)
        if len(campaigns) != 1:
            raise KnownError(ErrorCode.USAGE, "所选台账记录属于不同的评查活动")
    return campaigns.pop()


def set_deadline(store: Store, campaign_id: int, deadline: dt.date, *, user: UserDTO,
                 agency_id: int | None = None, today: dt.date | None = None) -> int:
    """Set the 整改 deadline of every open row of the campaign (or of one agency); rows that were 逾期
    and are within the new deadline become 待整改 again, in the same transaction."""
    require_role(user, "supervisor", "admin", action="设置整改期限")
    day = today or dt.date.today()
    with store.write() as session:
        scope = [Correction.campaign_id == campaign_id, Correction.status != str(Rectification.DONE)]
        if agency_id is not None:
            scope.append(Correction.dossier_id.in_(select(Dossier.id).where(Dossier.agency_id == agency_id)))
        reopened = 0
        if deadline >= day:
            reopened = int(session.execute(update(Correction).where(
                *scope, Correction.status == str(Rectification.OVERDUE)).values(
                status=str(Rectification.PENDING))).rowcount or 0)  # type: ignore[attr-defined]
        n = int(session.execute(update(Correction).where(*scope).values(deadline=deadline)).rowcount or 0)  # type: ignore[attr-defined]
        record_event(session, user=user.name, action="ledger.deadline", entity="campaign", entity_id=campaign_id,
                     after={"deadline": deadline.isoformat(), "agency_id": agency_id, "rows": n, "reopened": reopened})
        return n


def refresh_overdue(store: Store, campaign_id: int, *, today: dt.date, user: UserDTO) -> int:
    """Mark every 待整改 row past its deadline as 逾期 (stored, so exports and filters agree)."""
    with store.write() as session:
        stmt = (update(Correction)
                .where(Correction.campaign_id == campaign_id, Correction.status == str(Rectification.PENDING),
                       Correction.deadline.is_not(None), Correction.deadline < today)
                .values(status=str(Rectification.OVERDUE)))
        n = int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]
        if n:
            record_event(session, user=user.name, action="ledger.overdue", entity="campaign", entity_id=campaign_id,
                         after={"rows": n, "today": today.isoformat()})
        return n


def list_problems(
    store: Store, campaign_id: int, *, today: dt.date | None = None, rubric: Rubric | None = None,
    agency_id: int | None = None, row_ids: Sequence[int] | None = None,
) -> list[Problem]:
    """Every ledger row with its agency, 师市 and case number, in one joined query."""
    day = today or dt.date.today()
    parent = aliased(Agency)
    c = Correction
    stmt = (
        select(c.id, c.dossier_id, c.item, c.description, c.pages, c.deducted, c.status, c.deadline,
               Dossier.file_name, Dossier.case_number, Agency.name, parent.name)
        .join(Dossier, Dossier.id == Correction.dossier_id)
        .outerjoin(Agency, Agency.id == Dossier.agency_id)
        .outerjoin(parent, parent.id == Agency.parent_id)
        .where(Correction.campaign_id == campaign_id)
        .order_by(parent.name, Agency.name, Dossier.case_number, Dossier.id, Correction.item)
    )
    if agency_id is not None:
        stmt = stmt.where(Dossier.agency_id == agency_id)
    if row_ids is not None:
        stmt = stmt.where(Correction.id.in_(list(row_ids)))
    titles = {i.id: (i.title, i.section) for i in rubric.items} if rubric else {}
    sections = {s.id: s.title for s in rubric.sections} if rubric else {}
    basis = item_legal_basis(rubric)
    out = []
    with store.session() as session:
        for (row_id, dossier_id, item, text, pages, deducted, status, deadline, file_name, case_number, agency,
             parent_name) in session.execute(stmt):
            title, section = titles.get(item, (item, ""))
            out.append(Problem(
                row_id=row_id, agency=agency or "（未指定单位）", parent_agency=parent_name or "", dossier_id=dossier_id,
                case_number=case_number or "", file_name=file_name, item_id=item, item_title=title,
                category=str(sections.get(section, section)), description=text, pages=tuple(int(p) for p in pages),
                deducted=float(deducted), legal_basis=basis.get(item, ""),
                status=effective_status(status, deadline, day), deadline=deadline,
            ))
    return out
