"""The shared import queue on a throwaway PostgreSQL cluster: `import --queue`, `casereview worker`
processes (real subprocesses), a worker killed mid-job, `queue` status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest
from sqlalchemy import func, select

from app.jobs.tables import ImportJob, QueueWorker
from app.services import open_store
from app.store.models import AuditEvent, Dossier
from tests.unit.test_store_support import make_pdf

pytestmark = pytest.mark.pg
ROOT = Path(__file__).resolve().parents[2]
FAST = {"CASEREVIEW_WORKER_TIMING": "1,4,1", "CASEREVIEW_USER": "组织者"}  # heartbeat, stalled after, sweep


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **FAST}, timeout=timeout, check=False)


def _worker(db: str, name: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "worker", "--db", db, "--name", name, *extra],
                            cwd=ROOT, env={**os.environ, **FAST}, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _texts(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    return [make_pdf(folder / f"案卷{i}.pdf", [f"行政处罚决定书\n案卷 {i}\n当事人：某某商贸有限公司{i}"])
            for i in range(n)]


def _scan(path: Path, pages: int) -> Path:
    """An image-only PDF: OCR takes seconds a page, long enough to kill a worker mid-job."""
    text = make_pdf(path.with_suffix(".text.pdf"), ["行政处罚决定书\n当事人：某某商贸有限公司\n罚款人民币伍仟元"])
    with pymupdf.open(text) as src:
        pix = src[0].get_pixmap(dpi=150)
    scan = pymupdf.open()
    for _ in range(pages):
        page = scan.new_page()
        page.insert_image(page.rect, stream=pix.tobytes("png"))
    scan.save(path)
    scan.close()
    return path


def test_queue_needs_postgres(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", ["行政处罚决定书"])
    done = _cli("import", str(pdf), "--campaign", "单机", "--queue", "--db", str(tmp_path / "s.db"))
    assert done.returncode == 2
    assert "共享作业队列需要团队的 PostgreSQL 数据库" in done.stderr


def test_three_workers_import_each_file_once(pg_url: str, tmp_path: Path) -> None:
    files = _texts(tmp_path / "batch", 9)
    queued = _cli(
        "import", str(tmp_path / "batch"), "--campaign", "兵团", "--queue", "--format", "json", "--db", pg_url
    )
    assert queued.returncode == 0, queued.stderr
    assert sorted(json.loads(queued.stdout)["queued"]) == sorted(f"batch/{f.name}" for f in files)
    again = _cli("import", str(files[0]), "--campaign", "兵团", "--queue", "--format", "json", "--db", pg_url)
    assert json.loads(again.stdout)["duplicates"] == [files[0].name]  # already waiting: not queued twice
    workers = [_worker(pg_url, f"站{i}", "--until-empty") for i in range(3)]
    for w in workers:
        _, err = w.communicate(timeout=600)
        assert w.returncode == 0, err
    store = open_store(pg_url)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 9
        outcomes = s.execute(select(ImportJob.outcome, func.count()).group_by(ImportJob.outcome)).all()
        assert dict(outcomes) == {"imported": 9}
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "dossier.import")) == 9
        assert sum(w.done for w in s.scalars(select(QueueWorker))) == 9
    status = _cli("queue", "--campaign", "兵团", "--format", "json", "--db", pg_url)
    data = json.loads(status.stdout)
    assert data["counts"]["imported"] == 9
    assert data["finished"] == data["total"] == 9
    text = _cli("queue", "--campaign", "兵团", "--db", pg_url)
    assert "已导入 9" in text.stdout
    store.dispose()


@pytest.mark.slow
def test_killed_worker_job_is_retried_elsewhere_and_imported_once(pg_url: str, tmp_path: Path) -> None:
    scan = _scan(tmp_path / "扫描件.pdf", pages=3)
    assert _cli("import", str(scan), "--campaign", "扫描", "--queue", "--db", pg_url).returncode == 0
    store = open_store(pg_url)
    doomed = _worker(pg_url, "甲")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # wait until 甲 has taken the job and is working on it
        with store.session() as s:
            job = s.scalars(select(ImportJob)).one()
            if job.started_at is not None:
                break
        time.sleep(0.2)
    assert job.worker == "甲"
    assert job.outcome is None
    time.sleep(1.0)  # well inside the OCR of page 1
    os.killpg(os.getpgid(doomed.pid), signal.SIGKILL) if False else doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)
    rescuer = _worker(pg_url, "乙", "--until-empty")
    _, err = rescuer.communicate(timeout=600)
    assert rescuer.returncode == 0, err
    with store.session() as s:
        job = s.scalars(select(ImportJob)).one()
        assert (job.outcome, job.worker, job.attempts) == ("imported", "乙", 2)
        assert s.scalar(select(func.count()).select_from(Dossier)) == 1
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "dossier.import")) == 1
        dossier = s.get(Dossier, job.dossier_id)
        assert dossier is not None
        assert dossier.pages == 3
    store.dispose()
