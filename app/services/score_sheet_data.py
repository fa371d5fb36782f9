"""评查表 data (issue 15.5): one sheet per dossier from one review only — the named reviewer's submitted review,
or else the file's final result, or else its latest submitted review — with the people who wrote that
result as its signers (never two reviewers over one reviewer's scores); the case as the file records it
(立案/结案 dates, officers, outcome and amounts); the overall comment; 不符合评查条件; objections."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.model import CaseSheet, SheetFinding, SheetItem, SheetObjection
from app.services.dto import ReviewDTO
from app.services.objections import list_objections
from app.services.review_read import reviews_in
from app.store.models import Dossier, FindingRow, Review, User
from app.store.units import path_of, unit_paths
from app.vocab.states import COUNTED, ReviewState, state_label

if TYPE_CHECKING:
    from app.services.report_data import Context


@dataclass(frozen=True, slots=True)
class _Row:
    review_id: int
    dossier_id: int
    status: str
    reviewer: str
    submitted_at: dt.datetime | None
    unreviewable: str
    note: str


@dataclass(frozen=True, slots=True)
class _Pick:
    row: _Row
    signers: tuple[str, ...]
    finaliser: str
    status: str


def _rows(session: Session, campaign_id: int, dossier_ids: Sequence[int] | None) -> dict[int, list[_Row]]:
    stmt = (select(Review.id, Review.dossier_id, Review.status, User.name, Review.submitted_at, Review.unreviewable,
                   Review.note)
            .join(User, User.id == Review.reviewer_id).join(Dossier, Dossier.id == Review.dossier_id)
            .where(Dossier.campaign_id == campaign_id, Review.status.in_(COUNTED)).order_by(Review.id))
    if dossier_ids is not None:
        stmt = stmt.where(Review.dossier_id.in_(list(dossier_ids)))
    out: dict[int, list[_Row]] = defaultdict(list)
    for i, d, status, name, at, unrev, note in session.execute(stmt):
        out[int(d)].append(_Row(int(i), int(d), str(status), str(name), at, str(unrev or ""), str(note or "")))
    return out


def _pick(rows: Sequence[_Row], reviewer: str | None) -> _Pick | None:
    """The one review the sheet prints, who signs it, and its state in words."""
    if reviewer:
        mine = [r for r in rows if r.reviewer == reviewer]
        if not mine:
            return None
        row = mine[-1]
    else:
        finals = [r for r in rows if r.status == ReviewState.FINAL]
        row = finals[0] if finals else rows[-1]
    if row.status == ReviewState.FINAL:
        # the reviews the result was settled from: submitted no later than it (a later calibration review is not)
        before = [r.reviewer for r in rows if r.status == ReviewState.SUBMITTED
                  and (r.submitted_at is None or row.submitted_at is None or r.submitted_at <= row.submitted_at)]
        if not before:  # one reviewer's review confirmed as final
            return _Pick(row, (row.reviewer,), "", state_label(row.status))
        return _Pick(row, tuple(dict.fromkeys(before)), row.reviewer, f"{state_label(row.status)}（合议）")
    others = [r for r in rows if r.review_id != row.review_id and r.status == ReviewState.SUBMITTED]
    status = state_label(row.status)
    if not any(r.status == ReviewState.FINAL for r in rows) and others:
        status += f"（未定稿：另有 {len(others)} 份评查待合议，本表仅为 {row.reviewer} 的评查结果）"
    elif any(r.status == ReviewState.FINAL for r in rows):
        status += f"（本表为 {row.reviewer} 的评查结果，非定稿结果）"
    return _Pick(row, (row.reviewer,), "", status)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _officers(fields: dict[str, Any]) -> tuple[str, ...]:
    out = []
    for o in fields.get("officers") or []:
        if isinstance(o, dict) and o.get("name"):
            out.append(f"{o['name']}（{o['cert_no']}）" if o.get("cert_no") else str(o["name"]))
    return tuple(out)


def _amounts(fields: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    out = []
    for key, label in (("fine_amount", "罚款"), ("confiscation_amount", "没收违法所得")):
        value = fields.get(key)
        if isinstance(value, int | float) and value > 0:
            out.append((label, float(value)))
    return tuple(out)


def _pages(evidence: Iterable[Any]) -> tuple[int, ...]:
    return tuple(sorted({int(e["page"]) for e in evidence if isinstance(e, dict) and "page" in e}))


def _findings(session: Session, dossier_id: int) -> tuple[SheetFinding, ...]:
    return tuple(SheetFinding(f.rule, f.status, f.message, f.legal_basis, _pages(f.evidence))
                 for f in session.scalars(select(FindingRow).where(
                     FindingRow.dossier_id == dossier_id, FindingRow.status.in_(("fail", "unknown")))
                     .order_by(FindingRow.seq)))


def _objections(ctx: Context, dossier_ids: Sequence[int]) -> dict[int, list[SheetObjection]]:
    out: dict[int, list[SheetObjection]] = defaultdict(list)
    for o in list_objections(ctx.store, ctx.campaign.id, dossier_ids=dossier_ids):
        out[o.dossier_id].append(SheetObjection(
            o.item_title, o.raised_by, o.raised_on, o.reason, tuple((f.file_name, f.sha256) for f in o.files),
            o.status_label, o.answer, o.deducted_before, o.deducted_after, o.answered_by))
    return out


def _sheet(ctx: Context, d: Dossier, unit: str, pick: _Pick, review: ReviewDTO,
           findings: tuple[SheetFinding, ...], objections: Sequence[SheetObjection]) -> CaseSheet:
    sections = {s.id: s.title for s in ctx.rubric.sections} if ctx.rubric else {}
    fields = (d.extraction or {}).get("fields", {}) if isinstance(d.extraction, dict) else {}
    items = tuple(SheetItem(i.item, "否决项" if i.veto_item else i.category or sections.get(i.item, ""),
                            i.title, i.points, i.deducted, i.reason, i.pages, i.veto_item, i.veto)
                  for i in review.items)
    version = review.rubric_version + (f"；现行版本 {review.rubric_current}，得分按评分时的版本计算"
                                       if review.rubric_outdated else "")
    at = pick.row.submitted_at
    return CaseSheet(
        campaign=ctx.campaign.name, dossier_id=d.id, file_name=d.file_name, sha256=d.sha256, agency=unit,
        case_kind=d.case_kind, case_number=d.case_number or "", case_title=fields.get("case_title") or "",
        party_name=d.party_name or fields.get("party_name") or "", rubric_title=ctx.campaign.rubric_title,
        rubric_version=version, items=items, findings=findings, total=review.total, max_points=review.max,
        grade=review.grade, veto=review.veto, reviewers=pick.signers, review_date=at.date() if at else None,
        status=pick.status, filed=_date(fields.get("filing_date")), closed=_date(fields.get("closing_date")),
        officers=_officers(fields), outcome="、".join(str(x) for x in fields.get("penalty_types") or []),
        amounts=_amounts(fields), comment=pick.row.note, unreviewable=pick.row.unreviewable, signers=pick.signers,
        finaliser=pick.finaliser, objections=tuple(objections),
    )


def build_casesheets(ctx: Context, *, dossier_ids: Sequence[int] | None = None,
                     reviewer: str | None = None) -> list[CaseSheet]:
    """One sheet per dossier with a submitted or final review (with ``reviewer``: per dossier that reviewer
    submitted), in unit, case number order."""
    with ctx.store.session() as session:
        picks = {d: p for d, rows in _rows(session, ctx.campaign.id, dossier_ids).items()
                 if (p := _pick(rows, reviewer)) is not None}
        dtos = reviews_in(session, [p.row.review_id for p in picks.values()])
        paths = unit_paths(session)
        dossiers = {d.id: d for d in session.scalars(select(Dossier).where(Dossier.id.in_(list(picks))))}
        found = {d: _findings(session, d) for d in picks}
        objections = _objections(ctx, list(picks))
        sheets = [_sheet(ctx, dossiers[d], path_of(paths, dossiers[d].agency_id), p, dtos[p.row.review_id], found[d],
                         objections.get(d, ())) for d, p in picks.items()]
    sheets.sort(key=lambda s: (s.agency, s.case_number, s.dossier_id))
    return sheets


__all__ = ["build_casesheets"]
