"""Issue 10.1: the window's SQLite connection keeps its POSIX locks, so no other process can delete the WAL under it.

POSIX advisory locks belong to the process and vanish when *any* descriptor of the file is closed in it
(SQLite, "How To Corrupt An SQLite Database File" §2.2). Then the next process that opens and closes the
database believes it is the last one, checkpoints and unlinks ``-wal``/``-shm``, and every later write of
the long-lived connection goes into a deleted file. These tests drive exactly that sequence.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.services import (
    create_campaign,
    ensure_user,
    import_paths,
    list_dossiers,
    open_review,
    open_store,
    save_item_score,
)
from app.services.pool import discard_pool
from app.store.locks import held_locks, locks_supported
from tests.unit.test_store_support import dossier_pages, make_pdf

pytestmark = pytest.mark.skipif(not locks_supported(), reason="/proc/locks 只在 Linux 上有（POSIX 锁检查）")


def _other_process_opens_and_closes(db: Path) -> None:
    """What `casereview stats` does to the file: open, read, close (as the last connection if our locks are gone)."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('select count(*) from dossier').fetchall(); c.close()")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def _fresh_process_reads(db: Path) -> list[tuple[str, float, str]]:
    code = ("import sqlite3, sys, json; c = sqlite3.connect(sys.argv[1]); "
            "print(json.dumps(c.execute('select item, deducted, reason from item_score order by id').fetchall()))")
    out = subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60, capture_output=True,
                         text=True)
    import json

    return [tuple(r) for r in json.loads(out.stdout)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The reviewer keeps the database beside the dossiers (``--db ./评查.db``) and imports the folder."""
    work = tmp_path / "评查"
    work.mkdir()
    for i in range(3):
        make_pdf(work / f"案卷{i}.pdf", dossier_pages(2, tag=f"L{i}"))
    return work


def test_a_score_saved_after_an_import_of_the_database_folder_reaches_a_fresh_process(folder: Path) -> None:
    db = folder / "评查.db"
    store = open_store(f"sqlite:///{db}")  # the window's long-lived engine
    try:
        user = ensure_user(store, "甲")
        campaign = create_campaign(store, "锁测试", year=2026, user=user)
        first = import_paths(store, [folder / "案卷0.pdf"], campaign=campaign.id, user=user, workers=0)
        review = open_review(store, first.imported[0].dossier_id, reviewer=user)  # read and written
        item = review.items[0].item
        review = save_item_score(store, review.id, item, deducted=0.5, reason="导入前", user=user,
                                 expected_version=review.version)
        assert held_locks(db) >= {"db", "shm"}

        report = import_paths(store, [folder], campaign=campaign.id, user=user, workers=2)  # the real pool
        assert sorted(f.file for f in report.imported) == ["评查/案卷1.pdf", "评查/案卷2.pdf"]
        locks_after_import = held_locks(db)

        _other_process_opens_and_closes(db)
        wal_kept = (folder / "评查.db-wal").exists()  # the other process knew it was not the last connection
        save_item_score(store, review.id, item, deducted=1.0, reason="导入后", user=user,
                        expected_version=review.version)
        assert len(list_dossiers(store, campaign.id)) == 3
        seen = _fresh_process_reads(db)  # while the window still runs
    finally:
        discard_pool()
        store.dispose()
    assert seen == [(item, 1.0, "导入后")]
    assert wal_kept
    assert locks_after_import >= {"db", "shm"}  # the guard: our locks survived the import


def test_the_database_files_in_an_imported_folder_are_rejected_unread(folder: Path) -> None:
    db = folder / "评查.db"
    store = open_store(f"sqlite:///{db}")
    try:
        user = ensure_user(store, "甲")
        campaign = create_campaign(store, "锁测试", year=2026, user=user)
        report = import_paths(store, [folder, db], campaign=campaign.id, user=user, workers=0)
        assert len(report.imported) == 3
        assert [(r.file, r.code) for r in report.rejected] == [
            ("评查/评查.db", "own_database"), ("评查/评查.db-shm", "own_database"),
            ("评查/评查.db-wal", "own_database"), ("评查.db", "own_database")]
        assert report.rejected[0].reason == "这是本程序正在使用的数据库文件，不是案卷，未导入（也未读取）"
        assert held_locks(db) >= {"db", "shm"}
    finally:
        store.dispose()


def test_our_locks_are_still_held_after_an_ordinary_pool_import(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(4):
        make_pdf(batch / f"b{i}.pdf", dossier_pages(1, tag=f"P{i}"))
    (batch / "坏文件.pdf").write_bytes(b"%PDF-1.7 truncated")
    store = open_store(f"sqlite:///{db}")
    try:
        user = ensure_user(store, "乙")
        campaign = create_campaign(store, "锁测试二", year=2026, user=user)
        assert held_locks(db) >= {"db", "shm"}
        report = import_paths(store, [batch], campaign=campaign.id, user=user, workers=2)
        assert len(report.imported) == 4
        assert [r.file for r in report.rejected] == ["batch/坏文件.pdf"]
        assert held_locks(db) >= {"db", "shm"}
    finally:
        discard_pool()
        store.dispose()
