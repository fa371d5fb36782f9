"""三项制度 as a file can show them: 公示 of the decision on time, 音像 records noted (法制审核: see vetoes).

* 行政处罚法 第四十七条 "行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行
  全过程记录，归档保存。"
* 第四十八条第一款 "具有一定社会影响的行政处罚决定应当依法公开。"
* 《市场监督管理行政处罚信息公示规定》第九条 "…应当自作出行政处罚决定之日起二十个工作日内将行政处罚信息通过国家企业信用
  信息公示系统进行公示。" (LawRefBook/Laws 部门规章/市场监督管理总局/市场监督管理行政处罚信息公示规定(2021-07-30).md)
* 国办发〔2018〕118号 sets seven working days for other agencies' 执法决定信息 — the rule uses it only as a
  threshold for ``unknown`` since its text was not read.
* 《行政执法监督条例》第十二条第（二）项: 监督 "行政执法公示、执法全过程记录、重大执法决定法制审核等行政执法程序制度".

Neither a 公示 screenshot nor a video is always archived in the paper file: absence is ``unknown``, never a failure.
"""

from __future__ import annotations

import re

from scoring.calendar import OutsideCalendar
from scoring.rules.base import Context, Outcome, ev, failed, passed, rule, unknown
from scoring.rules.textutil import date_value, first_evidence, last_date, titled, where
from scoring.types import CaseFacts

LAW = "《中华人民共和国行政处罚法》"
MARKET_DAYS = 20
OTHER_DAYS = 7
_MARKET = re.compile(r"市场监督管理|市场监管")


@rule(
    "publicity_late", "procedure", title="处罚决定信息按期公示",
    basis=f"{LAW}第四十八条第一款；《市场监督管理行政处罚信息公示规定》第九条；《行政执法监督条例》第十二条第（二）项",
)
def publicity_late(facts: CaseFacts, ctx: Context) -> Outcome:
    decided = date_value(facts.decision_date)
    records = titled(facts, r"公示|信用信息|公开记录|网站截图|公示截图")
    if not records:
        return unknown("卷内未见处罚决定公示记录（公示截图或登记），请核对是否依法公示")
    if decided is None:
        return unknown("未读到决定日期，无法核对公示期限", where(records[0]))
    shown = last_date(facts, records[0])
    if shown is None:
        return unknown("公示记录未读到公示日期", where(records[0]))
    agency = str(facts.agency.value) if facts.agency is not None else ""
    limit = MARKET_DAYS if _MARKET.search(agency) else OTHER_DAYS
    evidence = shown.evidence + ev(facts.decision_date)
    try:
        days = ctx.calendar.working_days_between(decided, shown.value)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    if days <= limit:
        return passed(f"决定后第 {days} 个工作日公示", evidence)
    if limit == OTHER_DAYS:
        return unknown(f"决定后第 {days} 个工作日才公示，超过国办发〔2018〕118号的七个工作日（该文原文未核对；"
                       "本部门规定的期限请核对）", evidence)
    return failed(f"决定后第 {days} 个工作日才公示，超过二十个工作日", evidence)


_AV = re.compile(r"执法记录仪|录音录像|音像|录像|视频|摄像|拍照|照片|同步录音")


@rule(
    "av_record_missing", "procedure", title="执法全过程记录（音像记录）在卷内有记载",
    basis=f"{LAW}第四十七条；《行政执法监督条例》第十二条第（二）项",
    kinds=("penalty", "enforcement", "inspection"),
)
def av_record_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    for doc in facts.documents:
        if doc.type in ("penalty_decision", "penalty_notice"):
            continue
        hit = first_evidence(facts, doc, _AV.pattern)
        if hit is not None:
            return passed("卷内记载了音像记录（照片、录音录像或执法记录仪）", (hit,))
    return unknown("卷内未见音像记录的记载（照片、录像、执法记录仪），请核对全过程记录是否归档")
