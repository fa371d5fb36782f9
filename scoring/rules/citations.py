"""Citations: article named, article exists in the law, no pre-2021 行政处罚法 numbering after 2021-07-15."""

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
    doc_text,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
)
from scoring.statutes import Law, load_statutes
from scoring.types import CaseFacts, Evidence, Provision


def _provisions(facts: CaseFacts) -> tuple[Provision, ...]:
    return facts.violated_provisions + facts.penalty_provisions


def _prov_evidence(facts: CaseFacts, p: Provision) -> tuple[Evidence, ...]:
    """The citation's own evidence, else the decision's first page with the raw citation."""
    if p.evidence:
        return p.evidence
    decisions = facts.documents_of("penalty_decision")
    if decisions and decisions[0].pages:
        return (Evidence(page=decisions[0].pages[0], text=p.raw or decisions[0].title),)
    return ()


def _label(p: Provision) -> str:
    return p.raw or (f"《{p.law}》第{p.article}条" if p.article else f"《{p.law}》")


_AFTER_LAW = re.compile(r"^\s*(?:[（(][^）)]{0,30}[）)])?\s*第[〇零一二两三四五六七八九十百千\d]+条")


def _article_follows(facts: CaseFacts, p: Provision) -> bool:
    """Whether, in the text, every mention of this citation is followed by 第…条 (a reading split
    by a line break or by "（以下简称《…》）" is then not a vague citation)."""
    raw = p.raw.strip()
    if not raw.endswith("》"):
        return False
    pages = {e.page for e in p.evidence} or {n.number for n in facts.pages}
    seen = False
    for n in sorted(pages):
        flat = facts.page_text(n).replace("\n", "")
        start = flat.find(raw)
        while start >= 0:
            seen = True
            if not _AFTER_LAW.match(flat[start + len(raw):]):
                return False
            start = flat.find(raw, start + 1)
    return seen


@rule(
    "provision_not_specific", "citations", title="违法依据、处罚依据引用到具体条款",
    basis="行政执法文书制作规范：引用法律全称及条、款、项", kinds=("penalty", "enforcement", "license"),
)
def provision_not_specific(facts: CaseFacts, ctx: Context) -> Outcome:
    provs = _provisions(facts)
    if not provs:
        return unknown("未读到违法依据或处罚依据")
    vague = [p for p in provs if p.article is None and not _article_follows(facts, p)]
    if vague:
        return failed(
            "引用法律未写明条款：" + "；".join(_label(p) for p in vague),
            tuple(e for p in vague for e in _prov_evidence(facts, p)),
            count=len(vague),
        )
    return passed(f"{len(provs)} 处法律依据均写明条号")


def _article_limit(law: Law, days: list[dt.date]) -> int | None:
    """Articles of the text(s) that may apply: the version in force at the act or at the decision (第三十七条
    从旧兼从轻 lets either apply); with no date, only when every recorded text has the same count."""
    counts = [v.articles for d in days if (v := law.version_on(d)) is not None]
    if counts:
        return max(counts)
    if not days and law.versions and len({v.articles for v in law.versions}) == 1:
        return law.versions[0].articles
    return None


def _days(facts: CaseFacts) -> list[dt.date]:
    facts_days = (facts.decision_date, facts.extras.get("violation_date"), facts.filing_date)
    return [f.value for f in facts_days if f is not None and isinstance(f.value, dt.date)]


@rule(
    "provision_article_out_of_range", "citations", title="引用的条号在该法律（适用的文本）中存在",
    basis="《中华人民共和国行政处罚法》第三十七条、第三十八条（没有依据的行政处罚无效）",
    kinds=("penalty", "enforcement", "license"),
)
def provision_article_out_of_range(facts: CaseFacts, ctx: Context) -> Outcome:
    provs = [p for p in _provisions(facts) if p.article is not None]
    if not provs:
        return unknown("未读到带条号的法律依据")
    catalogue = load_statutes()
    days = _days(facts)
    checked = 0
    bad: list[tuple[Provision, int]] = []
    for p in provs:
        law = catalogue.get(p.law)
        limit = _article_limit(law, days) if law is not None else None
        if limit is None or p.article is None:
            continue
        checked += 1
        if p.article > limit:
            bad.append((p, limit))
    if bad:
        detail = "；".join(f"{_label(p)}（适用的文本共 {n} 条）" for p, n in bad)
        return failed(f"引用了不存在的条文：{detail}", tuple(e for p, _ in bad for e in _prov_evidence(facts, p)),
                      count=len(bad))
    if not checked:
        return unknown("引用的法律不在法规目录中，或适用时的文本未记载条文数，无法核对条号")
    return passed(f"已核对 {checked} 处引用，条号均在该法律条文范围内")


@dataclass(frozen=True, slots=True)
class Renumbered:
    old: int
    new: int
    old_words: tuple[str, ...]
    new_words: tuple[str, ...]


@functools.cache
def renumbering() -> tuple[dt.date, dict[int, Renumbered]]:
    raw: dict[str, Any] = yaml.safe_load(
        resource("penalty_law_renumbering.yaml").read_text(encoding="utf-8")
    )
    table = {
        int(a["old"]): Renumbered(int(a["old"]), int(a["new"]), tuple(a["old_words"]), tuple(a["new_words"]))
        for a in raw["articles"]
    }
    return raw["effective"], table


_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def chinese_number(text: str) -> int | None:
    """1–999 written in Arabic or Chinese numerals (十二, 一百零五, 105)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    return total + current or None


_CITE = re.compile(r"行政处罚法》?\s*第([〇零一二两三四五六七八九十百\d]+)条")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。；;\n]", text.replace("\n", "")) if s]


@rule(
    "penalty_law_old_article", "citations", title="未引用行政处罚法修订前的条文序号",
    basis="《中华人民共和国行政处罚法》（2021年修订，2021年7月15日施行）",
)
def penalty_law_old_article(facts: CaseFacts, ctx: Context) -> Outcome:
    effective, table = renumbering()
    decided = facts.decision_date.value if facts.decision_date is not None else None
    if not isinstance(decided, dt.date):
        return unknown("未读到决定日期，无法判断应适用的行政处罚法文本")
    if decided < effective:
        return not_applicable("决定作出于2021年修订施行前")
    decisions = facts.documents_of("penalty_decision")
    pages = [n for d in decisions for n in d.pages]
    text = "".join(doc_text(facts, d) for d in decisions)
    if not text.strip():
        return unknown("未找到可读的决定书文字，无法核对行政处罚法条号")
    bad: list[tuple[int, Renumbered, str]] = []
    for sentence in _sentences(text):
        for m in _CITE.finditer(sentence):
            number = chinese_number(m.group(1))
            entry = table.get(number) if number is not None else None
            if entry is None:
                continue
            old_hit = any(w in sentence for w in entry.old_words)
            new_hit = any(w in sentence for w in entry.new_words)
            if old_hit and not new_hit:
                bad.append((entry.old, entry, sentence))
    if not bad:
        return passed("决定书引用行政处罚法条号未见修订前序号")
    evidence = tuple(_locate(facts, pages, s) for _, _, s in bad)
    detail = "；".join(f"第{old}条（现行为第{e.new}条）" for old, e, _ in bad)
    return failed(f"{decided.isoformat()}作出的决定仍按修订前行政处罚法条号引用：{detail}", evidence,
                  count=len(bad))


def _locate(facts: CaseFacts, pages: list[int], sentence: str) -> Evidence:
    key = sentence[:12]
    for n in pages:
        if key in facts.page_text(n).replace("\n", ""):
            return Evidence(page=n, text=sentence[:80])
    return Evidence(page=pages[0] if pages else 0, text=sentence[:80])

