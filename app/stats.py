"""Campaign statistics, aggregated in SQL (SQLite and PostgreSQL): grades, averages by agency and 师市,
Pareto of problems by rubric item and by rule, acceptance of automatic findings, progress.

The *effective* review of a dossier is its final (已定稿) review if there is one, else its latest
submitted review; drafts never count. Problems per item come from the ledger table (``correction``),
which `app.services.ledger.sync_ledger` fills from effective reviews.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    distinct,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from app.store.engine import Store
from app.store.models import (
    Agency,
    Assignment,
    AuditEvent,
    Correction,
    Dossier,
    FindingRow,
    ItemScoreRow,
    Review,
    User,
)
from app.store.started import review_started
from app.store.units import path_of, unit_paths
from app.vocab import grades as G
from app.vocab import units
from app.vocab.states import COUNTED, ReviewState
from scoring.rubric import Rubric


@dataclass(frozen=True, slots=True)
class Filters:
    agency: str | None = None  # a unit's path or unique name; a 师市 covers the units under it
    kind: str | None = None
    reviewer: str | None = None


@dataclass(frozen=True, slots=True)
class GradeRow:
    grade: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: str  # the unit's path "师市/部门" (a 师市 row: the 师市)
    parent: str  # the 师市 above it ("" for a 师市 row or a top-level unit)
    files: int
    average: float
    lowest: float
    highest: float
    excellent: int
    failed: int


@dataclass(frozen=True, slots=True)
class ParetoRow:
    key: str
    title: str
    files: int
    occurrences: int
    deducted: float
    share: float  # of all occurrences, 0..100
    cumulative: float


@dataclass(frozen=True, slots=True)
class AcceptanceRow:
    rule: str
    findings: int
    accepted: int
    overridden: int  # the reviewer changed the automatic deduction
    rejected: int  # the reviewer set it to 0
    precision: float | None  # accepted / findings


@dataclass(frozen=True, slots=True)
class Progress:
    dossiers: int
    assigned: int
    not_started: int
    in_progress: int
    submitted: int
    final: int


@dataclass(frozen=True, slots=True)
class CampaignStats:
    campaign: str
    reviewed: int
    average: float
    grades: tuple[GradeRow, ...]
    agencies: tuple[AgencyRow, ...]
    parents: tuple[AgencyRow, ...]
    by_item: tuple[ParetoRow, ...]
    by_rule: tuple[ParetoRow, ...]
    acceptance: tuple[AcceptanceRow, ...]
    progress: Progress
    filters: Filters = field(default_factory=Filters)
    campaign_id: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _agency_ids(text: str) -> Any:
    """The units a filter covers: the unit named by its path (or by its name, every unit of that name),
    and the units under it when it is a 师市. (An IN over this small set; an OR across two outer joins made
    PostgreSQL scan every review: ~0.45 s.)"""
    parts = units.parts(text)
    if len(parts) > 1:
        parent = aliased(Agency)
        named = (select(Agency.id).join(parent, parent.id == Agency.parent_id)
                 .where(Agency.name == parts[-1], parent.name == parts[-2]))
    else:
        named = select(Agency.id).where(Agency.name == (parts[0] if parts else text))
    return select(Agency.id).where(or_(Agency.id.in_(named), Agency.parent_id.in_(named)))


def effective_reviews(campaign_id: int, filters: Filters = Filters()) -> Any:
    """Subquery: one row per reviewed dossier (review_id, dossier_id, total, grade, agency_id)."""
    rank = case((Review.status == ReviewState.FINAL, 2), else_=1)
    ranked = (
        select(
            Review.id.label("review_id"),
            Review.dossier_id,
            Review.total,
            Review.grade,
            Dossier.agency_id,
            Review.unreviewable,
            func.row_number()
            .over(partition_by=Review.dossier_id, order_by=(rank.desc(), Review.id.desc()))
            .label("rn"),
        )
        .join(Dossier, Dossier.id == Review.dossier_id)
        .where(Dossier.campaign_id == campaign_id, Review.status.in_(COUNTED))
    )
    if filters.kind:
        ranked = ranked.where(Dossier.case_kind == filters.kind)
    if filters.reviewer:
        ranked = ranked.join(User, User.id == Review.reviewer_id).where(User.name == filters.reviewer)
    if filters.agency:
        ranked = ranked.where(Dossier.agency_id.in_(_agency_ids(filters.agency)))
    sub = ranked.subquery()
    # 不符合评查条件 (rev 0014): the file's result has no score; it is never counted or averaged
    cols = [c for c in sub.c if c.name != "unreviewable"]
    return select(*cols).where(sub.c.rn == 1, sub.c.unreviewable.is_(None)).subquery("eff")


# One temporary table object for every call: its name is fixed, so SQLAlchemy's statement cache works
# (a fresh name per call made every aggregate compile anew: ~0.2 s). Temporary tables are private to
# the connection, and the table is dropped at the end of each call.
_EFF = Table(
    "eff_stats",
    MetaData(),
    Column("dossier_id", Integer, primary_key=True),
    Column("review_id", Integer),
    Column("total", Float),
    Column("grade", String(20)),
    Column("agency_id", Integer),
    prefixes=["TEMPORARY"],
)


def _materialise(session: Session, eff: Any) -> Table:
    """The effective reviews in a temporary table (dossier_id is its key), so the window function runs once."""
    conn = session.connection()
    try:
        with conn.begin_nested():
            _EFF.create(conn)
    except DBAPIError:  # left over from an interrupted call on this pooled connection
        _EFF.drop(conn)
        _EFF.create(conn)
    cols = ["dossier_id", "review_id", "total", "grade", "agency_id"]
    session.execute(insert(_EFF).from_select(cols, select(*(eff.c[c] for c in cols))))
    return _EFF


@dataclass
class _Acc:
    files: int = 0
    sum: float = 0.0
    lowest: float = float("inf")
    highest: float = float("-inf")
    excellent: int = 0
    failed: int = 0

    def add(self, grade: str, n: int, total: float, lo: float, hi: float) -> None:
        self.files += n
        self.sum += total
        self.lowest, self.highest = min(self.lowest, lo), max(self.highest, hi)
        self.excellent += n if grade == G.EXCELLENT else 0
        self.failed += n if grade == G.FAIL else 0

    def row(self, name: str, parent: str) -> AgencyRow:
        return AgencyRow(
            name,
            parent,
            self.files,
            round(self.sum / self.files, 2),
            self.lowest,
            self.highest,
            self.excellent,
            self.failed,
        )


def _by_agency_grade(session: Session, eff: Any) -> list[tuple[str, str, str, int, float, float, float]]:
    """One GROUP BY (unit, grade): count, sum, min, max; every other figure is a sum of these. Units are
    grouped by id and named by their path, so two units of the same name stay two."""
    stmt = select(
        eff.c.agency_id, eff.c.grade, func.count(), func.sum(eff.c.total), func.min(eff.c.total), func.max(eff.c.total)
    ).group_by(eff.c.agency_id, eff.c.grade)
    paths = unit_paths(session)
    out = []
    for agency_id, g, n, t, lo, hi in session.execute(stmt):
        path = path_of(paths, agency_id)
        out.append((path, units.parent(path), str(g), int(n), float(t), float(lo), float(hi)))
    return out


def _grades(
    rows: list[tuple[str, str, str, int, float, float, float]], rubric: Rubric | None = None
) -> tuple[tuple[GradeRow, ...], int, float]:
    counts: dict[str, int] = defaultdict(int)
    for _, _, grade, n, *_ in rows:
        counts[grade] += n
    total = sum(counts.values())
    average = round(sum(r[4] for r in rows) / total, 2) if total else 0.0
    table = (*(g for g, _ in rubric.grades), rubric.fail_grade) if rubric is not None else None
    order = G.in_order(counts, table)
    return tuple(GradeRow(g, counts.get(g, 0), _share(counts.get(g, 0), total)) for g in order), total, average


def _agencies(rows: list[tuple[str, str, str, int, float, float, float]], *, by_parent: bool) -> tuple[AgencyRow, ...]:
    acc: dict[tuple[str, str], _Acc] = defaultdict(_Acc)
    for agency, parent, grade, n, total, lo, hi in rows:
        key = (units.top(agency), "") if by_parent else (agency, parent)
        acc[key].add(grade, n, total, lo, hi)
    out = [a.row(name, parent) for (name, parent), a in acc.items()]
    return tuple(sorted(out, key=lambda r: (-r.average, r.agency)))


def _share(n: float, total: float) -> float:
    return round(100.0 * n / total, 2) if total else 0.0


def _pareto(rows: list[tuple[str, str, int, int, float]]) -> tuple[ParetoRow, ...]:
    total = sum(r[3] for r in rows)
    out, running = [], 0
    for key, title, files, occ, ded in rows:
        running += occ
        out.append(ParetoRow(key, title, files, occ, round(ded, 2), _share(occ, total), _share(running, total)))
    return tuple(out)


def _by_item(session: Session, eff: Any, rubric: Rubric | None) -> tuple[ParetoRow, ...]:
    stmt = (
        select(
            Correction.item, func.count(distinct(Correction.dossier_id)), func.count(), func.sum(Correction.deducted)
        )
        .join(eff, eff.c.dossier_id == Correction.dossier_id)
        .group_by(Correction.item)
        .order_by(func.count().desc(), Correction.item)
    )
    titles = {i.id: i.title for i in rubric.items} if rubric else {}
    return _pareto([(k, titles.get(k, k), int(f), int(o), float(d or 0)) for k, f, o, d in session.execute(stmt)])


def _by_rule(session: Session, eff: Any) -> tuple[ParetoRow, ...]:
    stmt = (
        select(FindingRow.rule, func.count(distinct(FindingRow.dossier_id)), func.sum(FindingRow.count))
        .join(eff, eff.c.dossier_id == FindingRow.dossier_id)
        .where(FindingRow.status == "fail")
        .group_by(FindingRow.rule)
        .order_by(func.sum(FindingRow.count).desc(), FindingRow.rule)
    )
    return _pareto([(r, r, int(f), int(o or 0), 0.0) for r, f, o in session.execute(stmt)])


def _acceptance(session: Session, eff: Any, rubric: Rubric | None) -> tuple[AcceptanceRow, ...]:
    """Per rule: failing findings of reviewed files, and how often the reviewer kept, changed or
    zeroed the deduction of the item the rule feeds (an item_score row = the reviewer's decision)."""
    items_of: dict[str, list[str]] = defaultdict(list)
    for item in rubric.items if rubric else ():
        for rule in item.rules:
            items_of[rule].append(item.id)
    if not items_of:
        return ()
    changed = ItemScoreRow.id.is_not(None)
    stmt = (
        select(
            FindingRow.rule,
            func.count(),
            func.sum(case((changed, 1), else_=0)),
            func.sum(case((and_(changed, ItemScoreRow.deducted == 0), 1), else_=0)),
        )
        .join(eff, eff.c.dossier_id == FindingRow.dossier_id)
        .where(FindingRow.status == "fail", FindingRow.rule.in_(sorted(items_of)))
        .group_by(FindingRow.rule)
        .order_by(FindingRow.rule)
    )
    if all(len(v) == 1 for v in items_of.values()):
        # The usual case: each rule feeds one item, so a CASE maps rule -> item (no join on a literal table).
        item_col: Any = case(*((FindingRow.rule == r, literal(v[0], String)) for r, v in items_of.items()))
    else:
        # A literal (rule, item) table; UNION ALL rather than VALUES, which SQLite cannot alias with column names.
        rule_item = union_all(
            *(
                select(literal(r, String).label("rule"), literal(i, String).label("item"))
                for r, v in items_of.items()
                for i in v
            )
        ).subquery("rule_item")
        stmt = stmt.join(rule_item, rule_item.c.rule == FindingRow.rule)
        item_col = rule_item.c.item
    stmt = stmt.outerjoin(ItemScoreRow, and_(ItemScoreRow.review_id == eff.c.review_id, ItemScoreRow.item == item_col))
    out = []
    for rule, n, over, rej in session.execute(stmt):
        n, over, rej = int(n), int(over or 0), int(rej or 0)
        out.append(AcceptanceRow(rule, n, n - rej, over, rej, round((n - rej) / n, 4) if n else None))
    return tuple(out)


def _progress(session: Session, campaign_id: int, filters: Filters) -> Progress:
    rank = func.max(case(*((Review.status == s, s.rank) for s in ReviewState), else_=0))
    opened = and_(Review.dossier_id == Dossier.id, review_started())  # an untouched draft is not 评查中
    per = (
        select(Dossier.id.label("id"), rank.label("r"))
        .outerjoin(Review, opened)
        .where(Dossier.campaign_id == campaign_id)
    )
    if filters.kind:
        per = per.where(Dossier.case_kind == filters.kind)
    if filters.agency:
        per = per.where(Dossier.agency_id.in_(_agency_ids(filters.agency)))
    sub = per.group_by(Dossier.id).subquery()
    counts: dict[Any, Any] = dict(session.execute(select(sub.c.r, func.count()).group_by(sub.c.r)).all())
    assigned = session.execute(
        select(func.count(distinct(Assignment.dossier_id))).where(Assignment.campaign_id == campaign_id)
    ).scalar_one()
    c = {int(k or 0): int(v) for k, v in counts.items()}
    return Progress(sum(c.values()), int(assigned), c.get(0, 0), c.get(1, 0), c.get(2, 0), c.get(3, 0))


_CACHE: OrderedDict[tuple[Any, ...], CampaignStats] = OrderedDict()


def _data_version(session: Session, campaign_id: int) -> tuple[Any, ...]:
    """Cheap fingerprint of everything the figures read: every service write appends an audit event;
    the review and dossier figures also catch rows written without one."""
    return (
        session.execute(select(func.max(AuditEvent.id))).scalar(),
        tuple(
            session.execute(
                select(func.count(), func.max(Review.id), func.max(Review.updated_at))
                .join(Dossier, Dossier.id == Review.dossier_id)
                .where(Dossier.campaign_id == campaign_id)
            ).one()
        ),
        session.execute(select(func.count()).where(Dossier.campaign_id == campaign_id)).scalar(),
    )


def campaign_stats(
    store: Store,
    campaign_id: int,
    *,
    name: str = "",
    rubric: Rubric | None = None,
    filters: Filters = Filters(),
    cache: bool = True,
) -> CampaignStats:
    """Every dashboard figure of one campaign, each an SQL aggregate; repeated calls with no change in
    the data return the figures computed last time."""
    with store.session() as session:
        key = (
            store.url,
            campaign_id,
            name,
            rubric.version if rubric else None,
            filters,
            _data_version(session, campaign_id),
        )
        if cache and key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        result = _compute(session, campaign_id, name=name, rubric=rubric, filters=filters)
    _CACHE[key] = result
    while len(_CACHE) > 32:
        _CACHE.popitem(last=False)
    return result


def _compute(
    session: Session, campaign_id: int, *, name: str, rubric: Rubric | None, filters: Filters
) -> CampaignStats:
    if session.connection().dialect.name == "postgresql":
        # The default random_page_cost (4, for spinning disks) made the planner hash every item score
        # for the acceptance figures once statistics were fresh (~200 ms on 10,000 files) instead of
        # 20,000 index lookups (~70 ms). 1.1 is the usual SSD setting; LOCAL: this transaction only.
        session.execute(text("SET LOCAL random_page_cost = 1.1"))
    eff = _materialise(session, effective_reviews(campaign_id, filters))
    try:
        rows = _by_agency_grade(session, eff)
        grades, reviewed, average = _grades(rows, rubric)
        return CampaignStats(
            campaign=name,
            reviewed=reviewed,
            average=average,
            grades=grades,
            agencies=_agencies(rows, by_parent=False),
            parents=_agencies(rows, by_parent=True),
            by_item=_by_item(session, eff, rubric),
            by_rule=_by_rule(session, eff),
            acceptance=_acceptance(session, eff, rubric),
            progress=_progress(session, campaign_id, filters),
            filters=filters,
            campaign_id=campaign_id,
        )
    finally:
        eff.drop(session.connection())


__all__ = [
    "AcceptanceRow",
    "AgencyRow",
    "CampaignStats",
    "Filters",
    "GradeRow",
    "ParetoRow",
    "Progress",
    "campaign_stats",
    "effective_reviews",
]
