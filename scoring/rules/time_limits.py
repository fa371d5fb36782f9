"""Time limits: 90 calendar days to decide, 7 working days to serve, the statement period, limitation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from scoring.calendar import OutsideCalendar
from scoring.rules.base import (
    Context,
    Outcome,
    any_flag,
    dates_in,
    ev,
    failed,
    fmt,
    not_applicable,
    passed,
    rule,
    served_date,
    unknown,
)
from scoring.statutes import PENALTY_LAW_CITED as PENALTY_LAW
from scoring.types import CaseFacts, Evidence, Fact


def _date(fact: Fact[Any] | None) -> dt.date | None:
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else None


@rule(
    "decision_over_90_days", "time_limits", title="立案之日起九十日内作出决定",
    basis=f"{PENALTY_LAW}第六十条",
)
def decision_over_90_days(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序当场作出决定，不适用九十日期限")
    filed, decided = _date(facts.filing_date), _date(facts.decision_date)
    if filed is None or decided is None:
        missing = "立案日期" if filed is None else "决定日期"
        return unknown(f"未读到{missing}，无法计算办案期限", ev(facts.filing_date) + ev(facts.decision_date))
    days = (decided - filed).days
    limit = ctx.config.decision_limit_calendar_days
    evidence = ev(facts.filing_date) + ev(facts.decision_date)
    if days <= limit:
        return passed(f"决定日期 {fmt(decided)} 距立案日期 {fmt(filed)} {days} 日，未超过 {limit} 日", evidence)
    extension = any_flag(facts, "extension_approved")
    if extension is not None:
        return passed(f"办案 {days} 日，超过 {limit} 日，但卷内有延期审批", evidence + extension.evidence)
    return failed(
        f"决定日期 {fmt(decided)} 距立案日期 {fmt(filed)} 已 {days} 日，超过 {limit} 日且无延期审批", evidence
    )


def _decision_service(facts: CaseFacts) -> Fact[dt.date] | None:
    if _date(facts.service_date) is not None:
        return facts.service_date
    fact, _ = served_date(facts, "决定")
    return fact


@rule(
    "service_over_7_days", "time_limits", title="决定书七个工作日内送达",
    basis=f"{PENALTY_LAW}第六十一条、第八十五条",
)
def service_over_7_days(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序决定书当场交付")
    decided = _date(facts.decision_date)
    served_fact = _decision_service(facts)
    served = _date(served_fact)
    evidence = ev(facts.decision_date) + ev(served_fact)
    if decided is None or served is None:
        missing = "决定日期" if decided is None else "决定书送达日期"
        return unknown(f"未读到{missing}，无法计算送达期限", evidence)
    if served < decided:
        return unknown(f"送达日期 {fmt(served)} 早于决定日期 {fmt(decided)}，请核对（见日期顺序检查）", evidence)
    try:
        days = ctx.calendar.working_days_between(decided, served)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    limit = ctx.config.service_limit_working_days
    if days <= limit:
        return passed(f"决定书于决定后第 {days} 个工作日送达，未超过 {limit} 个工作日", evidence)
    return failed(
        f"决定日期 {fmt(decided)}，送达日期 {fmt(served)}，相隔 {days} 个工作日，超过 {limit} 个工作日", evidence
    )


def _notice_base(facts: CaseFacts) -> tuple[Fact[dt.date] | None, str]:
    served, _ = served_date(facts, "告知")
    if served is not None:
        return served, "告知书送达"
    return facts.notice_date, "告知书落款"


@rule(
    "notice_to_decision_under_5_days", "time_limits", title="陈述申辩期限届满后作出决定",
    basis=f"{PENALTY_LAW}第四十四条、第四十五条、第六十二条、第六十四条、第八十五条",
)
def notice_to_decision_under_5_days(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序当场告知并听取陈述申辩")
    base_fact, label = _notice_base(facts)
    base, decided = _date(base_fact), _date(facts.decision_date)
    evidence = ev(base_fact) + ev(facts.decision_date)
    if base is None or decided is None:
        missing = "告知日期" if base is None else "决定日期"
        return unknown(f"未读到{missing}，无法核对陈述申辩期限", evidence)
    # a waiver is the party's own statement: the 告知书 (which says "逾期…视为放弃") is not one
    waived = any_flag(facts, "statement_waived", exclude=("penalty_notice",))
    if waived is not None and any("视为放弃" in e.text for e in waived.evidence):
        waived = None
    if waived is not None:
        return passed("当事人书面明确放弃陈述、申辩（听证）权利", evidence + waived.evidence)
    try:
        days = ctx.calendar.working_days_between(base, decided)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    need = ctx.config.statement_period_working_days
    if days >= need:
        return passed(f"{label}日期 {fmt(base)} 至决定日期 {fmt(decided)} 相隔 {days} 个工作日", evidence)
    recital = _waiver_recital(facts)
    if recital is not None:
        return unknown(
            f"决定距{label}仅 {days} 个工作日；卷内文书记载当事人放弃陈述申辩，但未识别到放弃书本身，请核对",
            (*evidence, recital),
        )
    return failed(
        f"{label}日期 {fmt(base)} 后仅 {days} 个工作日即于 {fmt(decided)} 作出决定，"
        f"陈述申辩期限（{need} 个工作日）未届满，且卷内无书面放弃",
        evidence,
    )


_WAIVER = re.compile(r"(?<!视为)(书面|明确|自愿)?放弃(了)?(陈述|申辩|听证)")


def _waiver_recital(facts: CaseFacts) -> Evidence | None:
    """A document (not the 告知书) saying the party gave up the statement/defence right."""
    for doc in facts.documents:
        if doc.type == "penalty_notice":
            continue
        for n in doc.pages:
            for line in facts.page_text(n).splitlines():
                if _WAIVER.search(line):
                    return Evidence(page=n, text=line.strip()[:80])
    return None


def _violation_end(facts: CaseFacts) -> Fact[Any] | None:
    return facts.extras.get("violation_end_date") or facts.extras.get("violation_date")


_OBSERVED = re.compile(r"(检查|巡查|执法人员|现场).{0,20}(发现|查获|查实)")


def _observed_in_progress(facts: CaseFacts, found: dt.date) -> Fact[dt.date] | None:
    """A date on which the officers saw the act going on ("2024年3月1日，执法人员在检查中发现当事人…").

    The act then lasted at least until that day, so the limitation counted from it is never too short.
    """
    best: Fact[dt.date] | None = None
    for page in facts.pages:
        for sentence in re.split(r"[。；;]", page.text.replace("\n", "")):
            if not _OBSERVED.search(sentence):
                continue
            for day in dates_in(sentence):
                if day <= found and (best is None or day > best.value):
                    best = Fact(day, (Evidence(page=page.number, text=sentence.strip()[:80]),))
    return best


@rule(
    "limitation_period_exceeded", "time_limits", title="未超过追诉时效",
    basis=f"{PENALTY_LAW}第三十六条",
)
def limitation_period_exceeded(facts: CaseFacts, ctx: Context) -> Outcome:
    act_fact = _violation_end(facts)
    found_fact = facts.extras.get("case_source_date") or facts.filing_date
    found = _date(found_fact)
    if act_fact is None and found is not None:
        act_fact = _observed_in_progress(facts, found)
    act = _date(act_fact)
    evidence = ev(act_fact) + ev(found_fact)
    if act is None or found is None:
        missing = "违法行为发生（终了）日期" if act is None else "发现（立案）日期"
        return unknown(f"未读到{missing}，无法核对追诉时效", evidence)
    years = ctx.config.limitation_years
    try:
        limit = act.replace(year=act.year + years)
    except ValueError:  # 29 February
        limit = act.replace(year=act.year + years, day=28)
    if found <= limit:
        return passed(f"违法行为 {fmt(act)}，{fmt(found)} 发现，在 {years} 年追诉时效内", evidence)
    try:
        long_limit = act.replace(year=act.year + 5)
    except ValueError:
        long_limit = act.replace(year=act.year + 5, day=28)
    if found <= long_limit:
        return unknown(
            f"违法行为 {fmt(act)} 至发现 {fmt(found)} 已超过 {years} 年；是否属于涉及公民生命健康安全、"
            "金融安全且有危害后果（五年时效）须人工判断",
            evidence,
        )
    return failed(f"违法行为 {fmt(act)} 至发现 {fmt(found)} 已超过五年，超过追诉时效", evidence)


@rule(
    "license_decision_over_20_days", "time_limits", title="受理之日起二十个工作日内作出许可决定",
    basis="《中华人民共和国行政许可法》第四十二条、第八十二条", kinds=("license",),
)
def license_decision_over_20_days(facts: CaseFacts, ctx: Context) -> Outcome:
    accepted, decided = _date(facts.filing_date), _date(facts.decision_date)
    evidence = ev(facts.filing_date) + ev(facts.decision_date)
    if accepted is None or decided is None:
        return unknown("未读到受理日期或许可决定日期，无法计算办理期限", evidence)
    try:
        days = ctx.calendar.working_days_between(accepted, decided)
    except OutsideCalendar as exc:
        return unknown(str(exc), evidence)
    limit = ctx.config.license_decision_working_days
    if days <= limit:
        return passed(f"受理后第 {days} 个工作日作出决定", evidence)
    extension = any_flag(facts, "extension_approved")
    if extension is not None and days <= limit + 10:
        return passed(f"受理后第 {days} 个工作日作出决定，经负责人批准延长十日", evidence + extension.evidence)
    return failed(f"受理日期 {fmt(accepted)} 至决定日期 {fmt(decided)} 相隔 {days} 个工作日，超过法定期限", evidence)


@rule(
    "seizure_over_30_days", "time_limits", title="查封、扣押期限不超过三十日",
    basis="《中华人民共和国行政强制法》第二十五条", kinds=("enforcement",),
)
def seizure_over_30_days(facts: CaseFacts, ctx: Context) -> Outcome:
    start_fact = facts.extras.get("seizure_date")
    end_fact = facts.extras.get("seizure_end_date")
    start, end = _date(start_fact), _date(end_fact)
    evidence = ev(start_fact) + ev(end_fact)
    if start_fact is None and end_fact is None:
        return unknown("未读到查封、扣押及解除（处理）日期，请人工核对期限")
    if start is None or end is None:
        return unknown("查封、扣押或解除（处理）日期不全，无法计算期限", evidence)
    days = (end - start).days
    limit = ctx.config.seizure_limit_calendar_days
    extension = any_flag(facts, "extension_approved")
    allowed = limit * 2 if extension is not None else limit
    if days <= allowed:
        return passed(f"查封、扣押 {days} 日，未超过 {allowed} 日", evidence)
    return failed(f"查封、扣押自 {fmt(start)} 至 {fmt(end)} 共 {days} 日，超过 {allowed} 日", evidence)

