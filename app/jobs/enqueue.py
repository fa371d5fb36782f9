"""`casereview import … --queue`: originals into the database, one queued job per file.

Why the database and not a shared folder: the workstations of a campaign are separate PCs (different
drive letters, no common share, files arriving on a USB stick that leaves with the supervisor). The
store keeps every original byte for byte anyway (SHA-256 keyed blobs), so copying it at enqueue costs
nothing extra in the end, and every worker that can reach the database can reach the file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import select

from app.errors import ErrorCode, KnownError
from app.jobs.queue import defer_in
from app.jobs.tables import ImportJob
from app.services.dto import CampaignDTO, DuplicateFile, RejectedFile, UserDTO
from app.services.sources import Candidate, collect, fingerprint
from app.services.users import ensure_agency_in
from app.store.blobs import put_file
from app.store.engine import Store
from app.store.models import Dossier

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class QueuedFile:
    file: str
    import_job_id: int
    sha256: str


@dataclass(slots=True)
class EnqueueReport:
    queued: list[QueuedFile] = field(default_factory=list)
    duplicates: list[DuplicateFile] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)


def require_postgres(store: Store) -> None:
    if store.is_sqlite:
        raise KnownError(ErrorCode.USAGE, "共享作业队列需要团队的 PostgreSQL 数据库（--db postgresql://…）；"
                                          "单机 SQLite 数据库请直接导入（不加 --queue）")


def enqueue_paths(store: Store, paths: Iterable[Path | str], *, campaign: CampaignDTO, agency: str | None,
                  user: UserDTO, progress: Progress = lambda done, total, name: None) -> EnqueueReport:
    """Store each file's original and queue it; bad archives and unreadable files are reported."""
    require_postgres(store)
    report = EnqueueReport()
    with tempfile.TemporaryDirectory(prefix="casereview-enqueue-") as tmp:
        sources = collect(list(paths), temp_root=Path(tmp))
        try:
            report.rejected.extend(sources.rejected)
            agency_id = _agency(store, agency)
            seen: set[str] = set()
            for index, cand in enumerate(sources.candidates):
                progress(index, len(sources.candidates), cand.display)
                _one(store, cand, campaign, agency_id, user, seen, report)
            progress(len(sources.candidates), len(sources.candidates), "")
        finally:
            sources.cleanup()
    return report


def _agency(store: Store, agency: str | None) -> int | None:
    if not agency:
        return None
    with store.write() as session:
        return ensure_agency_in(session, agency).id


def _one(store: Store, cand: Candidate, campaign: CampaignDTO, agency_id: int | None, user: UserDTO,
         seen: set[str], report: EnqueueReport) -> None:
    sha = fingerprint(cand, seen)
    if isinstance(sha, RejectedFile):
        report.rejected.append(sha)
        return
    if isinstance(sha, DuplicateFile):
        report.duplicates.append(sha)
        return
    lock = f"import:{campaign.id}:{sha}"
    try:
        with store.write() as session:
            existing = session.scalars(select(Dossier.id).where(Dossier.campaign_id == campaign.id,
                                                                Dossier.sha256 == sha)).first()
            job = session.scalars(select(ImportJob).where(ImportJob.campaign_id == campaign.id,
                                                          ImportJob.sha256 == sha).with_for_update()).first()
            if existing is not None or (job is not None and job.outcome in (None, "imported", "duplicate")):
                report.duplicates.append(DuplicateFile(cand.display, sha, existing))
                return
            put_file(session, cand.path, sha)
            if job is None:  # new; a rejected or failed file queued again starts afresh
                job = ImportJob(campaign_id=campaign.id, sha256=sha)
                session.add(job)
            job.agency_id, job.importer_id, job.file_name, job.display = (
                agency_id,
                user.id,
                cand.file_name,
                cand.display,
            )
            job.page_files = list(cand.page_files) if cand.page_files else None
            job.outcome = job.reason = job.worker = job.started_at = job.finished_at = None
            job.attempts = 0
            session.flush()
            job.queue_job_id = defer_in(session, import_job_id=job.id, lock=lock)
            report.queued.append(QueuedFile(cand.display, job.id, sha))
    except AlreadyEnqueued:
        report.duplicates.append(DuplicateFile(cand.display, sha, None))
    except KnownError as exc:
        report.rejected.append(RejectedFile(cand.display, exc.message, str(exc.code)))
