"""Report data from the store (what ``app.reports`` renders): every figure comes from the same SQL aggregates
and ledger rows as the dashboard; units are named by their paths."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select

from app.reports import charts
from app.reports.masking import Masker
from app.reports.model import (
    AgencyOpinion,
    AgencyScore,
    Chart,
    Circular,
    CommonProblem,
    DocSettings,
    FileResult,
    GradeCount,
    Ledger,
    OpinionFile,
    Opinions,
    Problem,
    ProblemList,
    Rectification,
    SheetFinding,
)
from app.reports.persons import dossier_persons, plausible_name
from app.services.campaigns import campaign_rubric, get_campaign
from app.services.doc_settings import read_doc_settings
from app.services.dto import CampaignDTO
from app.services.ledger import item_legal_basis, list_problems
from app.services.review_read import get_review
from app.services.score_sheet_data import build_casesheets
from app.stats import CampaignStats, Filters, campaign_stats, effective_reviews
from app.store.engine import Store
from app.store.models import Agency, Dossier, FindingRow, Review, User
from app.store.units import path_of, unit_paths
from app.vocab.states import COUNTED, ReviewState
from scoring.rubric import Rubric

DEFAULT_ISSUER = "行政执法案卷评查工作领导小组办公室"


@dataclass(frozen=True, slots=True)
class Context:
    store: Store
    campaign: CampaignDTO
    rubric: Rubric | None
    issuer: str
    issued: dt.date
    deadline: dt.date | None  # only where the ledger holds none (the ledger's deadlines come first)
    settings: DocSettings = field(default_factory=DocSettings)


def context(store: Store, campaign: str | int, *, issuer: str = "", issued: dt.date | None = None,
            deadline: dt.date | None = None) -> Context:
    """``issuer`` (given on the command line) overrides the campaign's 发文机关 for this report."""
    c = get_campaign(store, campaign)
    day = issued or dt.date.today()
    settings = read_doc_settings(store, c.id)
    if issuer.strip() and issuer.strip() != DEFAULT_ISSUER:
        settings = replace(settings, organ=issuer.strip())
    return Context(store, c, campaign_rubric(store, c), settings.organ, day, deadline, settings)


def people(ctx: Context) -> tuple[dict[int, set[str]], list[str]]:
    """Per dossier, the natural persons it names (officers, a party who is a person, labelled mentions in
    its findings); and the parties that are organisations (kept: their names are public)."""
    texts: dict[int, list[str]] = defaultdict(list)
    persons: dict[int, set[str]] = {}
    organisations: set[str] = set()
    with ctx.store.session() as session:
        ids = select(Dossier.id).where(Dossier.campaign_id == ctx.campaign.id)
        for dossier_id, message, evidence in session.execute(
                select(FindingRow.dossier_id, FindingRow.message, FindingRow.evidence)
                .where(FindingRow.dossier_id.in_(ids))):
            texts[dossier_id].append(message or "")
            texts[dossier_id].extend(str(e.get("text", "")) for e in evidence or [] if isinstance(e, dict))
        for dossier_id, extraction, party in session.execute(
            select(Dossier.id, Dossier.extraction, Dossier.party_name).where(Dossier.campaign_id == ctx.campaign.id)
        ):
            fields = (extraction or {}).get("fields", {}) if isinstance(extraction, dict) else {}
            persons[dossier_id] = dossier_persons(fields, texts.get(dossier_id, ()))
            name = (party or fields.get("party_name") or "").strip()
            if name and fields.get("party_type") != "person" and not plausible_name(name):
                organisations.add(name)
    return persons, sorted(organisations)


def masker(ctx: Context, *, enabled: bool) -> Masker:
    if not enabled:
        return Masker(enabled=False)
    persons, keep = people(ctx)
    return Masker(enabled=True, keep=keep, persons=persons)


def _pages(evidence: Iterable[Any]) -> tuple[int, ...]:
    return tuple(sorted({int(e["page"]) for e in evidence if isinstance(e, dict) and "page" in e}))


def _sheet_rows(ctx: Context, dossier_ids: Sequence[int] | None) -> list[tuple[Any, ...]]:
    eff = effective_reviews(ctx.campaign.id, Filters())
    stmt = select(Dossier, eff.c.review_id).join(eff, eff.c.dossier_id == Dossier.id)
    if dossier_ids is not None:
        stmt = stmt.where(Dossier.id.in_(list(dossier_ids)))
    with ctx.store.session() as session:
        paths = unit_paths(session)
        out = []
        for d, review_id in session.execute(stmt):
            names = session.execute(
                select(User.name, Review.submitted_at)
                .join(Review, Review.reviewer_id == User.id)
                .where(Review.dossier_id == d.id, Review.status.in_(COUNTED))
                .order_by(Review.id)
            ).all()
            findings = [
                SheetFinding(f.rule, f.status, f.message, f.legal_basis, _pages(f.evidence))
                for f in session.scalars(
                    select(FindingRow)
                    .where(FindingRow.dossier_id == d.id, FindingRow.status.in_(("fail", "unknown")))
                    .order_by(FindingRow.seq)
                )
            ]
            out.append((d, int(review_id), path_of(paths, d.agency_id), names, findings))
    out.sort(key=lambda r: (r[2], r[0].case_number or "", r[0].id))
    return out


def build_ledger(ctx: Context) -> Ledger:
    return Ledger(
        ctx.campaign.name,
        ctx.issued,
        tuple(list_problems(ctx.store, ctx.campaign.id, today=ctx.issued, rubric=ctx.rubric)),
    )


def _common(
    ctx: Context, problems: Sequence[Problem], reviewed: int, *, limit: int | None = None
) -> tuple[CommonProblem, ...]:
    by_item: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_item[p.item_id].append(p)
    basis = item_legal_basis(ctx.rubric)
    rows = []
    for item, ps in by_item.items():
        files = len({p.dossier_id for p in ps})
        agencies = tuple(sorted({p.unit_path for p in ps}))
        ex = ps[0]
        example = f"{ex.unit_path}（{ex.case_number or ex.file_name}）：{ex.description}"
        rows.append(
            CommonProblem(
                item,
                ex.item_title,
                basis.get(item, ""),
                files,
                round(100.0 * files / reviewed, 2) if reviewed else 0.0,
                agencies,
                example,
                ex.category,
                ex.dossier_id,
                *_rectification(ps),
            )
        )
    rows.sort(key=lambda r: (-r.files, r.item_id))
    return tuple(rows[:limit] if limit else rows)


def _rectification(ps: Sequence[Problem]) -> tuple[str, tuple[str, ...], dt.date | None]:
    """整改措施 (distinct, as the ledger holds them), 责任单位 (the ledger's, else the units reviewed) and 时限
    (the latest deadline of its rows still open, else of all its rows) of one item's ledger rows."""
    measures = "；".join(dict.fromkeys(p.measure for p in ps if p.measure))
    responsible = tuple(sorted({p.responsible_unit or p.unit_path for p in ps}))
    open_rows = [
        p.deadline
        for p in ps
        if p.deadline and p.status in (Rectification.PENDING, Rectification.IN_PROGRESS, Rectification.OVERDUE)
    ]
    deadlines = open_rows or [p.deadline for p in ps if p.deadline]
    return measures, responsible, max(deadlines) if deadlines else None


def build_problem_list(ctx: Context) -> ProblemList:
    stats = campaign_stats(ctx.store, ctx.campaign.id, name=ctx.campaign.name, rubric=ctx.rubric)
    problems = list_problems(ctx.store, ctx.campaign.id, today=ctx.issued, rubric=ctx.rubric)
    return ProblemList(ctx.campaign.name, ctx.issued, _common(ctx, problems, stats.reviewed))


def _charts(stats: CampaignStats) -> tuple[Chart, ...]:
    grades = charts.bar_chart(
        "案卷评查等次分布（件）", [g.grade for g in stats.grades], [g.count for g in stats.grades]
    )
    top = stats.agencies[:12]
    agencies = charts.bar_chart(
        "各单位案卷平均得分（分）", [a.agency for a in top], [a.average for a in top], y_max=100
    )
    return (
        Chart("grades.png", "图1 案卷评查等次分布", grades),
        Chart("agencies.png", "图2 各单位案卷平均得分", agencies),
    )


def build_circular(ctx: Context, *, with_charts: bool = True) -> Circular:
    stats = campaign_stats(ctx.store, ctx.campaign.id, name=ctx.campaign.name, rubric=ctx.rubric)
    problems = list_problems(ctx.store, ctx.campaign.id, today=ctx.issued, rubric=ctx.rubric)
    agencies = tuple(
        AgencyScore(a.agency, a.parent, a.files, a.average, a.lowest, a.highest, a.excellent, a.failed)
        for a in stats.agencies
    )
    files = _file_results(ctx)
    deadlines = open_deadlines(problems)
    kinds: dict[str, int] = defaultdict(int)
    for f in files:
        kinds[f.kind] += 1
    return Circular(
        campaign=ctx.campaign.name,
        year=ctx.campaign.year,
        issuer=ctx.issuer,
        issued=ctx.issued,
        reviewed=stats.reviewed,
        grades=tuple(GradeCount(g.grade, g.count, g.share) for g in stats.grades),
        average=stats.average,
        agencies=agencies,
        problems=_common(ctx, problems, stats.reviewed, limit=10),
        charts=_charts(stats) if with_charts and stats.reviewed else (),
        deadline=max(deadlines) if deadlines else ctx.deadline,
        settings=ctx.settings,
        dossiers=stats.progress.dossiers,
        final=stats.progress.final,
        by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        silent_units=_silent_units(ctx),
        files=files,
        deadlines=deadlines,
        double_reviewed=_double_reviewed(ctx),
    )


def _double_reviewed(ctx: Context) -> int:
    """Files two or more reviewers scored (their own reviews submitted or finalised, the final one aside)."""
    per = (
        select(Review.dossier_id)
        .join(Dossier, Dossier.id == Review.dossier_id)
        .where(Dossier.campaign_id == ctx.campaign.id, Review.status == ReviewState.SUBMITTED)
        .group_by(Review.dossier_id)
        .having(func.count(Review.id) >= 2)
        .subquery()
    )
    with ctx.store.session() as session:
        return int(session.execute(select(func.count()).select_from(per)).scalar_one())


def open_deadlines(problems: Sequence[Problem]) -> tuple[dt.date, ...]:
    """The distinct deadlines the ledger holds for rows not yet done (the supervisor's deadlines)."""
    return tuple(sorted({p.deadline for p in problems if p.deadline is not None and p.status != "已整改"}))


def _file_results(ctx: Context) -> tuple[FileResult, ...]:
    """Every reviewed file with its effective review (final first), state and veto reasons."""
    eff = effective_reviews(ctx.campaign.id, Filters())
    stmt = (
        select(
            Dossier.id,
            Dossier.agency_id,
            Dossier.case_number,
            Dossier.file_name,
            Dossier.case_kind,
            Review.id,
            Review.total,
            Review.grade,
            Review.status,
            Review.veto,
        )
        .join(eff, eff.c.dossier_id == Dossier.id)
        .join(Review, Review.id == eff.c.review_id)
    )
    with ctx.store.session() as session:
        paths = unit_paths(session)
        rows = session.execute(stmt).all()
    out = []
    for _did, agency_id, case_number, file_name, kind, review_id, total, grade, status, veto in rows:
        reasons: tuple[str, ...] = ()
        if veto:
            reasons = tuple(i.title for i in get_review(ctx.store, int(review_id)).items if i.veto)
        out.append(
            FileResult(
                path_of(paths, agency_id),
                case_number or "",
                file_name,
                kind,
                float(total),
                str(grade),
                status == ReviewState.FINAL,
                reasons,
            )
        )
    out.sort(key=lambda f: (f.unit, f.case_number, f.file_name))
    return tuple(out)


def _silent_units(ctx: Context) -> tuple[str, ...]:
    """Units of the unit list (its leaves) with no file in this campaign: they submitted nothing."""
    with ctx.store.session() as session:
        paths = unit_paths(session)
        parents = {p for p in session.scalars(select(Agency.parent_id)) if p is not None}
        with_files = set(session.scalars(select(Dossier.agency_id).where(Dossier.campaign_id == ctx.campaign.id)))
    leaves = [i for i in paths if i not in parents and i not in with_files]
    return tuple(sorted(paths[i] for i in leaves))


def build_opinions(ctx: Context, *, serial_prefix: str = "") -> Opinions:
    """One 意见书 per unit (by path) with its files and ledger rows; its deadline is the earliest open
    ledger deadline of the unit (each row's own deadline is printed beside it)."""
    prefix = serial_prefix or ctx.settings.opinion_prefix
    sheets = _sheet_rows(ctx, None)
    problems = list_problems(ctx.store, ctx.campaign.id, today=ctx.issued, rubric=ctx.rubric)
    files: dict[str, list[OpinionFile]] = defaultdict(list)
    with ctx.store.session() as session:
        for d, review_id, unit, _names, _findings in sheets:
            total, grade, status = session.execute(
                select(Review.total, Review.grade, Review.status).where(Review.id == review_id)
            ).one()
            files[unit].append(
                OpinionFile(d.case_number or "", d.file_name, float(total), str(grade), status == ReviewState.FINAL)
            )
    by_agency: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_agency[p.unit_path].append(p)
    out = Opinions([], campaign=ctx.campaign.name, settings=ctx.settings, issued=ctx.issued)
    for n, agency in enumerate(sorted(files), start=1):
        own = open_deadlines(by_agency.get(agency, ()))
        out.append(
            AgencyOpinion(
                campaign=ctx.campaign.name,
                agency=agency,
                issuer=ctx.issuer,
                serial=f"{prefix}〔{ctx.issued.year}〕{n}号",
                issued=ctx.issued,
                deadline=min(own) if own else ctx.deadline,
                files=tuple(files[agency]),
                problems=tuple(by_agency.get(agency, ())),
                settings=ctx.settings,
            )
        )
    return out


__all__ = [
    "DEFAULT_ISSUER",
    "Context",
    "build_casesheets",
    "build_circular",
    "build_ledger",
    "build_opinions",
    "build_problem_list",
    "context",
    "masker",
    "open_deadlines",
]
