"""Per-document observations (DocumentInfo.fields) for the consistency rules."""

from __future__ import annotations

import re
from typing import Any

from app.extract import docfields, penalty
from app.extract.officers import officers_in
from app.extract.text import DocText, Flow, first_value, squeeze
from scoring.types import DocumentInfo, Fact

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
    return Fact(bool(signed), (doc.evidence(pos),))


def _dates(info: DocumentInfo, doc: DocText, *, out: Fields) -> None:
    if info.type == "filing_approval":
        date = docfields.date_after(doc, FILING_LABELS) or docfields.last_date(doc)
    elif info.type in RECORD_TYPES:
        date = docfields.date_after(doc, RECORD_DATE_LABELS) or docfields.sign_off(doc)[1]
    elif info.type == "service_receipt":
        date = docfields.date_after(doc, SERVICE_DATE_LABELS) or docfields.last_date(doc)
        if date is not None:
            out["service_date"] = date
    else:
        date = docfields.sign_off(doc)[1]
    if date is not None:
        out["date"] = date


def _party(doc: DocText, out: Fields) -> None:
    found = docfields.party(doc)
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
            out["hearing_requested"] = requested or Fact(True, ())
    ext = _EXTENSION.search(doc.text)
    if ext and _APPROVED.search(doc.text):
        out["extension_approved"] = Fact(True, (doc.evidence(ext.start(), ext.end()),))
    if info.type == "penalty_decision":
        body = squeeze(doc.text)
        remedy = "复议" in body and "诉讼" in body
        out["remedy_notice"] = Fact(remedy, ())
        simple = "简易程序" in body or info.title.startswith("当场")
        out["procedure"] = Fact("simple" if simple else "ordinary", ())


def document_fields(info: DocumentInfo, doc: DocText) -> Fields:
    """Everything the consistency rules may compare, read from this document alone."""
    out: Fields = {}
    _dates(info, doc, out=out)
    number = docfields.case_number(doc)
    if number is not None:
        out["case_number"] = number
    _party(doc, out)
    if info.type in ("penalty_notice", "penalty_decision"):
        _penalty(info, doc, out=out)
    if info.type in RECORD_TYPES:
        found = officers_in(doc)
        if found:
            out["officers"] = Fact(tuple(found), tuple(e for o in found for e in o.evidence[:1]))
    if info.type == "service_receipt":
        served = first_value(doc, SERVED_LABELS)
        if served is not None:
            out["served_document"] = Fact(squeeze(served[0]), (doc.evidence(served[1]),))
    seal = _seal(doc.pages)
    if seal is not None:
        out["has_seal"] = Fact(seal, ())
    signature = _signature(doc, info.type)
    if signature is not None:
        out["has_signature"] = signature
    _flags(info, doc, out=out)
    return out
