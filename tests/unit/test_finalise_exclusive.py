"""合议定稿 and the 台账 under races, on SQLite and PostgreSQL (issue 10 point 5).

Each race is forced: two threads, each with its own connection pool, released together by a barrier at
the call that writes. Exactly one may win; the loser is told why, and nothing of its change is saved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.errors import ConflictError
from app.reports.model import Rectification
from app.services import ensure_user, list_events, list_reviews, open_review, open_store, submit_review
from app.services import ledger as ledger_service
from app.services.ledger import read_ledger, set_status, sync_ledger
from app.services.reconcile import Finalised, Side, compare, finalise, settle
from app.store.models import Correction, Review
from tests.e2e.test_reports_campaign import PATTERNS, Campaign, make_campaign, review_as_planned

OTHER = {"procedure.service_timely": 3.0, "archiving.toc": 1.0}  # 评查员丙's deductions on every file


def _doubled(db_url: str, files: int) -> Campaign:
    c = make_campaign(db_url, files=files)
    for plan in c.plans:
        review_as_planned(c.store, plan.dossier_id, c.reviewers["评查员丙"], OTHER, 9)
    return c


def _race(calls: list[Callable[[Any], Any]], url: str) -> list[Any]:
    """Run each call in its own thread with its own store; all start at once. Results or exceptions."""
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(k: int) -> None:
        store = open_store(url, migrate=False)
        try:
            barrier.wait(timeout=30)
            out[k] = calls[k](store)
        except Exception as exc:  # the loser's error is the result under test
            out[k] = exc
        finally:
            store.dispose()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


def _finalise(store: Any, *, dossier_id: int, settled: Any, user: Any, expected: Any) -> Any:
    return finalise(store, dossier_id, settled=settled, user=user, expected=expected)


def _set(store: Any, *, rows: Any, status: Any, user: Any, note: str) -> Any:
    return set_status(store, rows, status=status, user=user, note=note)


def test_two_supervisors_finalising_one_file_one_wins(db_url: str) -> None:
    c = _doubled(db_url, files=3)
    deputy = ensure_user(c.store, "督查副组长", role="supervisor")
    for plan in c.plans:
        rec = compare(c.store, plan.dossier_id)
        takes = {c.supervisor.name: settle(rec, {}, take=Side.A), deputy.name: settle(rec, {}, take=Side.B)}
        results = _race([partial(_finalise, dossier_id=plan.dossier_id, settled=takes[u.name], user=u,
                                 expected=rec.compared) for u in (c.supervisor, deputy)], db_url)
        won = [r for r in results if isinstance(r, Finalised)]
        lost = [r for r in results if isinstance(r, ConflictError)]
        assert (len(won), len(lost)) == (1, 1), results
        winner = won[0].review
        assert f"案卷 {plan.dossier_id} 已由 {winner.reviewer} 定稿" in lost[0].message
        assert "您的裁定未保存" in lost[0].message
        finals = [r for r in list_reviews(c.store, plan.dossier_id) if r.status == "final"]
        assert [r.id for r in finals] == [winner.id]
        # the winner's settlement is what is stored: A's or B's deductions, as chosen
        side = rec.first if winner.reviewer == c.supervisor.name else rec.second
        assert winner.total == side.total
        loser = deputy if winner.reviewer == c.supervisor.name else c.supervisor
        assert all(r.reviewer != loser.name for r in list_reviews(c.store, plan.dossier_id))  # nothing of the loser
        rows = [p for p in read_ledger(c.store, c.campaign_id, user=c.supervisor).problems
                if p.dossier_id == plan.dossier_id]
        assert {p.item_id: p.deducted for p in rows} == {i.item: i.deducted for i in side.items if i.deducted > 0}
    events = [e for e in list_events(c.store, entity="review") if e.action == "review.finalise"]
    assert len(events) == len(c.plans)


def test_the_database_refuses_a_second_final_review(db_url: str) -> None:
    c = _doubled(db_url, files=1)
    dossier_id = c.plans[0].dossier_id
    done = finalise(c.store, dossier_id, settled=settle(compare(c.store, dossier_id), {}, take=Side.A),
                    user=c.supervisor)
    other = next(r for r in list_reviews(c.store, dossier_id) if r.id != done.review.id)
    with pytest.raises(IntegrityError), c.store.write() as session:  # even bypassing every check in the code
        session.execute(text("UPDATE review SET status = 'final' WHERE id = :i"), {"i": other.id})
    with pytest.raises(ConflictError, match="已由 督查组长 定稿"):
        finalise(c.store, dossier_id, settled={}, user=c.supervisor)


def test_finalise_refuses_reviews_changed_since_they_were_compared(db_url: str) -> None:
    c = make_campaign(db_url, files=1)
    dossier_id = c.plans[0].dossier_id
    single = next(w for w in list_reviews(c.store, dossier_id))
    seen = ((single.id, single.version),)
    review_as_planned(c.store, dossier_id, c.reviewers["评查员丙"], OTHER, 9)  # a second review arrives meanwhile
    with pytest.raises(ConflictError, match="在此期间被修改或重新提交"):
        finalise(c.store, dossier_id, settled={}, user=c.supervisor, expected=seen)
    assert not [r for r in list_reviews(c.store, dossier_id) if r.status == "final"]


def test_two_supervisors_setting_one_ledger_row_one_wins(db_url: str) -> None:
    c = make_campaign(db_url, files=4)
    deputy = ensure_user(c.store, "督查副组长", role="supervisor")
    rows = read_ledger(c.store, c.campaign_id, user=c.supervisor).problems
    for row in rows[:3]:
        assert row.row_id is not None
        wants = {
            c.supervisor.name: (Rectification.DONE, "甲：已整改"),
            deputy.name: (Rectification.PENDING, "乙：未整改"),
        }
        results = _race(
            [
                partial(_set, rows={row.row_id: row.version}, status=wants[u.name][0], user=u, note=wants[u.name][1])
                for u in (c.supervisor, deputy)
            ],
            db_url,
        )
        lost = [r for r in results if isinstance(r, ConflictError)]
        won = [r for r in results if not isinstance(r, Exception)]
        assert (len(won), len(lost)) == (1, 1), results
        now = read_ledger(c.store, c.campaign_id, user=c.supervisor)
        (stored,) = [p for p in now.problems if p.row_id == row.row_id]
        assert stored.status == won[0].problems[0].status
        assert stored.version == row.version + 1
        assert f"台账第 {row.row_id} 行" in lost[0].message
        events = [
            e for e in list_events(c.store, entity="correction", entity_id=row.row_id) if e.action == "ledger.status"
        ]
        assert len(events) == 1  # the loser wrote nothing


def test_concurrent_ledger_syncs_leave_one_row_per_item(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    c = make_campaign(db_url, files=6)
    with c.store.write() as session:
        session.execute(text("DELETE FROM correction"))
    slow = ledger_service.reviews_in

    def reviews_in(*args: Any, **kwargs: Any) -> Any:  # widen the window between reading and writing
        time.sleep(0.4)
        return slow(*args, **kwargs)

    monkeypatch.setattr(ledger_service, "reviews_in", reviews_in)
    results = _race([lambda s: sync_ledger(s, c.campaign_id, user=c.supervisor)] * 2, db_url)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r.added for r in results) == sum(len(p.deductions) for p in c.plans)  # each row added once
    with c.store.session() as session:
        dup = session.execute(
            select(Correction.dossier_id, Correction.item, func.count())
            .group_by(Correction.dossier_id, Correction.item)
            .having(func.count() > 1)
        ).all()
    assert dup == []


def test_two_reviewers_submitting_one_file_at_once(db_url: str) -> None:
    c = make_campaign(db_url, files=2)
    dossier_id = c.plans[1].dossier_id  # no automatic finding: a draft needs no reason to be submitted
    users = [ensure_user(c.store, n) for n in ("评查员丁", "评查员戊")]
    drafts = {u.name: open_review(c.store, dossier_id, reviewer=u) for u in users}
    results = _race(
        [
            lambda s, u=u: submit_review(s, drafts[u.name].id, user=u, expected_version=drafts[u.name].version)
            for u in users
        ],
        db_url,
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    with c.store.session() as session:
        rows = session.scalars(select(Correction.item).where(Correction.dossier_id == dossier_id)).all()
        effective = session.scalar(select(func.max(Review.id)).where(Review.dossier_id == dossier_id))
    assert sorted(rows) == sorted(
        {
            i.item
            for i in next(r for r in list_reviews(c.store, dossier_id) if r.id == effective).items
            if i.deducted > 0
        }
    )


def test_no_audit_event_when_the_ledger_is_already_in_line(db_url: str) -> None:
    c = make_campaign(db_url, files=3)
    before = len(list_events(c.store, entity="campaign"))
    again = sync_ledger(c.store, c.campaign_id, user=c.supervisor)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    read_ledger(c.store, c.campaign_id, user=c.supervisor)
    assert len(list_events(c.store, entity="campaign")) == before
    assert PATTERNS  # the plans' deductions are the ledger's rows (see the race tests)
