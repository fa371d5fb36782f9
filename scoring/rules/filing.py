"""立案 and the head's approval: investigation after filing, filing on time, the decision approved before it is made.

* 行政处罚法 第五十四条第二款 "符合立案标准的，行政机关应当及时立案。" Review standards deduct for "对符合条件的案件
  不按规定报批立案就展开调查，待案件调查结束时再补办手续" (先调查后立案).
* 《市场监督管理行政处罚程序规定》第十八条第一款 "…应当自发现线索或者收到材料之日起十五个工作日内予以核查，由市场监督
  管理部门负责人决定是否立案；特殊情况下，经市场监督管理部门负责人批准，可以延长十五个工作日。" 第二款: 检测、检验、
  检疫、鉴定以及权利人辨认或者鉴别等所需时间，不计入前款规定期限。 (text read on 第十四师市场监督管理局's site,
  www.btdsss.gov.cn/c/2025-05-14/912884.shtml) — other sectors set their own limit: the rule then answers unknown.
* 行政处罚法 第五十七条第一款 "调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定".
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.calendar import OutsideCalendar
from scoring.rules.base import Context, Outcome, ev, failed, not_applicable, passed, rule, unknown
from scoring.rules.textutil import date_value, doc_date, flat, labelled_date, titled, where
from scoring.types import CaseFacts, Evidence

LAW = "《中华人民共和国行政处罚法》"
MARKET = "《市场监督管理行政处罚程序规定》第十八条"
FILING_LIMIT = 15  # working days, 市场监管 (第十八条)
_MARKET_AGENCY = re.compile(r"市场监督管理|市场监管")


@rule(
    "investigation_before_filing", "procedure", title="立案后调查取证，无先调查后补立案",
    basis=f"{LAW}第五十四条第二款",
)
def investigation_before_filing(facts: CaseFacts, ctx: Context) -> Outcome:
    filed = date_value(facts.filing_date)
    inquiries = facts.documents_of("inquiry_record")
    if not inquiries:
        return not_applicable("卷内无询问笔录")
    if filed is None:
        return unknown("未读到立案日期，无法核对调查是否在立案之后")
    dated = [(d, doc_date(d)) for d in inquiries]
    known = [(d, f) for d, f in dated if f is not None]
    if not known:
        return unknown("询问笔录未读到日期，无法核对调查是否在立案之后", tuple(e for d in inquiries for e in where(d)))
    early = [(d, f) for d, f in known if f.value < filed]
    evidence = tuple(e for _, f in early for e in f.evidence) + ev(facts.filing_date)
    if early and len(early) == len(known):
        return failed(
            f"全部 {len(early)} 份询问笔录的日期均早于立案日期 {filed.isoformat()}，属先调查后补立案", evidence
        )
    if early:
        return unknown(
            f"{len(early)} 份询问笔录早于立案日期 {filed.isoformat()}，是否属于立案前核查请人工核对", evidence
        )
    return passed(f"询问笔录均在立案（{filed.isoformat()}）之后", ev(facts.filing_date))


def _source_day(facts: CaseFacts) -> tuple[dt.date | None, tuple[Evidence, ...]]:
    fact = facts.extras.get("case_source_date")
    day = date_value(fact)
    if fact is not None and day is not None:
        return day, fact.evidence
    for doc in facts.documents_of("case_source"):
        own = doc_date(doc)
        if own is not None:
            return own.value, own.evidence
    return None, ()


@rule(
    "filing_not_timely",
    "procedure",
    title="发现线索后在规定期限内决定立案",
    basis=f"{LAW}第五十四条第二款；{MARKET}",
)
def filing_not_timely(facts: CaseFacts, ctx: Context) -> Outcome:
    filed = date_value(facts.filing_date)
    source, source_ev = _source_day(facts)
    if filed is None or source is None:
        return unknown(
            "未读到案件来源登记（发现线索）日期或立案日期，无法核对立案是否及时", source_ev + ev(facts.filing_date)
        )
    evidence = source_ev + ev(facts.filing_date)
    try:
        days = ctx.calendar.working_days_between(source, filed)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    agency = str(facts.agency.value) if facts.agency is not None else ""
    if days <= FILING_LIMIT:
        return passed(f"登记线索（{source.isoformat()}）后第 {days} 个工作日立案", evidence)
    if not _MARKET_AGENCY.search(agency):
        return unknown(
            f"登记线索后第 {days} 个工作日立案；本部门的立案时限未录入（市场监管为十五个工作日），请核对", evidence
        )
    text = "".join(flat(facts, d) for d in facts.documents_of("filing_approval") + facts.documents_of("case_source"))
    if re.search(r"检测|检验|检疫|鉴定|辨认", text):
        return unknown(f"登记线索后第 {days} 个工作日立案；期间有检测、检验、鉴定等不计入期限的情形，请核对", evidence)
    if days <= 2 * FILING_LIMIT and re.search(r"延长", text):
        return passed(f"登记线索后第 {days} 个工作日立案，经批准延长十五个工作日", evidence)
    return failed(
        f"登记线索（{source.isoformat()}）后第 {days} 个工作日才立案（{filed.isoformat()}），"
        f"超过十五个工作日且无延长批准",
        evidence,
    )


_APPROVAL = r"(处罚|处理)(决定)?(审批|呈批)表|案件(处理|审批)(审批|呈批)?表|决定审批"
# the head's row of an approval form (负责人审批意见, 负责人意见, 局长意见, 审批意见, 批准人 …);
# 审核意见 is the legal review's
_HEAD_ROW = (
    r"(?:(?:主要|分管)?负责人|局长|主任|领导|机关负责人)(?:审批|审查)?(?:意见|签[名字])|负责人审批|审批(?:人)?意见"
    r"|批准人|审批人|审批日期"
)


@rule(
    "head_approval_after_decision",
    "procedure",
    title="处罚决定经负责人审批，审批不晚于决定",
    basis=f"{LAW}第五十七条第一款",
)
def head_approval_after_decision(facts: CaseFacts, ctx: Context) -> Outcome:
    decided = date_value(facts.decision_date)
    approvals = titled(facts, _APPROVAL, types=("other", "legal_review", "collective_discussion"))
    if not approvals:
        return unknown("未见处罚决定审批表（负责人审批可能记载于集体讨论记录或其他文书），请核对")
    if decided is None:
        return unknown("未读到决定日期，无法核对审批日期", where(approvals[0]))
    dated = [(d, labelled_date(facts, d, _HEAD_ROW)) for d in approvals]
    known = [(d, f) for d, f in dated if f is not None]
    if not known:  # an unlabelled date may be a date of another row or of a page filed with the form
        return unknown("处罚决定审批表未读到标明为负责人审批的日期，请核对审批是否早于决定", where(approvals[0]))
    late = [(d, f) for d, f in known if f.value > decided]
    if late:
        d, f = late[0]
        return failed(
            f"《{d.title}》负责人审批日期 {f.value.isoformat()} 晚于决定日期 {decided.isoformat()}",
            f.evidence + ev(facts.decision_date),
        )
    d, f = known[0]
    return passed(f"负责人于 {f.value.isoformat()} 审批，不晚于决定日期 {decided.isoformat()}", f.evidence)
