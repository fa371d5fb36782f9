"""Problem ledger (详细台账) and 整改 tracking: one row per deducted item of each reviewed dossier.

The ledger follows the *effective* review of each dossier (its final review, else its latest submitted
one). It is kept in the same transaction as the writes that change it — a review submitted, a file
finalised — so a crash never leaves a result without its rows (:func:`sync_in`). Campaigns whose ledger
predates that are brought in line once, lazily, by the read use cases (:func:`ensure_ledger`). Nothing
is written, and no audit event recorded, when nothing changed.

Rows are read in :mod:`app.services.ledger_read` and worked to 销号 in :mod:`app.services.ledger_edit`
(re-exported here). Each row carries a version: a change made from an older reading of the row is refused
(:class:`app.errors.ConflictError`). A row with 佐证材料 attached is kept even when its item is no longer deducted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.reports.model import Rectification
from app.services.dto import ReviewDTO, UserDTO
from app.services.ledger_edit import (
    SETTABLE,
    attach_evidence,
    edit_row,
    evidence_file,
    parse_status,
    set_deadline,
    set_status,
)
from app.services.ledger_read import effective_status, item_legal_basis, list_problems
from app.services.ledger_types import LedgerUpdate, LedgerView
from app.services.review_read import reviews_in
from app.services.units import ids_within, unit_paths
from app.stats import Filters, effective_reviews
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Campaign, Correction, CorrectionEvidence, Dossier, FindingRow
from scoring.rubric import Rubric

__all__ = [
    "SETTABLE",
    "LedgerSync",
    "LedgerUpdate",
    "LedgerView",
    "attach_evidence",
    "edit_row",
    "effective_status",
    "ensure_ledger",
    "evidence_file",
    "item_legal_basis",
    "list_problems",
    "parse_status",
    "read_ledger",
    "set_deadline",
    "set_status",
    "sync_in",
    "sync_ledger",
]

DEFAULT_DAYS = 30
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
        return LedgerSync(
            self.dossiers + other.dossiers,
            self.added + other.added,
            self.updated + other.updated,
            self.removed + other.removed,
        )


NOTHING = LedgerSync(0, 0, 0, 0)


# --- keeping the ledger in line with the reviews ----------------------------------------------------


def ledger_closed(session: Session, user: UserDTO) -> bool:
    """Whether this session may not write the ledger: a reviewer's own login on a team server, where row-level
    security lets a reviewer touch only their own unit's rows and lock no dossier. (A shared owner login, as
    in a single-URL setup, is not limited.)"""
    if user.role != "reviewer" or session.get_bind().dialect.name == "sqlite":
        return False
    return bool(session.scalar(sql("SELECT row_security_active('correction')")))


def reviewer_under_rls(store: Store, user: UserDTO) -> bool:
    """The one guard of the sync use cases: a reviewer's own login under row-level security leaves the ledger
    to the supervisors (see :func:`ledger_closed`)."""
    if store.is_sqlite or user.role != "reviewer":
        return False
    with store.session() as session:
        return ledger_closed(session, user)


def _reviewer_logins(session: Session) -> bool:
    """Whether reviewers have logins of their own on this server (their submits leave the ledger alone)."""
    if session.get_bind().dialect.name == "sqlite":
        return False
    return bool(
        session.scalar(
            sql(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "WHERE r.rolname = 'casereview_reviewer')"
            )
        )
    )


def lock_dossiers(session: Session, dossier_ids: Sequence[int]) -> None:
    """Row locks on the dossiers (PostgreSQL; in id order, so two callers never deadlock): whoever syncs or
    finalises a dossier waits for the other. SQLite needs none: a write transaction holds the file's lock."""
    if dossier_ids and session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(Dossier.id).where(Dossier.id.in_(sorted(dossier_ids))).order_by(Dossier.id).with_for_update()
        )


def _auto_texts(session: Session, dossier_ids: Iterable[int]) -> dict[int, dict[str, tuple[str, tuple[int, ...]]]]:
    """Failing finding messages and pages per rule, per dossier (for items the reviewer left as automatic)."""
    out: dict[int, dict[str, tuple[str, tuple[int, ...]]]] = defaultdict(dict)
    stmt = (
        select(FindingRow.dossier_id, FindingRow.rule, FindingRow.message, FindingRow.evidence)
        .where(FindingRow.dossier_id.in_(list(dossier_ids)), FindingRow.status == "fail")
        .order_by(FindingRow.dossier_id, FindingRow.seq)
    )
    for dossier_id, rule, message, evidence in session.execute(stmt):
        pages = tuple(sorted({int(e["page"]) for e in evidence if isinstance(e, dict) and "page" in e}))
        out[int(dossier_id)][rule] = (message, pages)
    return out


def _wanted(
    review: ReviewDTO, auto: Mapping[str, tuple[str, tuple[int, ...]]]
) -> dict[str, tuple[float, str, list[int]]]:
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


def sync_in(
    session: Session, campaign_id: int, dossier_ids: Iterable[int], *, user: UserDTO, today: dt.date | None = None
) -> LedgerSync:
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
    kept = set(
        session.scalars(select(CorrectionEvidence.correction_id).join(Correction).where(Correction.dossier_id.in_(ids)))
    )
    for dossier_id in ids:
        wanted = _wanted(reviews[eff[dossier_id]], autos.get(dossier_id, {})) if dossier_id in eff else {}
        for item, old in have[dossier_id].items():
            if item not in wanted and old.id not in kept:  # a row with 佐证材料 is kept
                removed.append({"id": old.id, "dossier": dossier_id, "item": item, "status": old.status})
                session.delete(old)
        for item, (ded, text, pages) in wanted.items():
            row = have[dossier_id].get(item)
            if row is None:
                row = Correction(
                    campaign_id=campaign_id,
                    dossier_id=dossier_id,
                    item=item,
                    description=text,
                    pages=pages,
                    deducted=ded,
                    status=str(Rectification.PENDING),
                    deadline=due,
                )
                session.add(row)
                added.append(row)
            elif (row.deducted, row.description, list(row.pages)) != (ded, text, pages):
                updated.append({"id": row.id, "item": item, "deducted": [row.deducted, ded]})
                row.deducted, row.description, row.pages = ded, text, pages
    result = LedgerSync(len(ids), len(added), len(updated), len(removed))
    if result.changed:
        session.flush()
        record_event(
            session,
            user=user.name,
            action="ledger.sync",
            entity="campaign",
            entity_id=campaign_id,
            after={
                "dossiers": ids if len(ids) <= 50 else len(ids),
                "added": [{"id": r.id, "dossier": r.dossier_id, "item": r.item, "deducted": r.deducted} for r in added],
                "updated": updated,
                "removed": removed,
            },
        )
    return result


def ensure_ledger(store: Store, campaign_id: int, *, user: UserDTO) -> LedgerSync:
    """The lazy half: a campaign whose ledger was never synced since rev 0010 is synced once, in chunks of
    dossiers (each its own transaction, so the write lock is never held for long); then it is marked.
    Idempotent and cheap afterwards (one query).

    On a team server where reviewers have logins of their own, a reviewer's session never writes the ledger
    (row-level security lets a reviewer touch only their own unit's rows), so a reviewer's submit leaves it
    be; a supervisor's session then brings every dossier in line each time (no write and no event where
    nothing changed)."""
    if reviewer_under_rls(store, user):
        return NOTHING
    with store.session() as session:
        synced = session.scalar(select(Campaign.ledger_synced).where(Campaign.id == campaign_id))
        if synced is None or (synced and not _reviewer_logins(session)):
            return NOTHING  # no such campaign, or synced (every submit syncs in its own transaction)
        ids = list(session.scalars(select(Dossier.id).where(Dossier.campaign_id == campaign_id).order_by(Dossier.id)))
    total = NOTHING
    for start in range(0, len(ids), SYNC_CHUNK):
        with store.write() as session:
            total += sync_in(session, campaign_id, ids[start : start + SYNC_CHUNK], user=user)
    with store.write() as session:
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(ledger_synced=True))
    return total


def sync_ledger(store: Store, campaign_id: int, *, user: UserDTO) -> LedgerSync:
    """Sync every dossier of the campaign now (idempotent: no write and no event when nothing changed)."""
    if reviewer_under_rls(store, user):
        return NOTHING  # row-level security: a reviewer's login never writes the ledger (see ensure_ledger)
    with store.write() as session:
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(ledger_synced=False))
    return ensure_ledger(store, campaign_id, user=user)


# --- reading --------------------------------------------------------------------------------------


def read_ledger(
    store: Store,
    campaign_id: int,
    *,
    user: UserDTO,
    rubric: Rubric | None = None,
    unit: str | None = None,
    status: Rectification | str | None = None,
    today: dt.date | None = None,
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
