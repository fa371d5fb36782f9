"""SIGKILL a process finalising double-reviewed files at random moments (issue 10 point 5): every file
is either final — one final review, its ledger rows and its audit event — or untouched and can still be
finalised; nothing half-written; a rerun finishes the rest."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services import list_events, list_reviews, open_store, verify_audit_chain
from app.store.models import Correction
from tests.e2e.test_reports_campaign import Campaign, make_campaign, review_as_planned

FILES = 40  # enough that four kills land before the last file, even on a fast idle machine
KILLS = 4
OTHER = {"procedure.service_timely": 3.0, "archiving.toc": 1.0, "veto.wrong_party": 1.0}
CHILD = """
import sys
from app.services import ensure_user, open_store
from app.services.reconcile import Side, WaitKind, finalise, settle, waiting_list
store = open_store(sys.argv[1], migrate=False)
user = ensure_user(store, "督查组长", role="supervisor")
print("ready", flush=True)
for w in waiting_list(store, int(sys.argv[2]), user=user):
    if w.kind == WaitKind.DOUBLE:
        finalise(store, w.dossier_id, settled=settle(w.rec, {}, take=Side.B), user=user, expected=w.compared)
        print(w.dossier_id, flush=True)
"""

pytestmark = pytest.mark.slow


def _campaign(db: Path) -> Campaign:
    c = make_campaign(f"sqlite:///{db}", files=FILES)
    for plan in c.plans:
        review_as_planned(c.store, plan.dossier_id, c.reviewers["评查员丙"], OTHER, 9)
    c.store.dispose()
    return c


def _run(db: Path, campaign_id: int, *, kill_after: float | None) -> bool:
    """Start the finalising process; once it has finalised one file, kill it ``kill_after`` seconds later (while
    it works on the next: the moment is random within that file's transaction). True if it ran to the end."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, f"sqlite:///{db}", str(campaign_id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    if kill_after is not None:
        proc.stdout.readline()  # one file finalised
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return False
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return True


def _assert_sound(db: Path, c: Campaign) -> int:
    """Each file final with its rows and event, or not final and untouched; returns how many are final."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    store = open_store(f"sqlite:///{db}", migrate=False)
    try:
        finalised = {e.entity_id for e in list_events(store, entity="review") if e.action == "review.finalise"}
        done = 0
        for plan in c.plans:
            reviews = list_reviews(store, plan.dossier_id)
            finals = [r for r in reviews if r.status == "final"]
            by_supervisor = [r for r in reviews if r.reviewer == "督查组长"]
            with store.session() as session:
                rows = set(session.scalars(select(Correction.item).where(Correction.dossier_id == plan.dossier_id)))
            if finals:
                (final,) = finals
                assert by_supervisor == [final]
                assert final.id in finalised
                assert rows == {i.item for i in final.items if i.deducted > 0 or i.veto}
                assert (final.veto, final.total, final.grade) == (True, 0.0, "不合格")  # B's veto was taken
                done += 1
            else:
                assert by_supervisor == []  # no half-made result: the file can be finalised as if new
                assert [r.status for r in reviews] == ["submitted", "submitted"]
        assert len(finalised) == done
        assert verify_audit_chain(store).ok
        return done
    finally:
        store.dispose()


def test_finalise_killed_at_random_moments_leaves_no_half_result(tmp_path: Path) -> None:
    db = tmp_path / "kill.sqlite"
    c = _campaign(db)
    rng = random.Random(20261203)
    progress = []
    for _ in range(KILLS):
        assert not _run(db, c.campaign_id, kill_after=rng.uniform(0.0, 0.1))  # killed, not finished
        progress.append(_assert_sound(db, c))
    assert progress[-1] < FILES  # every kill landed while files were still being finalised
    assert _run(db, c.campaign_id, kill_after=None)
    assert _assert_sound(db, c) == FILES
