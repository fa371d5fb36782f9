"""Sampling and assignment: stratified, reproducible draws; reviewers never see their own agency (回避).

The pure core (:func:`draw_sample`, :func:`assign`) works on plain data. A draw is fully determined
by the candidate set and the seed, so showing and logging the seed lets anyone replay it.
"""

from __future__ import annotations

import math
import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import UserDTO
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Agency as AgencyRow
from app.store.models import Assignment as AssignmentRow
from app.store.models import Dossier as DossierRow
from app.store.models import User as UserRow

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
    """Give each file ``per_file`` reviewers from other agencies, balancing the load."""
    if per_file not in (1, 2):
        raise SamplingError("每卷评查人数只能为 1 或 2")
    if len({r.name for r in reviewers}) != len(reviewers):
        raise SamplingError("评查人员名单有重复")
    rng = random.Random(seed + 1)
    order = list(reviewers)
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
    if reviewer_unit is None:
        return False
    mine, theirs = reviewer_unit.split("/"), file_unit.split("/")
    n = min(len(mine), len(theirs))
    return mine[:n] == theirs[:n]


def display_agency(agency: str, *, blind: bool) -> str:
    """What a reviewer sees in the agency column: nothing identifying in blind mode."""
    return BLIND_AGENCY if blind else agency


def display_name(name: str, *, blind: bool) -> str:
    """Officer names hidden in blind mode (执法人员甲/乙 are assigned by the caller's order)."""
    return "（盲评隐藏）" if blind else name


# --- the service: draw from a campaign, persist assignments, log the seed -------------------------


@dataclass(frozen=True, slots=True)
class SampleResult:
    seed: int
    drawn: tuple[int, ...]  # dossier ids
    assignments: tuple[Assignment, ...]
    blind: bool


def _unit_paths(session: Session) -> dict[int, str]:
    """Every unit's full path ("第一师/市场监督管理局"): the identity used for strata and for 回避."""
    rows = {int(i): (n, p) for i, n, p in session.execute(select(AgencyRow.id, AgencyRow.name, AgencyRow.parent_id))}

    def path(agency_id: int, seen: frozenset[int] = frozenset()) -> str:
        name, parent = rows[agency_id]
        if parent is None or parent not in rows or parent in seen:
            return str(name)
        return f"{path(parent, seen | {agency_id})}/{name}"

    return {i: path(i) for i in rows}


def candidates_of(session: Session, campaign_id: int) -> list[Candidate]:
    """Every file of the campaign as a draw candidate (a preview uses exactly what a draw uses)."""
    paths = _unit_paths(session)
    stmt = (select(DossierRow.id, DossierRow.agency_id, DossierRow.case_kind, DossierRow.file_name)
            .where(DossierRow.campaign_id == campaign_id))
    return [Candidate(int(i), paths.get(a, "（未指定单位）") if a is not None else "（未指定单位）", k or "other", f)
            for i, a, k, f in session.execute(stmt)]


def reviewers_named(session: Session, names: Sequence[str]) -> tuple[list[Reviewer], dict[str, int]]:
    """The named users with their unit paths, and their ids; an unknown name is a SamplingError."""
    paths = _unit_paths(session)
    rows = session.execute(select(UserRow.id, UserRow.name, UserRow.agency_id)
                           .where(UserRow.name.in_(list(names)))).all()
    found = {n: (int(i), paths.get(a) if a is not None else None) for i, n, a in rows}
    missing = [n for n in names if n not in found]
    if missing:
        raise SamplingError(f"评查人员不存在：{'、'.join(missing)}（请先在用户管理中添加）")
    return [Reviewer(n, found[n][1]) for n in names], {n: found[n][0] for n in names}


def sample_and_assign(
    store: Store, campaign_id: int, *, reviewers: Sequence[str], user: UserDTO, count: int | None = None,
    percent: float | None = None, seed: int | None = None, per_file: int = 1, blind: bool = False,
) -> SampleResult:
    """Draw, assign and save in one transaction; the seed and the whole draw go to the audit log."""
    require_role(user, "supervisor", "admin", action="抽样分配")
    used = new_seed() if seed is None else seed
    with store.write() as session:
        drawn = draw_sample(candidates_of(session, campaign_id), seed=used, count=count, percent=percent)
        people, ids = reviewers_named(session, reviewers)
        result = assign(drawn, people, seed=used, per_file=per_file)
        existing = {(int(d), int(r)) for d, r in session.execute(
            select(AssignmentRow.dossier_id, AssignmentRow.reviewer_id).where(AssignmentRow.campaign_id == campaign_id))}
        for a in result:
            for slot, name in enumerate(a.reviewers, start=1):
                if (a.dossier_id, ids[name]) not in existing:
                    session.add(AssignmentRow(campaign_id=campaign_id, dossier_id=a.dossier_id, reviewer_id=ids[name],
                                              slot=slot, blind=blind, seed=str(used), created_by=user.id))
        record_event(session, user=user.name, action="sample.draw", entity="campaign", entity_id=campaign_id,
                     after={"seed": used, "count": count, "percent": percent, "per_file": per_file, "blind": blind,
                            "reviewers": list(reviewers), "drawn": [c.dossier_id for c in drawn],
                            "assignments": {str(a.dossier_id): list(a.reviewers) for a in result}})
    return SampleResult(used, tuple(c.dossier_id for c in drawn), tuple(result), blind)


def is_blind(store: Store, dossier_id: int, reviewer_id: int) -> bool:
    """Whether this reviewer reviews this dossier blind (the UI then hides agency and officer names)."""
    with store.session() as session:
        flag = session.execute(select(AssignmentRow.blind).where(
            AssignmentRow.dossier_id == dossier_id, AssignmentRow.reviewer_id == reviewer_id)).scalar()
        return bool(flag)
