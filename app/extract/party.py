"""当事人 as one document prints them: name, 统一社会信用代码 or 身份证号, person or organization.

Where the name stands, most direct first: after a label (当事人：, 行政相对人名称, a table cell, a label
with a qualifier such as 当事人（公司名称）：, or a bracketed label （公司名称） alone); after 姓名/名称
under a heading 当事人基本情况; on an unlabelled first line of the body ("戴**，男，汉族，…"); in the
salutation a notice or decision opens with ("某某有限公司："). Labels may carry spaces between their
characters, as justified published PDFs print them ("当 事 人").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from app.extract.parsers.ids import find_id_numbers, find_uscc, is_valid_id_number, is_valid_uscc
from app.extract.text import CJK, DocText, cut_value, first_value, label_pattern, squeeze
from scoring.types import Fact, How

PARTY_LABELS = (
    "当事人", "被处罚人", "受处罚人", "当事人名称", "当事人姓名", "单位名称", "被检查人", "被检查单位",
    "被检查人名称", "当事人（单位）名称", "被处罚单位", "受送达人", "行政相对人名称", "行政相对人",
    "相对人名称", "被处罚单位名称", "被处罚人名称", "被处罚人姓名",
)  # fmt: skip
# A qualifier in brackets between a label and its colon: 当事人（公司名称）：, 当事人(个体工商户)：
_QUALIFIER = r"(?:[ \u3000]*[（(][^（）()\n]{1,10}[）)])?"
# A bracketed label standing alone before the value: （公司名称）某某有限公司, (姓名)：张三
_BRACKET_LABEL = re.compile(
    r"(?m)^[ \t\u3000]*[（(][ \u3000]*(?:(?:公司|单位|企业|机构|组织|个体工商户|字号)?名[ \u3000]*称|姓[ \u3000]*名)"
    r"[ \u3000]*[）)][ \t\u3000]*[:：]?[ \t\u3000]*(?P<v>[^\n\t]+)"
)
_HEADING = re.compile(r"当\s*事\s*人\s*(?:的\s*)?(?:基\s*本\s*)?(?:情\s*况|信\s*息)")
_UNDER_HEADING_LABELS = ("姓名", "名称", "单位名称", "企业名称", "公司名称", "当事人名称", "当事人姓名")
_PERSON_LINE = re.compile(
    rf"(?m)^[ \t\u3000]*(?P<v>[{CJK}*＊×·•・]{{2,12}})[ \u3000]*[，,、][ \u3000]*[男女][ \u3000]*[，,、]"
)
_PERSON_CUES = ("个体工商户", "个体户", "自然人", "个体经营", "性别", "出生", "民族")
_SEX = re.compile(r"[，,、]\s*[男女]\s*[，,、]")
_ORG_SUFFIXES = (
    "公司", "厂", "合作社", "集团", "协会", "学校", "医院", "中心", "企业", "事务所", "银行",
    "局", "委员会", "政府", "办事处", "管委会", "站",  # an organ or its unit as the party
)  # fmt: skip
_CATEGORY = re.compile(r"(?:行政)?相对人类别[ \t\u3000]*[:：\t]?[ \t\u3000]*([^\n\t]{2,12})")


@dataclass(frozen=True, slots=True)
class Party:
    name: Fact[str] | None
    party_id: Fact[str] | None
    party_type: Fact[str] | None
    id_valid: bool = True


_NEXT_LABEL = re.compile(rf"[ \t\u3000]+(?=[{CJK}（）()]{{1,10}}[ \u3000]*[：:])")


def _party_name(raw: str) -> str:
    name = cut_value(_NEXT_LABEL.split(raw.strip(), maxsplit=1)[0])  # 姓名：李富成 性别：男
    name = re.split(r"[：:]", name, maxsplit=1)[0]
    for bracket in ("（", "("):
        i = name.find(bracket)
        if i > 0:
            close = max(name.find("）", i), name.find(")", i))
            if close < 0 or close == len(name) - 1:
                name = name[:i]
    return squeeze(name)


@functools.cache
def _label_regex() -> re.Pattern[str]:
    return re.compile(label_pattern(*PARTY_LABELS) + _QUALIFIER + r"[ \u3000]*(?:[:：]|\t)[ \t\u3000]*([^\n\t]*)")


def _labelled(doc: DocText) -> tuple[str, int] | None:
    for m in _label_regex().finditer(doc.text):
        value = doc.rest_of_line(m.start(1)).split("\t")[0].strip()
        if value:
            return value, m.start(1)
        bracketed = _BRACKET_LABEL.match(doc.text, m.end() + 1)  # 当事人：⏎（公司名称）某某有限公司
        if bracketed:
            return bracketed.group("v").strip(), bracketed.start("v")
    return None


# A name label of a form or table without a colon: the value after spaces, or on the next line
# (被处罚单位名称  某某合作社 / 姓名或名称⏎三河市某某网吧).
_NAME_LABEL_BARE = re.compile(
    r"(?m)^[ \t\u3000]*(?:当事人|被处罚(?:单位|人)|受处罚(?:单位|人)|行政相对人)?[ \u3000]*"
    r"(?:姓[ \u3000]*名[ \u3000]*或[ \u3000]*名[ \u3000]*称|名[ \u3000]*称[ \u3000]*或[ \u3000]*姓[ \u3000]*名"
    r"|(?<=[人位])[ \u3000]*(?:名[ \u3000]*称|姓[ \u3000]*名))"
    r"(?:[ \t\u3000]+|[ \t\u3000]*\n[ \t\u3000]*)(?P<v>[^\s：:—\-－/／][^\n\t]*)"
)
# The lines that follow a party's name in a decision's head (art. 59 (1): 名称、地址 …).
_PARTICULARS = re.compile(
    r"[ \t\u3000]*(?:统一社会信用代码|社会信用代码|公民身份号码|身份证|地\s*址|住\s*所|法定代表人|负责人|经营者)"
)
_NAME_LINE = re.compile(rf"(?m)^[ \t\u3000]*(?P<v>[{CJK}（）()·*＊×]{{2,40}})[ \t\u3000]*$")


def _bare_labelled(doc: DocText) -> tuple[str, int] | None:
    m = _NAME_LABEL_BARE.search(doc.text)
    return (m.group("v").strip(), m.start("v")) if m else None


def _line_before_particulars(doc: DocText) -> tuple[str, int] | None:
    """An unlabelled name line directly followed by the party's particulars (统一社会信用代码：…)."""
    for m in _NAME_LINE.finditer(doc.text, 0, _head_end(doc, 14)):
        name = m.group("v")
        if _PARTICULARS.match(doc.text, m.end() + 1) and not name.endswith(
            ("书", "表", "号", "件", "照", "证", "单", "录", "本")
        ):
            return name, m.start("v")
    return None


def _bracket_labelled(doc: DocText) -> tuple[str, int] | None:
    m = _BRACKET_LABEL.search(doc.text)
    return (m.group("v").strip(), m.start("v")) if m else None


def _under_heading(doc: DocText) -> tuple[str, int] | None:
    """姓名/名称 in the few lines after a heading 当事人基本情况."""
    m = _HEADING.search(doc.text)
    if m is None:
        return None
    found = first_value(doc, _UNDER_HEADING_LABELS, start=m.end())
    if found is not None and found[1] - m.end() <= 200:
        return found
    return None


def _head_end(doc: DocText, lines: int = 12) -> int:
    pos = 0
    for _ in range(lines):
        nxt = doc.text.find("\n", pos)
        if nxt < 0:
            return len(doc.text)
        pos = nxt + 1
    return pos


def _person_line(doc: DocText) -> tuple[str, int] | None:
    """An unlabelled first line of a person's particulars: "戴**，男，汉族，1980年生，住…"."""
    m = _PERSON_LINE.search(doc.text, 0, _head_end(doc))
    return (m.group("v"), m.start("v")) if m else None


# The addressee (主送, GB/T 9704) as published: masked letters stand for characters (XX局：, 李**：).
_SALUTATION = re.compile(
    rf"^[ \t\u3000]*((?:[{CJK}（）()·]|[A-Za-z*＊×]{{1,6}}(?=[{CJK}*＊×]))[{CJK}（）()·A-Za-z*＊×]{{1,39}})"
    rf"[ \t\u3000]*[:：][ \t\u3000]*$",
    re.M,
)
_NOT_NAME_END = ("时间", "地点", "意见", "日期", "事由", "情况", "如下", "记录", "人", "号", "码", "址", "电话")


def salutation(doc: DocText) -> tuple[str, int] | None:
    """The addressee a notice or decision opens with ("某某商贸有限公司：") when no label names it."""
    for m in _SALUTATION.finditer(doc.text, 0, _head_end(doc, 8)):
        name = m.group(1)
        if not name.endswith(_NOT_NAME_END) and not _HEADING.search(name):
            return name, m.start(1)
    return None


def _ids_in(block: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    usccs = [(m.value, m.start) for m in find_uscc(block)]
    ids = [(m.value, m.start) for m in find_id_numbers(block)]
    id_values = {v for v, _ in ids}
    # an 18-digit 身份证号 also has the shape of a 统一社会信用代码: tell them apart by the label
    usccs = [(v, s) for v, s in usccs if not (v in id_values and "身份" in block[max(0, s - 16) : s])]
    ids = [(v, s) for v, s in ids if "身份" in block[max(0, s - 16) : s] or v not in {u for u, _ in usccs}]
    return usccs, ids


def _pick_id(block: str) -> tuple[str, int, bool] | None:
    usccs, ids = _ids_in(block)
    for value, start in usccs:
        if is_valid_uscc(value):
            return value, start, True
    for value, start in ids:
        if is_valid_id_number(value):
            return value, start, True
    for value, start in usccs + ids:
        return value, start, False
    return None


def _stated_type(block: str) -> str | None:
    """The party's kind where the document says it (a 公示 table's 行政相对人类别, 个体工商户, 性别, 男/女)."""
    category = _CATEGORY.search(block)
    if category is not None:
        words = category.group(1)
        if "自然人" in words or "个体" in words:
            return "person"
        if "法人" in words or "组织" in words:
            return "organization"
    if any(c in block for c in _PERSON_CUES) or _SEX.search(block):
        return "person"
    return None


def _party_type(name: str, block: str, *, party_id: str | None) -> tuple[str, How]:
    stated = _stated_type(block)
    if stated is not None:
        return stated, How.LABEL
    if party_id is not None and len(party_id) == 18 and party_id.startswith("92"):
        return "person", How.LABEL  # GB 32100: 登记管理部门 9 (市场监管) + 机构类别 2 = 个体工商户
    if "法定代表人" in block:
        return "organization", How.LABEL
    if party_id is not None and is_valid_id_number(party_id) and not is_valid_uscc(party_id):
        return "person", How.LABEL  # a 公民身份号码 (GB 11643) identifies a natural person
    if "·" in name:
        return "person", How.LABEL  # a transliterated personal name (阿不都热合曼·艾买提)
    if name.endswith(_ORG_SUFFIXES) or (party_id and party_id[:1].isalpha()):
        return "organization", How.LABEL  # the name says it (某某有限公司)
    if party_id is not None and is_valid_uscc(party_id) and not is_valid_id_number(party_id):
        return "organization", How.LABEL
    if "身份证" in block or (2 <= len(name) <= 4 and not name.endswith(("店", "部", "馆", "行", "社"))):
        return "person", How.INFERENCE
    return "organization", How.INFERENCE


def _block_end(text: str, start: int) -> int:
    """Where the party's particulars end: the first body sentence after them (or 400 chars)."""
    limit = min(len(text), start + 400)
    m = re.compile(r"经查|违法事实|现查明|案件来源|检查情况|本机关|本局|我局|一、").search(text, start + 2, limit)
    return m.start() if m else limit


_FINDERS: tuple[tuple[Any, How, str], ...] = (
    (_labelled, How.LABEL, "“当事人”等标签后的名称"),
    (_bracket_labelled, How.LABEL, "（名称）/（姓名）标签后的名称"),
    (_bare_labelled, How.LABEL, "无冒号的“名称/姓名”标签后的名称"),
    (_under_heading, How.LABEL, "“当事人基本情况”下的姓名或名称"),
    (_person_line, How.POSITION, "正文首行“姓名，性别，…”"),
    (_line_before_particulars, How.POSITION, "统一社会信用代码等信息前一行的名称"),
    (salutation, How.POSITION, "文书抬头的称呼"),
)


def party(doc: DocText) -> Party | None:
    """当事人: name (as printed), 统一社会信用代码 or 身份证号, person/organization."""
    for finder, how, reason in _FINDERS:
        found = finder(doc)
        if found is None:
            continue
        raw, start = found
        name = _party_name(raw)
        if name:
            return _party_at(doc, name, start, how=how, reason=reason)
    return None


def _pick_id_wrapped(block: str) -> tuple[str, int, bool] | None:
    """_pick_id, also over a number a line wrap cut in two ("…公民身份号码：6501021985⏎03120019")."""
    picked = _pick_id(block)
    if (picked is not None and picked[2]) or "\n" not in block:
        return picked
    joined = _pick_id(block.replace("\n", ""))
    if joined is not None and joined[2]:
        origin = [i for i, ch in enumerate(block) if ch != "\n"]
        return joined[0], origin[joined[1]], True
    return picked


def _party_at(doc: DocText, name: str, start: int, *, how: How, reason: str) -> Party:
    block = doc.text[start : _block_end(doc.text, start)]
    picked = _pick_id_wrapped(block)
    pid = None
    if picked is not None:
        pid = doc.fact(picked[0], start + picked[1], how=How.LABEL, reason="当事人信息中的证件号码")
    ptype, type_how = _party_type(name, block, party_id=picked[0] if picked else None)
    type_reason = "当事人信息或名称中写明" if type_how is How.LABEL else "由名称长短推断（无性别、证件等信息）"
    return Party(
        doc.fact(name, start, how=how, reason=reason),
        pid,
        doc.fact(ptype, start, how=type_how, reason=type_reason),
        picked[2] if picked else True,
    )
