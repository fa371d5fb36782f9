"""`casereview worker`: a procrastinate worker running our one task, plus what makes it a team's worker:

- a row in ``queue_worker`` (name, host, current file, files done) refreshed every few seconds — the
  window's "who is working";
- a sweeper: jobs of a worker whose heartbeat stopped (killed, power cut, network gone) go back to
  the queue; after ``MAX_ATTEMPTS`` interruptions the file is marked failed (it may be killing workers);
- ``until_empty``: stop when nothing is waiting or running.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from dataclasses import dataclass

import procrastinate
from procrastinate.exceptions import ConnectorException
from sqlalchemy import String, cast, func, select, update

from app.jobs.process import Outcome, process, record
from app.jobs.queue import MAX_ATTEMPTS, QUEUE, TASK, worker_app
from app.jobs.tables import PROCRASTINATE_JOBS, QueueWorker
from app.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds. A worker is stalled when its procrastinate heartbeat is older than `stalled`."""

    heartbeat: float = 5.0
    stalled: float = 30.0
    sweep: float = 10.0

    @classmethod
    def from_env(cls) -> Timing:
        """CASEREVIEW_WORKER_TIMING="heartbeat,stalled,sweep" (seconds) for tests and benchmarks."""
        raw = os.environ.get("CASEREVIEW_WORKER_TIMING")
        if not raw:
            return cls()
        heartbeat, stalled, sweep = (float(x) for x in raw.split(","))
        return cls(heartbeat, stalled, sweep)


def default_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class TeamWorker:
    def __init__(self, store: Store, *, name: str | None = None, timing: Timing | None = None) -> None:
        self.store = store
        self.name = name or default_name()
        self.timing = timing or Timing.from_env()
        self.app = worker_app(store.url)
        self.row_id = self._register()
        self.app.task(name=TASK, queue=QUEUE, pass_context=True,
                      retry=procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS, wait=5))(self._task)

    def _register(self) -> int:
        with self.store.write() as session:
            row = QueueWorker(name=self.name, host=socket.gethostname(), pid=os.getpid(), done=0)
            session.add(row)
            session.flush()
            return row.id

    def _set(self, **values: object) -> None:
        with self.store.write() as session:
            session.execute(update(QueueWorker).where(QueueWorker.id == self.row_id)
                            .values(last_seen=func.now(), **values))

    def _task(self, context: procrastinate.JobContext, import_job_id: int) -> str:
        """Runs in procrastinate's worker thread. Raising lets procrastinate retry (MAX_ATTEMPTS)."""
        self._set(current=f"作业 {import_job_id}")
        try:
            outcome = process(self.store, import_job_id, self.name)
        except Exception as exc:
            if context.job.attempts + 1 >= MAX_ATTEMPTS:
                log.exception("job %s failed for good", import_job_id)
                outcome = record(
                    self.store,
                    import_job_id,
                    self.name,
                    Outcome("failed", reason=f"处理失败（{type(exc).__name__}），已重试 {MAX_ATTEMPTS} 次"),
                )
            else:
                raise
        finally:
            self._set(current=None)
        if outcome.outcome in ("imported", "duplicate", "rejected"):
            self._set(done=QueueWorker.done + 1)
        return outcome.outcome

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.to_thread(self._set)
            await asyncio.sleep(self.timing.heartbeat)

    async def _sweep_once(self) -> int:
        """Requeue the jobs of stalled workers; returns how many went back."""
        manager = self.app.job_manager
        back = 0
        for job in await manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=self.timing.stalled):
            assert job.id is not None
            try:
                if job.attempts + 1 >= MAX_ATTEMPTS:
                    await manager.finish_job_by_id_async(
                        job.id, status=procrastinate.jobs.Status.FAILED, delete_job=False
                    )
                    import_job_id = int(str(job.task_kwargs["import_job_id"]))
                    await asyncio.to_thread(
                        record,
                        self.store,
                        import_job_id,
                        self.name,
                        Outcome(
                            "failed",
                            reason=f"处理该文件的作业进程已中断 {MAX_ATTEMPTS} 次（可能内存不足或文件导致崩溃）",
                        ),
                    )
                else:
                    await manager.retry_job(job)
                    back += 1
                log.warning("requeued job %s of a stalled worker (attempt %s)", job.id, job.attempts + 1)
            except ConnectorException:  # another worker's sweeper took it first
                continue
        await manager.prune_stalled_workers(self.timing.stalled)
        return back

    async def _sweeper(self, until_empty: bool, worker: asyncio.Task[None]) -> None:
        while True:
            await asyncio.sleep(self.timing.sweep)
            try:
                await self._sweep_once()
                if until_empty and await asyncio.to_thread(self.pending) == 0:
                    worker.cancel()
                    return
            except Exception:  # the database may be briefly unreachable: try again next round
                log.exception("queue sweep failed")

    def pending(self) -> int:
        """Jobs waiting or running in the queue (any campaign)."""
        with self.store.session() as session:
            jobs = PROCRASTINATE_JOBS
            return int(
                session.execute(
                    select(func.count())
                    .select_from(jobs)
                    .where(jobs.c.queue_name == QUEUE, cast(jobs.c.status, String).in_(("todo", "doing")))
                ).scalar_one()
            )

    async def run(self, *, concurrency: int = 1, until_empty: bool = False) -> None:
        async with self.app.open_async():
            worker = asyncio.create_task(
                self.app.run_worker_async(
                    queues=[QUEUE],
                    name=self.name,
                    concurrency=concurrency,
                    wait=True,
                    update_heartbeat_interval=self.timing.heartbeat,
                    stalled_worker_timeout=self.timing.stalled,
                    fetch_job_polling_interval=self.timing.heartbeat,
                    install_signal_handlers=True,
                )
            )
            helpers = [asyncio.create_task(self._heartbeat()), asyncio.create_task(self._sweeper(until_empty, worker))]
            try:
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            finally:
                for task in helpers:
                    task.cancel()
                await asyncio.gather(*helpers, return_exceptions=True)
                await asyncio.to_thread(self._set, stopped=True, current=None)


def run_worker(
    store: Store,
    *,
    name: str | None = None,
    concurrency: int = 1,
    until_empty: bool = False,
    timing: Timing | None = None,
) -> None:
    asyncio.run(TeamWorker(store, name=name, timing=timing).run(concurrency=concurrency, until_empty=until_empty))
