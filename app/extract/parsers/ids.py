"""统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999): find candidates, check digits.

Candidates are returned whether or not their check character is right (a wrong one is a
finding for the rules, not a reason to miss the number); ``is_valid_*`` tell the two apart.
OCR noise tolerated: full-width characters, lower case, one space between characters, and
O/I/Z/S read for 0/1/2/5 when the repaired number has a right check character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum.cn import ric, uscc

from scoring.parsing.match import Match
from scoring.parsing.normalize import strip_spaces, to_half_width

_GAP = r"[ \u3000]?"
# 18 alphanumerics, optionally letter-spaced, not glued to other alphanumerics.
_RUN = re.compile(rf"(?<![0-9A-Za-z])[0-9A-Za-z](?:{_GAP}[0-9A-Za-z]){{17}}(?![0-9A-Za-z])")
# Code charset has no I, O, S, V, Z.  Positions: registering body, kind, 6-digit area code, …
_USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
_ID_SHAPE = re.compile(
    r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]"
)


# Letters OCR reads for digits.  Neither kind of number uses I, O, S or Z (the credit code's
# alphabet leaves them out), so a run that only fits after this repair, with a right check
# character, is taken in its repaired form.
_OCR_DIGITS = str.maketrans("OIZS", "0125")


def _candidates(text: str, shape: re.Pattern[str], *, valid: Callable[[str], bool]) -> list[Match[str]]:
    norm = to_half_width(text)
    out: list[Match[str]] = []
    for m in _RUN.finditer(norm):
        code = strip_spaces(m.group()).upper()
        if not shape.fullmatch(code):
            repaired = code.translate(_OCR_DIGITS)
            if not (shape.fullmatch(repaired) and valid(repaired)):
                continue
            code = repaired
        out.append(Match(code, m.start(), m.end(), text[m.start() : m.end()]))
    return out


def is_valid_uscc(code: str) -> bool:
    """True when ``code`` is an 18-character 统一社会信用代码 with a correct check character.

    The check character is computed by ``stdnum.cn.uscc``; the shape is checked here because
    stdnum wants 8 leading digits, while GB 32100-2015 lets the registering body be a letter
    (N 农业, Y 其他 …).
    """
    s = strip_spaces(to_half_width(code)).upper()
    if not _USCC_SHAPE.fullmatch(s):
        return False
    try:
        return bool(uscc.calc_check_digit(s[:17]) == s[17])
    except Exception:  # stdnum raises on odd input in some versions; invalid either way
        return False


def is_valid_id_number(code: str) -> bool:
    """True when ``code`` is an 18-digit 公民身份号码 with a real birth date and check digit."""
    try:
        return bool(ric.is_valid(strip_spaces(to_half_width(code)).upper()))
    except Exception:
        return False


def find_uscc(text: str) -> list[Match[str]]:
    """18-character 统一社会信用代码 candidates (upper-cased, spaces removed).

    An all-digit run that is a valid 公民身份号码 but not a valid code is left to
    :func:`find_id_numbers`.
    """
    return [
        m
        for m in _candidates(text, _USCC_SHAPE, valid=is_valid_uscc)
        if is_valid_uscc(m.value) or not is_valid_id_number(m.value)
    ]


def find_id_numbers(text: str) -> list[Match[str]]:
    """18-character 公民身份号码 candidates (last character may be X).

    A run shaped like an ID number that is a valid 统一社会信用代码 but not a valid ID
    number is left to :func:`find_uscc`.
    """
    return [
        m
        for m in _candidates(text, _ID_SHAPE, valid=is_valid_id_number)
        if is_valid_id_number(m.value) or not is_valid_uscc(m.value)
    ]
