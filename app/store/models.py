"""SQLAlchemy 2.x models: campaigns, agencies, dossiers, originals, pages, findings, reviews, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="reviewer")  # reviewer | supervisor | admin
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    login: Mapped[str | None] = mapped_column(String(63), unique=True)  # PostgreSQL login of the person, rev 0011


class Agency(Base):
    """师市 / 部门: a tree through parent_id."""

    __tablename__ = "agency"
    __table_args__ = (UniqueConstraint("name", "parent_id", name="uq_agency_name_parent"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    rubric_id: Mapped[str] = mapped_column(String(500))  # an id, or the path of a custom rubric file
    rubric_version: Mapped[str] = mapped_column(String(64))
    rubric_title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # The ledger is kept in the reviews' transactions since rev 0010; False until one catch-up sync ran.
    ledger_synced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class StoredFile(Base):
    """An original file, kept byte for byte in chunks (see FileChunk), keyed by its SHA-256."""

    __tablename__ = "stored_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    chunks: Mapped[int] = mapped_column(Integer)


class FileChunk(Base):
    __tablename__ = "file_chunk"
    sha256: Mapped[str] = mapped_column(
        ForeignKey("stored_file.sha256", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (UniqueConstraint("campaign_id", "sha256", name="uq_dossier_campaign_sha"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    format: Mapped[str] = mapped_column(String(20), default="pdf")
    pages: Mapped[int] = mapped_column(Integer)
    case_kind: Mapped[str] = mapped_column(String(30), default="other")
    case_number: Mapped[str | None] = mapped_column(Text)  # display copies of extracted values: unbounded (0012)
    party_name: Mapped[str | None] = mapped_column(Text)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)  # extraction-contract.md object
    rubric_id: Mapped[str] = mapped_column(String(500))  # an id, or the path of a custom rubric file
    rubric_version: Mapped[str] = mapped_column(String(64))
    auto_total: Mapped[float | None] = mapped_column(Float)
    auto_grade: Mapped[str | None] = mapped_column(String(20))
    auto_veto: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    importer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("dossier_id", "number", name="uq_page_dossier_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float | None] = mapped_column(Float)
    has_seal: Mapped[bool | None] = mapped_column(Boolean)


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)  # a heading line as found in the dossier: unbounded (0012)
    pages: Mapped[list[Any]] = mapped_column(JSON)


class FindingRow(Base):
    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    count: Mapped[int] = mapped_column(Integer, default=1)


class Assignment(Base):
    """Which reviewer reviews which dossier (written by sampling); slot 1 or 2 for double review."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("dossier_id", "reviewer_id", name="uq_assignment_dossier_reviewer"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer, default=1)
    blind: Mapped[bool] = mapped_column(Boolean, default=False)
    seed: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Review(Base):
    __tablename__ = "review"
    __table_args__ = (
        UniqueConstraint("dossier_id", "reviewer_id", name="uq_review_dossier_reviewer"),
        # One 已定稿 result per dossier: a second supervisor's finalise fails here even if every check
        # above it were bypassed (rev 0010).
        Index("uq_review_one_final", "dossier_id", unique=True, sqlite_where=text("status = 'final'"),
              postgresql_where=text("status = 'final'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    rubric_id: Mapped[str] = mapped_column(String(500))  # an id, or the path of a custom rubric file
    rubric_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | submitted | final
    total: Mapped[float] = mapped_column(Float)
    grade: Mapped[str] = mapped_column(String(20))
    veto: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)  # row version (optimistic locking)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)  # the reviewer's overall comment (总体评价), rev 0002
    # 不符合评查条件: the reason the file could not be reviewed (no score, never averaged), rev 0014
    unreviewable: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ItemScoreRow(Base):
    """A reviewer's decision on one rubric item (an override of the automatic value)."""

    __tablename__ = "item_score"
    __table_args__ = (UniqueConstraint("review_id", "item", name="uq_item_score_review_item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(100))
    deducted: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Correction(Base):
    """整改台账 row: one problem of one dossier and its 整改 status (待整改 / 整改中 / 已整改待复核 / 已销号 /
    无法整改（已归档）; 逾期 is derived from the deadline when read). One row per dossier and item; ``version``
    makes two supervisors setting the same row a conflict instead of last-writer-wins (rev 0010)."""

    __tablename__ = "correction"
    __table_args__ = (UniqueConstraint("dossier_id", "item", name="uq_correction_dossier_item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    deducted: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(20), default="待整改")
    deadline: Mapped[dt.date | None] = mapped_column()
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # rev 0015: worked to 销号 (整改措施, 责任单位/人, 整改情况, 完成日期, 复核人, 销号日期)
    measure: Mapped[str] = mapped_column(Text, default="", server_default="")
    responsible_unit: Mapped[str] = mapped_column(String(200), default="", server_default="")
    responsible_person: Mapped[str] = mapped_column(String(100), default="", server_default="")
    progress: Mapped[str] = mapped_column(Text, default="", server_default="")
    completed_on: Mapped[dt.date | None] = mapped_column()
    checker: Mapped[str] = mapped_column(String(100), default="", server_default="")
    closed_on: Mapped[dt.date | None] = mapped_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CorrectionEvidence(Base):
    """佐证材料 of a ledger row (rev 0015): a file kept like a dossier original (its bytes in stored_file by
    SHA-256, never overwritten); attaching another file of the same name adds a row, never replaces one."""

    __tablename__ = "correction_evidence"
    __table_args__ = (UniqueConstraint("correction_id", "sha256", name="uq_correction_evidence_file"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("correction.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(BigInteger)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ExchangeCase(Base):
    """A reviewed case brought in from another workstation's 双公示 export (rev 0015): its 行政处罚 fields and
    its 评查结果 as exported, kept as they came (masked as they were), and exported again with the campaign's."""

    __tablename__ = "exchange_case"
    __table_args__ = (UniqueConstraint("campaign_id", "key", name="uq_exchange_case_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # the dossier's SHA-256 (else a hash of the case row)
    source: Mapped[str] = mapped_column(String(500))  # the file it came from
    case: Mapped[dict[str, Any]] = mapped_column(JSON)
    review: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only log; each event stores the hash of the one before it (a hash chain)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # rev 0011: the database login that wrote it (PostgreSQL), its transaction, and how the hash is made
    # (1: app.store.audit.event_hash in Python; 2: casereview_event_hash() in PostgreSQL)
    db_user: Mapped[str | None] = mapped_column(String(100))
    txid: Mapped[int | None] = mapped_column(BigInteger)
    scheme: Mapped[int] = mapped_column(Integer, default=1)


class AuditHead(Base):
    """One row (id=1) holding the chain's last hash; locked while appending so the chain never forks."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str | None] = mapped_column(String(36))  # this database's identity (rev 0011)


class Objection(Base):
    """异议 (行政执法监督条例): a reviewed agency's objection to one rubric item of a dossier's final review,
    recorded by a supervisor and answered by one (rev 0014). ``status``: pending | upheld | rejected."""

    __tablename__ = "objection"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"))
    item: Mapped[str] = mapped_column(String(100))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    raised_by: Mapped[str] = mapped_column(String(200), default="")  # the person/organ who signed it
    raised_on: Mapped[dt.date | None] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    deducted_before: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    answer: Mapped[str | None] = mapped_column(Text)
    deducted_after: Mapped[float | None] = mapped_column(Float)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ObjectionFile(Base):
    """An attachment of an objection, kept like an original (``stored_file``, by SHA-256)."""

    __tablename__ = "objection_file"
    __table_args__ = (UniqueConstraint("objection_id", "sha256", name="uq_objection_file"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    objection_id: Mapped[int] = mapped_column(ForeignKey("objection.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)


class GoldDossier(Base):
    """A finalised dossier a supervisor marked as the campaign's calibration gold set (rev 0014)."""

    __tablename__ = "gold_dossier"
    __table_args__ = (UniqueConstraint("dossier_id", name="uq_gold_dossier"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"))  # the final review that is the gold result
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


Index("ix_review_status", Review.status)
Index("ix_audit_event_txid", AuditEvent.txid)
