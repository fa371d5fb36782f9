"""The remedy notice of a decision since the 2023 行政复议法 (in force 2024-01-01): the organ and 复议前置.

* 行政复议法（2023）第二十四条第一款第（一）项: 县级以上地方各级人民政府管辖 "对本级人民政府工作部门作出的行政行为
  不服的" 行政复议案件 — the department one level up is no longer a 复议机关 for local departments.
* 第二十七条: "对海关、金融、外汇管理等实行垂直领导的行政机关、税务和国家安全机关的行政行为不服的，向上一级主管部门
  申请行政复议。"
* 第二十三条: "对当场作出的行政处罚决定不服" 的, "申请人应当先向行政复议机关申请行政复议"; "行政机关在作出行政行为时
  应当告知公民、法人或者其他组织先向行政复议机关申请行政复议。"
* Before 2024-01-01 (行政复议法 2017 第十二条) the party chose: "可以向该部门的本级人民政府申请行政复议，也可以向上一级
  主管部门申请行政复议"; both organs were right then.
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.rules.base import Context, Outcome, ev, failed, not_applicable, passed, rule, unknown
from scoring.rules.textutil import decision_doc, first_evidence, flat, readable, where
from scoring.types import CaseFacts, Evidence

REFORM = dt.date(2024, 1, 1)
NEW_LAW = "《中华人民共和国行政复议法》（2023年修订）"
_ORGAN = re.compile(r"向\s*([^，。；,;（(\s]{2,40}?)\s*(?:依法)?(?:申请|提出|提起)(?:行政)?复议")
_VERTICAL = re.compile(r"海关|税务|国家安全|金融监督管理|金融监管|外汇|中国人民银行|证券监督|银行保险监督")
_DEPARTMENT = re.compile(r"(局|厅|委员会|委|办公室|部|署|总局|中心)$")
_GOVERNMENT = re.compile(r"人民政府$|政府$")
_DISPATCHED = re.compile(r"(分局|所|队|站|中心|管理处|办事处|执法局[^局]*分局)$")
# a lower division left between the government's place and the department: 天山区…, 伊宁市… (not 市场/市容/市政)
_LOWER = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:(?<![园社小片辖景])区|县|旗|(?<![城都])市(?![场容政]))")


def _organs(text: str) -> list[str]:
    found = []
    for m in _ORGAN.finditer(text):
        organ = re.sub(r"^(本决定书之日起.*?内|收到.*?内|六十日内|60日内)", "", m.group(1))
        found += [part for part in re.split(r"或者|或", organ) if part]
    return found


def _agency_name(facts: CaseFacts) -> str | None:
    return str(facts.agency.value).strip() if facts.agency is not None and str(facts.agency.value).strip() else None


def _same_level(agency: str, government: str) -> bool | None:
    """Whether the government ("石河子市人民政府") is the agency's own level ("石河子市市场监督管理局")."""
    place = _GOVERNMENT.sub("", government).removesuffix("人民")
    if not place or not agency.startswith(place):
        return None
    return not _LOWER.match(agency[len(place):])


def _judge(agency: str, organs: list[str]) -> tuple[bool | None, str]:
    """(True right / False wrong / None cannot tell, why) for a decision made since 2024-01-01."""
    governments = [o for o in organs if _GOVERNMENT.search(o)]
    departments = [o for o in organs if not _GOVERNMENT.search(o) and _DEPARTMENT.search(o)]
    if _VERTICAL.search(agency):
        if governments:
            return (
                False,
                f"{agency}属实行垂直领导的机关，复议机关应为上一级主管部门（第二十七条），决定书写作“{governments[0]}”",
            )
        return (True, "垂直领导机关，告知向上一级主管部门申请复议") if departments else (None, "")
    local = _DEPARTMENT.search(agency) and not _DISPATCHED.search(agency) and not agency.startswith(("国家", "中国"))
    if not local:
        return None, f"无法判断{agency}的层级（派出机构、授权组织或中央机关），请人工核对复议机关"
    if departments:
        return False, (
            f"自2024年1月1日起，县级以上地方人民政府工作部门的复议机关为本级人民政府（第二十四条），"
            f"决定书仍告知向“{departments[0]}”申请复议"
        )
    if not governments:
        return None, "未能识别决定书告知的复议机关"
    level = _same_level(agency, governments[0])
    if level is True:
        return True, f"告知向本级人民政府（{governments[0]}）申请复议"
    if level is False:
        return False, f"复议机关应为{agency}的本级人民政府（第二十四条），决定书写作“{governments[0]}”"
    return None, f"告知向“{governments[0]}”申请复议，与{agency}是否同级无法确定，请核对"


@rule(
    "remedy_organ_wrong",
    "form",
    title="决定书告知的行政复议机关正确",
    basis=f"{NEW_LAW}第二十四条、第二十七条；《中华人民共和国行政复议法》（2017年修正）第十二条",
)
def remedy_organ_wrong(facts: CaseFacts, ctx: Context) -> Outcome:
    doc = decision_doc(facts)
    if doc is None or not readable(facts, doc):
        return unknown("未找到可读的行政处罚决定书，无法核对复议机关")
    organs = _organs(flat(facts, doc))
    hit = first_evidence(facts, doc, r"复议") or where(doc)[0]
    if not organs:
        return unknown("决定书未写明复议机关名称（“向……申请行政复议”），请核对", (hit,))
    decided = facts.decision_date.value if facts.decision_date is not None else None
    if not isinstance(decided, dt.date):
        return unknown("未读到决定日期，无法判断应适用2023年修订的行政复议法", (hit,))
    if decided < REFORM:
        return passed(
            f"决定作出于2024年1月1日前，告知向“{organs[0]}”申请复议符合当时规定（可选本级人民政府或上一级主管部门）",
            (hit, *ev(facts.decision_date)),
        )
    agency = _agency_name(facts)
    if agency is None:
        return unknown(f"未读到作出决定的机关名称，无法判断复议机关“{organs[0]}”是否正确", (hit,))
    verdict, why = _judge(agency, organs)
    if verdict is None:
        return unknown(why or "无法判断复议机关是否正确", (hit,))
    return passed(why, (hit,)) if verdict else failed(why, (hit, *ev(facts.decision_date)))


_FIRST = re.compile(
    r"先(?:行)?(?:向[^，。；]{0,30})?申请(?:行政)?复议|复议前置|对(?:行政)?复议决定不服的?[，,]?(?:可以)?(?:再|依法)"
)
_DIRECT = re.compile(r"(?:也可以|或者|或)[^。；]{0,30}(?:直接)?(?:向[^。；]{0,30}人民法院)?提起(?:行政)?诉讼")


@rule(
    "remedy_prior_review_missing",
    "form",
    title="当场作出的处罚决定告知先申请行政复议",
    basis=f"{NEW_LAW}第二十三条",
)
def remedy_prior_review_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure is None:
        return unknown("未能判断是否当场（简易程序）作出决定")
    if facts.procedure != "simple":
        return not_applicable("普通程序作出的决定，不属复议前置情形")
    decided = facts.decision_date.value if facts.decision_date is not None else None
    if not isinstance(decided, dt.date):
        return unknown("未读到决定日期，无法判断是否适用复议前置")
    if decided < REFORM:
        return not_applicable("决定作出于2024年1月1日前，当时不要求复议前置")
    doc = decision_doc(facts)
    if doc is None or not readable(facts, doc):
        return unknown("未找到可读的当场处罚决定书，无法核对复议前置的告知")
    text = flat(facts, doc)
    told = _FIRST.search(text)
    if told is not None:  # the sentence may wrap ("…先向某某人民政府申请" / "行政复议")
        first = first_evidence(facts, doc, _FIRST.pattern) or first_evidence(facts, doc, re.escape(told.group()[:6]))
        return passed("当场处罚决定书告知先申请行政复议", (first,) if first is not None else where(doc))
    direct = first_evidence(facts, doc, r"提起(?:行政)?诉讼")
    evidence: tuple[Evidence, ...] = (direct,) if direct is not None else where(doc)
    if _DIRECT.search(text) or direct is not None:
        return failed("当场作出的行政处罚决定，告知可直接提起行政诉讼，未告知应先申请行政复议", evidence)
    return unknown("当场处罚决定书未见复议、诉讼途径的告知，请核对", where(doc))
