"""Vetoes the law itself sets (否决项), where the file shows them, and the 法制审核 / 集体讨论 records.

* 行政处罚法 第四十五条第二款 "行政机关不得因当事人陈述、申辩而给予更重的处罚。"
* 第五十八条第一款 "…应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，
  不得作出决定"
* 第六十四条第（四）项 "听证由行政机关指定的非本案调查人员主持"
* 第五十七条第二款 "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。"
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.rules.base import (
    Context,
    Outcome,
    doc_evidence,
    doc_field,
    ev,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
)
from scoring.rules.notice import statements
from scoring.rules.textutil import (
    date_value,
    decision_doc,
    doc_date,
    fine_of,
    first_evidence,
    flat,
    labelled,
    names,
    read_by_ocr,
    readable,
    same_person,
    where,
)
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

LAW = "《中华人民共和国行政处罚法》"
_HEAVY_KINDS = ("吊销", "责令停产停业", "责令关闭", "限制从业", "降低资质等级", "行政拘留", "限制开展生产经营活动")


def _amount(facts: CaseFacts, kind: str) -> Fact[float] | None:
    return fine_of(facts, kind)


_SPOKE = re.compile(r"(?<![未不没无以权如])(提出|进行|作出)了?(陈述|申辩|陈述、申辩|陈述和申辩)")


def statement_made(facts: CaseFacts) -> Evidence | None:
    """Where the file shows the party made a statement or defence (not merely the right to one)."""
    said = statements(facts)
    if said:
        return where(said[0])[0] if said[0].pages else None
    for doc in facts.documents_of("hearing"):
        if "笔录" in doc.title and readable(facts, doc):
            return where(doc)[0]
    decision = decision_doc(facts)
    if decision is not None:
        hit = first_evidence(facts, decision, _SPOKE.pattern)
        if hit is not None:
            return hit
    return None


def _heavier_kinds(facts: CaseFacts) -> list[str]:
    notices = facts.documents_of("penalty_notice")
    decision = decision_doc(facts)
    if not notices or decision is None or not readable(facts, notices[0]) or not readable(facts, decision):
        return []
    notice_text = "".join(flat(facts, d) for d in notices)
    body = flat(facts, decision)
    return [k for k in _HEAVY_KINDS if k in body and k not in notice_text and f"不{k}" not in body]


@rule(
    "penalty_heavier_after_statement", "procedure", title="未因当事人陈述、申辩而加重处罚",
    basis=f"{LAW}第四十五条第二款",
)
def penalty_heavier_after_statement(facts: CaseFacts, ctx: Context) -> Outcome:
    decided, noticed = _amount(facts, "penalty_decision"), _amount(facts, "penalty_notice")
    heavier = _heavier_kinds(facts)
    if decided is not None and noticed is not None and decided.value > noticed.value + 0.005:
        heavier.insert(0, f"罚款由告知的 {noticed.value:g} 元增至 {decided.value:g} 元")
    if not heavier:
        if decided is None or noticed is None:
            return unknown("未读到告知书或决定书的罚款数额，无法比较是否加重", ev(decided) + ev(noticed))
        return passed("决定的处罚不重于告知书拟作出的处罚", ev(decided) + ev(noticed))
    spoke = statement_made(facts)
    evidence = ev(noticed) + ev(decided)
    if spoke is None:
        return unknown(f"决定重于告知（{'；'.join(heavier)}），卷内未见当事人陈述申辩记录，"
                       "是否因申辩加重及是否重新告知请核对", evidence)
    return failed(f"当事人陈述、申辩后，决定重于告知：{'；'.join(heavier)}", (*evidence, spoke))


_REVIEWER_LABELS = (
    "审核人员", "审核人", "法制审核人员", "法制审核人", "初审人", "复审人", "审核人签名", "审核人（签名）"
)
_HOST_LABELS = ("听证主持人", "主持人")


def investigators(facts: CaseFacts) -> list[str]:
    """Names of the officers who investigated (case officers and those listed on the investigation records)."""
    found = [o.name for o in facts.officers]
    for doc in facts.documents:
        if doc.type not in ("inquiry_record", "inspection_record", "filing_approval", "investigation_report"):
            continue
        listed = doc_field(doc, "officers")
        if listed is not None and isinstance(listed.value, tuple):
            found += [o.name for o in listed.value]
    return list(dict.fromkeys(n for n in found if n))


def _role_holders(
    facts: CaseFacts, docs: tuple[DocumentInfo, ...], labels: tuple[str, ...]
) -> list[tuple[str, Evidence]]:
    out = []
    for doc in docs:
        for hit in labelled(facts, doc, labels):
            out += [(name, hit.evidence) for name in names(hit.value)]
    return out


@rule(
    "investigator_in_conflicting_role",
    "procedure",
    title="调查人员未担任法制审核人员或听证主持人",
    basis=f"{LAW}第五十八条、第六十四条第（四）项",
)
def investigator_in_conflicting_role(facts: CaseFacts, ctx: Context) -> Outcome:
    reviews, hearings = facts.documents_of("legal_review"), facts.documents_of("hearing")
    if not reviews and not hearings:
        return not_applicable("卷内无法制审核、听证文书")
    staff = investigators(facts)
    if not staff:
        return unknown("未读到本案调查人员，无法核对法制审核人员、听证主持人是否为调查人员")
    holders = [("法制审核人员", n, e) for n, e in _role_holders(facts, reviews, _REVIEWER_LABELS)]
    holders += [("听证主持人", n, e) for n, e in _role_holders(facts, hearings, _HOST_LABELS)]
    clash = [(role, n, e) for role, n, e in holders if any(same_person(n, s) for s in staff)]
    if clash:
        detail = "；".join(f"{n}既是本案调查人员又担任{role}" for role, n, _ in clash)
        return failed(detail, tuple(e for _, _, e in clash), count=len(clash))
    if not holders:
        return unknown(
            "未读到法制审核人员或听证主持人姓名，请人工核对是否由非本案调查人员担任",
            tuple(e for d in (*reviews, *hearings) for e in where(d)),
        )
    roles = "、".join(dict.fromkeys(f"{role}{n}" for role, n, _ in holders))
    return passed(f"{roles}均非本案调查人员（{'、'.join(staff)}）", tuple(e for _, _, e in holders))


_NOT_PASSED = re.compile(r"(不同意|不予通过|未通过|审核不通过|退回(补充|重新)?调查|建议不予(处罚|作出))")
_PASSED = re.compile(r"(同意|通过|无异议)")


@rule(
    "legal_review_not_passed",
    "procedure",
    title="法制审核通过后方作出决定",
    basis=f"{LAW}第五十八条第一款",
)
def legal_review_not_passed(facts: CaseFacts, ctx: Context) -> Outcome:
    reviews = facts.documents_of("legal_review")
    if not reviews:
        return not_applicable("卷内无法制审核文书（是否必需见 missing_document:legal_review）")
    readable_reviews = [d for d in reviews if readable(facts, d)]
    if not readable_reviews:
        return unknown("法制审核文书没有可读文字，无法核对审核结论", tuple(e for d in reviews for e in where(d)))
    last = max(readable_reviews, key=lambda d: (date_value(doc_date(d)) or dt.date.min, d.pages[0]))
    text = flat(facts, last)
    refused = _NOT_PASSED.search(text)
    if refused:
        hit = first_evidence(facts, last, _NOT_PASSED.pattern) or where(last)[0]
        return failed(f"法制审核意见为“{refused.group(0)}”，未见审核通过即作出决定", (hit,))
    agreed = first_evidence(facts, last, _PASSED.pattern)
    if agreed is None:
        return unknown("法制审核文书未见明确的审核结论（同意/通过），请核对", where(last))
    return passed("法制审核意见为同意（通过）", (agreed,))


@rule(
    "legal_review_after_decision",
    "procedure",
    title="法制审核在负责人作出决定前进行",
    basis=f"{LAW}第五十八条第一款",
)
def legal_review_after_decision(facts: CaseFacts, ctx: Context) -> Outcome:
    reviews = facts.documents_of("legal_review")
    if not reviews:
        return not_applicable("卷内无法制审核文书")
    decided = date_value(facts.decision_date)
    dated = [(d, doc_date(d)) for d in reviews]
    known = [(d, f) for d, f in dated if f is not None]
    if decided is None or not known:
        return unknown(
            "未读到法制审核日期或决定日期，无法核对法制审核是否在决定前进行",
            tuple(e for d in reviews for e in where(d)),
        )
    late = [(d, f) for d, f in known if f.value > decided]
    if late:
        d, f = late[0]
        return failed(
            f"法制审核日期 {f.value.isoformat()} 晚于决定日期 {decided.isoformat()}",
            doc_evidence(d, f) + ev(facts.decision_date),
        )
    first = min(f.value for _, f in known)
    return passed(
        f"法制审核（{first.isoformat()}）在决定（{decided.isoformat()}）之前",
        tuple(e for d, f in known for e in doc_evidence(d, f)),
    )


_DISCUSSION_PARTS = {
    "主持人": r"主持人|主持",
    "参加人员": r"参加人|出席人|参会人|参加人员|出席人员|列席",
    "讨论意见": r"讨论(内容|意见|情况)|发表意见|意见[：:]",
    "结论": r"结论|决定[：:]|讨论决定|一致(同意|认为|决定)|同意.{0,20}(处罚|意见)",
}


@rule(
    "collective_discussion_incomplete",
    "procedure",
    title="集体讨论记录载明主持人、参加人员、讨论意见和结论",
    basis=f"{LAW}第五十七条第二款",
)
def collective_discussion_incomplete(facts: CaseFacts, ctx: Context) -> Outcome:
    docs = facts.documents_of("collective_discussion")
    if not docs:
        return not_applicable("卷内无集体讨论记录（是否必需见 missing_document:collective_discussion）")
    text = "".join(flat(facts, d) for d in docs)
    if not all(readable(facts, d) for d in docs):
        return unknown("集体讨论记录没有可读文字，无法核对其内容", tuple(e for d in docs for e in where(d)))
    missing = [part for part, rx in _DISCUSSION_PARTS.items() if not re.search(rx, text)]
    if missing and read_by_ocr(facts, docs):
        return unknown(f"扫描识别的集体讨论记录未读到{'、'.join(missing)}，请核对", where(docs[0]))
    if missing:
        return failed(f"集体讨论记录未载明{'、'.join(missing)}", where(docs[0]), count=len(missing))
    return passed("集体讨论记录载明主持人、参加人员、讨论意见和结论", where(docs[0]))
