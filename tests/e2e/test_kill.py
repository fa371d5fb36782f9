"""SIGKILL an import at a random moment: the SQLite file stays sound, no dossier is half there, a rerun finishes."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.services import (
    create_campaign,
    ensure_user,
    list_dossiers,
    open_store,
    original_bytes,
    verify_audit_chain,
)
from app.store.models import AuditEvent, Document, Dossier, FindingRow, Page
from tests.unit.test_store_support import dossier_pages, make_pdf

pytestmark = pytest.mark.slow  # SIGKILLs a CLI import of a batch in fresh interpreters, several times

FILES = 50
CAMPAIGN = "断电测试"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill-batch")
    for i in range(FILES):
        make_pdf(folder / f"案卷{i:02d}.pdf", dossier_pages(1 + i % 3, tag=f"K{i}"))
    return folder


def _start(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(db), "import", str(folder), "--campaign", CAMPAIGN,
         "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _fresh_db(path: Path) -> None:
    store = open_store(f"sqlite:///{path}")
    create_campaign(store, CAMPAIGN, year=2024, user=ensure_user(store, "导入员"))
    store.dispose()


def _assert_sound(db: Path, folder: Path) -> int:
    """integrity_check ok; every dossier present is complete; returns how many there are."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    store = open_store(f"sqlite:///{db}")
    try:
        with store.session() as session:
            dossiers = session.scalars(select(Dossier)).all()
            for d in dossiers:
                pages = session.scalar(select(func.count()).select_from(Page).where(Page.dossier_id == d.id))
                assert pages == d.pages == d.extraction["pages"]
                assert d.extraction["sha256"] == d.sha256
                docs = session.scalar(select(func.count()).select_from(Document).where(Document.dossier_id == d.id))
                assert docs == len(d.extraction["documents"])
                session.scalar(select(func.count()).select_from(FindingRow).where(FindingRow.dossier_id == d.id))
            imports = session.scalar(select(func.count()).select_from(AuditEvent)
                                     .where(AuditEvent.action == "dossier.import"))
            assert imports == len(dossiers)  # the audit event is in the dossier's transaction
        for d in dossiers:
            assert original_bytes(store, d.id) == (folder / d.file_name).read_bytes()
        assert verify_audit_chain(store).ok
        return len(dossiers)
    finally:
        store.dispose()


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _kill_at(proc: subprocess.Popen[str], db: Path, *, after: int, delay: float) -> None:
    """Once `after` dossiers are in, wait `delay` seconds more (a random moment in a file's work), then SIGKILL."""
    deadline = time.monotonic() + 300
    while _count(db) < after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its analysis workers


def test_full_import_of_the_batch(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    _fresh_db(db)
    proc = _start(db, batch)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert len(json.loads(out)["imported"]) == FILES
    assert _assert_sound(db, batch) == FILES


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_sigkill_mid_import(seed: int, batch: Path, tmp_path: Path) -> None:
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    _fresh_db(db)
    proc = _start(db, batch)
    _kill_at(proc, db, after=rng.randrange(1, FILES - 5), delay=rng.uniform(0, 0.2))
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    present = _assert_sound(db, batch)
    print(f"seed {seed}: {present} of {FILES} dossiers were complete at the kill")
    rerun = _start(db, batch)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    result = json.loads(out)
    assert (len(result["imported"]), len(result["duplicates"])) == (FILES - present, present)
    assert _assert_sound(db, batch) == FILES
    assert list((tmp_path / "import-tmp").iterdir()) == []  # the killed run's temp files are gone
    store = open_store(f"sqlite:///{db}")
    assert len(list_dossiers(store, 1)) == FILES
    store.dispose()
