"""Case numbers (文号): 师市监处罚〔2024〕15号, 石综执罚[2023]第0012号, 交执罚字〔2024〕第3号.

Shape (GB/T 9704 发文字号: 机关代字, 年份, 发文顺序号): an agency abbreviation, the year in brackets
(〔〕 [] ［］ () （） 【】 — OCR mixes them), then the serial: an optional 第, an optional series code
(k-39, 事故-5), the number (15, 15-2), an optional bracketed note (092（非）) and 号. A line may wrap
anywhere between these parts. The value is the number as printed with whitespace removed;
:func:`case_number_key` gives a key for comparing two printings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.parsing.match import Match
from scoring.parsing.normalize import strip_spaces, to_half_width, unify_cjk

_SP = r"[ \t\u3000]*"
_OPEN = "〔[［(（【〈<﹝{｛「"
_CLOSE = "〕]］)）】〉>﹞}｝」"
_CJK = r"\u4e00-\u9fff"
# The abbreviation: at least two units, each a CJK character (or a Latin letter, e.g. 沪浦A) or a
# bracketed part such as (奎) or （农药）.
_UNIT = rf"(?:[{_CJK}A-Za-z]|[（(]{_SP}[{_CJK}]{{1,6}}{_SP}[）)])"
_BR = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?"  # spacing with at most one line wrap
# The first character may carry a region's code (豫0927环罚决字: 豫 and the county's code 410927).
_PREFIX = rf"(?:[{_CJK}](?:[0-9]{{2,6}}(?=[{_CJK}]))?|[（(]{_SP}[{_CJK}]{{1,6}}{_SP}[）)])(?:{_BR}{_UNIT}){{1,19}}"
_YEAR = rf"(?:1{_SP}9|2{_SP}0){_SP}[0-9]{_SP}[0-9]"  # (a wrap inside the year is left out: "20\n24")
_DASH = "-—－‐"
_CODE = rf"(?:[A-Za-z]{{1,4}}|[{_CJK}]{{1,6}}){_SP}(?:[{_DASH}]{_SP})?"  # a series code: k-39, 事故-5
_NOTE = rf"[（(]{_SP}[{_CJK}]{{1,3}}{_SP}[）)]"  # 092（非）号
_SERIAL = (
    rf"(?:[第笫]{_SP})?(?:{_CODE})?[0-9](?:{_BR}[0-9])*(?:{_SP}[{_DASH}]{_SP}[0-9]+)?(?:{_SP}{_NOTE})?{_BR}[号號]"
)
_PATTERN = re.compile(
    rf"(?P<prefix>{_PREFIX}){_BR}[{re.escape(_OPEN)}]{_BR}(?P<year>{_YEAR}){_BR}[{re.escape(_CLOSE)}]{_BR}(?P<serial>{_SERIAL})"
)

# Words that end the running text before a number: the prefix starts after the last of them.
_LEAD_WORDS = (
    "根据", "依据", "按照", "依照", "作出", "出具", "下达", "送达", "制作", "签发", "印发", "参见",
    "文号", "编号", "案号", "字号", "决定书", "通知书", "告知书", "审批表", "回证", "笔录", "报告", "文书", "名称",
    "的", "了", "为", "是", "即", "经", "对", "于", "将", "及", "和", "与", "或", "在", "以", "见",
)  # fmt: skip
# A title printed with spaces between its characters (行 政 处 罚 决 定 书  某罚〔2025〕1号) still leads.
_LEAD = re.compile("|".join(f"{_SP}".join(w) for w in sorted(_LEAD_WORDS, key=len, reverse=True)))


def _prefix_start(prefix: str) -> int:
    """Offset inside ``prefix`` where the abbreviation begins: after any lead-in words, and after a
    label glued onto it (行政处罚决定文书号沪市监处…: an abbreviation never holds 号)."""
    start = max(prefix.rfind("号"), prefix.rfind("號")) + 1
    for m in _LEAD.finditer(prefix, start):
        if m.end() < len(prefix):
            start = m.end()
    while start < len(prefix) and prefix[start].isspace():
        start += 1
    return start


# What every 文号 contains, found with a cheap scan first: most documents have no bracketed year, and
# the full pattern tries an abbreviation at every CJK character.
_OPEN_YEAR = re.compile(rf"[{re.escape(_OPEN)}]{_BR}(?:1{_SP}9|2{_SP}0)")


_WRAP_TAIL = 8  # at most this much of an abbreviation stands at the end of the line before a wrap


def _unwrapped(norm: str, start: int, prefix_end: int) -> int:
    """Where an abbreviation broken over lines begins. One wrap is kept when the abbreviation's first
    part is short and follows a label or a lead-in word on its line (文号：石市监⏎罚〔…, 依据石市监⏎罚〔…);
    otherwise the line before is a title, an organ's name or a label of its own."""
    last = norm.rfind("\n", start, prefix_end)
    if last < 0:
        return start
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[line_start:start].rstrip(" \t\u3000")
    introduced = bool(before) and (not "\u4e00" <= before[-1] <= "\u9fff" or _LEAD.search(before[-4:]) is not None)
    one_wrap = norm.find("\n", start, prefix_end) == last
    if one_wrap and introduced and len(norm[start:last].strip()) <= _WRAP_TAIL:
        return start
    start = last + 1
    while start < prefix_end and norm[start] in " \t\u3000":
        start += 1
    return start


def find_case_numbers(text: str) -> list[Match[str]]:
    """Every 文号 in ``text``; value = the number as printed with all whitespace removed."""
    norm = to_half_width(text)
    out: list[Match[str]] = []
    if not _OPEN_YEAR.search(norm):
        return out
    for m in _near_years(norm):
        start = _unwrapped(norm, m.start() + _prefix_start(m.group("prefix")), m.end("prefix"))
        raw = text[start : m.end()]
        out.append(Match(strip_spaces(unify_cjk(raw)), start, m.end(), raw))
    return out


_REACH = 100  # a match starts at most this far before its bracketed year (20 units with spacing and a wrap)
_TAIL = 60  # … and ends at most this far after it


def _near_years(norm: str) -> Iterator[re.Match[str]]:
    """_PATTERN.finditer(norm), trying the pattern only around each bracketed year: the same matches
    (none can start farther than _REACH before its year), without an attempt at every character."""
    pos = 0
    for year in _OPEN_YEAR.finditer(norm):
        if year.start() < pos:
            continue
        m = _PATTERN.search(norm, max(pos, year.start() - _REACH), year.start() + _TAIL)
        if m is not None:
            yield m
            pos = m.end()


_KEY_OPEN = re.compile(f"[{re.escape(_OPEN)}]")
_KEY_CLOSE = re.compile(f"[{re.escape(_CLOSE)}]")
_KEY_SERIAL = re.compile(r"〕[第笫]?0*([0-9])")


def case_number_key(number: str) -> str:
    """Comparison key: no whitespace, ASCII digits, brackets → 〔〕, 第 and leading zeros dropped.

    ``case_number_key("石综执罚[2023]第0012号") == case_number_key("石综执罚〔2023〕12号")``.
    """
    s = strip_spaces(to_half_width(number)).replace("—", "-")
    s = _KEY_CLOSE.sub("〕", _KEY_OPEN.sub("〔", s))
    return _KEY_SERIAL.sub(r"〕\1", s).replace("號", "号")
