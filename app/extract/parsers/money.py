"""Money amounts in yuan: 5,000.00元, ¥5000, 人民币伍仟元整, 壹万贰仟叁佰肆拾伍元陆角柒分, 3.2万元.

A number counts as money only with a marker: ¥/￥/人民币 in front or 元/圆/万元 after it.
An amount written twice in a row — 伍仟元（¥5000.00）, 5000元（大写：伍仟元整） — is one
match that spans both writings, provided the two values are equal.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scoring.parsing.match import Match
from scoring.parsing.normalize import strip_spaces, to_half_width
from scoring.parsing.numerals import BIG_UNITS, DIGITS, SMALL_UNITS, cn_to_int

_SP = r"[ \t\u3000]*"
_BR = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?"  # one line break allowed before the unit
_MAX_DIGITS = 20  # longer runs are no amount (and would overflow Decimal's 28-digit context)
_NOT_MONEY = "[旦件素宵器化论]"  # 元旦, 元件, 元素, 元宵, 元器件, 一元化, 二元论
_CAPITALS = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
_SCALE = {"亿": 100_000_000, "万": 10_000, "千": 1000, "仟": 1000, "百": 100, "佰": 100}
_CNUM = "".join(c for c in list(DIGITS) + list(SMALL_UNITS) + list(BIG_UNITS) if not c.isascii())
_NUM = r"[0-9](?:[ \u3000]?[0-9,，])*(?:[ \u3000]?\.[ \u3000]?[0-9]+(?:[ \u3000]?[0-9])*)?"
_NUM_OK = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PREFIX = rf"(?:(?P<cur>[¥￥]){_SP}|人民币{_SP}(?:[:：]{_SP})?[¥￥]?{_SP})"
_ARABIC = (
    rf"(?P<pre>{_PREFIX})?(?P<num>{_NUM})"
    rf"(?:{_BR}(?P<unit>[亿万千仟百佰]?[元圆]|万))?"
)
_CN = (
    rf"(?P<rmb>人民币{_SP}(?:[:：]{_SP})?)?(?<![{_CNUM}])(?P<cint>[{_CNUM}]{{1,24}}){_SP}[元圆]"
    rf"(?:{_SP}(?P<jiao>[{_CNUM}]){_SP}角)?(?:{_SP}[零〇]?{_SP}(?P<fen>[{_CNUM}]){_SP}分)?(?P<zheng>{_SP}[整正])?"
)
_PATTERN = re.compile(rf"(?<![0-9.,])(?<![0-9][ \u3000])(?:{_CN}|{_ARABIC})(?![0-9]|{_NOT_MONEY})")
_RETRY = re.compile(rf"(?:{_CN}|{_ARABIC})(?![0-9]|{_NOT_MONEY})")
_GAP = re.compile(rf"^{_SP}[（(\[【]?{_SP}(?:(?:大写|小写)(?:金额)?{_SP}[:：]?{_SP})?$")
_CLOSE = re.compile(rf"^{_SP}[）)\]】]")


def _cn_value(m: re.Match[str]) -> float | None:
    cint = m.group("cint")
    whole = cn_to_int(cint)
    if whole is None:
        return None
    if (
        len(cint) == 1
        and cint not in _CAPITALS
        and not any(m.group(g) for g in ("rmb", "jiao", "fen", "zheng"))
    ):
        return None  # 一元化, 三元牛奶: one plain numeral before 元 is rarely money in a dossier
    cents = whole * 100
    for name, scale in (("jiao", 10), ("fen", 1)):
        part = m.group(name)
        if part is not None:
            digit = cn_to_int(part)
            if digit is None or digit > 9:
                return None
            cents += digit * scale
    return cents / 100


def _arabic_value(m: re.Match[str]) -> float | None:
    unit = m.group("unit")
    if unit is None and m.group("pre") is None:
        return None  # a bare number is not money
    number = _number(m.group("num"))
    if number is None:
        return None
    if unit == "万" and m.group("pre") is None:
        return None  # 5万 alone may count people or items
    if unit is not None and unit[0] in _SCALE:
        number *= _SCALE[unit[0]]
    return float(round(number, 2))


def _number(raw: str) -> Decimal | None:
    """A printed number, tolerating OCR spaces: "5 0 0 0" (letter-spaced) or "5 000" (grouped)."""
    groups = raw.replace("，", ",").replace("\u3000", " ").replace(" .", ".").replace(". ", ".").split(" ")
    spaced = len(groups) > 1
    if spaced and not (
        all(len(g) == 1 or g.startswith(".") for g in groups)
        or (1 <= len(groups[0]) <= 3 and all(len(g.split(".")[0]) == 3 for g in groups[1:]))
    ):
        return None
    joined = "".join(groups)
    if len(joined) > _MAX_DIGITS or not _NUM_OK.fullmatch(joined):
        return None
    return Decimal(joined.replace(",", ""))


def _value(m: re.Match[str]) -> float | None:
    return _cn_value(m) if m.group("cint") is not None else _arabic_value(m)


_MAX_RETRIES = 4


def _retry(norm: str, m: re.Match[str]) -> tuple[int, int, float] | None:
    """A badly joined number ("共3，5000元", "编号12 5000元"): try again after one of the last
    few separators (only when a 元 follows: without a marker it is no money anyway)."""
    num = m.group("num")
    if num is None or m.group("unit") is None:
        return None
    base = m.start("num")
    cuts = [i for i, ch in enumerate(num) if ch in " \u3000,，"][: -_MAX_RETRIES - 1 : -1]
    for i in reversed(cuts):  # leftmost of the last few first: the longest amount that reads
        again = _RETRY.match(norm, base + i + 1, m.end())
        if again and again.end() == m.end() and (value := _value(again)) is not None:
            return again.start(), again.end(), value
    return None


def _raw_matches(norm: str) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for m in _PATTERN.finditer(norm):
        value = _value(m)
        if value is not None:
            out.append((m.start(), m.end(), value))
        elif (retried := _retry(norm, m)) is not None:
            out.append(retried)
    return out


def _merge_twins(norm: str, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    merged: list[tuple[int, int, float]] = []
    for start, end, value in found:
        if merged:
            p_start, p_end, p_value = merged[-1]
            if p_value == value and _GAP.match(norm[p_end:start]):
                close = _CLOSE.match(norm[end:])
                merged[-1] = (p_start, end + (close.end() if close else 0), value)
                continue
        merged.append((start, end, value))
    return merged


def find_amounts(text: str) -> list[Match[float]]:
    """Every money amount in ``text`` (yuan), in order; a doubled writing counts once."""
    norm = to_half_width(text)
    found = _merge_twins(norm, _raw_matches(norm))
    return [Match(v, s, e, text[s:e]) for s, e, v in found]


def parse_money(text: str) -> float | None:
    """The amount a whole string stands for, in yuan.

    Unlike :func:`find_amounts`, a bare number ("5000.00", from a cell labelled 罚款金额)
    is accepted here, because the caller already knows the string is money.
    """
    norm = to_half_width(text).strip().rstrip("。;；,，")
    bare = strip_spaces(norm).replace(",", "").replace("，", "")
    if len(bare) <= _MAX_DIGITS and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", bare):
        return float(round(Decimal(bare), 2))
    found = _merge_twins(norm, _raw_matches(norm))
    if len(found) == 1 and found[0][0] == 0 and norm[found[0][1] :].strip() in ("", "整", "正"):
        return found[0][2]
    return None
