"""Chinese and Arabic numerals → int: 三十四 → 34, 一百二十四 → 124, 二〇二四 → 2024, "１２４" → 124."""

from __future__ import annotations

from scoring.parsing.normalize import CN_ZEROS, strip_spaces, to_half_width

DIGITS: dict[str, int] = {
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
for _z in CN_ZEROS:
    DIGITS[_z] = 0
for _d in "0123456789":
    DIGITS[_d] = int(_d)

SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Every character a Chinese numeral may be written with (for building regexes).
NUMERAL_CHARS = "".join(sorted(set(DIGITS) | set(SMALL_UNITS) | set(BIG_UNITS)))
#: The same without Arabic digits and Latin O/o (safe to search for in running text).
CN_NUMERAL_CHARS = "".join(c for c in NUMERAL_CHARS if not c.isascii() and c not in "０１２３４５６７８９")


_SHORT_TENS = (("廿", "二十"), ("卅", "三十"), ("卌", "四十"))  # 廿三 = 23 in older dates
_MAX_LEN = 40  # no numeral in a dossier is longer; also keeps int() far from its digit limit


def cn_to_int(text: str) -> int | None:
    """The integer a numeral stands for, or None when ``text`` is not one numeral.

    Accepts Arabic digits (also full-width), Chinese numerals with units (三十四, 一百零五,
    壹万贰仟), the positional form without units (二〇二四, 一二四) and 两 for 2.
    """
    s = strip_spaces(to_half_width(text))
    if not s or len(s) > _MAX_LEN:
        return None
    for short, long in _SHORT_TENS:
        s = s.replace(short, long)
    if s.isascii():
        return int(s) if s.isdigit() else None
    if any(c not in DIGITS and c not in SMALL_UNITS and c not in BIG_UNITS for c in s):
        return None
    if not any(c in SMALL_UNITS or c in BIG_UNITS for c in s):
        return int("".join(str(DIGITS[c]) for c in s))
    return _with_units(s)


def _with_units(s: str) -> int | None:
    total = 0  # completed 亿/万 groups
    section = 0  # value below the current big unit
    digit: int | None = None  # pending digit not yet multiplied by a unit
    last_small = 10_000  # units inside a section must descend
    last_big = 10**12
    zero_seen = False
    for ch in s:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row without a unit (三四十)
            digit = DIGITS[ch]
            zero_seen = zero_seen or digit == 0
            continue
        if ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if digit is None:
                if unit != 10:
                    return None  # 百 / 千 need a digit in front
                digit = 1  # 十 = 一十
            elif digit == 0:
                return None  # 零十, 零百
            section += digit * unit
            digit, last_small, zero_seen = None, unit, False
            continue
        unit = BIG_UNITS[ch]
        if unit >= last_big:
            return None
        section += digit or 0
        if section == 0:
            return None
        total += section * unit
        section, digit, last_small, last_big, zero_seen = 0, None, 10_000, unit, False
    if digit:
        # 一百二 / 三千五 (colloquial: the last digit counts in the next lower unit)
        section += digit if zero_seen or last_small == 10_000 else digit * last_small // 10
    return total + section
