"""The 告知书 and what follows it: its contents, its service, the 复核 of a statement, the hearing notice.

* 行政处罚法 第四十四条 "行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知
  当事人依法享有的陈述、申辩、要求听证等权利。"
* 第四十五条第一款 "…对当事人提出的事实、理由和证据，应当进行复核；当事人提出的事实、理由或者证据成立的，行政机关应当
  采纳。"
* 第六十二条 — without that notice and hearing of the party "不得作出行政处罚决定".
* 第六十四条第（二）项 "行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点"; 第八十五条: 七日 are
  working days.
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.calendar import OutsideCalendar
from scoring.rules.base import (
    Context,
    Outcome,
    dates_in,
    doc_field,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
)
from scoring.rules.textutil import (
    doc_date,
    first_evidence,
    flat,
    labelled,
    names,
    read_by_ocr,
    readable,
    where,
)
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

LAW = "《中华人民共和国行政处罚法》"
_ELEMENTS = {
    "拟作出的处罚内容": r"拟(?:作出|给予|对|处以|决定)[^。]{0,40}"
    r"(?:罚款|警告|没收|吊销|责令|通报批评|暂扣|降低|限制|拘留)",
    "违法事实": r"经(?:本局|我局|本机关|本部门|执法人员)?(?:调查|查|查明|核查|检查|核实)|违法事实|事实[：:]|"
    r"存在[^。]{0,30}行为|[于在][^。]{0,30}(?:销售|经营|生产|排放|未|擅自|使用|超)",
    "理由": r"违反(?:了)?[^。]{0,60}(?:规定|条)",
    "依据": r"(?:依据|根据|依照|按照)[^。]{0,40}《[^》]+》[^。]{0,20}第",
    "陈述、申辩权利": r"陈述[^。]{0,6}申辩|申辩[^。]{0,6}陈述",
    "提出的期限": r"(?:\d+|[一二三四五六七八九十]+)\s*(?:个)?(?:工作)?日内",
}
_WAIVER = re.compile(r"放弃[^。]{0,10}(?:陈述|申辩|听证|权利)")
_REVIEW_ROWS = ("复核意见", "复核结论", "复核结果", "复核情况")
_REVIEWED = re.compile(
    r"复核|(?:予以|不予|部分)采纳|采纳了?|(?:陈述|申辩)(?:、申辩)?意见[^。]{0,20}(?:成立|不成立|理由不足|不能成立)"
)


@rule(
    "notice_content_incomplete",
    "procedure",
    title="告知书载明拟处罚内容、事实、理由、依据、权利及期限",
    basis=f"{LAW}第四十四条",
)
def notice_content_incomplete(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序当场告知，不单独制作告知书")
    notices = facts.documents_of("penalty_notice")
    if not notices:
        return unknown("未找到行政处罚告知书（见 missing_document:penalty_notice）")
    doc = notices[0]
    if not readable(facts, doc):
        return unknown("告知书没有可读文字，无法核对其内容", where(doc))
    text = flat(facts, doc)
    missing = [name for name, rx in _ELEMENTS.items() if not re.search(rx, text)]
    if missing and read_by_ocr(facts, [doc]):
        return unknown(f"扫描识别的告知书未读到：{'、'.join(missing)}（可能为识别误差），请核对", where(doc))
    if missing:
        return failed(f"告知书未载明：{'、'.join(missing)}", where(doc), count=len(missing))
    return passed("告知书载明拟处罚内容、事实、理由、依据、陈述申辩权利及期限", where(doc))


def statements(facts: CaseFacts) -> list[DocumentInfo]:
    """陈述申辩 records in which the party said something (a written waiver is not one)."""
    out = []
    for doc in facts.documents_of("statement_record"):
        if _WAIVER.search(doc.title) or (readable(facts, doc) and _WAIVER.search(flat(facts, doc))):
            continue
        out.append(doc)
    return out


def _hearing_held(facts: CaseFacts) -> list[DocumentInfo]:
    return [d for d in facts.documents_of("hearing") if re.search(r"笔录|报告", d.title)]


@rule(
    "statement_not_reviewed",
    "procedure",
    title="对当事人的陈述、申辩进行复核",
    basis=f"{LAW}第四十五条第一款",
)
def statement_not_reviewed(facts: CaseFacts, ctx: Context) -> Outcome:
    said = statements(facts)
    if not said:
        return not_applicable("卷内无当事人陈述、申辩记录（或当事人书面放弃）")
    if not all(readable(facts, d) for d in said):
        return unknown("陈述申辩记录没有可读文字，无法核对", tuple(e for d in said for e in where(d)))
    held = _hearing_held(facts)
    if held:
        return passed("当事人陈述申辩后举行了听证，决定依听证笔录作出（第六十五条）", where(held[0]))
    for doc in facts.documents:
        if doc.type == "statement_record":  # the party's words; the organ's review only in its own row of the form
            row = next(
                (h for h in labelled(facts, doc, _REVIEW_ROWS) if re.search(r"[\u4e00-\u9fff]{4,}", h.value)), None
            )
            if row is not None:
                return passed("陈述申辩笔录载有复核意见", (row.evidence,))
            continue
        if doc.type == "penalty_notice":
            continue
        hit = first_evidence(facts, doc, _REVIEWED.pattern)
        if hit is not None:
            return passed("卷内有对陈述、申辩的复核意见", (hit,))
    if read_by_ocr(facts, facts.documents):
        return unknown(
            "当事人提出了陈述、申辩，扫描识别的文书中未读到复核意见，请核对", tuple(e for d in said for e in where(d))
        )
    return failed(
        "当事人提出了陈述、申辩，卷内未见复核意见（决定书、复核报告或审批表均未记载）",
        tuple(e for d in said for e in where(d)),
    )


_SIGNED_FOR = ("当事人签收", "签收人", "受送达人签名", "签收", "收件人")


def _receipt_for_notice(facts: CaseFacts) -> Evidence | None:
    for doc in facts.documents_of("service_receipt"):
        what = doc_field(doc, "served_document")
        if what is not None and "告知" in str(what.value):
            return (what.evidence or where(doc))[0]
        hit = first_evidence(facts, doc, r"告知书")
        if hit is not None:
            return hit
    return None


def _signed_on_notice(facts: CaseFacts, doc: DocumentInfo) -> Evidence | None:
    for hit in labelled(facts, doc, _SIGNED_FOR):
        if names(hit.value) or dates_in(hit.value) or re.search(r"[\u4e00-\u9fff]{2,}", hit.value):
            return hit.evidence
    return None


@rule(
    "notice_not_served",
    "procedure",
    title="告知书依法送达当事人",
    basis=f"{LAW}第四十四条、第六十二条；《中华人民共和国民事诉讼法》第八十七条",
)
def notice_not_served(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序当场告知")
    notices = facts.documents_of("penalty_notice")
    if not notices:
        return unknown("未找到行政处罚告知书（见 missing_document:penalty_notice）")
    proof = _receipt_for_notice(facts) or _signed_on_notice(facts, notices[0])
    if proof is not None:
        return passed("告知书有送达回证或当事人签收", (proof,))
    answered = [*statements(facts), *facts.documents_of("statement_record"), *_hearing_held(facts)]
    if answered:
        return passed("当事人对告知书作出了回应（陈述申辩、放弃声明或听证），可见其已收到告知书", where(answered[0]))
    if not readable(facts, notices[0]) or read_by_ocr(facts, notices):
        return unknown("告知书为扫描件或没有可读文字，未读到送达回证或签收，请核对", where(notices[0]))
    return failed("卷内未见告知书的送达回证或当事人签收", where(notices[0]))


def _hearing_day(facts: CaseFacts, records: list[DocumentInfo]) -> Fact[dt.date] | None:
    for doc in records:
        for hit in labelled(facts, doc, ("听证时间", "举行时间", "时间")):
            found = dates_in(hit.value)
            if found:
                return Fact(found[0], (hit.evidence,))
        own = doc_date(doc)
        if own is not None:
            return own
    return None


@rule(
    "hearing_notice_late",
    "procedure",
    title="举行听证七个工作日前通知当事人",
    basis=f"{LAW}第六十四条第（二）项、第八十五条",
)
def hearing_notice_late(facts: CaseFacts, ctx: Context) -> Outcome:
    docs = facts.documents_of("hearing")
    notices = [d for d in docs if "通知" in d.title]
    records = [d for d in docs if "笔录" in d.title]
    if not docs:
        return not_applicable("卷内无听证文书")
    if not notices or not records:
        return unknown("未同时找到听证通知书和听证笔录，无法核对通知期限", tuple(e for d in docs for e in where(d)))
    told, held = doc_date(notices[0]), _hearing_day(facts, records)
    if told is None or held is None:
        return unknown("未读到听证通知日期或听证日期", tuple(e for d in docs for e in where(d)))
    evidence = (*told.evidence, *held.evidence)
    try:
        days = ctx.calendar.working_days_between(told.value, held.value)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    if days >= 7:
        return passed(
            f"听证通知（{told.value.isoformat()}）距听证（{held.value.isoformat()}）{days} 个工作日", evidence
        )
    return failed(
        f"听证通知日期 {told.value.isoformat()} 距听证日期 {held.value.isoformat()} 仅 {days} 个工作日，不足七日",
        evidence,
    )
