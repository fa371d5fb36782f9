"""Sampling and assignment: stratified, reproducible draws; reviewers never see their own agency (回避).

The pure core (:func:`draw_sample`, :func:`assign`) works on plain data. A draw is fully determined
by the candidate set and the seed, so showing and logging the seed lets anyone replay it.
"""

from __future__ import annotations

import dataclasses
import math
import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import Changes, UserDTO
from app.services.units import path_of, unit_paths
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Assignment as AssignmentRow
from app.store.models import Dossier as DossierRow
from app.store.models import User as UserRow
from app.vocab import units

BLIND_AGENCY = "（盲评隐藏）"


class SamplingError(KnownError):
    """A draw or an assignment that cannot be made as asked."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.USAGE, message)


@dataclass(frozen=True, slots=True)
class Candidate:
    dossier_id: int
    agency: str
    kind: str = "penalty"
    file_name: str = ""


@dataclass(frozen=True, slots=True)
class Reviewer:
    name: str
    agency: str | None = None  # the reviewer's own unit; None = no unit (e.g. 律师, 司法局 staff)


@dataclass(frozen=True, slots=True)
class Assignment:
    dossier_id: int
    reviewers: tuple[str, ...]


def new_seed() -> int:
    """A fresh seed to show the user (six digits, easy to read out and type back)."""
    return 100000 + secrets.randbelow(900000)


def _quota(n: int, *, count: int | None, percent: float | None) -> int:
    if count is not None:
        return min(n, count)
    assert percent is not None
    return min(n, max(1, math.ceil(n * percent / 100 - 1e-9))) if n else 0


def _split_by_kind(kinds: dict[str, list[Candidate]], quota: int) -> dict[str, int]:
    """Largest-remainder allocation of ``quota`` over the kinds, proportional to their sizes."""
    total = sum(len(v) for v in kinds.values())
    exact = {k: quota * len(v) / total for k, v in kinds.items()}
    alloc = {k: math.floor(x) for k, x in exact.items()}
    left = quota - sum(alloc.values())
    for k in sorted(kinds, key=lambda k: (-(exact[k] - alloc[k]), k))[:left]:
        alloc[k] += 1
    return alloc


def draw_sample(
    candidates: Sequence[Candidate], *, seed: int, count: int | None = None, percent: float | None = None
) -> list[Candidate]:
    """Draw ``count`` files or ``percent`` % per agency, stratified by case kind inside each agency."""
    if (count is None) == (percent is None):
        raise SamplingError("抽样须指定每单位抽取件数或比例（二者取一）")
    if (count is not None and count < 1) or (percent is not None and not 0 < percent <= 100):
        raise SamplingError("抽样件数须为正整数，比例须在 0 到 100 之间")
    rng = random.Random(seed)
    strata: dict[str, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for c in sorted(candidates, key=lambda c: (c.agency, c.kind, c.dossier_id)):
        strata[c.agency][c.kind].append(c)
    drawn: list[Candidate] = []
    for agency in sorted(strata):
        kinds = strata[agency]
        quota = _quota(sum(len(v) for v in kinds.values()), count=count, percent=percent)
        for kind, k in sorted(_split_by_kind(kinds, quota).items()):
            drawn.extend(rng.sample(kinds[kind], k))
    return sorted(drawn, key=lambda c: c.dossier_id)


def assign(
    drawn: Sequence[Candidate], reviewers: Sequence[Reviewer], *, seed: int, per_file: int = 1
) -> list[Assignment]:
    """Give each file ``per_file`` reviewers from other agencies, balancing the load; the result depends on the
    seed and the set of reviewers, not on the order they were named in."""
    if per_file not in (1, 2):
        raise SamplingError("每卷评查人数只能为 1 或 2")
    if len({r.name for r in reviewers}) != len(reviewers):
        raise SamplingError("评查人员名单有重复")
    rng = random.Random(seed + 1)
    order = sorted(reviewers, key=lambda r: r.name)  # the same seed assigns the same way however they were listed
    rng.shuffle(order)
    load = dict.fromkeys((r.name for r in order), 0)
    out = []
    for c in drawn:
        eligible = [r for r in order if not conflicted(r.agency, c.agency)]
        if len(eligible) < per_file:
            raise SamplingError(
                f"案卷 {c.file_name or c.dossier_id}（{c.agency}）可回避的评查人员不足 {per_file} 人"
            )
        chosen = sorted(eligible, key=lambda r: load[r.name])[:per_file]
        for r in chosen:
            load[r.name] += 1
        out.append(Assignment(c.dossier_id, tuple(sorted(r.name for r in chosen))))
    return out


def conflicted(reviewer_unit: str | None, file_unit: str) -> bool:
    """回避: a reviewer may not review files of their own unit, of a unit under it, or of the unit above
    it (units are paths "师市/部门"; two 市场监督管理局 under different 师市 are different units)."""
    return reviewer_unit is not None and units.related(reviewer_unit, file_unit)


def display_agency(agency: str, *, blind: bool) -> str:
    """What a reviewer sees in the agency column: nothing identifying in blind mode."""
    return BLIND_AGENCY if blind else agency


def display_name(name: str, *, blind: bool) -> str:
    """Officer names hidden in blind mode (执法人员甲/乙 are assigned by the caller's order)."""
    return "（盲评隐藏）" if blind else name


# --- the use case: preview a draw, save it (the seed and the whole draw go to the audit log) -------------


@dataclass(frozen=True, slots=True)
class DrawRequest:
    campaign_id: int
    reviewers: tuple[str, ...]
    seed: int
    count: int | None = None
    percent: float | None = None
    per_file: int = 1
    blind: bool = False


@dataclass(frozen=True, slots=True)
class Draw:
    """A draw and its assignment; ``saved`` once written. A preview computes exactly what saving writes."""

    request: DrawRequest
    candidates: tuple[Candidate, ...]
    drawn: tuple[Candidate, ...]
    assignments: tuple[Assignment, ...]
    problem: str = ""  # why there is no assignment (no reviewer chosen, 回避 impossible)
    existing: int = 0  # assignments the campaign had before
    saved: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def seed(self) -> int:
        return self.request.seed


def candidates_of(session: Session, campaign_id: int) -> list[Candidate]:
    """Every file of the campaign as a draw candidate, its unit as a path (strata and 回避 use it)."""
    paths = unit_paths(session)
    stmt = (select(DossierRow.id, DossierRow.agency_id, DossierRow.case_kind, DossierRow.file_name)
            .where(DossierRow.campaign_id == campaign_id))
    return [Candidate(int(i), path_of(paths, a), k or "other", f) for i, a, k, f in session.execute(stmt)]


def reviewers_named(session: Session, names: Sequence[str]) -> tuple[list[Reviewer], dict[str, int]]:
    """The named users with their unit paths, and their ids; an unknown name is a SamplingError."""
    paths = unit_paths(session)
    rows = session.execute(select(UserRow.id, UserRow.name, UserRow.agency_id)
                           .where(UserRow.name.in_(list(names)))).all()
    found = {n: (int(i), paths.get(a) if a is not None else None) for i, n, a in rows}
    missing = [n for n in names if n not in found]
    if missing:
        raise SamplingError(f"评查人员不存在：{'、'.join(missing)}（请先在用户管理中添加）")
    return [Reviewer(n, found[n][1]) for n in names], {n: found[n][0] for n in names}


def _draw(session: Session, req: DrawRequest) -> tuple[Draw, dict[str, int]]:
    candidates = candidates_of(session, req.campaign_id)
    people, ids = reviewers_named(session, req.reviewers)
    existing = int(session.scalar(select(func.count(AssignmentRow.id))
                                  .where(AssignmentRow.campaign_id == req.campaign_id)) or 0)
    drawn = draw_sample(candidates, seed=req.seed, count=req.count, percent=req.percent)
    problem, assignments = "", []
    if not people:
        problem = "未选择评查人员"
    else:
        try:
            assignments = assign(drawn, people, seed=req.seed, per_file=req.per_file)
        except SamplingError as exc:
            problem = exc.message
    return Draw(req, tuple(candidates), tuple(drawn), tuple(assignments), problem, existing), ids


def preview_draw(store: Store, req: DrawRequest, *, user: UserDTO) -> Draw:
    """What saving would write, written nowhere (``sample --dry-run``, the dialog's 预览)."""
    require_role(user, "supervisor", "admin", action="抽样分配")
    with store.session() as session:
        return _draw(session, req)[0]


def save_draw(store: Store, req: DrawRequest, *, user: UserDTO) -> Draw:
    """Draw, assign and save in one transaction; existing assignments stay; the audit event keeps the seed,
    the settings and the whole draw so anyone can replay it."""
    require_role(user, "supervisor", "admin", action="抽样分配")
    with store.write() as session:
        draw, ids = _draw(session, req)
        if draw.problem:
            raise SamplingError(draw.problem)
        have = {(int(d), int(r)) for d, r in session.execute(select(AssignmentRow.dossier_id, AssignmentRow.reviewer_id)
                                                             .where(AssignmentRow.campaign_id == req.campaign_id))}
        for a in draw.assignments:
            for slot, name in enumerate(a.reviewers, start=1):
                if (a.dossier_id, ids[name]) not in have:
                    session.add(AssignmentRow(campaign_id=req.campaign_id, dossier_id=a.dossier_id,
                                              reviewer_id=ids[name], slot=slot, blind=req.blind, seed=str(req.seed),
                                              created_by=user.id))
        record_event(session, user=user.name, action="sample.draw", entity="campaign", entity_id=req.campaign_id,
                     after={"seed": req.seed, "count": req.count, "percent": req.percent, "per_file": req.per_file,
                            "blind": req.blind, "reviewers": list(req.reviewers),
                            "drawn": [c.dossier_id for c in draw.drawn],
                            "assignments": {str(a.dossier_id): list(a.reviewers) for a in draw.assignments}})
    changes = Changes(dossiers=frozenset(c.dossier_id for c in draw.drawn), assignments=frozenset({req.campaign_id}))
    return dataclasses.replace(draw, saved=True, changes=changes)


# --- a reviewer's assignments --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MyWork:
    """The dossiers assigned to a user in a campaign, those reviewed blind, and whether anyone has work."""

    assigned: frozenset[int] = frozenset()
    blind: frozenset[int] = frozenset()
    any_assigned: bool = False
    role: str = ""


def my_work(store: Store, campaign_id: int, *, user: UserDTO) -> MyWork:
    """One query for the whole case list (``is_blind`` per row would be one query per dossier)."""
    with store.session() as session:
        rows = session.execute(select(AssignmentRow.dossier_id, AssignmentRow.reviewer_id, AssignmentRow.blind)
                               .where(AssignmentRow.campaign_id == campaign_id)).all()
    mine = [(int(d), bool(b)) for d, r, b in rows if int(r) == int(user.id)]
    return MyWork(frozenset(d for d, _ in mine), frozenset(d for d, b in mine if b), bool(rows), user.role)


def is_blind(store: Store, dossier_id: int, reviewer_id: int) -> bool:
    """Whether this reviewer reviews this dossier blind (the UI then hides agency and officer names)."""
    with store.session() as session:
        flag = session.execute(select(AssignmentRow.blind).where(
            AssignmentRow.dossier_id == dossier_id, AssignmentRow.reviewer_id == reviewer_id)).scalar()
        return bool(flag)
