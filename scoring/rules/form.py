"""Form: contents of the 行政处罚决定书 (行政处罚法 art. 59), remedy notice, seals and signatures."""

from __future__ import annotations

import re

from scoring.parsing.dates import find_dates
from scoring.rules.base import (
    Context,
    Outcome,
    doc_evidence,
    doc_field,
    doc_text,
    failed,
    find_words,
    not_applicable,
    passed,
    penalty_types,
    rule,
    unknown,
    unspaced,
)
from scoring.types import CaseFacts, DocumentInfo, Evidence

ART59 = "《中华人民共和国行政处罚法》第五十九条"
PENALTY_KINDS = (
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证", "降低资质等级", "吊销许可证",
    "吊销营业执照", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "没收",
)


def _decision(facts: CaseFacts) -> tuple[DocumentInfo | None, str]:
    docs = facts.documents_of("penalty_decision")
    if not docs:
        return None, ""
    return docs[0], "\n".join(doc_text(facts, d) for d in docs)


def _is_summary(doc: DocumentInfo) -> bool:
    flag = doc_field(doc, "summary")
    return flag is not None and flag.value is True


def _lacking(doc: DocumentInfo, message: str) -> Outcome:
    """A fail; `unknown` when the file holds only a 公示 summary of the decision (its full text may say it)."""
    if _is_summary(doc):
        return unknown(f"{message}（文件只有行政处罚信息公示摘要，须核对决定书全文）", doc_evidence(doc))
    return failed(message, doc_evidence(doc))


def _content_rule(
    facts: CaseFacts, *, what: str, patterns: tuple[str, ...]
) -> Outcome:
    """Pass when every regex in `patterns` occurs in the decision text; cite the first line of each."""
    doc, text = _decision(facts)
    if doc is None:
        return unknown(f"未找到行政处罚决定书，无法核对是否载明{what}")
    if not text.strip():
        return unknown(f"决定书没有可读文字，无法核对是否载明{what}", doc_evidence(doc))
    found: list[Evidence] = []
    for pattern in patterns:
        hit = find_words(facts, doc.pages, pattern)
        if hit is None and not re.search(pattern, unspaced(text.replace("\n", ""))):
            return _lacking(doc, f"决定书未载明{what}")
        if hit is not None:
            found.append(hit)
    return passed(f"决定书载明{what}", found or doc_evidence(doc))


@rule("decision_lacks_party", "form", title="决定书载明当事人基本情况", basis=f"{ART59}第一款第（一）项")
def decision_lacks_party(facts: CaseFacts, ctx: Context) -> Outcome:
    name = re.escape(str(facts.party_name.value)) if facts.party_name else "当事人"
    return _content_rule(
        facts, what="当事人姓名或名称、地址",
        patterns=(rf"(当事人|被处罚人|行政相对人|{name})", r"(地址|住所|住址|经营场所|所在地|居住地)"),
    )


@rule("decision_lacks_facts", "form", title="决定书载明违法事实", basis=f"{ART59}第一款第（二）项")
def decision_lacks_facts(facts: CaseFacts, ctx: Context) -> Outcome:
    return _content_rule(
        facts, what="违法事实", patterns=(r"(经查|查明|违法事实|违法行为|处罚事由|违法事由|存在.*行为)",)
    )


@rule(
    "decision_lacks_evidence",
    "form",
    title="决定书载明证据",
    basis=f"{ART59}第一款第（二）项（当场处罚决定书的内容见第五十二条第二款，不含证据）",
)
def decision_lacks_evidence(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":  # 第五十二条第二款 lists what the on-the-spot decision states: no evidence
        return not_applicable("当场处罚决定书（第五十二条第二款）无须载明证据")
    return _content_rule(facts, what="认定违法事实的证据", patterns=(r"(证据|予以证明|为证|证实)",))


@rule("decision_lacks_type_basis", "form", title="决定书载明处罚种类和依据", basis=f"{ART59}第一款第（三）项")
def decision_lacks_type_basis(facts: CaseFacts, ctx: Context) -> Outcome:
    kinds = "|".join(PENALTY_KINDS)
    outcome = _content_rule(facts, what="行政处罚的种类和依据", patterns=(rf"({kinds})", r"(依据|根据|依照)"))
    if outcome.status.value == "pass" and not facts.penalty_provisions and not penalty_types(facts):
        return unknown("决定书中读到处罚用语，但未能解析处罚种类和依据条款，请人工核对", outcome.evidence)
    return outcome


@rule(
    "decision_lacks_performance_terms",
    "form",
    title="决定书载明履行方式和期限",
    basis=f"{ART59}第一款第（四）项；《中华人民共和国行政处罚法》第六十七条",
)
def decision_lacks_performance_terms(facts: CaseFacts, ctx: Context) -> Outcome:
    kinds = penalty_types(facts)
    money = facts.fine_amount is not None or any(k.startswith("罚款") or "没收违法所得" in k for k in kinds)
    if not money:
        if facts.penalty_types is None:
            return unknown("未读到处罚种类，无法判断是否须载明缴款方式和期限")
        return not_applicable("无罚款或没收违法所得，无须载明缴款期限")
    return _content_rule(
        facts,
        what="履行方式和期限（十五日内缴纳）",
        patterns=(r"(十五日|15日|15天|十五天)", r"(缴纳|缴款|银行|账户|缴至|缴入)"),
    )


# 行政诉讼法 第四十六条: 直接起诉 "应当自知道或者应当知道作出行政行为之日起六个月内提出"; 十五日 (第四十五条)
# only for suing after a 复议 decision, as a 当场 penalty must be challenged since 2024 (行政复议法 第二十三条).
_SUE_PERIOD = r"(六个月|6个月|复议决定[^。]{0,40}(十五日|15日))"
_OLD_PERIOD = re.compile(r"(三个月|3个月)内[^。]{0,20}(提起|起诉|诉讼)|(提起|起诉)[^。]{0,12}(三个月|3个月)")


@rule(
    "no_remedy_notice",
    "form",
    title="决定书载明申请行政复议、提起行政诉讼的途径和期限",
    basis=f"{ART59}第一款第（五）项；《中华人民共和国行政诉讼法》第四十六条第一款",
    kinds=("penalty", "enforcement", "license"),
)
def no_remedy_notice(facts: CaseFacts, ctx: Context) -> Outcome:
    doc, text = _decision(facts)
    flag = doc_field(doc, "remedy_notice") if doc is not None else None
    if doc is not None and flag is not None and flag.value is False:
        return _lacking(doc, "决定书未告知申请行政复议、提起行政诉讼的途径和期限")
    if doc is not None and _OLD_PERIOD.search(text.replace("\n", "")):
        hit = find_words(facts, doc.pages, r"(三个月|3个月)")
        return failed(
            "决定书告知的起诉期限为三个月，现行起诉期限为六个月（行政诉讼法第四十六条）",
            (hit,) if hit is not None else doc_evidence(doc),
        )
    return _content_rule(
        facts,
        what="申请行政复议、提起行政诉讼的途径和期限",
        patterns=(r"行政复议", r"(行政诉讼|向.*人民法院.*起诉)", r"(六十日|60日|两个月|二个月)", _SUE_PERIOD),
    )


@rule(
    "decision_lacks_agency_date",
    "form",
    title="决定书载明作出决定的机关名称和日期",
    basis=f"{ART59}第一款第（六）项",
)
def decision_lacks_agency_date(facts: CaseFacts, ctx: Context) -> Outcome:
    doc, text = _decision(facts)
    if doc is None:
        return unknown("未找到行政处罚决定书，无法核对落款")
    if not text.strip():
        return unknown("决定书没有可读文字，无法核对落款", doc_evidence(doc))
    date = doc_field(doc, "date") or facts.decision_date
    if date is None and not find_dates(text):
        return failed("决定书未载明作出决定的日期", doc_evidence(doc))
    if date is None:
        return unknown("决定书中未识别出落款日期（正文中的日期不是决定日期），请核对", doc_evidence(doc))
    if facts.agency is None and not re.search(r"(局|委员会|厅|政府|大队|支队|办公室|中心|管理处)", text):
        return failed("决定书未载明作出决定的行政机关名称", doc_evidence(doc))
    return passed("决定书载明作出决定的机关和日期", doc_evidence(doc, date))


def _seal(facts: CaseFacts, doc: DocumentInfo) -> bool | None:
    flag = doc_field(doc, "has_seal")
    if flag is not None and isinstance(flag.value, bool):
        return flag.value
    seen = [p.has_seal for p in facts.pages if p.number in doc.pages]
    if any(s is True for s in seen):
        return True
    if seen and all(s is False for s in seen):
        return False
    return None


@rule(
    "missing_signature_or_seal",
    "form",
    title="文书加盖印章、签名齐全",
    basis=f"{ART59}第二款；《中华人民共和国民事诉讼法》第八十七条",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def missing_signature_or_seal(facts: CaseFacts, ctx: Context) -> Outcome:
    lacking: list[tuple[DocumentInfo, str]] = []
    unsure: list[DocumentInfo] = []
    checked = 0
    for doc in facts.documents:
        if doc.type in ctx.config.seal_required:
            state = None if _is_summary(doc) else _seal(facts, doc)  # a 公示 summary bears no seal
            if state is False and facts.scope != "dossier":
                state = None  # a decision as published (text, DOCX) shows no stamp even when one was put
            checked += 1
            if state is False:
                lacking.append((doc, "未加盖印章"))
            elif state is None:
                unsure.append(doc)
        if doc.type in ctx.config.signature_required:
            sign = doc_field(doc, "has_signature")
            checked += 1
            if sign is not None and sign.value is False:
                lacking.append((doc, "无受送达人签名"))
            elif sign is None:
                unsure.append(doc)
    if lacking:
        detail = "；".join(f"《{d.title}》{why}" for d, why in lacking)
        evidence = tuple(e for d, _ in lacking for e in doc_evidence(d, doc_field(d, "has_seal")))
        return failed(detail, evidence, count=len(lacking))
    if not checked:
        return unknown("未找到须盖章或签名的文书")
    if unsure:
        names = "、".join(f"《{d.title}》" for d in unsure)
        return unknown(f"无法判断{names}是否盖章或签名，请人工核对", tuple(e for d in unsure for e in doc_evidence(d)))
    return passed(f"{checked} 份须盖章或签名的文书均已盖章、签名")


_RECORDS = ("inquiry_record", "inspection_record")


def _records_lacking(facts: CaseFacts, pattern: str) -> tuple[int, list[DocumentInfo], list[DocumentInfo]]:
    """(records with text, those whose text lacks the pattern, those without text)."""
    rx = re.compile(pattern)
    read, lacking, blank = 0, [], []
    for doc in facts.documents:
        if doc.type not in _RECORDS:
            continue
        text = doc_text(facts, doc).replace("\n", "")
        if not text.strip():
            blank.append(doc)
            continue
        read += 1
        if not rx.search(text):
            lacking.append(doc)
    return read, lacking, blank


def _record_rule(facts: CaseFacts, *, pattern: str, what: str) -> Outcome:
    read, lacking, blank = _records_lacking(facts, pattern)
    if lacking:
        names = "、".join(f"《{d.title}》" for d in lacking)
        return failed(f"{names}未记载{what}", tuple(e for d in lacking for e in doc_evidence(d)), count=len(lacking))
    if not read:
        why = "笔录没有可读文字" if blank else "未找到询问笔录或现场检查笔录"
        return unknown(f"{why}，无法核对是否{what}", tuple(e for d in blank for e in doc_evidence(d)))
    return passed(f"{read} 份笔录均记载{what}")


@rule(
    "certificate_not_shown",
    "form",
    title="调查取证时出示执法证件并记录",
    basis="《中华人民共和国行政处罚法》第五十五条",
    kinds=("penalty", "enforcement", "inspection"),
)
def certificate_not_shown(facts: CaseFacts, ctx: Context) -> Outcome:
    return _record_rule(
        facts,
        what="向当事人出示执法证件",
        pattern=r"(出示|亮明|亮证|这是我们的(执法)?证件|证件.{0,8}(过目|查看|看清|核对))",
    )


@rule(
    "recusal_right_not_notified",
    "form",
    title="告知当事人申请回避的权利",
    basis="《中华人民共和国行政处罚法》第四十三条",
    kinds=("penalty", "enforcement", "inspection"),
)
def recusal_right_not_notified(facts: CaseFacts, ctx: Context) -> Outcome:
    return _record_rule(facts, what="告知申请回避的权利", pattern=r"回避")


@rule(
    "correction_order_missing",
    "form",
    title="责令当事人改正或者限期改正违法行为",
    basis="《中华人民共和国行政处罚法》第二十八条第一款",
)
def correction_order_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    doc, text = _decision(facts)
    if doc is None:
        return unknown("未找到行政处罚决定书，无法核对是否责令改正")
    rx = r"责令.{0,12}(改正|整改|停止|纠正|拆除|恢复)"
    for other in facts.documents:
        hit = find_words(facts, other.pages, rx)
        if hit is not None:
            return passed("卷内有责令改正的内容", (hit,))
    if not text.strip():
        return unknown("决定书没有可读文字，无法核对是否责令改正", doc_evidence(doc))
    if re.search(rx, "".join(p.text for p in facts.pages).replace("\n", "")):
        return passed("卷内有责令改正的内容")
    return _lacking(doc, "决定书及卷内文书未见责令当事人改正或者限期改正违法行为")
