"""Reconciliation of two reviews of one file: differences, settlement, 已定稿, audit trail, ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ErrorCode, KnownError
from app.services import list_events, list_reviews, set_role
from app.services.ledger import list_problems
from app.services.reconcile import Settlement, WaitKind, agreement, compare, finalise, waiting_list
from app.stats import campaign_stats
from tests.e2e.test_reports_campaign import PATTERNS, make_campaign, review_as_planned


def test_two_reviews_settled_and_finalised(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    plan = c.plans[1]  # 生态环境局, reviewed by 评查员甲 with PATTERNS[1]
    other = dict(PATTERNS[1])
    other.pop("documents.templates")  # 丙 does not deduct this item ...
    other["archiving.toc"] = 1.0  # ... and deducts this one instead
    other["procedure.service_timely"] = 3.0
    review_as_planned(c.store, plan.dossier_id, c.reviewers["评查员丙"], other, 1)
    assert [w.dossier_id for w in waiting_list(c.store, c.campaign_id) if w.kind == WaitKind.DOUBLE] == [
        plan.dossier_id
    ]

    rec = compare(c.store, plan.dossier_id)
    assert {d.item for d in rec.differences} == {"documents.templates", "archiving.toc"}
    assert rec.total_difference == 0.0  # 1 point each way

    with pytest.raises(KnownError, match="未裁定"):
        finalise(c.store, plan.dossier_id, settled={"archiving.toc": Settlement(0.0, "")}, user=c.supervisor)
    with pytest.raises(KnownError, match="用户 评查员乙（评查人员）无权执行“合议定稿”，需要组织者或管理员") as refused:
        finalise(c.store, plan.dossier_id, settled={}, user=c.reviewers["评查员乙"])
    assert refused.value.code == ErrorCode.FORBIDDEN
    reviewer_as_supervisor = set_role(c.store, "评查员甲", "supervisor")  # a supervisor who reviewed it
    with pytest.raises(KnownError, match="回避"):
        finalise(c.store, plan.dossier_id, settled={}, user=reviewer_as_supervisor)

    settled = {"documents.templates": Settlement(1.0, "文书填写不规范（合议）"), "archiving.toc": Settlement(0.0, "")}
    final = finalise(c.store, plan.dossier_id, settled=settled, user=c.supervisor, expected=rec.compared).review
    assert final.status == "final"
    assert final.total == 96.0
    assert final.item("documents.templates").deducted == 1.0
    assert final.item("archiving.toc").deducted == 0.0
    statuses = sorted(r.status for r in list_reviews(c.store, plan.dossier_id))
    assert statuses == ["final", "submitted", "submitted"]  # both originals are kept
    assert [w for w in waiting_list(c.store, c.campaign_id) if w.dossier_id == plan.dossier_id] == []

    (event,) = [e for e in list_events(c.store, entity="review") if e.action == "review.finalise"]
    originals = event.before["reviews"]
    assert {o["reviewer"] for o in originals} == {"评查员甲", "评查员丙"}
    assert event.after["settled"]["documents.templates"]["deducted"] == 1.0
    assert event.after["total"] == 96.0

    ledger = [p for p in list_problems(c.store, c.campaign_id) if p.dossier_id == plan.dossier_id]
    assert {p.item_id: p.deducted for p in ledger} == {"procedure.service_timely": 3.0, "documents.templates": 1.0}
    stats = campaign_stats(c.store, c.campaign_id)
    assert stats.progress.final == 1
    assert stats.reviewed == 3  # one effective review per file

    report = agreement(c.store, c.campaign_id)
    assert report.pairs == 1
    by_item = {i.item_id: i for i in report.items}
    assert by_item["documents.templates"].equal_share == 0.0
    assert by_item["procedure.service_timely"].equal_share == 1.0
    with pytest.raises(KnownError, match="已由 督查组长 定稿"):
        compare(c.store, plan.dossier_id)


def test_single_review_finalised(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=1)
    (review,) = list_reviews(c.store, c.plans[0].dossier_id)
    (w,) = waiting_list(c.store, c.campaign_id)
    assert (w.kind, w.submitted) == (WaitKind.SINGLE, review)
    done = finalise(c.store, review.dossier_id, settled={}, user=c.supervisor, expected=w.compared).review
    assert (done.id, done.status) == (review.id, "final")
    with pytest.raises(KnownError, match="已由 评查员乙 定稿"):
        finalise(c.store, review.dossier_id, settled={}, user=c.supervisor)
    with pytest.raises(KnownError, match="只有 0 份"):
        compare(c.store, c.plans[0].dossier_id + 999)
