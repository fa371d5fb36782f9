"""Case-level fields, each read from the document that defines it (contract: extraction-contract.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.extract import dating, docfields, penalty
from app.extract.catalogue import KIND_CUES
from app.extract.documents import FILING_LABELS, SERVED_LABELS, SERVICE_DATE_LABELS, document_date
from app.extract.officers import merge_officers, officers_in, officers_told
from app.extract.party import Party
from app.extract.party import party as find_party
from app.extract.segment import prefix_of
from app.extract.text import DocText, Flow, first_value, squeeze
from scoring.parsing.dates import find_dates
from scoring.types import BASE_CONFIDENCE, DocumentInfo, Fact, How, Officer, Provision

TITLE_LABELS = ("案件名称", "案由", "案件名", "案名")
AGENCY_LABELS = (
    "办案机构",
    "办案机关",
    "承办机构",
    "执法机关",
    "办案单位",
    "立案机关",
    "执法单位",
    "承办单位",
    "办理机关",
    "实施机关",
)
CLOSING_LABELS = ("结案日期", "结案时间")
DECISION_AGENCY_LABELS = ("处罚机关", "处罚决定机关", "作出处罚决定的机关", "实施机关", "执法机关")
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


def _demoted(fact: Fact[Any] | None, how: How, reason: str) -> Fact[Any] | None:
    """The same reading, marked as found a less direct way (its confidence scaled down accordingly)."""
    if fact is None:
        return None
    conf = round(fact.confidence * BASE_CONFIDENCE[how] / BASE_CONFIDENCE[How.LABEL], 3)
    evidence = tuple(replace(e, confidence=conf) for e in fact.evidence)
    return Fact(fact.value, evidence, conf, how, reason)


def case_number(docs: Docs) -> Fact[str] | None:
    """The 文号 of the 行政处罚决定书, else that of the filing approval (contract), else a labelled one
    on the cover, else the first one printed anywhere (an inference)."""
    for doc_type in ("penalty_decision", "filing_approval"):
        found = _first_fact([docfields.case_number(d, own=True) for d in docs.of(doc_type)])
        if found is not None:
            return found
    for d in docs.of("cover"):
        if first_value(d, COVER_NUMBER_LABELS) is not None:
            number = docfields.case_number(d)
            if number is not None:
                return number
    # A decision or notice without a number of its own: the numbers in its body are other documents'
    # (its 告知书's), not its own — the value is then null, not a guess.
    own_kinds = ("penalty_decision", "penalty_notice")
    others = [t for i, t in zip(docs.infos, docs.texts, strict=True) if i.type not in own_kinds]
    first = _first_fact([docfields.case_number(d) for d in others])
    return _demoted(first, How.INFERENCE, "卷内首个文号（未见决定书、立案审批表的文号）")


def case_title(docs: Docs) -> Fact[str] | None:
    for d in docs.of("cover") + docs.of("filing_approval") + docs.texts:
        found = first_value(d, TITLE_LABELS)
        if found is not None:
            return d.fact(squeeze(found[0]), found[1], reason="“案件名称”“案由”标签后的值")
    return None


def agency(docs: Docs) -> Fact[str] | None:
    for d in docs.of("penalty_decision"):
        name, _ = dating.sign_off(d)
        if name is not None:
            return name
        found = first_value(d, DECISION_AGENCY_LABELS)
        if found is not None:
            return d.fact(squeeze(found[0]), found[1], reason="“处罚机关”标签后的值")
        prefix = prefix_of(d.pages[0])
        if prefix:
            return d.fact(prefix, 0, how=How.POSITION, reason="标题前的机关名称")
    for d in docs.of("cover") + docs.of("penalty_notice") + docs.of("filing_approval"):
        found = first_value(d, AGENCY_LABELS)
        if found is not None:
            return d.fact(squeeze(found[0]), found[1], reason="“办案机构”等标签后的值")
        prefix = prefix_of(d.pages[0])
        if prefix:
            return d.fact(prefix, 0, how=How.POSITION, reason="标题前的机关名称")
    for d in docs.of("penalty_notice"):
        name, _ = dating.sign_off(d)
        if name is not None:
            return name
    return None


def party(docs: Docs) -> Party | None:
    """当事人 from the main documents in order; where that document prints no code or ID number, the
    one printed beside the same name in another document of the file (询问笔录, 案件来源登记表 …)."""
    order = (
        "penalty_decision", "penalty_notice", "filing_approval", "investigation_report", "cover",
        "inspection_record", "inquiry_record",  # an inspection file: the 被检查人 of its record
    )  # fmt: skip
    for doc_type in order:
        for d in docs.of(doc_type):
            found = find_party(d)
            if found is not None and found.name is not None:
                return found if found.party_id is not None else _with_id_elsewhere(docs, found)
    return None


def _with_id_elsewhere(docs: Docs, found: Party) -> Party:
    assert found.name is not None
    for d in docs.texts:
        other = find_party(d)
        if other is None or other.party_id is None or other.name is None:
            continue
        if squeeze(other.name.value) == squeeze(found.name.value):
            return Party(found.name, other.party_id, other.party_type, other.id_valid)
    return found


def _dated(docs: Docs, doc_type: str, labels: tuple[str, ...]) -> Fact[dt.date] | None:
    """The document's own date (its label, else its 落款), else the same label on the cover."""
    for d in docs.of(doc_type):
        found = document_date(doc_type, d)
        if found is not None:
            return found
    for d in docs.of("cover"):
        found = dating.date_after(d, labels)
        if found is not None:
            return found
    return None


def _stated(docs: Docs, step: str) -> Fact[dt.date] | None:
    """A date the decision's body states for an earlier step (a lone decision has no other source)."""
    for d in docs.of("penalty_decision"):
        found = dating.stated_date(Flow.of(d), step)
        if found is not None:
            return found
    return None


def filing_date(docs: Docs) -> Fact[dt.date] | None:
    return _dated(docs, "filing_approval", FILING_LABELS) or _stated(docs, "filing")


def notice_date(docs: Docs) -> Fact[dt.date] | None:
    if docs.of("penalty_notice"):
        return signed_date(docs, "penalty_notice")
    return _stated(docs, "notice")


def decision_date(docs: Docs) -> Fact[dt.date] | None:
    for d in docs.of("penalty_decision"):
        found = document_date("penalty_decision", d)
        if found is not None:
            return found
    return None


def signed_date(docs: Docs, doc_type: str) -> Fact[dt.date] | None:
    for d in docs.of(doc_type):
        _, date = dating.sign_off(d)
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
        found = document_date("service_receipt", d)
        if found is not None:
            return found
    for d in docs.of("penalty_decision"):
        found = dating.date_after(d, SERVICE_DATE_LABELS) or _receipt_on_decision(d)
        if found is not None:
            return found
    return None


_SIGNED_FOR = re.compile(r"(?:当事人|受送达人|被处罚人)[ \u3000]*(?:签收|签名|签字)[^：:\n]{0,8}[：:]")


def _receipt_on_decision(doc: DocText) -> Fact[dt.date] | None:
    """A decision handed over on the spot carries the party's receipt: "当事人签收：张三 2024年6月11日"."""
    for m in _SIGNED_FOR.finditer(doc.text):
        line = doc.rest_of_line(m.end())
        dates = find_dates(line)
        if dates:
            d = dates[0]
            return doc.fact(d.value, m.end() + d.start, m.end() + d.end, reason="决定书上当事人签收的日期")
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
    """执法人员 from the records and the approval form; a decision alone (简易程序 当场处罚决定书,
    a file that is only the decision) names them itself (行政处罚法 art. 52)."""
    pairs = list(zip(docs.infos, docs.texts, strict=True))
    found = merge_officers(officers_in(t) for i, t in pairs if i.type in OFFICER_SOURCES)
    if found:
        return found
    decisions = [t for i, t in pairs if i.type == "penalty_decision"]
    return merge_officers(officers_in(t) for t in decisions) or merge_officers(officers_told(t) for t in decisions)


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


# Documents only a case file holds: one of them makes the file a dossier, not a lone decision or notice.
CASE_FILE_TYPES = frozenset({
    "cover", "toc", "case_source", "filing_approval", "inspection_record", "inquiry_record",
    "investigation_report", "legal_review", "collective_discussion", "statement_record", "hearing",
    "closing_report", "remarks", "payment_receipt",
})  # fmt: skip


def scope(docs: Docs) -> str:
    """dossier (a case file), decision / notice (that document alone, perhaps with its receipt), or
    unrecognised (no document of a case found)."""
    types = {i.type for i in docs.infos}
    if types & CASE_FILE_TYPES:
        return "dossier"
    if "penalty_decision" in types:
        return "decision"
    if "penalty_notice" in types:
        return "notice"
    return "dossier" if types - {"other", "evidence"} else "unrecognised"


def procedure(docs: Docs) -> str | None:
    decision = docs.first("penalty_decision")
    if decision is not None:
        body = squeeze(decision.text)
        titles = [i.title for i in docs.infos if i.type == "penalty_decision"]
        simple = "简易程序" in body or any(t.startswith("当场") for t in titles)
        return "simple" if simple else "ordinary"
    return "ordinary" if docs.of("filing_approval") else None
