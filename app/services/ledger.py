"""Problem ledger (详细台账) and 整改 tracking: one row per deducted item of each reviewed dossier.

The ledger follows the *effective* review of each dossier (its final review, else its latest submitted
one). It is kept in the same transaction as the writes that change it — a review submitted, a file
finalised — so a crash never leaves a result without its rows (:func:`sync_in`). Campaigns whose ledger
predates that are brought in line once, lazily, by the read use cases (:func:`ensure_ledger`). Nothing
is written, and no audit event recorded, when nothing changed.

A row's status is 待整改 or 已整改; 逾期 is what a 待整改 row past its deadline reads. Each row carries a
version: a change made from an older reading of the row is refused (:class:`app.errors.ConflictError`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services.dto import Changes, ReviewDTO, UserDTO
from app.services.review_read import reviews_in
from app.services.units import ids_within, unit_paths
from app.services.users import require_role
from app.stats import Filters, effective_reviews
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import AuditEvent, Campaign, Correction, Dossier, FindingRow
from app.vocab import units
from scoring.rubric import Rubric
from scoring.rules import RULES

DEFAULT_DAYS = 30
SETTABLE = (Rectification.PENDING, Rectification.DONE)  # 逾期 follows from the deadline
SYNC_CHUNK = 200  # dossiers per transaction in a catch-up sync (the write lock is held that long)


@dataclass(frozen=True, slots=True)
class LedgerSync:
    dossiers: int
    added: int
    updated: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def __add__(self, other: LedgerSync) -> LedgerSync:
        return LedgerSync(self.dossiers + other.dossiers, self.added + other.added, self.updated + other.updated,
                          self.removed + other.removed)


NOTHING = LedgerSync(0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class LedgerView:
    """What the ledger window and ``casereview ledger`` show: the rows, the units they name (path -> id)."""

    problems: tuple[Problem, ...]
    units: Mapping[str, int] = field(default_factory=dict)
    note: str = ""  # e.g. why the ledger could not be brought up to date


@dataclass(frozen=True, slots=True)
class LedgerUpdate:
    campaign_id: int
    rows: int
    problems: tuple[Problem, ...]  # the rows as they now read
    changes: Changes


def effective_status(status: str, deadline: dt.date | None, today: dt.date) -> Rectification:
    """已整改 stays 已整改; anything else past its deadline reads 逾期."""
    if status == Rectification.DONE:
        return Rectification.DONE
    if deadline is not None and deadline < today:
        return Rectification.OVERDUE
    return Rectification.PENDING


def item_legal_basis(rubric: Rubric | None) -> dict[str, str]:
    """Legal basis of each rubric item: the bases of the rules that pre-fill it."""
    basis = {r.id: r.legal_basis for r in RULES}
    out: dict[str, str] = {}
    for item in rubric.items if rubric else ():
        found = list(dict.fromkeys(basis[r] for r in item.rules if basis.get(r)))
        out[item.id] = "；".join(found)
    return out


# --- keeping the ledger in line with the reviews ----------------------------------------------------


def ledger_closed(session: Session, user: UserDTO) -> bool:
    """Whether this session may not write the ledger: a reviewer's own login on a team server, where row-level
    security lets a reviewer touch only their own unit's rows and lock no dossier. (A shared owner login, as
    in a single-URL setup, is not limited.)"""
    if user.role != "reviewer" or session.get_bind().dialect.name == "sqlite":
        return False
    return bool(session.scalar(sql("SELECT row_security_active('correction')")))


def _reviewer_logins(session: Session) -> bool:
    """Whether reviewers have logins of their own on this server (their submits leave the ledger alone)."""
    if session.get_bind().dialect.name == "sqlite":
        return False
    return bool(session.scalar(sql(
        "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "WHERE r.rolname = 'casereview_reviewer')")))


def lock_dossiers(session: Session, dossier_ids: Sequence[int]) -> None:
    """Row locks on the dossiers (PostgreSQL; in id order, so two callers never deadlock): whoever syncs or
    finalises a dossier waits for the other. SQLite needs none: a write transaction holds the file's lock."""
    if dossier_ids and session.get_bind().dialect.name != "sqlite":
        session.execute(select(Dossier.id).where(Dossier.id.in_(sorted(dossier_ids))).order_by(Dossier.id)
                        .with_for_update())


def _auto_texts(session: Session, dossier_ids: Iterable[int]) -> dict[int, dict[str, tuple[str, tuple[int, ...]]]]:
    """Failing finding messages and pages per rule, per dossier (for items the reviewer left as automatic)."""
    out: dict[int, dict[str, tuple[str, tuple[int, ...]]]] = defaultdict(dict)
    stmt = (select(FindingRow.dossier_id, FindingRow.rule, FindingRow.message, FindingRow.evidence)
            .where(FindingRow.dossier_id.in_(list(dossier_ids)), FindingRow.status == "fail")
            .order_by(FindingRow.dossier_id, FindingRow.seq))
    for dossier_id, rule, message, evidence in session.execute(stmt):
        pages = tuple(sorted({int(e["page"]) for e in evidence if isinstance(e, dict) and "page" in e}))
        out[int(dossier_id)][rule] = (message, pages)
    return out


def _wanted(review: ReviewDTO, auto: Mapping[str, tuple[str, tuple[int, ...]]]) -> dict[str, tuple[float, str, list[int]]]:
    """The rows the review calls for: each item with a deduction, and each veto item that applies."""
    wanted: dict[str, tuple[float, str, list[int]]] = {}
    for item in review.items:
        if item.deducted <= 0 and not item.veto:
            continue
        texts = [auto[r] for r in item.rules if r in auto]
        description = item.reason.strip() or "；".join(t for t, _ in texts) or item.title
        pages = sorted(set(item.pages) or {p for _, ps in texts for p in ps})
        wanted[item.item] = (item.deducted, description, pages)
    return wanted


def _effective(session: Session, campaign_id: int, dossier_ids: Sequence[int]) -> dict[int, int]:
    eff = effective_reviews(campaign_id, Filters())
    rows = session.execute(select(eff.c.dossier_id, eff.c.review_id).where(eff.c.dossier_id.in_(dossier_ids)))
    return {int(d): int(r) for d, r in rows}


def sync_in(session: Session, campaign_id: int, dossier_ids: Iterable[int], *, user: UserDTO,
            today: dt.date | None = None) -> LedgerSync:
    """Bring these dossiers' ledger rows in line with their effective reviews, in the caller's transaction.
    Existing rows keep their status, note and deadline; new rows are due ``DEFAULT_DAYS`` from today."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return NOTHING
    lock_dossiers(session, ids)
    eff = _effective(session, campaign_id, ids)
    reviews = reviews_in(session, list(eff.values()))
    autos = _auto_texts(session, eff)
    have: dict[int, dict[str, Correction]] = defaultdict(dict)
    for c in session.scalars(select(Correction).where(Correction.dossier_id.in_(ids))):
        have[c.dossier_id][c.item] = c
    due = (today or dt.date.today()) + dt.timedelta(days=DEFAULT_DAYS)
    added: list[Correction] = []
    updated: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    for dossier_id in ids:
        wanted = _wanted(reviews[eff[dossier_id]], autos.get(dossier_id, {})) if dossier_id in eff else {}
        for item, old in have[dossier_id].items():
            if item not in wanted:
                removed.append({"id": old.id, "dossier": dossier_id, "item": item, "status": old.status})
                session.delete(old)
        for item, (ded, text, pages) in wanted.items():
            row = have[dossier_id].get(item)
            if row is None:
                row = Correction(campaign_id=campaign_id, dossier_id=dossier_id, item=item, description=text,
                                 pages=pages, deducted=ded, status=str(Rectification.PENDING), deadline=due)
                session.add(row)
                added.append(row)
            elif (row.deducted, row.description, list(row.pages)) != (ded, text, pages):
                updated.append({"id": row.id, "item": item, "deducted": [row.deducted, ded]})
                row.deducted, row.description, row.pages = ded, text, pages
    result = LedgerSync(len(ids), len(added), len(updated), len(removed))
    if result.changed:
        session.flush()
        record_event(session, user=user.name, action="ledger.sync", entity="campaign", entity_id=campaign_id,
                     after={"dossiers": ids if len(ids) <= 50 else len(ids),
                            "added": [{"id": r.id, "dossier": r.dossier_id, "item": r.item, "deducted": r.deducted}
                                      for r in added],
                            "updated": updated, "removed": removed})
    return result


def ensure_ledger(store: Store, campaign_id: int, *, user: UserDTO) -> LedgerSync:
    """The lazy half: a campaign whose ledger was never synced since rev 0010 is synced once, in chunks of
    dossiers (each its own transaction, so the write lock is never held for long); then it is marked.
    Idempotent and cheap afterwards (one query).

    On a team server where reviewers have logins of their own, a reviewer's session never writes the ledger
    (row-level security lets a reviewer touch only their own unit's rows), so a reviewer's submit leaves it
    be; a supervisor's session then brings every dossier in line each time (no write and no event where
    nothing changed)."""
    if not store.is_sqlite and user.role == "reviewer":
        with store.session() as session:
            if ledger_closed(session, user):
                return NOTHING
    with store.session() as session:
        synced = session.scalar(select(Campaign.ledger_synced).where(Campaign.id == campaign_id))
        if synced is None or (synced and not _reviewer_logins(session)):
            return NOTHING  # no such campaign, or synced (every submit syncs in its own transaction)
        ids = list(session.scalars(select(Dossier.id).where(Dossier.campaign_id == campaign_id).order_by(Dossier.id)))
    total = NOTHING
    for start in range(0, len(ids), SYNC_CHUNK):
        with store.write() as session:
            total += sync_in(session, campaign_id, ids[start:start + SYNC_CHUNK], user=user)
    with store.write() as session:
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(ledger_synced=True))
    return total


def sync_ledger(store: Store, campaign_id: int, *, user: UserDTO) -> LedgerSync:
    """Sync every dossier of the campaign now (idempotent: no write and no event when nothing changed)."""
    if not store.is_sqlite and user.role == "reviewer":
        with store.session() as session:
            if ledger_closed(session, user):
                return NOTHING  # row-level security: a reviewer's login never writes the ledger (see ensure_ledger)
    with store.write() as session:
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(ledger_synced=False))
    return ensure_ledger(store, campaign_id, user=user)


# --- reading --------------------------------------------------------------------------------------


def list_problems(
    store: Store, campaign_id: int, *, today: dt.date | None = None, rubric: Rubric | None = None,
    unit_ids: Sequence[int] | None = None, row_ids: Sequence[int] | None = None,
) -> list[Problem]:
    """Ledger rows with their unit, case number and status as of ``today``, ordered by unit path."""
    day = today or dt.date.today()
    c = Correction
    stmt = (select(c.id, c.dossier_id, c.item, c.description, c.pages, c.deducted, c.status, c.deadline, c.version,
                   Dossier.file_name, Dossier.case_number, Dossier.agency_id)
            .join(Dossier, Dossier.id == c.dossier_id).where(c.campaign_id == campaign_id))
    if unit_ids is not None:
        stmt = stmt.where(Dossier.agency_id.in_(list(unit_ids)))
    if row_ids is not None:
        stmt = stmt.where(c.id.in_(list(row_ids)))
    titles = {i.id: (i.title, i.section) for i in rubric.items} if rubric else {}
    sections = {s.id: s.title for s in rubric.sections} if rubric else {}
    basis = item_legal_basis(rubric)
    out = []
    with store.session() as session:
        paths = unit_paths(session)
        for (row_id, dossier_id, item, text, pages, deducted, status, deadline, version, file_name, case_number,
             agency_id) in session.execute(stmt):
            path = paths.get(agency_id, units.NO_UNIT) if agency_id is not None else units.NO_UNIT
            title, section = titles.get(item, (item, ""))
            out.append(Problem(
                row_id=row_id, agency=units.leaf(path), parent_agency=units.parent(path), dossier_id=dossier_id,
                case_number=case_number or "", file_name=file_name, item_id=item, item_title=title,
                category=str(sections.get(section, section)), description=text, pages=tuple(int(p) for p in pages),
                deducted=float(deducted), legal_basis=basis.get(item, ""),
                status=effective_status(status, deadline, day), deadline=deadline, unit=path, version=version,
            ))
    out.sort(key=lambda p: (p.unit, p.case_number, p.dossier_id, p.item_id))
    return out


def read_ledger(
    store: Store, campaign_id: int, *, user: UserDTO, rubric: Rubric | None = None, unit: str | None = None,
    status: Rectification | str | None = None, today: dt.date | None = None,
) -> LedgerView:
    """The ledger use case: brought up to date if it never was (lazily), then the rows — of one unit and
    the units under it, of one status — and the units they name."""
    note = ""
    try:
        ensure_ledger(store, campaign_id, user=user)
    except KnownError as exc:  # e.g. an account that may not write: show what is there
        note = f"台账未能更新：{exc}"
    with store.session() as session:
        scope = ids_within(session, unit) if unit else None
        paths = unit_paths(session)
    rows = list_problems(store, campaign_id, today=today, rubric=rubric, unit_ids=scope)
    if status:
        rows = [p for p in rows if p.status == status]
    return LedgerView(tuple(rows), {p: i for i, p in paths.items()}, note)


# --- changing rows ---------------------------------------------------------------------------------


def _who_changed(session: Session, row_id: int) -> str:
    last = session.execute(select(AuditEvent.user_name, AuditEvent.at).where(
        AuditEvent.entity == "correction", AuditEvent.entity_id == row_id).order_by(AuditEvent.id.desc()).limit(1)).first()
    return f"（{last[0]} 于 {last[1]:%Y-%m-%d %H:%M} 修改）" if last else ""


def _changed_row(session: Session, row_id: int, expected: int | None) -> Correction:
    row = session.get(Correction, row_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"台账记录 {row_id} 不存在")
    if expected is not None and row.version != expected:
        raise ConflictError(f"台账第 {row_id} 行已被他人修改{_who_changed(session, row_id)}，现为“{row.status}”；"
                            "您的设置未保存，请刷新后再设置")
    return row


def _updated(store: Store, campaign_id: int, row_ids: Sequence[int] | None, n: int) -> LedgerUpdate:
    rows = tuple(list_problems(store, campaign_id, row_ids=row_ids))
    return LedgerUpdate(campaign_id, n, rows, Changes(ledger=frozenset({campaign_id})))


def set_status(
    store: Store, rows: Mapping[int, int | None], *, status: Rectification | str, user: UserDTO, note: str = "",
) -> LedgerUpdate:
    """Set 待整改 / 已整改 on ledger rows ({row id: the version the caller read, None: don't check}) in one
    transaction, one audit event per row. A row changed by someone else since the caller read it makes
    the whole change a ConflictError: nothing is saved."""
    require_role(user, "supervisor", "admin", action="更新整改状态")
    try:
        new = Rectification(status)
    except ValueError as exc:
        raise KnownError(ErrorCode.USAGE, f"整改状态只能设为 待整改 或 已整改，而不是“{status}”") from exc
    if new not in SETTABLE:
        raise KnownError(ErrorCode.USAGE, "逾期由整改期限自动判断，不能直接设置；请设置整改期限")
    if not rows:
        raise KnownError(ErrorCode.USAGE, "未选择台账记录")
    campaigns: set[int] = set()
    try:
        with store.write() as session:
            for row_id, expected in sorted(rows.items()):
                row = _changed_row(session, row_id, expected)
                before = {"status": row.status, "note": row.note, "version": row.version}
                row.status, row.note = str(new), note.strip() or row.note
                row.done_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) if new == Rectification.DONE else None
                session.flush()  # the version check happens here (UPDATE … WHERE version = read)
                record_event(session, user=user.name, action="ledger.status", entity="correction", entity_id=row.id,
                             before=before, after={"status": row.status, "note": row.note, "version": row.version},
                             reason=note)
                campaigns.add(row.campaign_id)
            if len(campaigns) != 1:
                raise KnownError(ErrorCode.USAGE, "所选台账记录属于不同的评查活动")
    except StaleDataError as exc:  # changed between our read and our write: someone else won
        raise ConflictError("台账记录刚被他人修改，您的设置未保存，请刷新后再设置") from exc
    return _updated(store, campaigns.pop(), list(rows), len(rows))


def set_deadline(store: Store, campaign_id: int, deadline: dt.date, *, user: UserDTO,
                 unit: str | None = None) -> LedgerUpdate:
    """Set the 整改 deadline of every open row of the campaign, or of one unit and those under it."""
    require_role(user, "supervisor", "admin", action="设置整改期限")
    with store.write() as session:
        scope = [Correction.campaign_id == campaign_id, Correction.status != str(Rectification.DONE)]
        if unit:
            scope.append(Correction.dossier_id.in_(select(Dossier.id).where(
                Dossier.agency_id.in_(ids_within(session, unit)))))
        n = len(session.scalars(select(Correction.id).where(*scope)).all())
        session.execute(update(Correction).where(*scope).values(deadline=deadline, version=Correction.version + 1)
                        .execution_options(synchronize_session=False))
        record_event(session, user=user.name, action="ledger.deadline", entity="campaign", entity_id=campaign_id,
                     after={"deadline": deadline.isoformat(), "unit": unit, "rows": n})
    return _updated(store, campaign_id, None, n)
