"""The same legal basis in the 立案审批表, 调查终结报告, 告知书 and 决定书.

行政处罚法 第四十四条: the 告知书 states "拟作出的行政处罚内容及事实、理由、依据"; 第六十二条: a decision not
preceded by that notice "不得作出"; so the basis decided must be the basis notified. 第五十九条第一款第（三）项: the
decision states "行政处罚的种类和依据". Review standards deduct for "引用法律法规前后不一致".

Articles are compared per law (条 only: 款/项 are often written differently and OCR drops brackets). Procedural
laws (行政处罚法 for rights and surcharges, 行政强制法, the remedy laws) are left out: documents cite them for
different purposes.
"""

from __future__ import annotations

import re

from scoring.rules.base import Context, Outcome, failed, not_applicable, passed, rule, unknown
from scoring.rules.citations import chinese_number
from scoring.rules.textutil import flat, read_by_ocr, readable, where, without_quotes
from scoring.statutes import load_statutes
from scoring.types import CaseFacts, DocumentInfo, Evidence

_PROCEDURAL = frozenset({
    "中华人民共和国行政处罚法", "中华人民共和国行政强制法", "中华人民共和国行政复议法", "中华人民共和国行政诉讼法",
    "中华人民共和国民事诉讼法", "中华人民共和国行政许可法",
})
_TOKEN = re.compile(
    r"《\s*(?P<law>[^《》]{2,40}?)\s*》(?:\s*[（(]以下简称《?(?P<alias>[^）)》]{2,20})》?[）)])?"
    r"|(?P<ref>该法|本法|同法|上述法律|该条例|本条例)"
    r"|第\s*(?P<art>[〇零一二两三四五六七八九十百\d]+)\s*条"
)
_LEGAL = re.compile(r"(法|条例|规定|办法|细则|规则)$")  # 《行政处罚告知书》 and other document titles are no law
_STAGES = {
    "filing_approval": "立案审批表", "investigation_report": "调查终结报告", "penalty_notice": "告知书",
    "penalty_decision": "决定书",
}

Cited = dict[str, set[int]]


def cited_articles(text: str) -> Cited:
    """{law full name: {article, …}} for the substantive laws a text cites (short names and 以下简称 resolved)."""
    catalogue = load_statutes()
    aliases: dict[str, str] = {}
    out: Cited = {}
    current: str | None = None
    for m in _TOKEN.finditer(text):
        if m.group("law"):
            printed = re.sub(r"\s", "", m.group("law"))
            current = aliases.get(printed) or catalogue.full_name(printed)
            if current is None and _LEGAL.search(printed):
                current = printed  # a law the catalogue does not know: compared by its printed name
            if m.group("alias") and current is not None:
                aliases[re.sub(r"\s", "", m.group("alias"))] = current
        elif m.group("ref"):
            continue  # refers to the law named last
        elif current is not None and current not in _PROCEDURAL:
            number = chinese_number(m.group("art"))
            if number is not None:
                out.setdefault(current, set()).add(number)
    return out


def _label(cited: Cited) -> str:
    return "；".join(f"《{law}》第{'、'.join(str(a) for a in sorted(arts))}条" for law, arts in sorted(cited.items()))


def _diff(reference: Cited, other: Cited) -> bool:
    """Whether a document cites a law the decision does not, or other articles of a law both cite. (A decision
    may name one more law than the 告知书 — an implementing regulation, a procedural rule — without changing
    the basis the party was told of.)"""
    return any(reference.get(law) != arts for law, arts in other.items())


@rule(
    "legal_basis_inconsistent", "citations", title="立案、调查终结报告、告知书和决定书引用的法律依据一致",
    basis="《中华人民共和国行政处罚法》第四十四条、第五十九条第一款第（三）项、第六十二条",
)
def legal_basis_inconsistent(facts: CaseFacts, ctx: Context) -> Outcome:
    docs: dict[str, DocumentInfo] = {}
    for kind in _STAGES:
        found = [d for d in facts.documents_of(kind) if readable(facts, d)]
        if found:
            docs[kind] = found[0]
    decision = docs.get("penalty_decision")
    if decision is None:
        return unknown("未找到可读的行政处罚决定书，无法比对各文书的法律依据")
    reference = cited_articles(without_quotes(flat(facts, decision)))  # "…违反本法第九条、第十条…" quoted
    for p in (*facts.violated_provisions, *facts.penalty_provisions):  # the extractor reads through stray marks
        if p.article is not None and any(e.page in decision.pages for e in p.evidence):
            reference.setdefault(p.law, set()).add(p.article)
    if not reference:
        return unknown("决定书中未读到实体法律的条文依据，无法比对", where(decision))
    compared, problems, evidence = 0, [], list[Evidence]()
    for kind, doc in docs.items():
        if kind == "penalty_decision":
            continue
        cited = cited_articles(without_quotes(flat(facts, doc)))
        if not cited:
            continue
        compared += 1
        # a 立案审批表 names what is suspected: only a basis that shares nothing with the decision is a finding;
        # a report may discuss other laws and propose the penalty article alone
        if kind == "filing_approval":
            differs = not any(cited.get(law, set()) & arts for law, arts in reference.items())
        elif kind == "investigation_report":  # may propose fewer articles than the decision applies, not others
            differs = any(arts - reference[law] for law, arts in cited.items() if law in reference)
        else:
            differs = _diff(reference, cited)
        if differs:
            problems.append(f"{_STAGES[kind]}引用{_label(cited)}")
            evidence += [*where(doc), *where(decision)]
    if problems and read_by_ocr(facts, list(docs.values())):
        return unknown("扫描识别的文书中法律依据读得不一致（可能为识别误差）：" + "；".join(problems),
                       tuple(dict.fromkeys(evidence)))
    if problems:
        return failed(f"法律依据前后不一致：决定书引用{_label(reference)}，" + "；".join(problems),
                      tuple(dict.fromkeys(evidence)), count=len(problems))
    if not compared:
        return not_applicable("立案审批表、调查终结报告、告知书中未引用条文依据，无可比对")
    return passed(f"{compared} 份文书引用的法律依据与决定书一致（{_label(reference)}）", where(decision))
