"""Completeness: required documents (conditional ones by the case), hearing right, simple-procedure caps."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scoring import doctypes
from scoring.rules.base import (
    Context,
    Outcome,
    doc_evidence,
    doc_field,
    doc_text,
    ev,
    failed,
    first_line,
    is_organization,
    not_applicable,
    passed,
    penalty_types,
    rule,
    unknown,
    unspaced,
)
from scoring.rules.textutil import imposed_outside_quotes
from scoring.statutes import PENALTY_LAW_CITED as PENALTY_LAW
from scoring.types import CaseFacts, DocumentInfo, Evidence, Status, TocEntry


def _where(facts: CaseFacts) -> tuple[Evidence, ...]:
    """Evidence for an absence: the 卷内目录 if there is one, else the decision, else page 1."""
    for kind in ("toc", "penalty_decision", "cover"):
        docs = facts.documents_of(kind)
        if docs and docs[0].pages:
            page = docs[0].pages[0]
            return (Evidence(page=page, text=first_line(facts, page) or docs[0].title),)
    if facts.pages:
        page = facts.pages[0].number
        return (Evidence(page=page, text=first_line(facts, page)),)
    return ()


def _exceeds(facts: CaseFacts, fine: float, org_fine: float, *, inclusive: bool = True) -> bool | None:
    """Whether the fine reaches (inclusive, "以上") or passes the threshold for the party's type.

    None when it cannot be told (no amount, or the party's type decides and is unknown).
    """
    if facts.fine_amount is None:
        return None
    amount = float(facts.fine_amount.value)

    def over(limit: float) -> bool:
        return amount >= limit if inclusive else amount > limit

    org = is_organization(facts)
    if org is None:
        if over(max(fine, org_fine)):
            return True
        return False if not over(min(fine, org_fine)) else None
    return over(org_fine if org else fine)


def _major(facts: CaseFacts, ctx: Context) -> tuple[bool | None, str]:
    trig = ctx.config.major_decision
    kinds = [t for t in penalty_types(facts) if t in trig.penalty_types]
    if kinds:
        return True, f"处罚种类含{'、'.join(kinds)}"
    if ctx.config.major_when_hearing_held and _hearing_held(facts):
        return True, "案件经过听证"
    over = _exceeds(facts, trig.fine_person, trig.fine_organization)
    if over:
        return True, f"罚款 {float(facts.fine_amount.value):g} 元达到重大执法决定标准" if facts.fine_amount else ""
    if over is None and facts.penalty_types is None:
        return None, "未读到处罚种类和罚款数额"
    return False, "不属于重大执法决定"


def _hearing_held(facts: CaseFacts) -> bool:
    return any(("笔录" in d.title or "报告" in d.title) for d in facts.documents_of("hearing"))


def _required(facts: CaseFacts, ctx: Context) -> dict[str, tuple[bool | None, str]]:
    if facts.case_kind == "penalty" and facts.procedure == "simple":
        need: dict[str, tuple[bool | None, str]] = {"penalty_decision": (True, "简易程序须有当场处罚决定书")}
        return need
    need = {t: (True, "必备文书") for t in ctx.config.required_documents.get(facts.case_kind, ())}
    if facts.case_kind == "penalty":
        major = _major(facts, ctx)
        need["legal_review"] = major
        need["collective_discussion"] = major
        requested = _hearing_requested(facts)
        need["hearing"] = (True, "当事人要求听证") if requested else (False, "当事人未要求听证")
    return need


_WAIVES_HEARING = re.compile(r"放弃[^。；]{0,20}听证")


def _hearing_requested(facts: CaseFacts) -> bool:
    """A document records that the party asked for a hearing (行政处罚法 第六十四条); a waiver that gives up "陈述、
    申辩和要求听证的权利" asks for none."""
    for doc in facts.documents:
        flag = doc_field(doc, "hearing_requested")
        if flag is None or flag.value is not True:
            continue
        if _WAIVES_HEARING.search(unspaced(doc_text(facts, doc)).replace("\n", "")):
            continue
        return True
    return False


def _present(facts: CaseFacts, kind: str) -> bool:
    if kind == "hearing":
        return _hearing_held(facts)
    return bool(facts.documents_of(kind))


SCOPE_NAMES = {"decision": "行政处罚决定书", "notice": "行政处罚告知书"}


def _unrecognised(facts: CaseFacts) -> list[Outcome]:
    """A file in which no document of a known case kind was recognised: nothing can be scored."""
    return [
        Outcome(Status.UNKNOWN, f"未识别出{doctypes.label(t)}等主要文书（文件未被识别为行政执法案卷或决定书），"
                "无法自动评分，请人工评查", _where(facts), rule=f"missing_document:{t}")
        for t in doctypes.main_for("penalty")
    ]


@rule(
    "missing_document", "completeness", title="案卷文书齐全（按案件情形）",
    basis=f"{PENALTY_LAW}第四十七条、第五十七条、第五十八条、第六十四条",
    kinds=("penalty", "license", "enforcement", "inspection", "other"),
)
def missing_document(facts: CaseFacts, ctx: Context) -> list[Outcome]:
    if facts.case_kind == "other":
        return _unrecognised(facts)
    lone = SCOPE_NAMES.get(facts.scope)
    out: list[Outcome] = []
    for kind, (needed, why) in _required(facts, ctx).items():
        rid = f"missing_document:{kind}"
        name = doctypes.label(kind)
        if needed is False:
            out.append(Outcome(Status.NA, f"无须{name}：{why}", rule=rid))
        elif _present(facts, kind):
            docs = facts.documents_of(kind)
            out.append(Outcome(Status.PASS, f"卷内有{name}", doc_evidence(docs[0]) if docs else (), rule=rid))
        elif lone is not None:
            out.append(Outcome(Status.UNKNOWN, f"文件只含{lone}（不是完整案卷），无法核对是否有{name}", _where(facts),
                               rule=rid))
        elif needed is None:
            out.append(Outcome(Status.UNKNOWN, f"卷内未见{name}；是否必需无法判断：{why}", _where(facts), rule=rid))
        else:
            out.append(Outcome(Status.FAIL, f"卷内缺少{name}（{why}）", _where(facts), rule=rid))
    return out


_UNLISTED = frozenset({"cover", "toc", "remarks", "other"})


def _best_offset(entries: Sequence[TocEntry], starts: set[tuple[str, int]]) -> int:
    """Listed page numbers may skip the unnumbered cover and 目录: find the shift that fits best."""
    scores = {d: sum((e.type, e.first_page + d) in starts for e in entries) for d in range(0, 4)}
    return max(scores, key=lambda d: (scores[d], -d))


def compare_toc(entries: Sequence[TocEntry], documents: Sequence[DocumentInfo]) -> list[str]:
    """Where the 卷内目录 and the documents found disagree (Chinese sentences; [] when they agree)."""
    if not entries:
        return []
    starts = {(d.type, d.pages[0]) for d in documents}
    shift = _best_offset(entries, starts)
    problems = [
        f"卷内目录第{e.number}项「{e.title}」标注起始页 {e.first_page}，与识别出的文书不符"
        for e in entries if (e.type, e.first_page + shift) not in starts
    ]
    listed = {e.type for e in entries}
    problems += [f"第{d.pages[0]}页的「{d.title}」未列入卷内目录"
                 for d in documents if d.type not in _UNLISTED and d.type not in listed]
    return problems


@rule(
    "hearing_right_not_notified", "completeness", title="依法告知听证权利",
    basis=f"{PENALTY_LAW}第六十三条、第六十四条",
)
def hearing_right_not_notified(facts: CaseFacts, ctx: Context) -> Outcome:
    trig = ctx.config.hearing
    kinds = [t for t in penalty_types(facts) if t in trig.penalty_types]
    quoted = [t for t in kinds if imposed_outside_quotes(facts, t) is False]  # read from the law the decision quotes
    kinds = [t for t in kinds if t not in quoted]
    over = _exceeds(facts, trig.fine_person, trig.fine_organization)
    if quoted and not kinds and not over:
        return unknown(f"决定书所引法条列有{'、'.join(quoted)}，但决定内容未见该处罚，是否属于听证范围请核对",
                       ev(facts.penalty_types))
    if not kinds and not over:
        if over is None and facts.penalty_types is None:
            return unknown("未读到处罚种类和罚款数额，无法判断是否属于听证范围")
        if over is None:
            return unknown("当事人类型不明，无法判断罚款是否达到听证标准", ev(facts.fine_amount))
        return not_applicable("拟作出的处罚不属于听证范围")
    why = "、".join(kinds) if kinds else f"罚款 {float(facts.fine_amount.value):g} 元" if facts.fine_amount else ""
    notices = facts.documents_of("penalty_notice") + tuple(
        d for d in facts.documents_of("hearing") if "告知" in d.title
    )
    if not notices:
        return unknown(f"属于听证范围（{why}），但未找到告知书，无法核对", ev(facts.fine_amount))
    for doc in notices:
        text = doc_text(facts, doc)
        if not text.strip():
            continue
        if "听证" in text:
            return passed(f"属于听证范围（{why}），告知书已告知听证权利", doc_evidence(doc))
        return failed(f"拟作出的处罚属于听证范围（{why}），告知书未告知听证权利", doc_evidence(doc))
    return unknown("告知书没有可读文字，无法核对听证权利告知", doc_evidence(notices[0]))


@rule(
    "simple_procedure_over_limit", "completeness", title="简易程序适用范围",
    basis=f"{PENALTY_LAW}第五十一条",
)
def simple_procedure_over_limit(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure != "simple":
        if facts.procedure is None:
            return unknown("未能判断适用简易程序还是普通程序")
        return not_applicable("适用普通程序")
    trig = ctx.config.simple_procedure
    other = [t for t in penalty_types(facts) if t not in trig.penalty_types]
    evidence = ev(facts.penalty_types) + ev(facts.fine_amount)
    if other:
        return failed(f"简易程序作出了{'、'.join(other)}，超出当场处罚的种类", evidence)
    if facts.fine_amount is None and facts.penalty_types is not None and "罚款" not in penalty_types(facts):
        return passed("简易程序处罚种类在法定范围内，无罚款", evidence)
    over = _exceeds(facts, trig.fine_person, trig.fine_organization, inclusive=False)
    if over is None:
        return unknown("罚款数额或当事人类型不明，无法核对简易程序限额", evidence)
    if over:
        limit = trig.fine_organization if is_organization(facts) else trig.fine_person
        amount = float(facts.fine_amount.value) if facts.fine_amount else 0.0
        return failed(f"简易程序罚款 {amount:g} 元，超过 {limit:g} 元（应适用普通程序）", evidence)
    return passed("简易程序处罚种类和数额在法定范围内", evidence)
