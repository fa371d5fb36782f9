"""Case-level fields, each read from the document that defines it (contract: extraction-contract.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.extract import docfields, penalty
from app.extract.catalogue import KIND_CUES
from app.extract.documents import FILING_LABELS, SERVED_LABELS, SERVICE_DATE_LABELS
from app.extract.officers import merge_officers, officers_in
from app.extract.segment import prefix_of
from app.extract.text import DocText, Flow, first_value, squeeze
from scoring.types import DocumentInfo, Fact, Officer, Provision

TITLE_LABELS = ("案件名称", "案由", "案件名")
AGENCY_LABELS = (
    "办案机构",
    "办案机关",
    "承办机构",
    "执法机关",
    "办案单位",
    "立案机关",
    "执法单位",
    "承办单位",
)
CLOSING_LABELS = ("结案日期", "结案时间")
COVER_NUMBER_LABELS = ("行政处罚决定书文号", "决定书文号", "处罚决定书文号", "文号", "案号")
OFFICER_SOURCES = frozenset({"filing_approval", "inspection_record", "inquiry_record"})


@dataclass
class Docs:
    """The documents of one dossier with their text, looked up by type."""

    infos: list[DocumentInfo]
    texts: list[DocText]
    warnings: list[str] = field(default_factory=list)

    def of(self, *types: str) -> list[DocText]:
        return [t for i, t in zip(self.infos, self.texts, strict=True) if i.type in types]

    def first(self, *types: str) -> DocText | None:
        """The first document of the first type present, in the order the types are given."""
        for doc_type in types:
            found = self.of(doc_type)
            if found:
                return found[0]
        return None


def _first_fact(candidates: Sequence[Fact[Any] | None]) -> Fact[Any] | None:
    return next((c for c in candidates if c is not None), None)


def case_number(docs: Docs) -> Fact[str] | None:
    found = [docfields.case_number(d) for d in docs.of("penalty_decision", "filing_approval")]
    if any(found):
        return _first_fact(found)
    for d in docs.of("cover"):
        labelled = first_value(d, COVER_NUMBER_LABELS)
        if labelled is not None:
            number = docfields.case_number(d)
            if number is not None:
                return number
    return _first_fact([docfields.case_number(d) for d in docs.texts])


def case_title(docs: Docs) -> Fact[str] | None:
    for d in docs.of("cover") + docs.of("filing_approval") + docs.texts:
        found = first_value(d, TITLE_LABELS)
        if found is not None:
            return Fact(squeeze(found[0]), (d.evidence(found[1]),))
    return None


def agency(docs: Docs) -> Fact[str] | None:
    for d in docs.of("penalty_decision"):
        name, _ = docfields.sign_off(d)
        if name is not None:
            return name
        prefix = prefix_of(d.pages[0])
        if prefix:
            return Fact(prefix, (d.evidence(0),))
    for d in docs.of("cover") + docs.of("penalty_notice") + docs.of("filing_approval"):
        found = first_value(d, AGENCY_LABELS)
        if found is not None:
            return Fact(squeeze(found[0]), (d.evidence(found[1]),))
        prefix = prefix_of(d.pages[0])
        if prefix:
            return Fact(prefix, (d.evidence(0),))
    for d in docs.of("penalty_notice"):
        name, _ = docfields.sign_off(d)
        if name is not None:
            return name
    return None


def party(docs: Docs) -> docfields.Party | None:
    order = ("penalty_decision", "penalty_notice", "filing_approval", "investigation_report", "cover")
    for doc_type in order:
        for d in docs.of(doc_type):
            found = docfields.party(d)
            if found is not None and found.name is not None:
                return found
    return None


def _dated(docs: Docs, doc_type: str, labels: tuple[str, ...]) -> Fact[dt.date] | None:
    """The labelled date of a document (else its last date), else the same label on the cover."""
    for d in docs.of(doc_type):
        found = docfields.date_after(d, labels) or docfields.last_date(d)
        if found is not None:
            return found
    for d in docs.of("cover"):
        found = docfields.date_after(d, labels)
        if found is not None:
            return found
    return None


def filing_date(docs: Docs) -> Fact[dt.date] | None:
    return _dated(docs, "filing_approval", FILING_LABELS)


def signed_date(docs: Docs, doc_type: str) -> Fact[dt.date] | None:
    for d in docs.of(doc_type):
        _, date = docfields.sign_off(d)
        if date is not None:
            return date
    return None


def service_date(docs: Docs) -> Fact[dt.date] | None:
    """The day the decision was served: its 送达回证 (the one naming a 决定书), else any receipt."""
    receipts = docs.of("service_receipt")
    serving = [d for d in receipts if "决定书" in (first_value(d, SERVED_LABELS) or ("",))[0]]
    if not serving:
        serving = [d for d in receipts if "决定书" in squeeze(d.text) and "告知书" not in squeeze(d.text)]
    for d in serving:
        found = docfields.date_after(d, SERVICE_DATE_LABELS) or docfields.last_date(d)
        if found is not None:
            return found
    for d in docs.of("penalty_decision"):
        found = docfields.date_after(d, SERVICE_DATE_LABELS)
        if found is not None:
            return found
    return None


def closing_date(docs: Docs) -> Fact[dt.date] | None:
    return _dated(docs, "closing_report", CLOSING_LABELS)


@dataclass(frozen=True, slots=True)
class PenaltyFacts:
    types: Fact[tuple[str, ...]] | None = None
    fine: Fact[float] | None = None
    confiscation: Fact[float] | None = None
    violated: tuple[Provision, ...] = ()
    imposed: tuple[Provision, ...] = ()


def penalty_facts(docs: Docs) -> PenaltyFacts:
    decision = docs.first("penalty_decision")
    doc = decision or docs.first("penalty_notice")
    if doc is None:
        return PenaltyFacts()
    flow = Flow.of(doc)
    span = penalty.penalty_span(flow, notice=decision is None)
    violated, imposed = penalty.provisions(flow)
    if span is None:
        return PenaltyFacts(violated=violated, imposed=imposed)
    fine, seized = penalty.amounts(flow, span)
    return PenaltyFacts(penalty.penalty_types(flow, span), fine, seized, violated, imposed)


def officers(docs: Docs) -> tuple[Officer, ...]:
    return merge_officers(
        officers_in(t) for i, t in zip(docs.infos, docs.texts, strict=True) if i.type in OFFICER_SOURCES
    )


def case_kind(docs: Docs) -> str:
    types = {i.type for i in docs.infos}
    if types & {"penalty_decision", "penalty_notice"}:
        return "penalty"
    heads = " ".join(squeeze(t.pages[0].text[:200]) for t in docs.texts)
    for kind, cues in KIND_CUES.items():
        if any(c in heads for c in cues):
            return kind
    if "filing_approval" in types and "行政处罚" in heads:
        return "penalty"
    if "inspection_record" in types:
        return "inspection"
    return "other"


def procedure(docs: Docs) -> str | None:
    decision = docs.first("penalty_decision")
    if decision is not None:
        body = squeeze(decision.text)
        titles = [i.title for i in docs.infos if i.type == "penalty_decision"]
        simple = "简易程序" in body or any(t.startswith("当场") for t in titles)
        return "simple" if simple else "ordinary"
    return "ordinary" if docs.of("filing_approval") else None
