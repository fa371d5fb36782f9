"""Completeness: required documents (conditional ones by the case), hearing right, simple-procedure caps."""

from __future__ import annotations

from scoring.rules.base import (
    Context,
    Outcome,
    any_flag,
    doc_evidence,
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
)
from scoring.types import CaseFacts, Evidence, Status

PENALTY_LAW = "《中华人民共和国行政处罚法》"
DOC_NAMES = {
    "cover": "卷宗封面", "toc": "卷内文件目录", "case_source": "案件来源登记表", "filing_approval": "立案审批表",
    "inspection_record": "现场检查笔录", "inquiry_record": "询问笔录", "evidence": "证据材料",
    "investigation_report": "案件调查终结报告", "legal_review": "法制审核意见",
    "collective_discussion": "负责人集体讨论记录", "penalty_notice": "行政处罚告知书",
    "statement_record": "陈述申辩笔录", "hearing": "听证笔录", "penalty_decision": "行政处罚决定书",
    "service_receipt": "送达回证", "payment_receipt": "罚没款缴款凭证", "closing_report": "结案报告",
    "remarks": "备考表",
}
DOCUMENT_TYPES = (*DOC_NAMES, "other")


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
        requested = any_flag(facts, "hearing_requested")
        need["hearing"] = (True, "当事人要求听证") if requested else (False, "当事人未要求听证")
    return need


def _present(facts: CaseFacts, kind: str) -> bool:
    if kind == "hearing":
        return _hearing_held(facts)
    return bool(facts.documents_of(kind))


@rule(
    "missing_document", "completeness", title="案卷文书齐全（按案件情形）",
    basis=f"{PENALTY_LAW}第四十七条、第五十七条、第五十八条、第六十四条",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def missing_document(facts: CaseFacts, ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    for kind, (needed, why) in _required(facts, ctx).items():
        rid = f"missing_document:{kind}"
        name = DOC_NAMES.get(kind, kind)
        if needed is False:
            out.append(Outcome(Status.NA, f"无须{name}：{why}", rule=rid))
        elif _present(facts, kind):
            docs = facts.documents_of(kind)
            out.append(Outcome(Status.PASS, f"卷内有{name}", doc_evidence(docs[0]) if docs else (), rule=rid))
        elif needed is None:
            out.append(Outcome(Status.UNKNOWN, f"卷内未见{name}；是否必需无法判断：{why}", _where(facts), rule=rid))
        else:
            out.append(Outcome(Status.FAIL, f"卷内缺少{name}（{why}）", _where(facts), rule=rid))
    return out


@rule(
    "hearing_right_not_notified", "completeness", title="依法告知听证权利",
    basis=f"{PENALTY_LAW}第六十三条、第六十四条",
)
def hearing_right_not_notified(facts: CaseFacts, ctx: Context) -> Outcome:
    trig = ctx.config.hearing
    kinds = [t for t in penalty_types(facts) if t in trig.penalty_types]
    over = _exceeds(facts, trig.fine_person, trig.fine_organization)
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
