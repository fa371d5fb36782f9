"""One queued file, processed by a worker: original from the database, analysis (OCR), save.

The dossier, its audit event and the job's outcome are written in one transaction, so a worker
killed at any point leaves either nothing (the job is retried) or everything (the retry sees the
outcome and stops). A file that is already in the campaign is a duplicate; the store's unique
(campaign, sha256) catches the last race.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.jobs.tables import ImportJob
from app.services.analysis import Analysed, Failed, analyse_file, iter_spool
from app.services.campaigns import load_rubric_known
from app.store.audit import record_event
from app.store.blobs import read_bytes
from app.store.engine import Store
from app.store.models import Campaign, Dossier, User
from app.store.persist import NewDossier, write_dossier

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: str  # imported / duplicate / rejected / failed, or "done" when a retry finds it finished
    dossier_id: int | None = None
    reason: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _existing(session: Session, job: ImportJob) -> int | None:
    return session.scalars(select(Dossier.id).where(Dossier.campaign_id == job.campaign_id,
                                                    Dossier.sha256 == job.sha256)).first()


def _start(store: Store, import_job_id: int, worker: str) -> ImportJob | Outcome:
    with store.write() as session:
        job = session.get(ImportJob, import_job_id, with_for_update=True)
        if job is None:
            return Outcome("failed", reason="队列中的作业记录已被删除")
        if job.outcome is not None:  # finished by an earlier attempt that died before telling the queue
            return Outcome("done", job.dossier_id)
        existing = _existing(session, job)
        if existing is not None:
            _finish(job, worker, Outcome("duplicate", existing, "该评查活动中已有此文件"))
            return Outcome("duplicate", existing)
        job.worker, job.started_at, job.attempts = worker, _now(), job.attempts + 1
        session.flush()
        session.expunge(job)
        return job


def _finish(job: ImportJob, worker: str, outcome: Outcome) -> None:
    job.outcome, job.reason, job.dossier_id = outcome.outcome, outcome.reason or None, outcome.dossier_id
    job.worker, job.finished_at = worker, _now()


def _materialise(store: Store, job: ImportJob, work: Path) -> Path:
    """The original back from the database (SHA-256 checked); an image folder's page ZIP is unpacked."""
    with store.session() as session:
        data = read_bytes(session, job.sha256, name=job.display)
    if job.page_files is not None:
        folder = work / "pages"
        folder.mkdir()
        with zipfile.ZipFile(io.BytesIO(data)) as pages:
            pages.extractall(folder)
        return folder
    path = work / f"original{Path(job.file_name).suffix.lower()}"
    path.write_bytes(data)
    return path


def _analyse(store: Store, job: ImportJob, work: Path) -> tuple[Analysed | Failed, Path, str | None]:
    with store.session() as session:
        rubric_id = session.execute(select(Campaign.rubric_id).where(Campaign.id == job.campaign_id)).scalar_one()
    rubric = None if rubric_id == "auto" else load_rubric_known(rubric_id)
    source = _materialise(store, job, work)
    result = analyse_file(str(source), str(work / "pages.jsonl"), rubric)
    return result, source, None if rubric is None else rubric_id


def _save(store: Store, job: ImportJob, result: Analysed, source: Path, ref: str | None, worker: str) -> Outcome:
    new = NewDossier(
        campaign_id=job.campaign_id, agency_id=job.agency_id, importer_id=job.importer_id, file_name=job.file_name,
        path=source, sha256=job.sha256, format=result.format, pages=result.pages, contract=result.contract,
        documents=result.documents, findings=result.findings, score=result.score,
        rubric_id=ref or result.rubric_id, rubric_version=result.rubric_version)
    with store.write() as session:
        row = session.get(ImportJob, job.id, with_for_update=True)
        assert row is not None
        if row.outcome is not None:
            return Outcome("done", row.dossier_id)
        existing = _existing(session, row)
        if existing is not None:
            outcome = Outcome("duplicate", existing, "该评查活动中已有此文件")
        else:
            dossier_id = write_dossier(session, new, iter_spool(result.spool))
            user = session.get(User, job.importer_id) if job.importer_id is not None else None
            after: dict[str, object] = {"file": job.display, "sha256": job.sha256, "pages": result.pages,
                                        "campaign": job.campaign_id, "auto_total": result.score.total,
                                        "via": "queue", "worker": worker}
            if job.page_files:
                after["page_files"] = list(job.page_files)
            record_event(session, user=user.name if user else worker, action="dossier.import", entity="dossier",
                         entity_id=dossier_id, after=after)
            outcome = Outcome("imported", dossier_id)
        _finish(row, worker, outcome)
        return outcome


def process(store: Store, import_job_id: int, worker: str) -> Outcome:
    """Run one queued file to its end. Bad files end as `rejected` with the Chinese reason; a failure
    of ours raises (the queue retries it; after MAX_ATTEMPTS the caller records `failed`)."""
    started = _start(store, import_job_id, worker)
    if isinstance(started, Outcome):
        return started
    job = started
    with tempfile.TemporaryDirectory(prefix="casereview-job-") as tmp:
        try:
            result, source, ref = _analyse(store, job, Path(tmp))
        except KnownError as exc:
            result, source, ref = Failed(exc.message, str(exc.code)), Path(tmp), None
        if isinstance(result, Failed):
            return record(store, import_job_id, worker, Outcome("rejected", reason=result.reason))
        try:
            return _save(store, job, result, source, ref, worker)
        except IntegrityError:  # another worker saved the same file a moment earlier: unique (campaign, sha256)
            log.info("job %s: %s arrived meanwhile", import_job_id, job.display)
            return record(store, import_job_id, worker, Outcome("duplicate", reason="该评查活动中已有此文件"))


def record(store: Store, import_job_id: int, worker: str, outcome: Outcome) -> Outcome:
    """Write an outcome (rejected / failed / duplicate) unless the job already has one."""
    with store.write() as session:
        row = session.get(ImportJob, import_job_id, with_for_update=True)
        if row is None or row.outcome is not None:
            return Outcome("done", row.dossier_id if row else None)
        if outcome.outcome == "duplicate" and outcome.dossier_id is None:
            outcome = Outcome("duplicate", _existing(session, row), outcome.reason)
        _finish(row, worker, outcome)
    return outcome
