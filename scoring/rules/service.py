"""Service (送达): the 回证 names the document served and its 文号; each method has its proof.

* 民事诉讼法（2023）第八十七条 "送达诉讼文书必须有送达回证，由受送达人在送达回证上记明收到日期，签名或者盖章。"
* 第八十九条 (留置) "…邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，由送达人、
  见证人签名或者盖章…；也可以…采用拍照、录像等方式记录送达过程，即视为送达。"
* 第九十一条 "邮寄送达的，以回执上注明的收件日期为送达日期。"
* 第九十五条 "自发出公告之日起，经过三十日，即视为送达。公告送达，应当在案卷中记明原因和经过。"
* 行政处罚法 第六十一条第二款 "当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式，将行政处罚决定书等送达
  当事人。" — 电子送达 needs the signed 送达地址确认书.
"""

from __future__ import annotations

import re

from scoring.rules.base import (
    ALL_KINDS,
    Context,
    Outcome,
    doc_field,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
)
from scoring.rules.textutil import all_docs_text, flat, labelled, read_by_ocr, readable, where
from scoring.types import CaseFacts, DocumentInfo, Evidence

CPL = "《中华人民共和国民事诉讼法》"
KINDS = tuple(k for k in ALL_KINDS if k != "other")
_NUMBER = re.compile(r"[^\s《》]{1,12}[〔\[（(]\s*\d{4}\s*[〕\]）)]\s*(?:第)?\s*\d{1,6}\s*号")
_SERIAL = re.compile(r"\d+")


def _norm_number(text: str) -> tuple[str, ...]:
    """A 文号 compared by its digit groups (year, serial) and its leading letters (the agency's prefix)."""
    return tuple(_SERIAL.findall(text))


def _target(facts: CaseFacts, served: str) -> DocumentInfo | None:
    for kind, word in (("penalty_decision", "决定"), ("penalty_notice", "告知")):
        if word in served:
            docs = facts.documents_of(kind)
            return docs[0] if docs else None
    return None


def _number_of(facts: CaseFacts, doc: DocumentInfo) -> str | None:
    fact = doc_field(doc, "case_number")
    if fact is not None and str(fact.value).strip():
        return str(fact.value)
    if doc.type == "penalty_decision" and facts.case_number is not None:
        return str(facts.case_number.value)
    return None


@rule(
    "service_receipt_mismatch", "service", title="送达回证载明的文书名称、文号与所送达的文书一致",
    basis=f"{CPL}第八十七条；《中华人民共和国行政处罚法》第六十一条",
)
def service_receipt_mismatch(facts: CaseFacts, ctx: Context) -> Outcome:
    receipts = facts.documents_of("service_receipt")
    if not receipts:
        return not_applicable("卷内无送达回证（是否必需见 missing_document:service_receipt）")
    checked, bad, unsure = 0, list[tuple[str, Evidence]](), list[Evidence]()
    for doc in receipts:
        served = doc_field(doc, "served_document")
        if served is None or not str(served.value).strip():
            unsure += where(doc)
            continue
        name = str(served.value)
        target = _target(facts, name)
        if target is None:
            unsure += where(doc)
            continue
        printed = _NUMBER.search(name)
        own = _number_of(facts, target)
        checked += 1
        evidence = (served.evidence or where(doc))[0]
        if printed and own and _norm_number(printed.group(0)) != _norm_number(own):
            bad.append((f"送达回证载明送达“{name}”，而卷内《{target.title}》文号为{own}", evidence))
    if bad and read_by_ocr(facts, receipts):
        return unknown("扫描识别的送达回证文号与文书不一致（可能为识别误差）：" + "；".join(m for m, _ in bad),
                       tuple(e for _, e in bad))
    if bad:
        return failed("；".join(m for m, _ in bad), tuple(e for _, e in bad), count=len(bad))
    if not checked:
        return unknown("送达回证未载明所送达文书的名称，或未识别出所送达的文书", unsure)
    if unsure:
        return unknown(f"已核对 {checked} 份送达回证；其余回证未读到所送达文书的名称", unsure)
    return passed(f"{checked} 份送达回证载明的文书名称、文号与卷内文书一致", where(receipts[0]))


_METHOD_LABELS = ("送达方式",)
_ELECTRONIC = re.compile(r"电子送达|电子邮件|电子邮箱|传真|短信|微信|手机短信|电子方式")


def _method(facts: CaseFacts, doc: DocumentInfo) -> tuple[str | None, Evidence | None]:
    for hit in labelled(facts, doc, _METHOD_LABELS):
        value = hit.value
        for name, rx in (("留置", r"留置"), ("邮寄", r"邮寄|邮政|EMS|快递|挂号"), ("电子", _ELECTRONIC.pattern),
                         ("公告", r"公告"), ("委托", r"委托|转交"), ("直接", r"直接|当场|亲自")):
            if re.search(rx, value):
                return name, hit.evidence
    return None, None


def _proof(facts: CaseFacts, doc: DocumentInfo, method: str) -> tuple[bool, str]:
    text = flat(facts, doc)
    if method == "留置":
        witness = any(h.value and not re.match(r"^[\s/\\无（）()]*$", h.value)
                      for h in labelled(facts, doc, ("见证人", "见证人签名", "见证人（签名）")))
        recorded = re.search(r"拍照|录像|录音|执法记录仪|视频", text)
        return bool(witness or recorded), "留置送达须有见证人签名，或以拍照、录像等方式记录送达过程（第八十九条）"
    if method == "邮寄":
        return bool(re.search(r"回执|单号|运单|邮件号|EMS\s*\d|挂号|\d{10,}|签收", text)), \
            "邮寄送达须附邮寄凭证或回执（第九十一条）"
    if method == "电子":
        confirmed = re.search(r"送达地址确认书|确认书", all_docs_text(facts))
        return bool(confirmed), "电子送达须当事人同意并签订送达地址确认书（行政处罚法第六十一条第二款）"
    if method == "公告":
        return bool(re.search(r"三十日|30日|30天", text) and re.search(r"原因|经过|无法", text)), \
            "公告送达须记明原因和经过，自发出公告之日起经过三十日视为送达（第九十五条）"
    return True, ""


@rule(
    "service_method_unproven", "service", title="送达方式有相应的送达凭证",
    basis=f"{CPL}第八十九条、第九十一条、第九十五条；《中华人民共和国行政处罚法》第六十一条第二款",
    kinds=KINDS,
)
def service_method_unproven(facts: CaseFacts, ctx: Context) -> Outcome:
    receipts = [d for d in facts.documents_of("service_receipt") if readable(facts, d)]
    if not receipts:
        return not_applicable("卷内无可读的送达回证")
    bad, seen = list[tuple[str, Evidence]](), list[tuple[str, Evidence]]()
    for doc in receipts:
        method, hit = _method(facts, doc)
        if method is None or hit is None:
            continue
        ok, why = _proof(facts, doc, method)
        if ok:
            seen.append((method, hit))
        else:
            bad.append((why, hit))
    if bad:
        return failed("；".join(dict.fromkeys(w for w, _ in bad)), tuple(e for _, e in bad), count=len(bad))
    if not seen:
        return unknown("送达回证未载明送达方式，无法核对送达凭证", tuple(e for d in receipts for e in where(d)))
    return passed(f"{len(seen)} 份送达回证的送达方式（{'、'.join(dict.fromkeys(m for m, _ in seen))}）均有相应凭证",
                  tuple(e for _, e in seen))

