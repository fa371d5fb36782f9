"""The SQL aggregates give the same figures on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from app.stats import Filters, campaign_stats
from scoring.rubric import load_rubric
from tests.e2e.test_reports_campaign import make_campaign
from tests.e2e.test_reports_golden import _expected


def test_stats_same_on_both_databases(db_url: str) -> None:
    c = make_campaign(db_url, files=7)
    exp = _expected(c)
    s = campaign_stats(c.store, c.campaign_id, rubric=load_rubric("penalty"))
    assert s.reviewed == 7
    assert s.average == exp["average"]
    assert {g.grade: g.count for g in s.grades if g.count} == exp["grades"]
    assert {a.agency: a.average for a in s.agencies} == exp["agency_avg"]
    assert {a.agency: a.average for a in s.parents} == exp["parent_avg"]
    assert {r.key: r.files for r in s.by_item} == exp["item_files"]
    assert sum(r.occurrences for r in s.by_item) == exp["ledger_rows"]
    assert {a.rule for a in s.acceptance} == {"officers_fewer_than_two"}
    assert s.progress.submitted == 7
    for plan in c.plans[:2]:  # a unit (by path or by its name), and a 师市 covering the units under it
        unit = campaign_stats(c.store, c.campaign_id, filters=Filters(agency=plan.unit))
        assert unit.reviewed == sum(1 for p in c.plans if p.unit == plan.unit)
        assert campaign_stats(c.store, c.campaign_id, filters=Filters(agency=plan.agency)).reviewed == unit.reviewed
        assert unit.progress.dossiers == unit.reviewed
        city = campaign_stats(c.store, c.campaign_id, filters=Filters(agency=plan.parent))
        assert city.reviewed == sum(1 for p in c.plans if p.parent == plan.parent) > 0
    none = campaign_stats(c.store, c.campaign_id, filters=Filters(kind="license"))
    assert none.reviewed == 0
    assert none.average == 0.0
    c.store.dispose()


def test_cached_figures_follow_every_change(tmp_path: Path) -> None:
    from app.services.reconcile import finalise

    c = make_campaign(tmp_path / "db.sqlite", files=2)
    first = campaign_stats(c.store, c.campaign_id)
    assert campaign_stats(c.store, c.campaign_id) is first  # unchanged data: the same figures object
    finalise(c.store, c.plans[0].dossier_id, settled={}, user=c.supervisor)
    after = campaign_stats(c.store, c.campaign_id)
    assert after is not first
    assert (first.progress.final, after.progress.final) == (0, 1)
    assert campaign_stats(c.store, c.campaign_id, cache=False) == after
