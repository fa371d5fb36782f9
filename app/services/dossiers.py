"""The case list, one dossier in full, its original bytes, and full-text search."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.blind import OTHER_REVIEWER, sees_all, visible
from app.services.dto import (
    DocumentDTO,
    DossierDetail,
    DossierRow,
    SearchHit,
    UserDTO,
)
from app.services.users import agency_path
from app.store.blobs import read_bytes
from app.store.engine import Store
from app.store.models import Agency, Assignment, Document, Dossier, FindingRow, Page, Review, User
from app.store.search import find_pages, snippet, split_terms
from app.store.started import review_started
from app.vocab.states import ReviewState, most_advanced, rank_of
from scoring.rules.base import confidence_of
from scoring.types import Evidence, Finding, PageText, Status


def _reviews_by_dossier(session: Session, ids: list[int]) -> dict[int, list[tuple[Review, str]]]:
    out: dict[int, list[tuple[Review, str]]] = {}
    if not ids:
        return out
    stmt = (select(Review, User.name).join(User, User.id == Review.reviewer_id)
            .where(Review.dossier_id.in_(ids), review_started()))  # an opened, untouched draft is not progress
    for review, name in session.execute(stmt):
        out.setdefault(review.dossier_id, []).append((review, name))
    return out


def _assignees(session: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not ids:
        return out
    stmt = (select(Assignment.dossier_id, User.name).join(User, User.id == Assignment.reviewer_id)
            .where(Assignment.dossier_id.in_(ids)).order_by(Assignment.slot))
    for dossier_id, name in session.execute(stmt):
        out.setdefault(int(dossier_id), []).append(str(name))
    return out


def _blind(reviews: list[tuple[Review, str]], assigned: list[str],
           viewer: UserDTO | None) -> tuple[list[tuple[Review, str]], list[str]]:
    """What a reviewer may see of a dossier's reviews and reviewers (背靠背: see app.services.blind)."""
    if sees_all(viewer) or viewer is None:
        return reviews, assigned
    own = next((r.status for r, _ in reviews if r.reviewer_id == viewer.id), None)
    shown = [(r, n) for r, n in reviews if visible(viewer, reviewer_id=r.reviewer_id, status=r.status, own_status=own)]
    names = {n for _, n in shown}
    return shown, [n if n == viewer.name or n in names else OTHER_REVIEWER for n in assigned]


def _row(session: Session, d: Dossier, reviews: list[tuple[Review, str]], assigned: list[str],
         viewer: UserDTO | None = None) -> DossierRow:
    reviews, assigned = _blind(reviews, assigned, viewer)
    best = max(reviews, key=lambda rn: (rank_of(rn[0].status), rn[0].updated_at), default=None)
    names = list(dict.fromkeys([*assigned, *(n for _, n in reviews)]))
    return DossierRow(
        id=d.id, file_name=d.file_name, agency=agency_path(session, d.agency_id), agency_id=d.agency_id,
        kind=d.case_kind, pages=d.pages, status=most_advanced([r.status for r, _ in reviews]), auto_total=d.auto_total,
        auto_grade=d.auto_grade, total=best[0].total if best else None, grade=best[0].grade if best else None,
        reviewers=tuple(names), case_number=d.case_number, party_name=d.party_name, imported_at=d.imported_at,
    )


def _agency_ids(session: Session, agency: str | int) -> list[int]:
    """The agency and all agencies below it (a 师市 filter includes its 部门)."""
    if isinstance(agency, int):
        roots = [agency]
    else:
        roots = list(session.scalars(select(Agency.id).where(Agency.name == agency)))
    found = set(roots)
    frontier = list(roots)
    while frontier:
        children = list(session.scalars(select(Agency.id).where(Agency.parent_id.in_(frontier))))
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return sorted(found)


def list_dossiers(
    store: Store,
    campaign_id: int,
    *,
    agency: str | int | None = None,
    kind: str | None = None,
    status: ReviewState | None = None,
    grade: str | None = None,
    reviewer: str | None = None,
    text: str | None = None,
    viewer: UserDTO | None = None,
) -> list[DossierRow]:
    """Rows of the case list; filters combine with AND. `status`/`grade` compare with the row's values.
    For a reviewer as ``viewer``, another reviewer's name, total and grade stay hidden until both submitted."""
    with store.session() as session:
        stmt = select(Dossier).where(Dossier.campaign_id == campaign_id)
        if agency is not None:
            stmt = stmt.where(Dossier.agency_id.in_(_agency_ids(session, agency)))
        if kind:
            stmt = stmt.where(Dossier.case_kind == kind)
        if text:
            like = f"%{text.strip()}%"
            stmt = stmt.where(or_(Dossier.file_name.ilike(like), Dossier.case_number.ilike(like),
                                  Dossier.party_name.ilike(like)))
        dossiers = list(session.scalars(stmt.order_by(Dossier.id)))
        ids = [d.id for d in dossiers]
        reviews = _reviews_by_dossier(session, ids)
        assigned = _assignees(session, ids)
        rows = [_row(session, d, reviews.get(d.id, []), assigned.get(d.id, []), viewer) for d in dossiers]
        first = _calibration_first(session, viewer, ids)
    if first:  # a new reviewer's gold (calibration) files come first, until submitted
        rows.sort(key=lambda r: r.id not in first)
    if status:
        rows = [r for r in rows if r.status == status]
    if grade:
        rows = [r for r in rows if (r.grade or r.auto_grade) == grade]
    if reviewer:
        rows = [r for r in rows if reviewer in r.reviewers]
    return rows


def _calibration_first(session: Session, viewer: UserDTO | None, ids: list[int]) -> set[int]:
    if viewer is None or not ids:
        return set()
    from app.services.calibration import SEED  # the calibration module reads reviews: imported when used

    assigned = set(session.scalars(select(Assignment.dossier_id).where(
        Assignment.reviewer_id == viewer.id, Assignment.seed == SEED, Assignment.dossier_id.in_(ids))))
    done = set(session.scalars(select(Review.dossier_id).where(
        Review.reviewer_id == viewer.id, Review.dossier_id.in_(list(assigned)), Review.status != ReviewState.DRAFT)))
    return assigned - done


def _evidence(items: list[Any]) -> tuple[Evidence, ...]:
    out = []
    for e in items or []:
        box = e.get("box")
        conf = e.get("confidence")
        out.append(Evidence(page=int(e["page"]), text=str(e.get("text", "")),
                            box=tuple(box) if box and len(box) == 4 else None,
                            confidence=float(conf) if isinstance(conf, int | float) else None))
    return tuple(out)


def finding_from_row(row: FindingRow) -> Finding:
    try:
        status = Status(row.status)
    except ValueError:
        status = Status.UNKNOWN
    evidence = _evidence(row.evidence)
    return Finding(rule=row.rule, status=status, message=row.message, legal_basis=row.legal_basis,
                   evidence=evidence, count=row.count, confidence=confidence_of(evidence))


def load_findings(session: Session, dossier_id: int) -> tuple[Finding, ...]:
    rows = session.scalars(select(FindingRow).where(FindingRow.dossier_id == dossier_id).order_by(FindingRow.seq))
    return tuple(finding_from_row(r) for r in rows)


def load_findings_of(session: Session, dossier_ids: Iterable[int]) -> dict[int, tuple[Finding, ...]]:
    """The findings of many dossiers in one query, by dossier, each in its stored order."""
    out: dict[int, list[Finding]] = defaultdict(list)
    stmt = (select(FindingRow).where(FindingRow.dossier_id.in_(list(dossier_ids)))
            .order_by(FindingRow.dossier_id, FindingRow.seq))
    for r in session.scalars(stmt):
        out[r.dossier_id].append(finding_from_row(r))
    return {d: tuple(f) for d, f in out.items()}


def get_dossier_row(session: Session, dossier_id: int) -> Dossier:
    row = session.get(Dossier, dossier_id)
    if row is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"案卷 {dossier_id} 不存在")
    return row


def get_dossier(store: Store, dossier_id: int) -> DossierDetail:
    with store.session() as session:
        d = get_dossier_row(session, dossier_id)
        docs = session.scalars(select(Document).where(Document.dossier_id == d.id).order_by(Document.seq))
        pages = session.scalars(select(Page).where(Page.dossier_id == d.id).order_by(Page.number))
        importer = session.get(User, d.importer_id) if d.importer_id else None
        return DossierDetail(
            id=d.id, campaign_id=d.campaign_id, file_name=d.file_name, sha256=d.sha256, format=d.format,
            pages=d.pages, kind=d.case_kind, agency=agency_path(session, d.agency_id), agency_id=d.agency_id,
            case_number=d.case_number, party_name=d.party_name, imported_at=d.imported_at,
            importer=importer.name if importer else None, rubric_id=d.rubric_id,
            rubric_version=d.rubric_version, auto_total=d.auto_total, auto_grade=d.auto_grade,
            auto_veto=d.auto_veto, extraction=dict(d.extraction),
            documents=tuple(DocumentDTO(x.type, x.title, tuple(int(p) for p in x.pages)) for x in docs),
            findings=load_findings(session, d.id),
            page_texts=tuple(PageText(p.number, p.text, p.ocr, p.has_seal) for p in pages),
            warnings=tuple(str(w) for w in d.warnings or ()),
        )


def original_bytes(store: Store, dossier_id: int) -> bytes:
    """The file as imported, byte for byte; KnownError(CORRUPT) if it no longer matches its SHA-256."""
    with store.session() as session:
        d = get_dossier_row(session, dossier_id)
        return read_bytes(session, d.sha256, name=d.file_name)


def search_text(store: Store, query: str, *, campaign_id: int | None = None, limit: int = 200) -> list[SearchHit]:
    """Pages containing every word of `query` (space-separated), with a snippet and the matched words.
    A query with control characters (NUL, ESC… pasted from elsewhere) is refused with a reason."""
    if any((ord(ch) < 0x20 and ch not in "\t\n\r") or ch == "\x7f" for ch in query):
        raise KnownError(ErrorCode.USAGE, "搜索内容含有不可见的控制字符（如 NUL），请删除后重新输入")
    terms = split_terms(query)
    with store.session() as session:
        hits = find_pages(session, terms, campaign_id=campaign_id, limit=limit)
    out = []
    for h in hits:
        text, matched = snippet(h.text, terms)
        out.append(SearchHit(h.dossier_id, h.file_name, h.page, text, matched))
    return out
