"""组织 → 导入作业队列…: the campaign's queue, its workers and the files that failed, read from the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import app.services as api
from app.jobs.enqueue import enqueue_paths
from app.jobs.process import Outcome, record
from app.jobs.tables import QueueWorker
from tests.ui.conftest import wait_idle
from tests.unit.test_store_support import make_pdf
from ui.queue_view import QueueDialog


def test_sqlite_says_the_queue_is_for_postgres(qtbot: Any, runtime: Any, services: Any) -> None:
    campaign = services.create_campaign("单机", year=2026)
    dialog = QueueDialog(None, campaign.id, campaign.name)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, runtime)
    assert "只用于团队的 PostgreSQL 数据库" in dialog.summary.text()
    assert not dialog.timer.isActive()


@pytest.fixture
def pg_runtime(qapp: Any, pg_url: str) -> Iterator[Any]:
    from ui import ops
    from ui.services import Services

    store = api.open_store(pg_url)
    rt = ops.Runtime(Services(store, api.current_user(store), import_workers=0))
    ops.set_runtime(rt)
    yield rt
    rt.shutdown()
    ops.set_runtime(None)
    store.dispose()


@pytest.mark.pg
def test_counts_workers_and_failures(qtbot: Any, pg_runtime: Any, tmp_path: Path) -> None:
    store = pg_runtime.services.store
    user = api.current_user(store)
    campaign = api.ensure_campaign(store, "兵团", year=2026, user=user)
    files = [make_pdf(tmp_path / f"案卷{i}.pdf", [f"行政处罚决定书 {i}"]) for i in range(3)]
    report = enqueue_paths(store, files, campaign=campaign, agency=None, user=user)
    assert len(report.queued) == 3
    record(store, report.queued[0].import_job_id, "站甲", Outcome("rejected", reason="PDF 文件已损坏"))
    with store.write() as session:
        session.add(QueueWorker(name="站甲", host="pc-01", pid=42, done=1))
    dialog = QueueDialog(None, campaign.id, campaign.name)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, pg_runtime)
    assert dialog.summary.text().startswith(
        "共 3 个文件，已完成 1 个：等待中 2，处理中 0，已导入 0，重复 0，已拒绝 1，失败 0"
    )
    assert [dialog.workers.item(0, c).text() for c in range(4)] == ["站甲", "pc-01", "在线", "1"]
    assert dialog.problems.rowCount() == 1
    assert [dialog.problems.item(0, c).text() for c in range(3)] == ["案卷0.pdf", "已拒绝", "PDF 文件已损坏"]
