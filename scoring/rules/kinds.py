"""Inspection, licence and enforcement files: the documents each must hold, the 2025 inspection elements,
and no enforcement at night or on public holidays.

* 行政许可法 第三十二条第二款 (受理或者不予受理 "应当出具加盖本行政机关专用印章和注明日期的书面凭证"),
  第二十九条 (申请), 第三十八条 (准予 / 不予行政许可的书面决定),
  第三十四条第三款 (实地核查 "指派两名以上工作人员进行核查").
* 行政强制法 第十八条第（七）项 "制作现场笔录", 第二十四条 (查封、扣押决定书和清单), 第三十五条 (催告书),
  第三十七条 (强制执行决定书).
* 行政检查: 国办发〔2024〕54号《关于严格规范涉企行政检查的意见》; 司法部办公厅《行政检查文书基本格式文本（试行）》
  (2025, "审批—通知—实施—记录—反馈"; the templates fix 检查依据、任务来源、检查频次、回避申请、权利救济) — read on
  www.moj.gov.cn 2025-05-08 (opening of the page only; the templates themselves were not read).
* 行政强制法 第四十三条第一款 "行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的除外。" 夜间 is not
  defined there; 22:00–06:00 is the span 噪声污染防治法 第八十八条 calls 夜间 (as remembered, not read).
"""

from __future__ import annotations

import re

from scoring.rules.base import (
    Context,
    Outcome,
    dates_in,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
    unspaced,
)
from scoring.rules.textutil import all_docs_text, flat, labelled, titled, where
from scoring.types import CaseFacts, DocumentInfo, Evidence

_REQUIRED: dict[str, tuple[tuple[str, str, str], ...]] = {
    # (what, how it is titled or named in the file, basis)
    "license": (
        ("行政许可申请书（申请材料）", r"申请书|申请表|申请材料", "《中华人民共和国行政许可法》第二十九条"),
        (
            "受理（不予受理）凭证",
            r"受理通知书|受理决定书|受理凭证|受理单|受理回执|补正.{0,4}告知书",
            "《中华人民共和国行政许可法》第三十二条第二款",
        ),
        (
            "准予或不予行政许可决定书",
            r"(准予|不予)(?:行政)?许可决定书|行政许可决定书|许可决定",
            "《中华人民共和国行政许可法》第三十八条",
        ),
    ),
    "inspection": (
        (
            "行政检查审批表或检查通知书",
            r"检查(审批|通知|方案|任务)|双随机|抽查(通知|任务)",
            "国办发〔2024〕54号；《行政检查文书基本格式文本（试行）》",
        ),
        (
            "现场检查笔录（检查记录）",
            r"检查笔录|检查记录|现场笔录|勘验笔录",
            "《中华人民共和国行政处罚法》第五十五条第二款",
        ),
        (
            "检查结果告知（反馈）",
            r"结果(告知|反馈|通知)|检查意见书|责令(改正|整改)|整改通知|检查结论",
            "《行政检查文书基本格式文本（试行）》（反馈）",
        ),
    ),
}
_MEASURE = (
    (
        "查封、扣押决定书",
        r"(查封|扣押)(?:（扣押）|\(扣押\))?(?:决定书|通知书)|实施行政强制措施决定书",
        "《中华人民共和国行政强制法》第二十四条第一款",
    ),
    ("查封、扣押清单", r"清单", "《中华人民共和国行政强制法》第二十四条第一款、第三款"),
    ("现场笔录", r"现场笔录|现场检查笔录|勘验笔录", "《中华人民共和国行政强制法》第十八条第（七）项"),
)
_EXECUTION = (
    ("催告书", r"催告", "《中华人民共和国行政强制法》第三十五条"),
    ("强制执行决定书", r"强制执行决定书|执行决定书", "《中华人民共和国行政强制法》第三十七条"),
)


def _needed(facts: CaseFacts) -> tuple[tuple[str, str, str], ...]:
    if facts.case_kind != "enforcement":
        return _REQUIRED.get(facts.case_kind, ())
    text = all_docs_text(facts)
    needed: tuple[tuple[str, str, str], ...] = ()
    if re.search(r"查封|扣押", text):
        needed += _MEASURE
    if re.search(r"强制执行决定|代履行|强制拆除|催告", text):
        needed += _EXECUTION
    return needed


def _present(facts: CaseFacts, pattern: str) -> DocumentInfo | None:
    """A document titled so, or whose page (any page: a form may be filed inside another document) is headed so."""
    rx = re.compile(pattern)
    for doc in facts.documents:
        if rx.search(doc.title):
            return doc
    for doc in facts.documents:
        for n in doc.pages:
            heading = [unspaced(line) for line in facts.page_text(n).splitlines() if line.strip()][:4]
            title = next((line for line in heading if rx.search(line)), None)
            if title is not None:  # that page, as the document it is
                return DocumentInfo(doc.type, title, (n,))
    return None


@rule(
    "case_documents_missing",
    "kinds",
    title="行政许可、行政检查、行政强制案卷必备文书齐全",
    basis="《中华人民共和国行政许可法》第二十九条、第三十二条、第三十八条；《中华人民共和国行政强制法》第十八条、"
    "第二十四条、第三十五条、第三十七条；国办发〔2024〕54号",
    kinds=("license", "inspection", "enforcement"),
)
def case_documents_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    needed = _needed(facts)
    if not needed:
        return unknown("未能判断本案属查封扣押还是强制执行，无法确定必备文书")
    if not any(p.text.strip() for p in facts.pages):
        return unknown("案卷没有可读文字，无法核对必备文书")
    found = [(what, _present(facts, rx), basis) for what, rx, basis in needed]
    missing = [(what, basis) for what, doc, basis in found if doc is None]
    if missing:
        first = facts.pages[0].number if facts.pages else 1
        return failed(
            "卷内缺少：" + "；".join(f"{w}（{b}）" for w, b in missing),
            (Evidence(page=first, text="卷内文书"),),
            count=len(missing),
        )
    return passed(
        "必备文书齐全：" + "、".join(w for w, _, _ in found),
        tuple(e for _, d, _ in found if d is not None for e in where(d)),
    )


_INSPECTION_ELEMENTS = {
    "检查依据": r"检查依据|依据《|根据《|依照《",
    "任务来源": r"任务来源|检查来源|双随机|年度检查计划|检查计划|投诉|举报|交办|转办|移送",
    "回避告知": r"回避",
    "权利救济（陈述申辩）": r"陈述|申辩|复议|诉讼|异议",
}


@rule(
    "inspection_elements_missing",
    "kinds",
    title="行政检查载明检查依据、任务来源，告知回避和救济权利",
    basis="国办发〔2024〕54号；司法部《行政检查文书基本格式文本（试行）》（2025）；《中华人民共和国行政处罚法》第四十三条",
    kinds=("inspection",),
)
def inspection_elements_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    docs = [d for d in facts.documents if d.pages and any(facts.page_text(n).strip() for n in d.pages)]
    if not docs:
        return unknown("行政检查案卷没有可读文字")
    text = "".join(flat(facts, d) for d in docs)
    missing = [name for name, rx in _INSPECTION_ELEMENTS.items() if not re.search(rx, text)]
    if missing:
        return failed(f"行政检查文书未载明：{'、'.join(missing)}", where(docs[0]), count=len(missing))
    return passed("行政检查文书载明检查依据、任务来源，并告知回避和救济权利", where(docs[0]))


_CLOCK = re.compile(r"(\d{1,2})\s*(?:时|点|:|：)")
_URGENT = re.compile(r"情况紧急|紧急情况|紧急")
_TIME_LABELS = ("执行时间", "实施时间", "强制执行时间", "拆除时间", "时间")


@rule(
    "enforcement_at_night_or_holiday",
    "kinds",
    title="未在夜间或法定节假日实施行政强制执行",
    basis="《中华人民共和国行政强制法》第四十三条第一款",
    kinds=("enforcement", "penalty"),
)
def enforcement_at_night_or_holiday(facts: CaseFacts, ctx: Context) -> Outcome:
    records = titled(facts, r"强制执行.{0,6}(笔录|记录)|强制拆除.{0,6}(笔录|记录)|代履行.{0,6}(笔录|记录)")
    if not records:
        return not_applicable("卷内无强制执行实施记录")
    found: list[tuple[str, Evidence]] = []
    seen = 0
    for doc in records:
        for hit in labelled(facts, doc, _TIME_LABELS):
            days = dates_in(hit.value)
            if not days:
                continue
            seen += 1
            clock = _CLOCK.search(hit.value.split("日", 1)[-1])
            hour = int(clock.group(1)) if clock else None
            if hour is not None and (hour >= 22 or hour < 6):
                found.append((f"{days[0].isoformat()} {hour} 时（夜间）", hit.evidence))
            if ctx.calendar.covers(days[0]) and days[0] in ctx.calendar.off:
                found.append((f"{days[0].isoformat()}（法定节假日）", hit.evidence))
            break
    if not seen:
        return unknown("未读到强制执行的实施时间", tuple(e for d in records for e in where(d)))
    if not found:
        return passed("强制执行在工作时间、非法定节假日实施", tuple(e for d in records for e in where(d)))
    if any(_URGENT.search(flat(facts, d)) for d in records):
        return unknown(
            "在夜间或法定节假日实施强制执行，记录称情况紧急，请核对（第四十三条但书）", tuple(e for _, e in found)
        )
    return failed(
        "在" + "、".join(w for w, _ in found) + "实施行政强制执行，且未记载情况紧急", tuple(e for _, e in found)
    )
