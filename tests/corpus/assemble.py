"""Put the documents of a plan in the file's order, lay them out, and derive the truth from the same data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.corpus import docs_early as E
from tests.corpus import docs_late as L
from tests.corpus.blocks import Citer, Doc, d
from tests.corpus.layout import Layout, Page
from tests.corpus.plan import Plan

ORDERS = {
    "chrono": [
        "source",
        "inspection",
        "filing",
        "inquiry",
        "evidence",
        "extension",
        "report",
        "legal",
        "disc",
        "notice",
        "notice_receipt",
        "statement",
        "hearing",
        "approval",
        "decision",
        "decision_receipt",
        "payment",
        "closing",
    ],
    "market": [
        "filing",
        "decision",
        "notice",
        "notice_receipt",
        "decision_receipt",
        "hearing",
        "statement",
        "inquiry",
        "evidence",
        "inspection",
        "source",
        "extension",
        "report",
        "legal",
        "disc",
        "approval",
        "payment",
        "closing",
    ],
    "short": ["filing", "notice", "legal", "decision", "decision_receipt", "closing"],
    "gongshang": [
        "decision",
        "report",
        "extension",
        "filing",
        "inquiry",
        "inspection",
        "evidence",
        "legal",
        "hearing",
        "notice",
        "notice_receipt",
        "statement",
        "decision_receipt",
        "source",
        "disc",
        "approval",
        "payment",
        "closing",
    ],
}


def altered_name(plan: Plan) -> str:
    """A clearly different spelling of the party's name (for party_name_mismatch)."""
    name = plan.party.name
    if plan.party.kind == "person":
        return name[0] + ("建华" if name[1:] != "建华" else "国庆")
    for old, new in (
        ("有限责任公司", "贸易有限公司"),
        ("有限公司", "实业有限责任公司"),
        ("店", "商行"),
        ("部", "中心"),
        ("所", "馆"),
        ("中心", "会所"),
        ("行", "超市"),
    ):
        if name.endswith(old):
            return name[: -len(old)] + new
    return name + "分店"


def _mismatch_slot(plan: Plan) -> str:
    return ["cover", "filing", "notice"][plan.seed % 3] if "party_name_mismatch" in plan.defects else ""


def body_docs(plan: Plan, *, short: bool = False) -> dict[str, list[Doc]]:
    """Every document except cover, 目录 and 备考表, keyed by slot."""
    slot = _mismatch_slot(plan)
    other = altered_name(plan)
    fs = plan.defects
    no_receipts = "missing_document:service_receipt" in fs
    signed_notice = no_receipts or short or plan.seed % 5 < 2
    out: dict[str, list[Doc]] = {
        "filing": [E.filing(plan, name=other if slot == "filing" else plan.party.name)],
        "inspection": [E.inspection(plan)],
        "inquiry": [E.inquiry(plan)],
        "evidence": [E.evidence(plan)],
        "report": [E.report(plan, Citer(plan))],
        "notice": [
            L.notice(
                plan, Citer(plan), name=other if slot == "notice" else plan.party.name, signed_receipt=signed_notice
            )
        ],
        "decision": [L.decision(plan, Citer(plan))],
        "payment": [L.payment(plan)],
        "closing": [L.closing(plan)],
    }
    if plan.style["case_source_doc"] == "yes":
        out["source"] = [E.case_source(plan)]
    wants_review = plan.major or plan.seed % 5 == 0
    if wants_review and "missing_document:legal_review" not in fs:
        out["legal"] = [E.legal_review(plan)]
    if plan.major:
        out["disc"] = [E.discussion(plan)]
    if not signed_notice:
        out["notice_receipt"] = [
            L.receipt(
                plan, doc_name=plan.style["notice_title"], number=plan.notice_number, day=plan.dates.notice_service
            )
        ]
    if plan.waiver or plan.statement:
        out["statement"] = [L.statement(plan)]
    if plan.hearing:
        out["hearing"] = L.hearing_docs(plan)
    if plan.dates.extension is not None:
        out["extension"] = [L.extension(plan)]
    if plan.style["decision_approval"] == "yes":
        out["approval"] = [L.decision_approval(plan)]
    if not no_receipts:
        out["decision_receipt"] = [
            L.receipt(plan, doc_name="行政处罚决定书", number=plan.case_number, day=plan.dates.service)
        ]
    return out


@dataclass
class Built:
    docs: list[Doc]
    pages: list[Page]
    doc_pages: list[list[int]]


def build(plan: Plan, *, short: bool = False) -> Built:
    """Docs in file order, laid out (two passes: cover, 目录 and 备考表 count the others).

    ``short``: a scanned dossier of at most 8 pages (cover, 立案, 告知, [法制审核], 决定, 送达, 结案)."""
    body = body_docs(plan, short=short)
    ordered = [doc for key in ORDERS["short" if short else plan.style["order"]] for doc in body.get(key, [])]
    name = altered_name(plan) if _mismatch_slot(plan) == "cover" else plan.party.name
    n_items = len(ordered)
    first = Layout(plan.seed)
    first.run(ordered)
    n_pages = len(first.pages)
    entries = []
    page_no = 1
    for doc, pages in zip(ordered, first.doc_pages, strict=True):
        entries.append((_doc_number(plan, doc), doc.title, _doc_date(plan, doc), str(page_no)))
        page_no += len(pages)
    docs = [
        E.cover(plan, name=name, n_items=n_items, n_pages=n_pages),
        E.toc(plan, entries),
        *ordered,
        L.remarks(plan, n_items=n_items, n_pages=n_pages),
    ]
    if short:
        docs = [docs[0], *ordered]
    elif plan.style["toc"] == "no":
        docs = [docs[0], *ordered, docs[-1]]
    layout = Layout(plan.seed)
    pages = layout.run(docs)
    return Built(docs, pages, layout.doc_pages)


def _doc_number(plan: Plan, doc: Doc) -> str:
    if doc.type == "penalty_decision":
        return plan.case_number
    if doc.type == "penalty_notice":
        return plan.notice_number
    return ""


def _doc_date(plan: Plan, doc: Doc) -> str:
    dates = {
        "filing_approval": plan.dates.filing,
        "penalty_notice": plan.dates.notice,
        "penalty_decision": plan.dates.decision,
        "closing_report": plan.dates.closing,
        "investigation_report": plan.dates.report,
        "inquiry_record": plan.dates.inquiry,
        "inspection_record": plan.dates.inspection,
        "payment_receipt": plan.dates.payment,
    }
    day = dates.get(doc.type)
    return d(plan, day) if day else ""


def _prov(prov: tuple[str, str, int, int | None, int | None], *, vague: bool = False) -> dict[str, Any]:
    if vague:
        return {"law": prov[0], "article": None, "paragraph": None, "item": None}
    return {"law": prov[0], "article": prov[2], "paragraph": prov[3], "item": prov[4]}


def _provs(provs: tuple[tuple[str, str, int, int | None, int | None], ...], *, vague: bool) -> list[dict[str, Any]]:
    if vague:  # printed once per law, with no article
        return [_prov(p, vague=True) for p in {p[0]: p for p in provs}.values()]
    return [_prov(p) for p in provs]


def truth_fields(plan: Plan, built: Built) -> dict[str, Any]:
    """The contract's ``fields`` object, normal form, for this dossier."""
    seen: list[int] = []
    for doc in built.docs:
        for i in doc.officers:
            if i not in seen:
                seen.append(i)
    v = plan.violation
    has_receipt = (
        any(doc.type == "service_receipt" and doc.title != "" for doc in built.docs)
        and "missing_document:service_receipt" not in plan.defects
    )
    return {
        "case_number": plan.case_number.replace(" ", ""),
        "case_title": plan.case_title,
        "agency": plan.agency,
        "party_name": plan.party.name,
        "party_type": "organization" if plan.party.kind == "organization" else "person",
        "party_id": plan.party.pid.upper(),
        "officers": [{"name": plan.officers[i].name, "cert_no": plan.officers[i].cert} for i in seen],
        "filing_date": plan.dates.filing.isoformat(),
        "notice_date": plan.dates.notice.isoformat(),
        "decision_date": plan.dates.decision.isoformat(),
        "service_date": plan.dates.service.isoformat() if has_receipt else None,
        "closing_date": plan.dates.closing.isoformat(),
        "penalty_types": list(plan.types),
        "fine_amount": float(plan.fine),
        "confiscation_amount": float(plan.confiscation) if plan.confiscation is not None else None,
        "violated_provisions": _provs(v.violated, vague=plan.vague("violated")),
        "penalty_provisions": _provs(v.penalty, vague=plan.vague("penalty")),
    }


def truth_documents(built: Built) -> tuple[list[str], list[dict[str, Any]]]:
    page_types: list[str] = []
    documents = []
    for doc, pages in zip(built.docs, built.doc_pages, strict=True):
        page_types += [doc.type] * len(pages)
        documents.append({"type": doc.type, "title": doc.title, "pages": list(pages)})
    return page_types, documents
