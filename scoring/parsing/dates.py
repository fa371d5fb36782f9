"""Dates as printed in dossiers: 2024年3月4日, 二〇二四年三月四日, 2024.3.4, 2024-03-04, 2024/3/4.

OCR noise is tolerated: full-width digits, spaces between characters, 〇/○/零/O/0 for zero
in a Chinese year.  A month and day without a year (3月4日) are not a date here.
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.parsing.match import Match
from scoring.parsing.normalize import CN_ZEROS, strip_spaces, to_half_width
from scoring.parsing.numerals import cn_to_int

MIN_YEAR = 1900
MAX_YEAR = 2199

_SP = r"[ \t\u3000]*"  # OCR spacing inside a date
_BR = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?"  # …and at most one line break between parts
_YCH = f"[0-9一二三四五六七八九{CN_ZEROS}]"
_YEAR = f"(?P<y>{_YCH}(?:{_SP}{_YCH}){{3}})"
_CN_MD = r"十[一二]?|[〇○零0]?[一二三四五六七八九]"
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?|[〇○零0]?[一二三四五六七八九]"
_AR = r"[0-9](?:" + _SP + r"[0-9])?"
_CN_DATE = f"{_YEAR}{_BR}年{_BR}(?P<m>{_AR}|{_CN_MD}){_BR}月{_BR}(?P<d>{_AR}|{_CN_DAY}){_BR}[日曰号號]"
_NUM_DATE = (
    r"(?P<y2>[0-9]{4})(?P<sep>[./\-])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2})(?![0-9]|[./\-][0-9])"
)
_PATTERN = re.compile(f"(?<![0-9A-Za-z.])(?:{_CN_DATE}|{_NUM_DATE})")
_ARABIC_FIX = str.maketrans({c: "0" for c in CN_ZEROS})


def _year(raw: str) -> int | None:
    s = strip_spaces(raw)
    if any(c.isdigit() for c in s) and not any(c in "一二三四五六七八九" for c in s):
        s = s.translate(_ARABIC_FIX)  # Arabic year with an O read for 0: 2O24
    return cn_to_int(s)


def _part(raw: str) -> int | None:
    s = strip_spaces(raw)
    return cn_to_int(s)


def _build(ymd: tuple[int | None, int | None, int | None]) -> dt.date | None:
    y, m, d = ymd
    if y is None or m is None or d is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None  # 2月30日, 13月


def _from_match(m: re.Match[str]) -> dt.date | None:
    if m.group("y") is not None:
        return _build((_year(m.group("y")), _part(m.group("m")), _part(m.group("d"))))
    return _build((int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))))


def find_dates(text: str) -> list[Match[dt.date]]:
    """Every well-formed, possible date in ``text``, in order (impossible ones are skipped)."""
    norm = to_half_width(text)
    out: list[Match[dt.date]] = []
    for m in _PATTERN.finditer(norm):
        value = _from_match(m)
        if value is not None:
            out.append(Match(value, m.start(), m.end(), text[m.start() : m.end()]))
    return out


def parse_date(text: str) -> dt.date | None:
    """The date a whole string stands for (surrounding spaces and a trailing 。 allowed), else None."""
    norm = to_half_width(text).strip().rstrip("。.,，;；")
    m = _PATTERN.fullmatch(norm)
    if m is None:
        return None
    return _from_match(m)
