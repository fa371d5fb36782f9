"""The law cited must be the law that applies: in force, not a cancelled fine item, and the same in every document.

* 行政处罚法 第三十七条: "实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、
  法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。" — a law repealed or not yet in
  force when the act happened is the wrong basis; where the old law may rightly apply (从旧兼从轻) the rule answers
  ``unknown`` and says why, since which rule is lighter is a judgement.
* 第三十八条第一款: "行政处罚没有依据…的，行政处罚无效。"
* 国发〔2022〕15号、国发〔2023〕20号: "取消罚款事项的，自本决定印发之日起暂时停止适用相关行政法规和部门规章中的
  有关罚款规定" (resources/cancelled_fines.yaml).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import yaml

from scoring.resources import resource
from scoring.rules.base import Context, Outcome, ev, failed, passed, rule, unknown
from scoring.statutes import Force, Law, load_statutes
from scoring.types import CaseFacts, Evidence, Fact, Provision

LAW = "《中华人民共和国行政处罚法》"


def _act_day(facts: CaseFacts) -> tuple[Fact[dt.date] | None, bool]:
    """(day, exact): the act date read (exact), else the day the case was filed — the act happened on or before it."""
    for key in ("violation_end_date", "violation_date"):
        fact = facts.extras.get(key)
        if fact is not None and isinstance(fact.value, dt.date):
            return fact, True
    for fact in (facts.extras.get("case_source_date"), facts.filing_date):
        if fact is not None and isinstance(fact.value, dt.date):
            return fact, False
    return None, False


def _cited_laws(facts: CaseFacts) -> list[tuple[Law, Provision]]:
    catalogue = load_statutes()
    out: dict[str, tuple[Law, Provision]] = {}
    for p in (*facts.violated_provisions, *facts.penalty_provisions):
        law = catalogue.get(p.law)
        if law is not None:
            out.setdefault(law.name, (law, p))
    return list(out.values())


def _prov_evidence(facts: CaseFacts, p: Provision) -> tuple[Evidence, ...]:
    return p.evidence or ev(facts.decision_date)


@dataclass(frozen=True, slots=True)
class _Verdict:
    status: str  # fail | unknown | pass
    message: str


def _judge(law: Law, decided: dt.date, act: dt.date | None, exact: bool = True) -> _Verdict:
    """Fails only on what is certain: a law not yet in force at the decision, or repealed before an act whose
    date was read; a day known only as "on or before filing" leaves 从旧 open."""
    name = f"《{law.name}》"
    now = law.state_on(decided)
    then = law.state_on(act) if act is not None else Force.UNKNOWN
    replaced = f"（由《{law.replaced_by}》取代）" if law.replaced_by else ""
    if now in (Force.NOT_YET, Force.NOT_ADOPTED):
        start = law.in_force.isoformat() if law.in_force else "（施行日期未记载）"
        return _Verdict("fail", f"{name}自{start}起施行，决定作出时（{decided.isoformat()}）尚未施行")
    if now is Force.REPEALED:
        assert law.repealed is not None
        gone = f"{name}已于{law.repealed.isoformat()}废止{replaced}"
        if then is Force.REPEALED and exact:
            return _Verdict("fail", f"{gone}，违法行为发生时（{act}）已失效")
        if then is Force.REPEALED:
            return _Verdict("unknown", f"{gone}，未读到违法行为发生日期（立案时已废止）；违法行为如终了于废止前，"
                                       "依第三十七条可从旧适用，请核对")
        if then is Force.IN_FORCE:
            return _Verdict("unknown", f"{gone}；违法行为发生于废止前，依第三十七条从旧兼从轻可适用旧法，"
                                       "除非新法处罚较轻或不认为违法，请核对")
        return _Verdict("unknown", f"{gone}，未读到违法行为发生日期，无法判断是否从旧适用")
    if now is Force.UNKNOWN:
        return _Verdict("unknown", f"{name}在{decided.isoformat()}的施行情况未记载于法规目录")
    if then in (Force.NOT_YET, Force.NOT_ADOPTED):
        return _Verdict("unknown", f"违法行为发生时（{act}）{name}尚未施行；依第三十七条仅在新法处罚较轻或不认为违法时"
                                   "适用新法，请核对")
    return _Verdict("pass", f"{name}在决定作出时有效")


@rule(
    "cited_law_not_in_force", "citations", title="引用的法律、法规在违法行为发生和决定作出时有效",
    basis=f"{LAW}第三十七条、第三十八条第一款",
)
def cited_law_not_in_force(facts: CaseFacts, ctx: Context) -> Outcome:
    cited = _cited_laws(facts)
    if not cited:
        return unknown("引用的法律不在法规目录中（或未读到依据），无法核对其效力")
    decided = facts.decision_date.value if facts.decision_date is not None else None
    if not isinstance(decided, dt.date):
        return unknown("未读到决定日期，无法核对所引法律的效力")
    act_fact, exact = _act_day(facts)
    act = act_fact.value if act_fact is not None else None
    verdicts = [(law, p, _judge(law, decided, act, exact)) for law, p in cited]
    bad = [(p, v) for _, p, v in verdicts if v.status == "fail"]
    if bad:
        return failed("；".join(v.message for _, v in bad), tuple(e for p, _ in bad for e in _prov_evidence(facts, p)),
                      count=len(bad))
    unsure = [(p, v) for _, p, v in verdicts if v.status == "unknown"]
    if unsure:
        return unknown("；".join(v.message for _, v in unsure),
                       tuple(e for p, _ in unsure for e in _prov_evidence(facts, p)) + ev(act_fact))
    names = "、".join(f"《{law.name}》" for law, _, _ in verdicts)
    return passed(f"{names}在违法行为发生和决定作出时均有效", ev(facts.decision_date) + ev(act_fact))


@dataclass(frozen=True, slots=True)
class CancelledFine:
    decision: str  # 国发〔2023〕20号
    issued: dt.date  # fines stop applying from this day
    law: str  # full name
    article: int
    paragraph: int | None
    item: int | None
    what: str  # the 罚款事项 as the decision names it


@functools.cache
def cancelled_fines() -> tuple[tuple[CancelledFine, ...], dict[str, Any]]:
    raw: dict[str, Any] = yaml.safe_load(resource("cancelled_fines.yaml").read_text(encoding="utf-8"))
    items = tuple(
        CancelledFine(str(e["decision"]), dt.date.fromisoformat(str(e["issued"])), str(e["law"]), int(e["article"]),
                      e.get("paragraph"), e.get("item"), str(e["what"]))
        for e in raw.get("items") or ()
    )
    return items, raw


def _matches(entry: CancelledFine, p: Provision) -> bool:
    law = load_statutes().full_name(p.law) or p.law
    if law != entry.law or p.article != entry.article:
        return False
    if entry.paragraph is not None and p.paragraph is not None and p.paragraph != entry.paragraph:
        return False
    return entry.item is None or p.item is None or p.item == entry.item


@rule(
    "cancelled_fine_item", "citations", title="未依据国务院已取消的罚款事项罚款",
    basis="《国务院关于取消和调整一批罚款事项的决定》（国发〔2022〕15号、国发〔2023〕20号）",
)
def cancelled_fine_item(facts: CaseFacts, ctx: Context) -> Outcome:
    items, raw = cancelled_fines()
    if not facts.penalty_provisions:
        return unknown("未读到处罚依据，无法核对是否属于已取消的罚款事项")
    decided = facts.decision_date.value if facts.decision_date is not None else None
    if not isinstance(decided, dt.date):
        return unknown("未读到决定日期，无法核对罚款事项是否已取消")
    hits = [(e, p) for p in facts.penalty_provisions for e in items if _matches(e, p) and decided >= e.issued]
    if hits:
        detail = "；".join(
            f"{p.raw or p.law}属{e.decision}取消的罚款事项（{e.what}），自{e.issued.isoformat()}起停止适用"
            for e, p in hits
        )
        return failed(detail, tuple(e for _, p in hits for e in _prov_evidence(facts, p)), count=len(hits))
    catalogue = load_statutes()
    below_law = [p for p in facts.penalty_provisions if (law := catalogue.get(p.law)) is None or law.kind != "law"]
    if not below_law:
        return passed(
            "罚款依据均为法律；国务院取消罚款事项的决定只涉及行政法规和部门规章中的罚款规定",
            tuple(e for p in facts.penalty_provisions for e in _prov_evidence(facts, p))[:3],
        )
    names = "、".join(dict.fromkeys(p.raw or p.law for p in below_law))
    return unknown(
        f"罚款依据含行政法规或规章（{names}），已取消罚款事项清单只录入部分条目"
        f"（{raw.get('coverage', '')}），请对照国发〔2022〕15号、国发〔2023〕20号附件核对",
        tuple(e for p in below_law for e in _prov_evidence(facts, p)),
    )
