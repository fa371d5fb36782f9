"""过罚相当: the fine within the cited provision's range, 顶格 fines flagged, discretion reasoned.

* 《行政执法监督条例》第十八条: 评查检查行政执法决定 "是否与违法行为的事实、性质、情节以及社会危害程度相当".
* 行政处罚法 第五条第二款 "设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当。"
* 第三十二条: 从轻或者减轻 — 减轻 may go below the provision's minimum, so a fine below it is unknown, not a
  failure, when the decision records 减轻.
* 第三十四条 "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。"

Ranges are data (resources/fine_ranges.yaml), quoted from the article each comes from.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from scoring.resources import resource
from scoring.rules.base import (
    Context,
    Outcome,
    ev,
    failed,
    is_organization,
    not_applicable,
    passed,
    penalty_types,
    rule,
    unknown,
)
from scoring.rules.textutil import decision_doc, first_evidence, flat, readable, where
from scoring.statutes import load_statutes
from scoring.types import CaseFacts, Evidence, Provision

LAW = "《中华人民共和国行政处罚法》"
MONITOR = "《行政执法监督条例》第十八条"


@dataclass(frozen=True, slots=True)
class FineRange:
    law: str
    article: int
    paragraph: int | None
    item: int | None
    since: dt.date | None
    party: str | None  # person | organization | None (both)
    low: float
    high: float | None  # None: no fixed ceiling (a multiple of an amount)
    quote: str


def _bounds(branches: list[dict[str, Any]]) -> tuple[float, float | None]:
    lows: list[float] = []
    highs: list[float | None] = []
    for b in branches:
        if "times" in b:
            lows.append(float(b["times"][0]) * float(b.get("over", 0)))
            highs.append(None)
        else:
            lows.append(float(b.get("min", 0)))
            highs.append(float(b["max"]) if "max" in b else None)
    return min(lows), (None if any(h is None for h in highs) else max(h for h in highs if h is not None))


@functools.cache
def fine_ranges() -> tuple[FineRange, ...]:
    raw = yaml.safe_load(resource("fine_ranges.yaml").read_text(encoding="utf-8"))
    out = []
    for p in raw["provisions"]:
        low, high = _bounds(p["branches"])
        since = dt.date.fromisoformat(str(p["from"])) if p.get("from") else None
        out.append(FineRange(str(p["law"]), int(p["article"]), p.get("paragraph"), p.get("item"), since,
                             p.get("for"), low, high, str(p.get("quote", ""))))
    return tuple(out)


def _applies(r: FineRange, p: Provision, day: dt.date | None) -> bool:
    if (load_statutes().full_name(p.law) or p.law) != r.law or p.article != r.article:
        return False
    if r.paragraph is not None and p.paragraph is not None and p.paragraph != r.paragraph:
        return False
    if r.item is not None and p.item is not None and p.item != r.item:
        return False
    return r.since is None or day is None or day >= r.since


def _latest(ranges: list[FineRange]) -> list[FineRange]:
    """Of the texts of one article, the newest in force on the day (entries of older texts dropped)."""
    newest: dict[tuple[str, int], dt.date] = {}
    for r in ranges:
        key = (r.law, r.article)
        newest[key] = max(newest.get(key, dt.date.min), r.since or dt.date.min)
    return [r for r in ranges if (r.since or dt.date.min) == newest[(r.law, r.article)]]


def ranges_for(facts: CaseFacts) -> list[FineRange]:
    """The recorded ranges of the cited penalty provisions, for the party's type, as in force on the decision day."""
    day = facts.decision_date.value if facts.decision_date is not None else None
    day = day if isinstance(day, dt.date) else None
    org = is_organization(facts)
    found = [r for r in fine_ranges() for p in facts.penalty_provisions if _applies(r, p, day)]
    found = [r for r in found if r.party is None or org is None or (r.party == "organization") == org]
    return _latest(list(dict.fromkeys(found)))


def _fine(facts: CaseFacts) -> tuple[float | None, Outcome | None]:
    if facts.fine_amount is None:
        if facts.penalty_types is not None and not any(t.startswith("罚款") for t in penalty_types(facts)):
            return None, not_applicable("未处以罚款")
        return None, unknown("未读到罚款数额")
    return float(facts.fine_amount.value), None


def _span(low: float, high: float | None) -> str:
    return f"{low:g} 元以上" + (f"{high:g} 元以下" if high is not None else "（上限按倍数计算）")


_MITIGATED = re.compile(r"减轻(?:行政)?处罚|予以减轻|从轻或者?减轻|减轻处理")


def _mitigation(facts: CaseFacts) -> Evidence | None:
    doc = decision_doc(facts)
    return first_evidence(facts, doc, _MITIGATED.pattern) if doc is not None else None


@rule(
    "fine_outside_statutory_range", "discretion", title="罚款数额在所引罚则条款的幅度内",
    basis=f"所引罚则条款；{LAW}第五条第二款、第三十二条；{MONITOR}",
)
def fine_outside_statutory_range(facts: CaseFacts, ctx: Context) -> Outcome:
    amount, early = _fine(facts)
    if early is not None or amount is None:
        return early or unknown("未读到罚款数额")
    ranges = ranges_for(facts)
    if not ranges:
        return unknown("所引罚则条款的罚款幅度未录入（resources/fine_ranges.yaml），请人工核对", ev(facts.fine_amount))
    low = min(r.low for r in ranges)
    high = None if any(r.high is None for r in ranges) else max(r.high for r in ranges if r.high is not None)
    evidence = ev(facts.fine_amount) + tuple(e for p in facts.penalty_provisions for e in p.evidence)
    quote = "；".join(dict.fromkeys(r.quote for r in ranges))
    if high is not None and amount > high + 0.005:
        return failed(f"罚款 {amount:g} 元超过所引条款的上限 {high:g} 元（条文：{quote}）", evidence)
    if amount < low - 0.005:
        eased = _mitigation(facts)
        if eased is not None:
            return unknown(
                f"罚款 {amount:g} 元低于法定下限 {low:g} 元，决定书记载减轻处罚，请核对减轻情节是否成立（第三十二条）",
                (*evidence, eased),
            )
        return failed(
            f"罚款 {amount:g} 元低于所引条款的下限 {low:g} 元，且未记载减轻处罚情节（条文：{quote}）", evidence
        )
    return passed(f"罚款 {amount:g} 元在所引条款的幅度（{_span(low, high)}）内", evidence)


@rule(
    "fine_at_statutory_maximum",
    "discretion",
    title="顶格罚款须有从重情节并说明理由",
    basis=f"{MONITOR}；{LAW}第五条第二款",
)
def fine_at_statutory_maximum(facts: CaseFacts, ctx: Context) -> Outcome:
    amount, early = _fine(facts)
    if early is not None or amount is None:
        return early or unknown("未读到罚款数额")
    ranges = ranges_for(facts)
    highs = [r.high for r in ranges if r.high is not None]
    if not ranges or len(highs) < len(ranges):
        return unknown("所引罚则条款无固定的罚款上限（或未录入），是否顶格无法判断", ev(facts.fine_amount))
    high = max(highs)
    if abs(amount - high) < 0.005:
        return unknown(
            f"罚款 {amount:g} 元为所引条款的最高额（顶格），请核对是否认定从重情节并说明理由、是否过罚相当",
            ev(facts.fine_amount),
        )
    return passed(f"罚款 {amount:g} 元未达所引条款的最高额 {high:g} 元", ev(facts.fine_amount))


_REASONED = re.compile(
    r"裁量(?:权)?基准|裁量|从轻|减轻|从重|不予处罚|情节(?:较轻|轻微|一般|较重|严重)|首违|初次违法|综合考虑|酌情|酌定"
)


@rule(
    "discretion_not_reasoned",
    "discretion",
    title="决定书说明裁量基准的适用和情节认定",
    basis=f"{LAW}第三十二条至第三十四条；{MONITOR}",
)
def discretion_not_reasoned(facts: CaseFacts, ctx: Context) -> Outcome:
    doc = decision_doc(facts)
    if doc is None or not readable(facts, doc):
        return unknown("未找到可读的行政处罚决定书，无法核对裁量说理")
    hit = first_evidence(facts, doc, _REASONED.pattern)
    if hit is not None and _REASONED.search(flat(facts, doc)):
        return passed("决定书说明了裁量情节或裁量基准的适用", (hit,))
    return unknown(
        "决定书未见裁量基准的适用或从轻、减轻、从重等情节的认定说明，请核对裁量是否说理"
        "（国办发〔2022〕27号要求在执法决定中明确裁量基准的适用，该文原文未能核对）",
        where(doc),
    )
