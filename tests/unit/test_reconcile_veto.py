"""否决项 at 合议定稿 (issue 15): a veto both reviewers set is kept; a veto only one set is a 分歧项 to settle;
statistics and reports then show the file as 不合格. Expected figures are computed here from the plan."""

from __future__ import annotations

from pathlib import Path

from app.services import ensure_user
from app.services.reconcile import Settlement, Side, compare, finalise, settle
from app.services.report_data import build_casesheets, context
from app.services.reports import dashboard
from scoring.rubric import load_rubric
from tests.e2e.test_reports_campaign import make_campaign, review_as_planned

VETO = "veto.wrong_party"
BOTH = {VETO: 1.0, "archiving.toc": 1.0, "documents.templates": 1.0}  # 2 points off, and the veto
ONE = {"archiving.toc": 1.0, "documents.templates": 1.0}


def _pair(tmp_path: Path, a: dict[str, float], b: dict[str, float]) -> tuple[object, int]:
    c = make_campaign(tmp_path / "db.sqlite", files=2)
    plan = c.plans[1]  # reviewed by 评查员甲 with PATTERNS[1]; two fresh reviewers review it again
    from app.store.models import Review

    with c.store.write() as session:
        session.query(Review).filter(Review.dossier_id == plan.dossier_id).delete()
    for name, deductions in (("评查员丁", a), ("评查员戊", b)):
        review_as_planned(c.store, plan.dossier_id, ensure_user(c.store, name), deductions, 1)
    return c, plan.dossier_id


def test_a_veto_both_reviewers_set_is_kept_at_finalise(tmp_path: Path) -> None:
    c, dossier_id = _pair(tmp_path, BOTH, BOTH)
    rubric = load_rubric("penalty")
    assert rubric.veto_zero  # the standard: a veto makes the file 0 分 不合格
    rec = compare(c.store, dossier_id)
    assert (rec.first.veto, rec.second.veto, rec.differences) == (True, True, ())
    done = finalise(c.store, dossier_id, settled=settle(rec, {}, take=Side.A), user=c.supervisor)
    assert (done.review.veto, done.review.total, done.review.grade) == (True, 0.0, rubric.fail_grade)
    assert done.review.item(VETO).veto
    stats = dashboard(c.store, c.campaign_id, user=c.supervisor)
    others = [p for p in c.plans if p.dossier_id != dossier_id]
    expected_fail = 1 + sum(p.grade == "不合格" for p in others)
    assert {g.grade: g.count for g in stats.grades}["不合格"] == expected_fail
    expected_average = round((0.0 + sum(p.total for p in others)) / (1 + len(others)), 2)
    assert stats.average == expected_average
    (sheet,) = build_casesheets(context(c.store, c.campaign_id), dossier_ids=[dossier_id])
    assert (sheet.veto, sheet.total, sheet.grade) == (True, 0.0, "不合格")
    assert [i.item_id for i in sheet.items if i.triggered] == [VETO]


def test_a_veto_only_one_reviewer_set_is_a_difference(tmp_path: Path) -> None:
    c, dossier_id = _pair(tmp_path, BOTH, ONE)
    rec = compare(c.store, dossier_id)
    (diff,) = rec.differences
    assert (diff.item, diff.veto_item, diff.first.decided, diff.second.decided) == (VETO, True, 1.0, 0.0)
    cleared = finalise(c.store, dossier_id, settled={VETO: Settlement(0.0, "")}, user=c.supervisor)
    assert (cleared.review.veto, cleared.review.total) == (False, round(100.0 - sum(ONE.values()), 2))


def test_a_single_veto_upheld_by_the_supervisor(tmp_path: Path) -> None:
    c, dossier_id = _pair(tmp_path, ONE, BOTH)
    rec = compare(c.store, dossier_id)
    settled = settle(rec, {VETO: (1.0, "当事人认定错误（合议）")})
    done = finalise(c.store, dossier_id, settled=settled, user=c.supervisor)
    assert (done.review.veto, done.review.total, done.review.grade) == (True, 0.0, "不合格")
    assert done.review.item(VETO).reason == "当事人认定错误（合议）"
