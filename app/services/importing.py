"""Batch import: hash first, skip duplicates, analyse in a process pool, one transaction per dossier.

Shared by the CLI (`casereview import`) and the window's background import. The 被评查单位 is one unit for
the batch (typed or chosen, "师市/部门") or read from the folder layout (app.services.import_units).
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.errors import ErrorCode, KnownError
from app.progress import Progress, ProgressCode, no_progress
from app.services.analysis import Analysed, Failed, iter_spool
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
from app.services.import_units import Unit, UnitMatcher
from app.services.pool import analyse_all
from app.services.sources import Candidate, collect, fingerprint
from app.services.users import agency_path, ensure_agency_in
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Agency, Dossier
from app.store.persist import NewDossier, write_dossier
from app.store.private import DIR_MODE, private_dir, tighten

log = logging.getLogger(__name__)

UNIT_MAX = 200  # Agency.name
SAVE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class _Job:
    index: int
    candidate: Candidate
    sha256: str
    unit: Unit | None


@dataclass(frozen=True, slots=True)
class _Target:
    """Where the batch goes: campaign, rubric, the unit for every file or the folder rule."""

    campaign_id: int
    rubric_id: str
    unit: Unit | None
    matcher: UnitMatcher | None
    user: UserDTO

    def unit_of(self, candidate: Candidate) -> Unit | None:
        return self.matcher.unit_for(candidate.display) if self.matcher is not None else self.unit


class _Batch:
    """Collects results in input order."""

    def __init__(self) -> None:
        self.imported: dict[int, ImportedFile] = {}
        self.duplicates: dict[int, DuplicateFile] = {}
        self.rejected: list[RejectedFile] = []
        self.cancelled = False

    def report(self, campaign_id: int, order: dict[str, int], *, by_folder: bool) -> ImportReport:
        rejected = sorted(self.rejected, key=lambda r: order.get(r.file, len(order)))
        imported = tuple(self.imported[k] for k in sorted(self.imported))
        return ImportReport(
            imported=imported,
            duplicates=tuple(self.duplicates[k] for k in sorted(self.duplicates)),
            rejected=tuple(rejected), cancelled=self.cancelled,
            changes=Changes(campaigns=frozenset({campaign_id}), dossiers=frozenset(f.dossier_id for f in imported)),
            no_unit=tuple(f.file for f in imported if f.unit is None) if by_folder else (),
        )


def check_unit(agency: str) -> str:
    """A typed 被评查单位 path ("师市/部门"): each level must fit the agency column (PostgreSQL enforces it)."""
    for part in (p.strip() for p in agency.replace("／", "/").split("/")):
        if len(part) > UNIT_MAX:
            raise KnownError(
                ErrorCode.USAGE,
                f"被评查单位名称过长：每一级不超过 {UNIT_MAX} 个字（“{part[:10]}…”有 {len(part)} 个字）",
            )
    return agency


def _target(
    store: Store, campaign: CampaignDTO | int | str, agency: str | None, *, by_folder: bool, user: UserDTO
) -> _Target:
    if agency and by_folder:
        raise KnownError(ErrorCode.USAGE, "被评查单位只能二选一：指定一个单位，或按文件夹确定")
    if agency:
        check_unit(agency)
    with store.write() as session:
        row = find_campaign(session, campaign.id if isinstance(campaign, CampaignDTO) else campaign)
        if row is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign}”不存在")
        unit = matcher = None
        if agency:
            found = ensure_agency_in(session, agency)
            unit = Unit(found.id, agency_path(session, found.id) or found.name)
        if by_folder:
            units = [Unit(a.id, agency_path(session, a.id) or a.name) for a in session.scalars(select(Agency))]
            matcher = UnitMatcher(units)
        return _Target(row.id, row.rubric_id, unit, matcher, user)


def _existing(store: Store, campaign_id: int, sha256: str) -> int | None:
    with store.session() as session:
        return session.scalars(
            select(Dossier.id).where(Dossier.campaign_id == campaign_id, Dossier.sha256 == sha256)
        ).first()


def _hash_all(
    store: Store,
    candidates: list[Candidate],
    target: _Target,
    batch: _Batch,
    *,
    progress: Progress,
    cancel: Callable[[], bool],
) -> list[_Job]:
    jobs: list[_Job] = []
    seen: set[str] = set()
    total = len(candidates)
    for index, cand in enumerate(candidates):
        if cancel():
            batch.cancelled = True
            break
        progress(0.05 * index / max(total, 1), ProgressCode.HASHING, file=cand.display, done=index, total=total)
        sha = fingerprint(cand, seen)
        if isinstance(sha, RejectedFile):
            batch.rejected.append(sha)
            continue
        if isinstance(sha, DuplicateFile):
            batch.duplicates[index] = sha
            continue
        existing = _existing(store, target.campaign_id, sha)
        if existing is not None:
            batch.duplicates[index] = DuplicateFile(cand.display, sha, existing)
            continue
        jobs.append(_Job(index, cand, sha, target.unit_of(cand)))
    return jobs


def _save(store: Store, job: _Job, result: Analysed, target: _Target) -> int | None:
    """One transaction per dossier; returns None if the file arrived meanwhile (a duplicate).

    On PostgreSQL two workstations importing the same file both pass the duplicate check (READ COMMITTED);
    the second insert then waits for the first and fails on the unique key of (campaign, sha256) or of the
    stored original. The unit of work is rolled back and done again: it then sees the other's rows and
    reports a duplicate (same campaign) or shares the stored original (another campaign)."""
    rubric_id = target.rubric_id if target.rubric_id != "auto" else result.rubric_id
    new = NewDossier(
        campaign_id=target.campaign_id,
        agency_id=job.unit.id if job.unit else None,
        importer_id=target.user.id,
        file_name=job.candidate.file_name,
        path=job.candidate.path,
        sha256=job.sha256,
        format=result.format,
        pages=result.pages,
        contract=result.contract,
        documents=result.documents,
        findings=result.findings,
        score=result.score,
        rubric_id=rubric_id,
        rubric_version=result.rubric_version,
    )
    for attempt in range(SAVE_ATTEMPTS):
        try:
            return _save_once(store, job, result, new, user=target.user.name)
        except IntegrityError:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
            log.info("import of %s raced with another import; trying again", job.candidate.display)
    raise AssertionError("unreachable")


def _save_once(store: Store, job: _Job, result: Analysed, new: NewDossier, *, user: str) -> int | None:
    with store.write() as session:
        if (
            session.scalars(
                select(Dossier.id).where(Dossier.campaign_id == new.campaign_id, Dossier.sha256 == job.sha256)
            ).first()
            is not None
        ):
            return None
        dossier_id = write_dossier(session, new, iter_spool(result.spool))
        after: dict[str, object] = {
            "file": job.candidate.display,
            "sha256": job.sha256,
            "pages": result.pages,
            "campaign": new.campaign_id,
            "auto_total": result.score.total,
        }
        if job.unit is not None:
            after["unit"] = job.unit.path
        if job.candidate.page_files:  # an image folder: its original names, in page order
            after["page_files"] = list(job.candidate.page_files)
        record_event(session, user=user, action="dossier.import", entity="dossier", entity_id=dossier_id, after=after)
        return dossier_id


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    campaign: CampaignDTO | int | str,
    agency: str | None = None,
    agency_from_folders: bool = False,
    user: UserDTO,
    progress: Progress = no_progress,
    cancel: Callable[[], bool] = lambda: False,
    workers: int = 2,
) -> ImportReport:
    """Import files, folders and ZIPs into a campaign. Bad files are reported, never raised.

    `agency` ("师市/部门", created if new) is the 被评查单位 of every file; `agency_from_folders` takes it
    from the folder layout instead (known units only; see app.services.import_units)."""
    target = _target(store, campaign, agency, by_folder=agency_from_folders, user=user)
    _remove_stale(store.data_dir / "import-tmp")
    tighten(private_dir(store.data_dir / "import-tmp"), DIR_MODE)  # owner-only: unpacked originals hold personal data
    work = private_dir(store.data_dir / "import-tmp" / f"{os.getpid()}-{uuid.uuid4().hex}")
    batch = _Batch()
    sources = collect(list(paths), temp_root=work, own=store.own_files())
    try:
        batch.rejected.extend(sources.rejected)
        jobs = _hash_all(store, sources.candidates, target, batch, progress=progress, cancel=cancel)
        _run_jobs(store, jobs, batch, work, target, progress=progress, cancel=cancel, workers=workers)
    finally:
        sources.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    progress(1.0, ProgressCode.DONE)
    return batch.report(target.campaign_id, sources.order, by_folder=agency_from_folders)


def _run_jobs(
    store: Store,
    jobs: list[_Job],
    batch: _Batch,
    work: Path,
    target: _Target,
    *,
    progress: Progress,
    cancel: Callable[[], bool],
    workers: int,
) -> None:
    rubric = None if target.rubric_id == "auto" else load_rubric_known(target.rubric_id)
    total = len(jobs)
    finished = 0

    def started(job: _Job) -> None:
        progress(
            0.05 + 0.95 * finished / total,
            ProgressCode.ANALYSING,
            file=job.candidate.display,
            done=finished,
            total=total,
        )

    work_items = [(job, str(job.candidate.source), str(work / f"{uuid.uuid4().hex}.jsonl")) for job in jobs]
    for job, result in analyse_all(work_items, rubric, workers=workers, cancel=cancel, started=started):
        name = job.candidate.display
        if isinstance(result, Failed):
            batch.rejected.append(RejectedFile(name, result.reason, result.code))
            status = "rejected"
        else:
            progress(0.05 + 0.95 * finished / total, ProgressCode.SAVING, file=name, done=finished, total=total)
            status = _keep(store, job, result, target, batch)
        finished += 1
        progress(
            0.05 + 0.95 * finished / total, ProgressCode.FILE_DONE, file=name, status=status, done=finished, total=total
        )
        if cancel():
            break
    if finished < total:
        batch.cancelled = True


def _keep(store: Store, job: _Job, result: Analysed, target: _Target, batch: _Batch) -> str:
    name = job.candidate.display
    try:
        dossier_id = _save(store, job, result, target)
    except KnownError as exc:
        batch.rejected.append(RejectedFile(name, exc.message, str(exc.code)))
        return "rejected"
    finally:
        Path(result.spool).unlink(missing_ok=True)
    if dossier_id is None:
        batch.duplicates[job.index] = DuplicateFile(name, job.sha256, _existing(store, target.campaign_id, job.sha256))
        return "duplicate"
    unit = job.unit.path if job.unit is not None else None
    batch.imported[job.index] = ImportedFile(name, dossier_id, job.sha256, result.pages, unit)
    return "imported"


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
            shutil.rmtree(child, ignore_errors=True)
