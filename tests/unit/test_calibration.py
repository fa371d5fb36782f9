"""Calibration (issue 14.5): a gold set of finalised dossiers, a new reviewer's blind scoring of it, the item-by-
item comparison with the gold reasons after submit, and drift per N reviews / per week. Expected figures
are computed here from the plans and the rubric."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.cli import main
from app.errors import ErrorCode, KnownError
from app.services import ensure_user, list_dossiers, list_reviews, open_review
from app.services.calibration import (
    assign_gold,
    calibration_queue,
    calibration_results,
    compare_with_gold,
    drift,
    mark_gold,
)
from app.services.reconcile import finalise
from app.store.models import Review
from scoring.rubric import load_rubric
from tests.e2e.test_reports_campaign import CAMPAIGN, Campaign, make_campaign, reason_for, review_as_planned

NEW = "评查员新"
MINE_1 = {"procedure.service_timely": 3.0, "archiving.toc": 2.0}  # gold (PATTERNS[1]): service_timely 3, templates 1


@pytest.fixture
def camp(db_url: str) -> Campaign:
    c = make_campaign(db_url, files=5)
    for p in c.plans[:4]:
        finalise(c.store, p.dossier_id, settled={}, user=c.supervisor)
    return c


def _items() -> int:
    return len(load_rubric("penalty").items)


def test_gold_set_blind_scoring_and_item_comparison(camp: Campaign) -> None:
    p1, p3 = camp.plans[1], camp.plans[3]
    with pytest.raises(KnownError, match="还没有定稿"):
        mark_gold(camp.store, camp.campaign_id, [camp.plans[4].dossier_id], user=camp.supervisor)
    with pytest.raises(KnownError) as forbidden:
        mark_gold(camp.store, camp.campaign_id, [p1.dossier_id], user=camp.reviewers["评查员丙"])
    assert forbidden.value.code == ErrorCode.FORBIDDEN
    gold = mark_gold(camp.store, camp.campaign_id, [p3.dossier_id, p1.dossier_id], user=camp.supervisor)
    assert [(g.dossier_id, g.total) for g in gold] == sorted([(p1.dossier_id, p1.total), (p3.dossier_id, p3.total)])

    new = ensure_user(camp.store, NEW)
    assert assign_gold(camp.store, camp.campaign_id, new, user=camp.supervisor) == sorted(
        [p1.dossier_id, p3.dossier_id]
    )
    assert assign_gold(camp.store, camp.campaign_id, new, user=camp.supervisor) == []  # once
    assert calibration_queue(camp.store, camp.campaign_id, new) == sorted([p1.dossier_id, p3.dossier_id])

    listed = [r.id for r in list_dossiers(camp.store, camp.campaign_id, viewer=new)]
    assert listed[:2] == sorted([p1.dossier_id, p3.dossier_id])  # the gold files first in the new reviewer's list
    assert sorted(listed) == sorted(p.dossier_id for p in camp.plans)
    draft = open_review(camp.store, p1.dossier_id, reviewer=new)
    assert [r.id for r in list_reviews(camp.store, p1.dossier_id, viewer=new)] == [draft.id]  # the gold is hidden
    with pytest.raises(KnownError, match="须先提交"):
        compare_with_gold(camp.store, draft.id, viewer=new)
    review_as_planned(camp.store, p1.dossier_id, new, MINE_1, 1)
    result = compare_with_gold(camp.store, draft.id, viewer=new)
    diffs = {d.item: (d.mine, d.gold, d.gold_reason) for d in result.differences}
    assert diffs == {
        "documents.templates": (0.0, 1.0, reason_for("documents.templates", 1)),
        "archiving.toc": (2.0, 0.0, ""),
    }
    assert (result.total, result.gold_total) == (round(100 - sum(MINE_1.values()), 2), p1.total)
    assert result.agreement == pytest.approx((_items() - 2) / _items())
    assert calibration_queue(camp.store, camp.campaign_id, new) == [p3.dossier_id]
    assert list_dossiers(camp.store, camp.campaign_id, viewer=new)[0].id == p3.dossier_id
    with pytest.raises(KnownError) as other:
        compare_with_gold(camp.store, draft.id, viewer=camp.reviewers["评查员丙"])
    assert other.value.code == ErrorCode.FORBIDDEN


def _score_both(camp: Campaign) -> tuple[int, int]:
    p1, p3 = camp.plans[1], camp.plans[3]
    mark_gold(camp.store, camp.campaign_id, [p1.dossier_id, p3.dossier_id], user=camp.supervisor)
    new = ensure_user(camp.store, NEW)
    review_as_planned(camp.store, p1.dossier_id, new, MINE_1, 1)
    review_as_planned(camp.store, p3.dossier_id, new, p3.deductions, 3)  # exactly as the gold result
    ids = [next(r.id for r in list_reviews(camp.store, p.dossier_id) if r.reviewer == NEW) for p in (p1, p3)]
    return ids[0], ids[1]


def test_drift_per_review_and_per_week(camp: Campaign) -> None:
    first, second = _score_both(camp)
    n = _items()
    per_one = drift(camp.store, camp.campaign_id, per=1, reviewer=NEW)
    assert [(p.period, p.reviews, p.gold_items, p.gold_agreed, p.final_agreed, p.total_gap) for p in per_one] == [
        ("第1–1件", 1, n, n - 2, n - 2, 1.0),
        ("第2–2件", 1, n, n, n, 0.0),
    ]
    # 甲's finalised reviews are the finals themselves; only the un-finalised one counts, with nothing to compare
    unfinalised = [p for p in camp.plans[4:] if p.reviewer == "评查员甲"]
    points = drift(camp.store, camp.campaign_id, per=10, reviewer="评查员甲")
    assert [(p.reviews, p.gold_agreement, p.final_agreement) for p in points] == [(len(unfinalised), None, None)]
    weeks = (dt.datetime(2026, 11, 2, 9), dt.datetime(2026, 11, 10, 9))
    with camp.store.write() as session:
        for review_id, at in zip((first, second), weeks, strict=True):
            session.get(Review, review_id).submitted_at = at  # type: ignore[union-attr]
    by_week = drift(camp.store, camp.campaign_id, reviewer=NEW)
    labels = [f"{w.isocalendar()[0]}年第{w.isocalendar()[1]:02d}周" for w in weeks]
    assert [(p.period, p.gold_agreement) for p in by_week] == [(labels[0], (n - 2) / n), (labels[1], 1.0)]
    assert [r.review_id for r in calibration_results(camp.store, camp.campaign_id)] == [first, second]


def test_cli_mark_and_report(
    camp: Campaign, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", camp.store.url]
    monkeypatch.setenv("CASEREVIEW_USER", "督查组长")
    p1, p3 = camp.plans[1], camp.plans[3]
    assert (
        main(
            [
                *db,
                "calibrate",
                "mark",
                "--campaign",
                CAMPAIGN,
                "--dossier",
                str(p1.dossier_id),
                str(p3.dossier_id),
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert [g["dossier_id"] for g in json.loads(capsys.readouterr().out)] == sorted([p1.dossier_id, p3.dossier_id])
    ensure_user(camp.store, NEW)
    assert main([*db, "calibrate", "assign", "--campaign", CAMPAIGN, "--reviewer", NEW]) == 0
    assert f"已把 2 件金标准案卷分配给 {NEW}" in capsys.readouterr().out
    new = ensure_user(camp.store, NEW)
    review_as_planned(camp.store, p1.dossier_id, new, MINE_1, 1)
    assert main([*db, "calibrate", "report", "--campaign", CAMPAIGN, "--per", "5"]) == 0
    text = capsys.readouterr().out
    assert f"金标准理由：{reason_for('documents.templates', 1)}" in text
    n = _items()
    assert f"{NEW}\t第1–5件\t1\t{100 * (n - 2) / n:.1f}%（{n - 2}/{n}）" in text
    monkeypatch.setenv("CASEREVIEW_USER", NEW)
    assert main([*db, "calibrate", "mark", "--campaign", CAMPAIGN, "--dossier", str(p1.dossier_id)]) == 1
    assert "无权" in capsys.readouterr().err
