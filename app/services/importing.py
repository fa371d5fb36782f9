"""Batch import: hash first, skip duplicates, analyse in a process pool, one transaction per dossier."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.errors import ErrorCode, KnownError
from app.progress import Progress, ProgressCode, no_progress
from app.services.analysis import Analysed, Failed, analyse_file, iter_spool, worker_init
from app.services.campaigns import find_campaign, load_rubric_known
from app.services.dto import (
    CampaignDTO,
    Changes,
    DuplicateFile,
    ImportedFile,
    ImportReport,
    RejectedFile,
    UserDTO,
)
from app.services.sources import Candidate, collect
from app.services.users import ensure_agency_in
from app.store.audit import record_event
from app.store.blobs import sha256_path
from app.store.engine import Store
from app.store.models import Dossier
from app.store.persist import NewDossier, write_dossier
from scoring.rubric import Rubric

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Job:
    index: int
    candidate: Candidate
    sha256: str


class _Batch:
    """Collects results in input order."""

    def __init__(self) -> None:
        self.imported: dict[int, ImportedFile] = {}
        self.duplicates: dict[int, DuplicateFile] = {}
        self.rejected: list[RejectedFile] = []
        self.cancelled = False

    def report(self, campaign_id: int, order: dict[str, int]) -> ImportReport:
        rejected = sorted(self.rejected, key=lambda r: order.get(r.file, len(order)))
        ids = frozenset(f.dossier_id for f in self.imported.values())
        return ImportReport(
            imported=tuple(self.imported[k] for k in sorted(self.imported)),
            duplicates=tuple(self.duplicates[k] for k in sorted(self.duplicates)),
            rejected=tuple(rejected), cancelled=self.cancelled,
            changes=Changes(campaigns=frozenset({campaign_id}), dossiers=ids),
        )


UNIT_MAX = 200  # Agency.name


def check_unit(agency: str) -> str:
    """A typed 被评查单位 path ("师市/部门"): each level must fit the agency column (PostgreSQL enforces it)."""
    for part in (p.strip() for p in agency.replace("／", "/").split("/")):
        if len(part) > UNIT_MAX:
            raise KnownError(ErrorCode.USAGE, f"被评查单位名称过长：每一级不超过 {UNIT_MAX} 个字（“{part[:10]}…”有 {len(part)} 个字）")
    return agency


def _campaign_info(store: Store, campaign: CampaignDTO | int | str, agency: str | None) -> tuple[int, int | None, str]:
    if agency:
        check_unit(agency)
    with store.write() as session:
        row = find_campaign(session, campaign.id if isinstance(campaign, CampaignDTO) else campaign)
        if row is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign}”不存在")
        agency_id = ensure_agency_in(session, agency).id if agency else None
        return row.id, agency_id, row.rubric_id


def _existing(store: Store, campaign_id: int, sha256: str) -> int | None:
    with store.session() as session:
        return session.scalars(select(Dossier.id).where(
            Dossier.campaign_id == campaign_id, Dossier.sha256 == sha256)).first()


def _hash_all(store: Store, candidates: list[Candidate], campaign_id: int, batch: _Batch, *,
              progress: Progress, cancel: Callable[[], bool]) -> list[_Job]:
    jobs: list[_Job] = []
    seen: set[str] = set()
    for index, cand in enumerate(candidates):
        if cancel():
            batch.cancelled = True
            break
        progress(0.05 * index / max(len(candidates), 1), ProgressCode.HASHING, file=cand.display)
        try:
            sha = sha256_path(cand.path)
        except OSError as exc:
            batch.rejected.append(RejectedFile(cand.display, f"无法读取文件（{exc.strerror or exc}）", "not_found"))
            continue
        if sha in seen:
            batch.duplicates[index] = DuplicateFile(cand.display, sha, None)
            continue
        seen.add(sha)
        existing = _existing(store, campaign_id, sha)
        if existing is not None:
            batch.duplicates[index] = DuplicateFile(cand.display, sha, existing)
            continue
        jobs.append(_Job(index, cand, sha))
    return jobs


def _results(jobs: list[_Job], spool_dir: Path, rubric: Rubric | None, *, workers: int,
             cancel: Callable[[], bool]) -> Iterator[tuple[_Job, Analysed | Failed]]:
    """Analyse in a process pool (or inline when workers == 0); yields as files finish."""
    spools = {j.index: str(spool_dir / f"{uuid.uuid4().hex}.jsonl") for j in jobs}
    if workers <= 0 or not jobs:
        for job in jobs:
            if cancel():
                return
            yield job, analyse_file(str(job.candidate.source), spools[job.index], rubric)
        return
    pool = _pool(workers)
    pending: dict[Future[Analysed | Failed], _Job] = {}
    queue = list(jobs)
    finished = False
    try:
        while queue or pending:
            while queue and len(pending) < 2 * workers:  # bounded: results are not all held at once
                job = queue.pop(0)
                try:
                    pending[pool.submit(analyse_file, str(job.candidate.source), spools[job.index], rubric)] = job
                except BrokenProcessPool:  # a worker died: finish the batch in this process
                    yield job, analyse_file(str(job.candidate.source), spools[job.index], rubric)
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancel():
                return
            for fut in done:
                job = pending.pop(fut)
                try:
                    yield job, fut.result()
                except Exception as exc:  # the worker died (e.g. out of memory)
                    yield job, Failed(f"分析进程异常退出（{type(exc).__name__}）", "bug")
        finished = True
    finally:
        if not finished:  # cancelled or failed: stop running analyses now; the next batch starts afresh
            discard_pool()


_POOL: dict[int, ProcessPoolExecutor] = {}
_POOL_LOCK = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per process, kept between batches: workers load the pipeline once (≈2–5 s), not per batch."""
    with _POOL_LOCK:
        pool = _POOL.get(workers)
        if pool is None or getattr(pool, "_broken", False):
            discard_pool_locked()
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=worker_init)
            _POOL[workers] = pool
        return pool


def warm_up(workers: int = 2) -> None:
    """Start the analysis workers ahead of the first import (the UI may call this at start-up)."""
    pool = _pool(workers)
    for fut in [pool.submit(_ready) for _ in range(workers)]:
        fut.result()


def _ready() -> bool:
    import app.pipeline

    return app.pipeline.analyse is not None


def discard_pool() -> None:
    with _POOL_LOCK:
        discard_pool_locked()


def discard_pool_locked() -> None:
    for pool in _POOL.values():
        _stop(pool)
    _POOL.clear()


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process has one thread (the CLI: cheap, modules already loaded); else forkserver
    (the UI has threads, and forking them is unsafe); spawn where neither exists."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    if threading.active_count() == 1:
        import app.pipeline  # loaded once here, shared by the forked workers

        assert app.pipeline.analyse is not None
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.pipeline"])  # the server loads it once; every worker forks from it
    return ctx


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for running analyses (Cancel must be prompt)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def _save(store: Store, job: _Job, result: Analysed, *, campaign_id: int, agency_id: int | None,
          user: UserDTO, ref: str | None) -> int | None:
    """One transaction per dossier; returns None if the file arrived meanwhile (a duplicate).

    On PostgreSQL two workstations importing the same file both pass the duplicate check (READ COMMITTED);
    the second insert then waits for the first and fails on the unique key of (campaign, sha256) or of the
    stored original. The unit of work is rolled back and done again: it then sees the other's rows and
    reports a duplicate (same campaign) or shares the stored original (another campaign)."""
    new = NewDossier(
        campaign_id=campaign_id, agency_id=agency_id, importer_id=user.id, file_name=job.candidate.file_name,
        path=job.candidate.path, sha256=job.sha256, format=result.format, pages=result.pages,
        contract=result.contract, documents=result.documents, findings=result.findings, score=result.score,
        rubric_id=ref or result.rubric_id, rubric_version=result.rubric_version,
    )
    for attempt in range(SAVE_ATTEMPTS):
        try:
            return _save_once(store, job, result, new, user=user.name)
        except IntegrityError:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
            log.info("import of %s raced with another import; trying again", job.candidate.display)
    raise AssertionError("unreachable")


SAVE_ATTEMPTS = 3


def _save_once(store: Store, job: _Job, result: Analysed, new: NewDossier, *, user: str) -> int | None:
    with store.write() as session:
        if session.scalars(select(Dossier.id).where(Dossier.campaign_id == new.campaign_id,
                                                    Dossier.sha256 == job.sha256)).first() is not None:
            return None
        dossier_id = write_dossier(session, new, iter_spool(result.spool))
        after: dict[str, object] = {"file": job.candidate.display, "sha256": job.sha256, "pages": result.pages,
                 "campaign": new.campaign_id, "auto_total": result.score.total}
        if job.candidate.page_files:  # an image folder: its original names, in page order
            after["page_files"] = list(job.candidate.page_files)
        record_event(session, user=user, action="dossier.import", entity="dossier",
                     entity_id=dossier_id, after=after)
        return dossier_id


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    campaign: CampaignDTO | int | str,
    agency: str | None = None,
    user: UserDTO,
    progress: Progress = no_progress,
    cancel: Callable[[], bool] = lambda: False,
    workers: int = 2,
) -> ImportReport:
    """Import files, folders and ZIPs into a campaign. Bad files are reported, never raised."""
    campaign_id, agency_id, rubric_id = _campaign_info(store, campaign, agency)
    rubric = None if rubric_id == "auto" else load_rubric_known(rubric_id)
    ref = None if rubric is None else rubric_id
    _remove_stale(store.data_dir / "import-tmp")
    work = store.data_dir / "import-tmp" / f"{os.getpid()}-{uuid.uuid4().hex}"
    work.mkdir(parents=True, exist_ok=True)
    batch = _Batch()
    sources = collect(list(paths), temp_root=work, own=store.own_files())
    try:
        batch.rejected.extend(sources.rejected)
        jobs = _hash_all(store, sources.candidates, campaign_id, batch, progress=progress, cancel=cancel)
        _run_jobs(store, jobs, batch, work, rubric, campaign_id=campaign_id, agency_id=agency_id, user=user,
                  progress=progress, cancel=cancel, workers=workers, ref=ref)
    finally:
        sources.cleanup()
        _rmtree(work)
    progress(1.0, ProgressCode.DONE)
    return batch.report(campaign_id, sources.order)


def _run_jobs(store: Store, jobs: list[_Job], batch: _Batch, work: Path, rubric: Rubric | None, *,
              campaign_id: int, agency_id: int | None, user: UserDTO, progress: Progress,
              cancel: Callable[[], bool], workers: int, ref: str | None) -> None:
    finished = 0
    for job, result in _results(jobs, work, rubric, workers=workers, cancel=cancel):
        name = job.candidate.display
        if isinstance(result, Failed):
            batch.rejected.append(RejectedFile(name, result.reason, result.code))
            status = "rejected"
        else:
            progress(0.05 + 0.95 * finished / len(jobs), ProgressCode.SAVING, file=name)
            try:
                dossier_id: int | None = _save(store, job, result, campaign_id=campaign_id,
                                               agency_id=agency_id, user=user, ref=ref)
            except KnownError as exc:
                dossier_id = -1
                batch.rejected.append(RejectedFile(name, exc.message, str(exc.code)))
            Path(result.spool).unlink(missing_ok=True)
            if dossier_id == -1:
                status = "rejected"
            elif dossier_id is None:
                batch.duplicates[job.index] = DuplicateFile(name, job.sha256, _existing(store, campaign_id, job.sha256))
                status = "duplicate"
            else:
                batch.imported[job.index] = ImportedFile(name, dossier_id, job.sha256, result.pages)
                status = "imported"
        finished += 1
        progress(0.05 + 0.95 * finished / len(jobs), ProgressCode.FILE_DONE, file=name, status=status)
        if cancel():
            break
    if finished < len(jobs):
        batch.cancelled = True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_stale(root: Path) -> None:
    """Temp folders left by an import that was killed (its process is gone) are removed."""
    if not root.is_dir():
        return
    for child in root.iterdir():
        pid = child.name.split("-", 1)[0]
        if child.is_dir() and pid.isdigit() and not _alive(int(pid)):
            _rmtree(child)


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
