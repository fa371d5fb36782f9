"""Formalities of the 询问笔录 and 现场（检查）笔录: start and end time, the officers' and the party's signatures.

* 行政处罚法 第四十二条第一款 "执法人员不得少于两人"; 第五十五条第二款 "询问或者检查应当制作笔录。"
* 行政强制法 第十八条第（八）项 "现场笔录由当事人和行政执法人员签名或者盖章，当事人拒绝的，在笔录中予以注明".
* 《公安机关办理行政案件程序规定》第七十七条 "被询问人确认笔录无误后，应当在询问笔录上逐页签名或者捺指印。拒绝签名
  和捺指印的，办案人民警察应当在询问笔录中注明。"
* Published standards (一般程序行政处罚案卷文书评查标准 记分表): 询问笔录 "起止时间地点"、"两名执法人员签名"、
  "被询问人逐页签名"; 检查笔录 "起止时间、场所".

A handwritten signature is often not in the text layer: where no signature line can be read the rules answer
``unknown``; they fail only on what the page shows (no time written, a signature line left blank).
"""

from __future__ import annotations

import re

from scoring.rules.base import (
    ALL_KINDS,
    Context,
    Outcome,
    failed,
    not_applicable,
    passed,
    rule,
    unknown,
)
from scoring.rules.textutil import (
    OFFICER_SIGNS,
    flat,
    labelled,
    listed_officers,
    names,
    read_by_ocr,
    readable,
    where,
)
from scoring.types import CaseFacts, DocumentInfo, Evidence

RECORDS = ("inquiry_record", "inspection_record")
KINDS = tuple(k for k in ALL_KINDS if k != "other")
_CLOCK = (
    r"(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})\s*(?:时|点|:|：)\s*(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})?\s*分?"
)
_SPAN = re.compile(rf"{_CLOCK}[^。；\n]{{0,24}}?(?:至|到|—|－|-|～|~)[^。；\n]{{0,16}}?{_CLOCK}")
_PARTY_SIGN = (
    "被询问人签名",
    "被询问人（签名）",
    "被询问人签字",
    "被检查人签名",
    "被检查人（签名）",
    "被检查人签字",
    "当事人签名",
    "当事人（签名）",
    "当事人签字",
    "被询问人（签名或捺指印）",
)
_REFUSED = re.compile(r"拒(绝)?签|拒绝签名|拒不签")


def _records(facts: CaseFacts) -> list[DocumentInfo]:
    return [d for d in facts.documents if d.type in RECORDS]


@rule(
    "record_time_missing",
    "records",
    title="询问、检查笔录载明起止时间",
    basis="《中华人民共和国行政处罚法》第五十五条第二款（询问或者检查应当制作笔录）；评查标准：笔录载明起止时间",
    kinds=KINDS,
)
def record_time_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    records = _records(facts)
    if not records:
        return not_applicable("卷内无询问笔录或现场检查笔录")
    read = [d for d in records if readable(facts, d)]
    if not read:
        return unknown("笔录没有可读文字，无法核对起止时间", tuple(e for d in records for e in where(d)))
    lacking = [d for d in read if not _SPAN.search(flat(facts, d))]
    if lacking and read_by_ocr(facts, lacking):
        return unknown(
            "扫描识别的笔录未读到起止时间（可能为识别误差），请核对", tuple(e for d in lacking for e in where(d))
        )
    if lacking:
        titles = "、".join(f"《{d.title}》（第{d.pages[0]}页）" for d in lacking)
        return failed(
            f"{titles}未载明起止时间（几时几分至几时几分）",
            tuple(e for d in lacking for e in where(d)),
            count=len(lacking),
        )
    if len(read) < len(records):
        return unknown(
            "部分笔录没有可读文字，无法核对起止时间", tuple(e for d in records if d not in read for e in where(d))
        )
    return passed(f"{len(read)} 份笔录均载明起止时间", tuple(e for d in read for e in where(d)))


@rule(
    "record_officers_not_signed",
    "records",
    title="笔录由两名以上执法人员签名",
    basis="《中华人民共和国行政处罚法》第四十二条第一款、第五十五条第二款；《中华人民共和国行政强制法》第十八条第（八）项",
    kinds=KINDS,
)
def record_officers_not_signed(facts: CaseFacts, ctx: Context) -> Outcome:
    records = _records(facts)
    if not records:
        return not_applicable("卷内无询问笔录或现场检查笔录")
    short: list[tuple[DocumentInfo, Evidence]] = []
    signed: list[Evidence] = []
    unseen: list[DocumentInfo] = []
    for doc in records:
        lines = list(labelled(facts, doc, OFFICER_SIGNS))
        if not lines:
            unseen.append(doc)
            continue
        signers = {n for line in lines for n in names(line.value)}
        if len(signers) >= 2:
            signed.append(lines[0].evidence)
        elif len(listed_officers(facts, doc) | signers) >= 2:  # fewer than two officers at all: another rule
            short.append((doc, lines[0].evidence))
    if short:
        titles = "、".join(f"《{d.title}》" for d, _ in short)
        return failed(f"{titles}的执法人员签名少于两人", tuple(e for _, e in short), count=len(short))
    if unseen:
        return unknown(
            "未读到执法人员签名栏（手写签名可能未被识别），请核对笔录是否由两名执法人员签名",
            tuple(e for d in unseen for e in where(d)),
        )
    if not signed:
        return not_applicable("笔录记载的执法人员不足两人（见 officers_fewer_than_two）")
    return passed(f"{len(signed)} 份笔录均有两名以上执法人员签名", signed)


def _page_state(facts: CaseFacts, doc: DocumentInfo, page: int) -> tuple[str, Evidence | None]:
    """signed | blank | refused | unseen, for the party's signature on one page of a record."""
    one = DocumentInfo(doc.type, doc.title, (page,))
    found = list(labelled(facts, one, _PARTY_SIGN))
    if any(names(h.value) or re.search(r"[\u4e00-\u9fff]{2,}", h.value) for h in found):
        hit = next(h for h in found if h.value)
        return ("refused" if _REFUSED.search(hit.value) else "signed"), hit.evidence
    if found:
        text = facts.page_text(page)
        if _REFUSED.search(text):
            return "refused", found[0].evidence
        return "blank", found[0].evidence
    return "unseen", None


@rule(
    "record_party_not_signed",
    "records",
    title="被询问人、被检查人逐页签名（或注明拒签）",
    basis="《中华人民共和国行政强制法》第十八条第（八）项；《公安机关办理行政案件程序规定》第七十七条（逐页签名）",
    kinds=KINDS,
)
def record_party_not_signed(facts: CaseFacts, ctx: Context) -> Outcome:
    records = [d for d in _records(facts) if readable(facts, d)]
    if not records:
        return not_applicable("卷内无可读的询问笔录或现场检查笔录")
    blank: list[Evidence] = []
    unseen: list[Evidence] = []
    seen: list[Evidence] = []
    for doc in records:
        for page in doc.pages:
            state, hit = _page_state(facts, doc, page)
            if state == "blank" and hit is not None:
                blank.append(hit)
            elif state == "unseen":
                unseen.append(Evidence(page=page, text=doc.title))
            elif hit is not None:
                seen.append(hit)
    if blank:
        return failed(f"{len(blank)} 页笔录的被询问（检查）人签名栏空白，且未注明拒签", blank, count=len(blank))
    if unseen:
        pages = "、".join(str(e.page) for e in unseen)
        return unknown(f"第{pages}页笔录未读到被询问（检查）人签名（手写签名可能未被识别），请核对是否逐页签名", unseen)
    return passed(f"{len(seen)} 页笔录均有被询问（检查）人签名或拒签注明", seen)
