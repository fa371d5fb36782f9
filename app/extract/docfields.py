"""What one document alone says: its 落款 organ and date, 文号, party, dates after labels."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.extract.catalogue import AGENCY_ENDINGS
from app.extract.parsers.base import Match
from app.extract.parsers.case_numbers import find_case_numbers
from app.extract.parsers.dates import find_dates
from app.extract.parsers.ids import find_id_numbers, find_uscc, is_valid_id_number, is_valid_uscc
from app.extract.text import CJK, DocText, cut_value, first_value, label_pattern, squeeze
from scoring.types import Fact

_SEAL_WORDS = re.compile(r"[（(]?(?:印章|公章|盖章|签章|章)[）)]?")
_AGENCY_LINE = re.compile(rf"^[{CJK}（）()]{{4,32}}$")
_ENDING_CHARS = frozenset(e[-1] for e in AGENCY_ENDINGS)
_ENDING_CHAR = re.compile("[" + re.escape("".join(sorted(_ENDING_CHARS))) + "]")  # one scan per line
_NOT_AGENCY_START = ("如", "向", "由", "经", "对", "依", "根", "当事人", "本", "请", "在", "于", "并", "你")
PARTY_LABELS = (
    "当事人", "被处罚人", "受处罚人", "当事人名称", "当事人姓名", "单位名称", "被检查人", "被检查单位",
    "被检查人名称", "当事人（单位）名称", "被处罚单位", "受送达人",
)  # fmt: skip
_PERSON_CUES = ("个体工商户", "个体户", "自然人", "个体经营", "性别", "出生", "民族")
_ORG_SUFFIXES = ("公司", "厂", "合作社", "集团", "协会", "学校", "医院", "中心", "企业", "事务所", "银行")


@dataclass(frozen=True, slots=True)
class Party:
    name: Fact[str] | None
    party_id: Fact[str] | None
    party_type: Fact[str] | None
    id_valid: bool = True


def agency_lines(doc: DocText) -> list[tuple[str, int]]:
    """Lines that are nothing but an organ's name (落款, seal text), with their offsets."""
    out: list[tuple[str, int]] = []
    pos = 0
    for raw in doc.text.split("\n"):
        if len(raw) > 60 or not _ENDING_CHAR.search(raw):
            pos += len(raw) + 1
            continue
        text = squeeze(_SEAL_WORDS.sub("", raw))
        for m in find_dates(text):
            text = text.replace(m.raw, "")
        if (
            _AGENCY_LINE.match(text)
            and text.endswith(AGENCY_ENDINGS)
            and not text.startswith(_NOT_AGENCY_START)
        ):
            out.append((text, pos))
        pos += len(raw) + 1
    return out


def sign_off(doc: DocText) -> tuple[Fact[str] | None, Fact[dt.date] | None]:
    """The 落款: the organ's name at the end of the document and the date printed by it."""
    lines = agency_lines(doc)
    dates = find_dates(doc.text)
    if not lines:
        if not dates:
            return None, None
        last = dates[-1]
        return None, Fact(last.value, (doc.evidence(last.start, last.end),))
    name, pos = lines[-1]
    agency = Fact(name, (doc.evidence(pos),))
    after = [m for m in dates if m.start >= pos]
    before = [m for m in dates if m.start < pos and pos - m.end <= 60]
    chosen = after[0] if after else before[-1] if before else dates[-1] if dates else None
    if chosen is None:
        return agency, None
    return agency, Fact(chosen.value, (doc.evidence(chosen.start, chosen.end),))


def date_after(doc: DocText, labels: tuple[str, ...]) -> Fact[dt.date] | None:
    """The date printed right after one of the labels ("立案日期：2024年3月4日")."""
    pattern = re.compile(label_pattern(*labels) + r"[ \t\u3000]*[:：为]?")
    for m in pattern.finditer(doc.text):
        window = doc.text[m.end() : m.end() + 40]
        found = find_dates(window)
        if found and not window[: found[0].start].strip(" \t\u3000:：\n"):
            d = found[0]
            return Fact(d.value, (doc.evidence(m.end() + d.start, m.end() + d.end),))
    return None


def last_date(doc: DocText) -> Fact[dt.date] | None:
    dates = find_dates(doc.text)
    if not dates:
        return None
    d = dates[-1]
    return Fact(d.value, (doc.evidence(d.start, d.end),))


_INNER = re.compile(rf"[（(]([{CJK}]{{1,4}})[）)]")


def find_numbers(text: str) -> list[Match[str]]:
    """find_case_numbers, also over abbreviations with a bracketed part: (哈)应急罚〔2024〕8号, 宛农（农药）罚…

    Such brackets are masked with a CJK stand-in of the same length, so offsets and the printed
    text are kept.
    """
    masked = _INNER.sub(lambda m: "丨" + m.group(1) + "丨", text)
    out = []
    for m in find_case_numbers(masked):
        raw = text[m.start : m.end]
        out.append(Match(_pair_brackets(squeeze(raw)), m.start, m.end, raw))
    return out


_PAIRS = {"（": "）", "(": ")", "〔": "〕", "[": "]", "【": "】", "［": "］"}
_MISPAIRED = re.compile(r"([（(〔\[【［])([^（）()〔〕\[\]【】［］]*)([）)〕\]】］])")


def _pair_brackets(number: str) -> str:
    """OCR reads one of a pair in the other width ("（2025)"): a printed 文号 closes as it opens."""
    return _MISPAIRED.sub(lambda m: m.group(1) + m.group(2) + _PAIRS[m.group(1)], number)


def case_number(doc: DocText) -> Fact[str] | None:
    """The first 文号 printed in the document (a decision's own number stands under its title)."""
    found = find_numbers(doc.text)
    if not found:
        return None
    m = found[0]
    return Fact(m.value, (doc.evidence(m.start, m.end),))


def _party_name(raw: str) -> str:
    name = cut_value(raw)
    name = re.split(r"[：:]", name, maxsplit=1)[0]
    for bracket in ("（", "("):
        i = name.find(bracket)
        if i > 0:
            close = max(name.find("）", i), name.find(")", i))
            if close < 0 or close == len(name) - 1:
                name = name[:i]
    return squeeze(name)


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


def _party_type(name: str, block: str, *, party_id: str | None) -> str:
    if any(c in block for c in _PERSON_CUES):
        return "person"
    if party_id is not None and len(party_id) == 18 and party_id.startswith("92"):
        return "person"  # GB 32100: 登记管理部门 9 (市场监管) + 机构类别 2 = 个体工商户
    if "法定代表人" in block or name.endswith(_ORG_SUFFIXES) or (party_id and party_id[:1].isalpha()):
        return "organization"
    if party_id is not None and is_valid_uscc(party_id) and not is_valid_id_number(party_id):
        return "organization"
    if "身份证" in block or (2 <= len(name) <= 4 and not name.endswith(("店", "部", "馆", "行", "社"))):
        return "person"
    return "organization"


def party(doc: DocText) -> Party | None:
    """当事人: name (as printed), 统一社会信用代码 or 身份证号, person/organization."""
    found = first_value(doc, PARTY_LABELS) or salutation(doc)
    if found is None:
        return None
    raw, start = found
    name = _party_name(raw)
    if not name:
        return None
    block_end = _block_end(doc.text, start)
    block = doc.text[start:block_end]
    ev = (doc.evidence(start),)
    picked = _pick_id(block)
    pid = None if picked is None else Fact(picked[0], (doc.evidence(start + picked[1]),))
    ptype = _party_type(name, block, party_id=picked[0] if picked else None)
    return Party(Fact(name, ev), pid, Fact(ptype, ev), picked[2] if picked else True)


_SALUTATION = re.compile(rf"^[ \t\u3000]*([{CJK}（）()·]{{2,40}})[ \t\u3000]*[:：][ \t\u3000]*$", re.M)
_NOT_NAME_END = ("时间", "地点", "意见", "日期", "事由", "情况", "如下", "记录", "人", "号", "码", "址", "电话")


def salutation(doc: DocText) -> tuple[str, int] | None:
    """The addressee a notice or decision opens with ("某某商贸有限公司：") when no label names it."""
    head_end = sum(len(line) + 1 for line in doc.text.split("\n")[:8])
    for m in _SALUTATION.finditer(doc.text, 0, head_end):
        name = m.group(1)
        if not name.endswith(_NOT_NAME_END):
            return name, m.start(1)
    return None


def _block_end(text: str, start: int) -> int:
    """Where the party's particulars end: the first body sentence after them (or 400 chars)."""
    limit = min(len(text), start + 400)
    m = re.compile(r"经查|违法事实|现查明|案件来源|检查情况|本机关|本局|我局|一、").search(
        text, start + 2, limit
    )
    return m.start() if m else limit


def has_words(doc: DocText, pattern: str) -> Fact[bool] | None:
    m = re.search(pattern, doc.text)
    return Fact(True, (doc.evidence(m.start(), m.end()),)) if m else None
