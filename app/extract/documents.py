"""Per-document observations (DocumentInfo.fields) for the consistency rules."""

from __future__ import annotations

import re
from typing import Any

from app.extract import dating, docfields, penalty
from app.extract.lone import is_publicity_table
from app.extract.officers import officers_in
from app.extract.party import party
from app.extract.text import DocText, Flow, first_value, squeeze
from app.extract.toc import read_toc
from scoring.types import DocFacts, DocumentInfo, Fact, How

OWN_NUMBER_TYPES = frozenset({"penalty_decision", "penalty_notice", "filing_approval"})
RECORD_TYPES = frozenset({"inspection_record", "inquiry_record", "filing_approval"})
RECORD_DATE_LABELS = ("检查时间", "询问时间", "勘验时间", "调查时间", "时间")
FILING_LABELS = ("立案日期", "立案时间", "立案批准日期", "批准立案日期")
SERVICE_DATE_LABELS = (
    "送达时间", "送达日期", "签收时间", "签收日期", "收件日期", "收到日期", "收件时间", "受送达人签收",
    "签收人签名及日期",
)  # fmt: skip
SERVED_LABELS = ("送达文书名称及文号", "送达文书名称", "送达文书及文号", "送达文书", "文书名称", "送达的文书")
_SIGN_LABEL = re.compile(r"(?:签名|签字|签收|签章)[^：:\n\t]{0,6}[：:\t][ \u3000]*([^\n\t]*)")
_RECIPIENT = re.compile(r"受送达人|签收人|收件人|收到人")
_BLANK = re.compile(r"^[\s_＿/\\（）()年月日:：.\-]*$")
_WAIVED = re.compile(
    r"放弃(?:陈述|申辩|听证|[^。\n]{0,6}权)|不(?:提出|进行)?陈述|不(?:要求|申请)听证|无异议|不申辩"
)
_REQUESTED = re.compile(r"(?<![不未有权弃])(?:要求|申请)(?:举行)?听证")
_EXTENSION = re.compile(r"(?:延长|延期)[^。\n]{0,12}(?:办案|期限|时限)")
_APPROVED = re.compile(r"同意|批准")
Fields = dict[str, Fact[Any]]


def _seal(pages: tuple[Any, ...]) -> bool | None:
    flags = [p.has_seal for p in pages]
    if any(f is True for f in flags):
        return True
    return False if flags and all(f is False for f in flags) else None


def _signature(doc: DocText, doc_type: str) -> Fact[bool] | None:
    """Whether a 签名/签字 label carries a name; on a 送达回证, the recipient's label decides."""
    seen = [(m.start(), not _BLANK.match(m.group(1))) for m in _SIGN_LABEL.finditer(doc.text)]
    if doc_type == "service_receipt":
        own = [(pos, ok) for pos, ok in seen if _RECIPIENT.search(doc.text, max(0, pos - 8), pos + 2)]
        seen = own or seen
    if not seen:
        return None
    signed = [pos for pos, ok in seen if ok]
    pos = signed[0] if signed else seen[0][0]
    return doc.fact(bool(signed), pos, reason="签名栏")


DATE_LABELS = {
    "filing_approval": FILING_LABELS, "inspection_record": RECORD_DATE_LABELS, "inquiry_record": RECORD_DATE_LABELS,
    "service_receipt": SERVICE_DATE_LABELS, "closing_report": ("结案日期", "结案时间"),
    "penalty_decision": ("处罚决定日期", "作出处罚决定日期", "决定日期", "作出决定日期"),
}  # fmt: skip


def document_date(doc_type: str, doc: DocText) -> Fact[Any] | None:
    """The document's own date: after its label (立案日期, 询问时间, 送达时间 …), else its 落款."""
    labels = DATE_LABELS.get(doc_type)
    labelled = dating.date_after(doc, labels) if labels else None
    return labelled or dating.signature_date(doc)


def _dates(info: DocumentInfo, doc: DocText, *, out: Fields) -> None:
    date = document_date(info.type, doc)
    if date is None:
        return
    out["date"] = date
    if info.type == "service_receipt":
        out["service_date"] = date


def _party(doc: DocText, out: Fields) -> None:
    found = party(doc)
    if found is None:
        return
    if found.name is not None:
        out["party_name"] = found.name
    if found.party_id is not None:
        out["party_id"] = found.party_id


def _penalty(info: DocumentInfo, doc: DocText, *, out: Fields) -> None:
    flow = Flow.of(doc)
    span = penalty.penalty_span(flow, notice=info.type == "penalty_notice")
    if span is None:
        return
    fine, seized = penalty.amounts(flow, span)
    if fine is not None:
        out["fine_amount"] = fine
    if seized is not None:
        out["confiscation_amount"] = seized


def _flags(info: DocumentInfo, doc: DocText, *, out: Fields) -> None:
    if info.type in ("statement_record", "hearing"):  # the party's own words, not the notice's "视为放弃"
        waived = docfields.has_words(doc, _WAIVED.pattern)
        if waived is not None:
            out["statement_waived"] = waived
    if info.type in ("statement_record", "hearing"):
        requested = docfields.has_words(doc, _REQUESTED.pattern)
        if requested is not None or info.type == "hearing":
            out["hearing_requested"] = requested or Fact(True, (), how=How.POSITION, reason="卷内有听证文书")
    ext = _EXTENSION.search(doc.text)
    if ext and _APPROVED.search(doc.text):
        out["extension_approved"] = doc.fact(True, ext.start(), ext.end(), how=How.SENTENCE)
    if info.type == "penalty_decision":
        body = squeeze(doc.text)
        remedy = "复议" in body and "诉讼" in body
        out["remedy_notice"] = Fact(remedy, (), how=How.SENTENCE, reason="决定书是否写有复议、诉讼")
        simple = "简易程序" in body or info.title.startswith("当场")
        out["procedure"] = Fact("simple" if simple else "ordinary", (), how=How.SENTENCE)
        if is_publicity_table(doc.text):
            out["summary"] = doc.fact(True, 0, how=How.POSITION, reason="行政处罚信息公示摘要表")


def document_fields(info: DocumentInfo, doc: DocText) -> DocFacts:
    """Everything the consistency rules may compare, read from this document alone."""
    out: Fields = {}
    _dates(info, doc, out=out)
    number = docfields.case_number(doc, own=info.type in OWN_NUMBER_TYPES)
    if number is not None:
        out["case_number"] = number
    _party(doc, out)
    if info.type in ("penalty_notice", "penalty_decision"):
        _penalty(info, doc, out=out)
    if info.type in RECORD_TYPES:
        found = officers_in(doc)
        if found:
            evidence = tuple(e for o in found for e in o.evidence[:1])
            conf = min((e.confidence for e in evidence if e.confidence is not None), default=1.0)
            out["officers"] = Fact(tuple(found), evidence, conf, How.LABEL, "执法人员标签后的姓名")
    if info.type == "service_receipt":
        served = first_value(doc, SERVED_LABELS)
        if served is not None:
            out["served_document"] = doc.fact(squeeze(served[0]), served[1])
    if info.type == "toc":
        entries = read_toc(doc.pages)
        if entries:
            out["toc_entries"] = Fact(tuple(entries), (doc.evidence(0),), how=How.LABEL, reason="卷内目录各行")
    seal = _seal(doc.pages)
    if seal is not None:
        out["has_seal"] = Fact(seal, (), 0.8, How.INFERENCE, "页面红色印章检测")
    signature = _signature(doc, info.type)
    if signature is not None:
        out["has_signature"] = signature
    _flags(info, doc, out=out)
    return DocFacts.of(out)
