"""Our side of the queue: one row per enqueued file (its outcome, in Chinese) and one per worker process.

procrastinate keeps the jobs themselves (``procrastinate_jobs``: todo / doing / succeeded / failed);
these tables say what became of each file and who is working, for `casereview queue` and the window.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    column,
    func,
    table,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base

OUTCOMES = ("imported", "duplicate", "rejected", "failed")
# procrastinate's own table, for read-only queries (its schema is procrastinate's, applied by migration 0013)
PROCRASTINATE_JOBS = table("procrastinate_jobs", column("id"), column("queue_name"), column("status"),
                           column("args"), column("worker_id"), column("attempts"), column("lock"))


class ImportJob(Base):
    """A file waiting in (or done with) the shared queue. outcome NULL: not finished yet."""

    __tablename__ = "import_job"
    __table_args__ = (UniqueConstraint("campaign_id", "sha256", name="uq_import_job_campaign_sha"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    importer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    display: Mapped[str] = mapped_column(Text)
    page_files: Mapped[list[str] | None] = mapped_column(JSON)  # an image folder: its pages' original names
    queue_job_id: Mapped[int | None] = mapped_column(BigInteger)  # procrastinate_jobs.id
    enqueued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    worker: Mapped[str | None] = mapped_column(String(200))  # who took it last
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossier.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class QueueWorker(Base):
    """A `casereview worker` process; last_seen is refreshed every few seconds while it lives."""

    __tablename__ = "queue_worker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    current: Mapped[str | None] = mapped_column(Text)  # the file it is working on
    done: Mapped[int] = mapped_column(Integer, default=0)
    stopped: Mapped[bool] = mapped_column(default=False)
