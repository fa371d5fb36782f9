"""Issue 10.2: autosave proves itself (the guard, the read-back) and the local journal (torn lines, replay)."""

from __future__ import annotations

import dataclasses
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from app.errors import ConflictError
from app.services import get_dossier, get_review, import_paths, open_review, save_item_score
from app.services.autosave import (
    DB_MISSING,
    DB_REPLACED,
    LOCKS_LOST,
    OFFLINE,
    OK,
    WAL_MISSING,
    WAL_REPLACED,
    database_health,
    discard,
    prove_saved,
    replay,
    write_proven,
)
from app.services.journal import Journal, JournalEntry
from app.store.locks import held_locks, locks_supported
from app.store.models import AuditEvent, ItemScoreRow
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store  # noqa: F401

linux_only = pytest.mark.skipif(not locks_supported(), reason="/proc/self/fd 与 /proc/locks 只在 Linux 上有")


@pytest.fixture
def opened(store: Any, reviewer: Any, campaign: Any, tmp_path: Path) -> Any:  # noqa: F811
    report = import_paths(store, [make_pdf(tmp_path / "a.pdf", dossier_pages(2, tag="G"))], campaign=campaign,
                          user=reviewer, workers=0)
    review = open_review(store, report.imported[0].dossier_id, reviewer=reviewer)
    return store, reviewer, review


def _db(s: Any) -> Path:
    assert s.path is not None
    return Path(s.path)


def _save(s: Any, user: Any, review: Any, deducted: float = 1.0, *, item: int = 0) -> Any:
    return save_item_score(s, review.id, review.items[item].item, deducted=deducted, reason="r", user=user,
                           expected_version=review.version)


def _entry(
    s: Any, review: Any, *, item: str, deducted: float | None, version: int, reason: str = "理由"
) -> JournalEntry:
    detail = get_dossier(s, review.dossier_id)
    return JournalEntry(
        review_id=review.id,
        item=item,
        op="clear" if deducted is None else "save",
        expected_version=version,
        deducted=deducted,
        reason=reason,
        pages=(2,),
        dossier_id=detail.id,
        campaign_id=detail.campaign_id,
        dossier_sha256=detail.sha256,
        file_name=detail.file_name,
        reviewer=review.reviewer,
    )


def _events(s: Any) -> int:
    """Score writes in the audit log (each save or clear is one)."""
    with s.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action.in_(["item_score.save", "item_score.clear"]))
            )
        )


# the proof ---------------------------------------------------------------------------------------------


def test_a_save_is_proven_by_another_connection(opened: Any) -> None:
    s, user, review = opened
    saved = _save(s, user, review)
    item = review.items[0].item
    assert prove_saved(s, saved, item).code == OK
    stale = dataclasses.replace(saved, version=saved.version + 1)
    assert prove_saved(s, stale, item).saved is False  # a version nobody can read back


def test_the_proof_reads_through_a_connection_other_than_the_writers(opened: Any) -> None:
    """SQLite: a fresh connection opens the file by its path for every proof; PostgreSQL: a connection of
    the probe's own pool, never the one that committed."""
    s, user, review = opened
    probes: list[Any] = []
    writers: set[int] = set()
    event.listen(s.probe_engine(), "connect", lambda dbapi, _rec: probes.append(dbapi))
    if not s.is_sqlite:
        event.listen(s.engine, "commit", lambda conn: writers.add(conn.connection.dbapi_connection.info.backend_pid))
    version = review.version
    for deducted in (1.0, 0.0, 1.0):
        saved = save_item_score(
            s, review.id, review.items[0].item, deducted=deducted, reason="r", user=user, expected_version=version
        )
        assert prove_saved(s, saved, review.items[0].item).saved
        version = saved.version
    if s.is_sqlite:
        assert len(probes) == 3
    else:
        assert len(probes) == 1  # pooled, kept open
        assert writers
        assert probes[0].info.backend_pid not in writers


def test_a_value_the_database_does_not_hold_is_not_proven(opened: Any) -> None:
    s, user, review = opened
    saved = _save(s, user, review, 1.0)
    item = review.items[0].item
    with s.session() as session:  # what another connection reads differs from what the save returned
        session.execute(update(ItemScoreRow).where(ItemScoreRow.review_id == review.id).values(reason="别的"))
    proof = prove_saved(s, saved, item)
    assert (proof.saved, proof.code) == (False, "not_visible")


def test_write_proven_journals_first_and_settles_only_a_proven_save(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j" / "j.jsonl")
    item = review.items[0].item
    entry = _entry(s, review, item=item, deducted=1.0, version=review.version)
    outcome = write_proven(
        s,
        journal,
        entry,
        lambda: save_item_score(
            s, review.id, item, deducted=1.0, reason="理由", user=user, expected_version=review.version
        ),
        offline=False,
    )
    assert outcome.proof.saved
    assert outcome.review is not None
    assert journal.pending() == []
    later = _entry(s, review, item=item, deducted=2.0, version=outcome.review.version)
    off = write_proven(s, journal, later, lambda: pytest.fail("no write while offline"), offline=True)
    assert (off.review, off.proof.code) == (None, OFFLINE)
    assert [e.id for e in journal.pending()] == [later.id]


def test_a_refused_save_is_settled_and_raised(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j.jsonl")
    item = review.items[0].item
    _save(s, user, review)  # the version moves on: the next save with the old version conflicts
    entry = _entry(s, review, item=item, deducted=2.0, version=review.version)
    with pytest.raises(ConflictError):
        write_proven(
            s,
            journal,
            entry,
            lambda: save_item_score(
                s, review.id, item, deducted=2.0, reason="x", user=user, expected_version=review.version
            ),
            offline=False,
        )
    assert journal.pending() == []  # the reviewer is told by the conflict dialog; it is not replayed later


# the guard (SQLite files under the window) -------------------------------------------------------------


def _not_saved(s: Any, user: Any, review: Any, tmp_path: Path) -> str:
    """A save after the files changed: the guard refuses before writing; nothing is journalled as saved."""
    journal = Journal(tmp_path / "g.jsonl")
    entry = _entry(s, review, item=review.items[0].item, deducted=1.0, version=review.version)
    outcome = write_proven(s, journal, entry, lambda: pytest.fail("written after the guard said no"), offline=False)
    assert (outcome.review, outcome.proof.saved) == (None, False)
    assert [e.id for e in journal.pending()] == [entry.id]
    return outcome.proof.code


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_database_file_replaced_under_the_window(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    db = _db(s)
    shutil.copyfile(db, tmp_path / "copy.db")
    (tmp_path / "copy.db").replace(db)  # e.g. a backup restored by a file manager
    assert _not_saved(s, user, review, tmp_path) == DB_REPLACED


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_database_file_deleted_or_moved_and_back(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    db = _db(s)
    db.rename(tmp_path / "moved.db")
    assert _not_saved(s, user, review, tmp_path) == DB_MISSING
    (tmp_path / "moved.db").rename(db)  # moved back: the same file again
    saved = _save(s, user, get_review(s, review.id))
    assert prove_saved(s, saved, review.items[0].item).code == OK


@linux_only
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_wal_unlinked_or_replaced(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    saved = _save(s, user, review)
    item = review.items[0].item
    assert prove_saved(s, saved, item).code == OK
    wal = _db(s).with_name(_db(s).name + "-wal")
    wal.rename(tmp_path / "old-wal")
    assert prove_saved(s, saved, item).code == WAL_MISSING
    assert database_health(s).code == WAL_MISSING
    wal.write_bytes(b"")  # a new, empty WAL at the path: another process would not see our frames
    assert prove_saved(s, saved, item).code == WAL_REPLACED
    assert _not_saved(s, user, get_review(s, review.id), tmp_path) == WAL_REPLACED


@linux_only
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_lost_locks_are_healed_by_reopening_the_connections(opened: Any) -> None:
    s, user, review = opened
    _db(s).read_bytes()  # opening and closing the file in this process drops our locks
    assert s.guard.check().code == LOCKS_LOST
    saved = _save(s, user, review)
    assert prove_saved(s, saved, review.items[0].item).saved  # healed: our connections were reopened
    assert held_locks(_db(s)) >= {"db", "shm"}


# replay ------------------------------------------------------------------------------------------------


def test_replay_writes_every_edit_in_order_through_the_version_check(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j.jsonl")
    first, second = review.items[0].item, review.items[1].item
    v = review.version
    # made while saving was stopped: all on the version the window last saw
    journal.append(_entry(s, review, item=first, deducted=0.5, version=v, reason="旧"))
    journal.append(_entry(s, review, item=first, deducted=1.0, version=v, reason="新"))
    journal.append(_entry(s, review, item=second, deducted=None, version=v))
    report = replay(s, journal, user=user)
    assert (report.applied, report.already, report.failed) == (3, 0, ())
    got = get_review(s, review.id)
    assert (got.item(first).deducted, got.item(first).reason, got.item(first).pages) == (1.0, "新", (2,))
    assert got.version == v + 3
    assert journal.pending() == []
    events = _events(s)
    again = replay(s, journal, user=user)
    assert (again.applied, again.already) == (0, 0)
    assert _events(s) == events  # nothing written twice


def test_an_edit_that_reached_the_database_is_not_written_again(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j.jsonl")
    item = review.items[0].item
    saved = save_item_score(s, review.id, item, deducted=1.0, reason="新", user=user, expected_version=review.version)
    # killed between the commit and its acknowledgement
    journal.append(_entry(s, review, item=item, deducted=1.0, version=review.version, reason="新"))
    journal.append(_entry(s, review, item=review.items[1].item, deducted=0.5, version=saved.version))
    events = _events(s)
    report = replay(s, journal, user=user)
    assert (report.applied, report.already, report.failed) == (1, 1, ())
    assert _events(s) == events + 1


def test_replay_against_a_changed_review_is_a_conflict_never_an_overwrite(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j.jsonl")
    item = review.items[0].item
    lost = _entry(s, review, item=item, deducted=2.0, version=review.version, reason="本机")
    journal.append(lost)
    _save(s, user, review, 0.5)  # the review changed since (another workstation, a restored copy)
    report = replay(s, journal, user=user)
    assert (report.applied, report.conflicts) == (0, 1)
    assert [(e.id, "已被他人修改" in why) for e, why in report.failed] == [(lost.id, True)]
    assert get_review(s, review.id).item(item).deducted == 0.5  # theirs stands
    assert [e.id for e in journal.pending()] == [lost.id]  # kept until the reviewer decides
    discard(journal, [lost])
    assert journal.pending() == []


def test_replay_keeps_what_it_cannot_find_and_says_why(opened: Any, tmp_path: Path) -> None:
    s, user, review = opened
    journal = Journal(tmp_path / "j.jsonl")
    entry = _entry(s, review, item=review.items[0].item, deducted=1.0, version=review.version)
    lost = dataclasses.replace(entry, dossier_sha256="0" * 64)  # a file this database does not have
    journal.append(lost)
    report = replay(s, journal, user=user)
    assert report.failed == ((lost, f"数据库中找不到“{lost.file_name}”的这份评查记录"),)
    assert [e.id for e in journal.pending()] == [lost.id]


# the journal file --------------------------------------------------------------------------------------


def _plain(item: str, n: int = 0) -> JournalEntry:
    return JournalEntry(
        review_id=1,
        item=item,
        op="save",
        expected_version=n,
        deducted=1.0,
        reason="x",
        dossier_sha256="a" * 64,
        file_name="a.pdf",
        reviewer="甲",
    )


def test_a_line_torn_by_a_kill_is_skipped_and_the_next_append_is_whole(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "new" / "j.jsonl")
    kept = _plain("x")
    journal.append(kept)
    whole = journal.path.read_bytes()
    journal.append(_plain("y"))
    data = journal.path.read_bytes()
    journal.path.write_bytes(data[: len(whole) + (len(data) - len(whole)) // 2])  # cut mid-line
    assert [e.id for e in journal.pending()] == [kept.id]
    after = _plain("z")
    journal.append(after)
    assert [e.id for e in journal.pending()] == [kept.id, after.id]
    assert journal.path.stat().st_mode & 0o777 == 0o600  # scores and reasons are personal data
    assert journal.path.parent.stat().st_mode & 0o777 == 0o700


def test_an_emptied_journal_is_compacted(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl")
    for n in range(60):  # past COMPACT_BYTES
        entry = _plain("x" * 200, n)
        journal.append(entry)
        journal.ack([entry.id])
    assert journal.path.stat().st_size < 16 * 1024
    keep = _plain("keep")
    journal.append(keep)
    journal.compact()  # something pending: nothing is dropped
    assert [e.id for e in journal.pending()] == [keep.id]


WRITER = """
import sys
from pathlib import Path
from app.services.journal import Journal, JournalEntry
j = Journal(Path(sys.argv[1]))
n = 0
while True:
    j.append(JournalEntry(review_id=1, item=f"i{n}", op="save", expected_version=1, deducted=1.0,
                          reason="x" * 3000, reviewer="甲"))
    print(n, flush=True)
    n += 1
"""


@pytest.mark.parametrize("seed", [1, 2])
def test_a_writer_killed_mid_append_leaves_every_returned_append_readable(seed: int, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    target = random.Random(seed).randrange(10, 60)
    written = -1
    while written < target:
        written = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    items = [e.item for e in Journal(path).pending()]
    assert len(items) >= written + 1  # every append that had returned
    assert items == [f"i{n}" for n in range(len(items))]  # in order, none lost or garbled
