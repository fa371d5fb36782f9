"""Batched reads behind the ledger: many reviews at once equal one at a time; many statuses in one step."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import KnownError
from app.reports.model import Rectification
from app.services import list_events
from app.services.ledger import list_problems, set_status
from app.services.review_read import get_review, get_reviews
from app.store.models import Review
from tests.e2e.test_reports_campaign import make_campaign


def test_get_reviews_equals_get_review_one_by_one(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=5)
    with c.store.session() as s:
        ids = [r.id for r in s.query(Review).order_by(Review.id)]
    assert len(ids) == 5
    batched = get_reviews(c.store, list(reversed(ids)), chunk=2)  # chunks smaller than the set
    assert batched == {i: get_review(c.store, i) for i in ids}
    with pytest.raises(KnownError, match="不存在"):
        get_reviews(c.store, [ids[0], 999_999])


def test_set_statuses_many_rows_one_event_each(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=6)
    rows = list_problems(c.store, c.campaign_id)  # written when each review was submitted
    chosen = [p.row_id for p in rows[:3]]
    assert len(chosen) == 3
    seen = {p.row_id: p.version for p in rows[:3]}
    done = set_status(c.store, seen, status="已整改", user=c.supervisor, note="已复查")
    assert (done.campaign_id, done.rows, done.changes.ledger) == (c.campaign_id, 3, frozenset({c.campaign_id}))
    after = {p.row_id: p.status for p in list_problems(c.store, c.campaign_id)}
    assert [after[i] for i in chosen] == [Rectification.DONE] * 3
    assert all(after[p.row_id] != Rectification.DONE for p in rows[3:])
    events = [e for e in list_events(c.store, entity="correction") if e.action == "ledger.status"]
    assert sorted(e.entity_id for e in events) == sorted(chosen)
    assert [p.row_id for p in list_problems(c.store, c.campaign_id, row_ids=chosen[:1])] == chosen[:1]
    reviewer = c.reviewers["评查员甲"]
    with pytest.raises(KnownError, match="无权"):
        set_status(c.store, dict.fromkeys(chosen), status="待整改", user=reviewer)
    with pytest.raises(KnownError, match="不存在"):
        set_status(c.store, {chosen[0]: None, 999_999: None}, status="待整改", user=c.supervisor)
    with pytest.raises(KnownError, match="逾期由整改期限自动判断"):
        set_status(c.store, dict.fromkeys(chosen), status="逾期", user=c.supervisor)
    # the refused and the failed calls changed nothing (one transaction)
    assert {p.row_id: p.status for p in list_problems(c.store, c.campaign_id)} == after
