"""Case numbers (文号): 师市监处罚〔2024〕15号, 石综执罚[2023]第0012号, 交执罚字〔2024〕第3号.

Shape: an agency abbreviation, the year in brackets (〔〕 [] ［］ () （） 【】 — OCR mixes
them), an optional 第, the serial number and 号.  The value is the number as printed with
whitespace removed; :func:`case_number_key` gives a key for comparing two printings.
"""

from __future__ import annotations

import re

from app.extract.parsers.base import Match
from app.extract.parsers.normalize import strip_spaces, to_half_width, unify_cjk

_SP = r"[ \t\u3000]*"
_OPEN = "〔[［(（【〈<﹝{｛「"
_CLOSE = "〕]］)）】〉>﹞}｝」"
_CJK = r"\u4e00-\u9fff"
# The abbreviation: at least two units, each a CJK character (or a Latin letter, e.g. 沪浦A) or a
# bracketed part such as (奎) or （农药）.
_UNIT = rf"(?:[{_CJK}A-Za-z]|[（(]{_SP}[{_CJK}]{{1,6}}{_SP}[）)])"
_PREFIX = rf"(?:[{_CJK}]|[（(]{_SP}[{_CJK}]{{1,6}}{_SP}[）)])(?:{_SP}{_UNIT}){{1,19}}"
_YEAR = rf"(?:1{_SP}9|2{_SP}0){_SP}[0-9]{_SP}[0-9]"
_BR = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?"
_SERIAL = rf"(?:[第笫]{_SP})?[0-9](?:{_SP}[0-9])*(?:{_SP}[-—]{_SP}[0-9]+)?{_SP}[号號]"
_PATTERN = re.compile(
    rf"(?P<prefix>{_PREFIX}){_SP}[{re.escape(_OPEN)}]{_SP}(?P<year>{_YEAR}){_SP}[{re.escape(_CLOSE)}]{_BR}(?P<serial>{_SERIAL})"
)

# Words that end the running text before a number: the prefix starts after the last of them.
_LEAD_WORDS = (
    "根据", "依据", "按照", "依照", "作出", "出具", "下达", "送达", "制作", "签发", "印发", "参见",
    "文号", "编号", "案号", "字号", "决定书", "通知书", "告知书", "审批表", "回证", "笔录", "报告",
    "的", "了", "为", "是", "即", "经", "对", "于", "将", "及", "和", "与", "或", "在", "以", "见",
)  # fmt: skip
_LEAD = re.compile("|".join(sorted(_LEAD_WORDS, key=len, reverse=True)))


def _prefix_start(prefix: str) -> int:
    """Offset inside ``prefix`` where the abbreviation begins (after any lead-in words)."""
    start = 0
    for m in _LEAD.finditer(prefix):
        if m.end() < len(prefix):
            start = m.end()
    while start < len(prefix) and prefix[start].isspace():
        start += 1
    return start


# What every 文号 contains, found with a cheap scan first: most documents have no bracketed year, and
# the full pattern tries an abbreviation at every CJK character.
_OPEN_YEAR = re.compile(rf"[{re.escape(_OPEN)}]{_SP}(?:1{_SP}9|2{_SP}0)")


def find_case_numbers(text: str) -> list[Match[str]]:
    """Every 文号 in ``text``; value = the number as printed with all whitespace removed."""
    norm = to_half_width(text)
    out: list[Match[str]] = []
    if not _OPEN_YEAR.search(norm):
        return out
    for m in _PATTERN.finditer(norm):
        start = m.start() + _prefix_start(m.group("prefix"))
        raw = text[start : m.end()]
        out.append(Match(strip_spaces(unify_cjk(raw)), start, m.end(), raw))
    return out


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
