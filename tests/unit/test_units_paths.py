"""A unit is its path (issue 15): two 市场监管局 under different 师市 stay two units in the statistics, the
opinions (one per unit, its own files and problems), the circular's problem counts and charts."""

from __future__ import annotations

from pathlib import Path

from app.services import create_campaign, ensure_agency, ensure_user, open_store
from app.services.report_data import build_circular, build_opinions, context
from app.services.reports import dashboard
from app.stats import Filters
from tests.e2e.test_reports_campaign import _insert_dossier, review_as_planned

UNITS = ("第一师/市场监管局", "第二师/市场监管局", "第二师/交通运输局")
PLANS = (  # (unit, deductions) — the same problem in both 市场监管局
    (0, {"archiving.toc": 3.0}), (0, {"archiving.toc": 3.0, "law.discretion": 4.0}),
    (1, {"archiving.toc": 3.0, "evidence.chain": 3.0, "law.discretion": 4.0, "procedure.legal_review": 4.0,
         "documents.decision_remedy": 3.0, "procedure.statement_period": 4.0, "law.penalty_range": 3.0,
         "procedure.filing": 3.0, "evidence.facts_elements": 3.0, "documents.consistency": 3.0,
         "procedure.collective_discussion": 3.0, "law.correction_order": 2.0, "evidence.amounts": 2.0,
         "procedure.decision_time_limit": 3.0}),
    (2, {"documents.templates": 1.0}),
)


def _campaign(tmp_path: Path) -> tuple[object, int, dict[int, str]]:
    store = open_store(f"sqlite:///{tmp_path / 'units.sqlite'}")
    sup = ensure_user(store, "督查组长", role="supervisor")
    reviewer = ensure_user(store, "评查员丙")
    ids = [ensure_agency(store, u).id for u in UNITS]
    campaign = create_campaign(store, "同名单位", year=2024, rubric_id="penalty", user=sup)
    where = {}
    for n, (unit, plan) in enumerate(PLANS):
        did, _, _ = _insert_dossier(store, campaign.id, ids[unit], n + 1, finding=False)
        review_as_planned(store, did, reviewer, plan, n)
        where[did] = UNITS[unit]
    return (store, sup), campaign.id, where


def _total(plan: dict[str, float]) -> float:
    return round(100.0 - sum(plan.values()), 2)


def test_same_named_units_stay_apart(tmp_path: Path) -> None:
    (store, sup), campaign_id, _ = _campaign(tmp_path)
    stats = dashboard(store, campaign_id, user=sup)
    expected = {}
    for k, unit in enumerate(UNITS):
        totals = [_total(p) for u, p in PLANS if u == k]
        expected[unit] = (len(totals), round(sum(totals) / len(totals), 2))
    assert {a.agency: (a.files, a.average) for a in stats.agencies} == expected
    assert {a.agency for a in stats.parents} == {"第一师", "第二师"}
    one = dashboard(store, campaign_id, user=sup, filters=Filters(agency="第二师/市场监管局"))
    assert [(a.agency, a.files) for a in one.agencies] == [("第二师/市场监管局", 1)]


def test_one_opinion_per_unit_with_its_own_files_and_problems(tmp_path: Path) -> None:
    (store, sup), campaign_id, where = _campaign(tmp_path)
    dashboard(store, campaign_id, user=sup)  # the ledger is brought up to date on first read
    opinions = {o.agency: o for o in build_opinions(context(store, campaign_id))}
    assert sorted(opinions) == sorted(UNITS)
    for unit, o in opinions.items():
        mine = [p for u, p in PLANS if UNITS[u] == unit]
        assert sorted(f.total for f in o.files) == sorted(_total(p) for p in mine)
        assert len(o.problems) == sum(len(p) for p in mine)
        assert {where[p.dossier_id] for p in o.problems} == {unit}


def test_circular_counts_and_charts_name_each_unit(tmp_path: Path) -> None:
    (store, sup), campaign_id, _ = _campaign(tmp_path)
    dashboard(store, campaign_id, user=sup)
    circular = build_circular(context(store, campaign_id), with_charts=False)
    toc = next(p for p in circular.problems if p.item_id == "archiving.toc")
    assert toc.agencies == ("第一师/市场监管局", "第二师/市场监管局")  # "涉及 2 个单位"
    labels = [a.agency for a in circular.agencies]
    assert len(labels) == len(set(labels)) == 3  # the chart's categories: none dropped
