"""Write one analysed dossier (original bytes, pages, documents, findings; the fields with their evidence are
in ``dossier.extraction``) in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.store.blobs import put_file
from app.store.models import Base, Document, Dossier, FindingRow, Page
from scoring.types import Finding, Score


@dataclass(frozen=True, slots=True)
class NewDossier:
    campaign_id: int
    agency_id: int | None
    importer_id: int | None
    file_name: str
    path: Path
    sha256: str
    format: str
    pages: int
    contract: dict[str, Any]
    documents: tuple[tuple[str, str, tuple[int, ...]], ...]
    findings: tuple[Finding, ...]
    score: Score
    rubric_id: str
    rubric_version: str


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def write_dossier(session: Session, new: NewDossier, page_batches: Iterable[list[dict[str, Any]]]) -> int:
    """Insert everything for one dossier; page rows are streamed in batches (Core inserts)."""
    put_file(session, new.path, new.sha256)
    values = new.contract.get("fields") or {}
    # Plain Core on the session's connection (same transaction): the ORM's unit of work and bulk-insert
    # layer cost more than SQLite itself for the few hundred small rows of one dossier.
    conn = session.connection()
    key = conn.execute(insert(_table(Dossier)).values(
        campaign_id=new.campaign_id, agency_id=new.agency_id, file_name=new.file_name, sha256=new.sha256,
        format=new.format, pages=new.pages, case_kind=str(new.contract.get("case_kind") or "other"),
        case_number=values.get("case_number"), party_name=values.get("party_name"), extraction=new.contract,
        rubric_id=new.rubric_id, rubric_version=new.rubric_version, auto_total=new.score.total,
        auto_grade=new.score.grade, auto_veto=new.score.veto,
        warnings=list(new.contract.get("warnings") or []), importer_id=new.importer_id,
    )).inserted_primary_key
    assert key is not None
    dossier_id = int(key[0])
    for batch in page_batches:
        conn.execute(insert(_table(Page)), [{
            "dossier_id": dossier_id, "number": int(p["number"]), "text": str(p["text"]), "ocr": bool(p["ocr"]),
            "confidence": p.get("confidence"), "has_seal": p.get("has_seal"),
        } for p in batch])
    docs = [{"dossier_id": dossier_id, "seq": seq, "type": doc_type, "title": title, "pages": list(pages)}
            for seq, (doc_type, title, pages) in enumerate(new.documents)]
    findings = [{"dossier_id": dossier_id, "seq": seq, "rule": f.rule, "status": str(f.status), "message": f.message,
                 "legal_basis": f.legal_basis, "evidence": [e.to_json() for e in f.evidence], "count": f.count}
                for seq, f in enumerate(new.findings)]
    for model, rows in ((Document, docs), (FindingRow, findings)):
        if rows:
            conn.execute(insert(_table(model)), rows)
    return dossier_id
