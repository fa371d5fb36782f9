"""extract(dossier): segment the pages, read each document, and assemble CaseFacts with warnings."""

from __future__ import annotations

import logging
from dataclasses import replace

from app.extract import fields
from app.extract.documents import document_fields
from app.extract.lone import recognise_lone
from app.extract.parsers.ids import is_valid_id_number, is_valid_uscc
from app.extract.segment import segment
from app.extract.text import DocText, normalize_page
from app.extract.types import Extraction
from app.ingest.types import Dossier
from scoring.types import CaseFacts, DocumentInfo, Fact, PageText

log = logging.getLogger(__name__)


def _documents(dossier: Dossier) -> fields.Docs:
    pages = [normalize_page(p) for p in dossier.pages]
    by_number = {p.number: p for p in pages}
    infos: list[DocumentInfo] = []
    texts: list[DocText] = []
    for info in recognise_lone(segment(pages), pages):
        doc = DocText.of([by_number[n] for n in info.pages])
        infos.append(replace(info, fields=document_fields(info, doc)))
        texts.append(doc)
    return fields.Docs(infos, texts)


def _id_warning(party_id: Fact[str] | None) -> list[str]:
    if party_id is None:
        return []
    value = party_id.value
    if is_valid_uscc(value) or is_valid_id_number(value):
        return []
    page = party_id.evidence[0].page if party_id.evidence else "?"
    return [f"第{page}页：当事人证件号码 {value} 校验位不符（统一社会信用代码 GB 32100 / 身份证号 GB 11643）"]


def extract(dossier: Dossier) -> Extraction:
    """All contract fields of one dossier, each with the page and words it was read from."""
    docs = _documents(dossier)
    party = fields.party(docs)
    pen = fields.penalty_facts(docs)
    facts = CaseFacts(
        case_kind=fields.case_kind(docs),
        procedure=fields.procedure(docs),
        scope=fields.scope(docs),
        case_number=fields.case_number(docs),
        case_title=fields.case_title(docs),
        agency=fields.agency(docs),
        party_name=party.name if party else None,
        party_type=party.party_type if party else None,
        party_id=party.party_id if party else None,
        officers=fields.officers(docs),
        filing_date=fields.filing_date(docs),
        notice_date=fields.notice_date(docs),
        decision_date=fields.decision_date(docs),
        service_date=fields.service_date(docs),
        closing_date=fields.closing_date(docs),
        penalty_types=pen.types,
        fine_amount=pen.fine,
        confiscation_amount=pen.confiscation,
        violated_provisions=pen.violated,
        penalty_provisions=pen.imposed,
        documents=tuple(docs.infos),
        pages=tuple(PageText(p.number, p.text, p.ocr, p.has_seal, p.confidence if p.ocr else None)
                    for p in dossier.pages),
    )
    warnings = [*dossier.warnings, *_id_warning(facts.party_id)]
    return Extraction(dossier.name, dossier.sha256, dossier.page_count, facts, tuple(warnings))
