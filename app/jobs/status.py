"""The campaign's queue at a glance (read-only): how many files wait, run, ended how; who is working."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.jobs.tables import PROCRASTINATE_JOBS, ImportJob, QueueWorker
from app.store.engine import Store

STATE_LABELS = {"waiting": "等待中", "running": "处理中", "imported": "已导入", "duplicate": "重复",
                "rejected": "已拒绝", "failed": "失败"}
ALIVE = dt.timedelta(seconds=60)  # a worker unseen for longer is shown as gone


@dataclass(frozen=True, slots=True)
class WorkerRow:
    name: str
    host: str
    current: str | None  # the file of this campaign it is working on
    done: int
    alive: bool


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    state: str
    reason: str


@dataclass(frozen=True, slots=True)
class QueueStatus:
    counts: dict[str, int] = field(default_factory=dict)  # STATE_LABELS keys
    workers: tuple[WorkerRow, ...] = ()
    problems: tuple[Problem, ...] = ()  # rejected and failed files, newest first

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def finished(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("imported", "duplicate", "rejected", "failed"))


def queue_status(store: Store, campaign_id: int, *, problems: int = 50) -> QueueStatus:
    if store.is_sqlite:
        return QueueStatus()
    jobs = PROCRASTINATE_JOBS
    with store.session() as session:
        rows = session.execute(
            select(ImportJob.outcome, jobs.c.status, func.count())
            .select_from(ImportJob).outerjoin(jobs, jobs.c.id == ImportJob.queue_job_id)
            .where(ImportJob.campaign_id == campaign_id).group_by(ImportJob.outcome, jobs.c.status)).all()
        counts: dict[str, int] = dict.fromkeys(STATE_LABELS, 0)
        for outcome, status, n in rows:
            key = outcome or ("running" if status == "doing" else "waiting")
            counts[key] += int(n)
        now = session.execute(select(func.now())).scalar_one()
        running = dict(
            session.execute(
                select(ImportJob.worker, ImportJob.display).where(
                    ImportJob.campaign_id == campaign_id, ImportJob.outcome.is_(None), ImportJob.started_at.is_not(None)
                )
            ).all()
        )
        workers = tuple(
            WorkerRow(w.name, w.host, running.get(w.name), w.done, (now - w.last_seen) < ALIVE and not w.stopped)
            for w in session.scalars(
                select(QueueWorker).where(QueueWorker.last_seen > now - 10 * ALIVE).order_by(QueueWorker.name)
            )
        )
        bad = tuple(
            Problem(j.display, j.outcome or "", j.reason or "")
            for j in session.scalars(
                select(ImportJob)
                .where(ImportJob.campaign_id == campaign_id, ImportJob.outcome.in_(("rejected", "failed")))
                .order_by(ImportJob.finished_at.desc())
                .limit(problems)
            )
        )
    return QueueStatus(counts, workers, bad)
