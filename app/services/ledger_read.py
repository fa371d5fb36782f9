"""Reading the problem ledger (详细台账): its rows with unit, case number, every column the table holds, the
佐证材料 attached, and the status as of a day (逾期 derived, never stored)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.model import Problem, Rectification
from app.services.units import unit_paths
from app.store.engine import Store
from app.store.models import Correction, CorrectionEvidence, Dossier
from app.vocab import units
from scoring.rubric import Rubric
from scoring.rules import RULES

OPEN = frozenset({Rectification.PENDING, Rectification.IN_PROGRESS})  # rows that can fall 逾期
LEGACY = {"已整改": Rectification.AWAITING}  # what a row set 已整改 before rev 0015 means now


def effective_status(status: str, deadline: dt.date | None, today: dt.date) -> Rectification:
    """The status as read on ``today``: an open row (待整改 / 整改中) past its deadline reads 逾期."""
    stored = LEGACY.get(status) or Rectification(status)
    if stored in OPEN and deadline is not None and deadline < today:
        return Rectification.OVERDUE
    return stored


def item_legal_basis(rubric: Rubric | None) -> dict[str, str]:
    """Legal basis of each rubric item: the bases of the rules that pre-fill it."""
    basis = {r.id: r.legal_basis for r in RULES}
    out: dict[str, str] = {}
    for item in rubric.items if rubric else ():
        found = list(dict.fromkeys(basis[r] for r in item.rules if basis.get(r)))
        out[item.id] = "；".join(found)
    return out


def evidence_names(session: Session, row_ids: Sequence[int] | None = None) -> dict[int, tuple[str, ...]]:
    """佐证材料 per ledger row, as "name（sha256 前 12 位）", in the order attached."""
    stmt = select(CorrectionEvidence.correction_id, CorrectionEvidence.file_name, CorrectionEvidence.sha256)
    if row_ids is not None:
        stmt = stmt.where(CorrectionEvidence.correction_id.in_(list(row_ids)))
    out: dict[int, list[str]] = defaultdict(list)
    for row_id, name, sha in session.execute(stmt.order_by(CorrectionEvidence.id)):
        out[int(row_id)].append(f"{name}（{sha[:12]}）")
    return {k: tuple(v) for k, v in out.items()}


def list_problems(
    store: Store, campaign_id: int, *, today: dt.date | None = None, rubric: Rubric | None = None,
    unit_ids: Sequence[int] | None = None, row_ids: Sequence[int] | None = None,
) -> list[Problem]:
    """Ledger rows with their unit, case number and status as of ``today``, ordered by unit path."""
    day = today or dt.date.today()
    stmt = select(Correction, Dossier.file_name, Dossier.case_number, Dossier.agency_id).join(
        Dossier, Dossier.id == Correction.dossier_id).where(Correction.campaign_id == campaign_id)
    if unit_ids is not None:
        stmt = stmt.where(Dossier.agency_id.in_(list(unit_ids)))
    if row_ids is not None:
        stmt = stmt.where(Correction.id.in_(list(row_ids)))
    titles = {i.id: (i.title, i.section) for i in rubric.items} if rubric else {}
    sections = {s.id: s.title for s in rubric.sections} if rubric else {}
    basis = item_legal_basis(rubric)
    out = []
    with store.session() as session:
        paths = unit_paths(session)
        evidence = evidence_names(session, row_ids)
        for c, file_name, case_number, agency_id in session.execute(stmt):
            path = paths.get(agency_id, units.NO_UNIT) if agency_id is not None else units.NO_UNIT
            title, section = titles.get(c.item, (c.item, ""))
            out.append(Problem(
                row_id=c.id, agency=units.leaf(path), parent_agency=units.parent(path), dossier_id=c.dossier_id,
                case_number=case_number or "", file_name=file_name, item_id=c.item, item_title=title,
                category=str(sections.get(section, section)), description=c.description,
                pages=tuple(int(p) for p in c.pages), deducted=float(c.deducted), legal_basis=basis.get(c.item, ""),
                status=effective_status(c.status, c.deadline, day), deadline=c.deadline, unit=path,
                version=c.version, measure=c.measure, responsible_unit=c.responsible_unit,
                responsible_person=c.responsible_person, progress=c.progress, completed_on=c.completed_on,
                evidence=evidence.get(c.id, ()), checker=c.checker, closed_on=c.closed_on, note=c.note,
                stored_status=str(LEGACY.get(c.status) or c.status), done_at=c.done_at, updated_at=c.updated_at,
            ))
    out.sort(key=lambda p: (p.unit, p.case_number, p.dossier_id, p.item_id))
    return out
