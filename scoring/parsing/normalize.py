"""Length-preserving clean-up of OCR and full-width noise, shared by the parsers.

Every function here keeps ``len(text)`` unchanged, so offsets found in the
normalised text are offsets in the original text too.
"""

from __future__ import annotations

import re
import unicodedata

_FULL = (
    "０１２３４５６７８９"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "．／－＿　"
)
_HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./-_ "


def _table() -> dict[int, str]:
    """Full-width ASCII, plus Kangxi radicals and CJK compatibility ideographs that PDF fonts
    emit for ordinary characters (⽉ for 月, ⼀ for 一) → the characters they stand for."""
    table: dict[int, str] = {ord(a): b for a, b in zip(_FULL, _HALF, strict=True)}
    for lo, hi in ((0x2E80, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20)):
        for cp in range(lo, hi):
            norm = unicodedata.normalize("NFKC", chr(cp))
            if len(norm) == 1 and norm != chr(cp):
                table[cp] = norm
    return table


def chars_of(table: dict[int, str]) -> re.Pattern[str]:
    """A character class of exactly the table's keys, as ranges. Text without any of them is returned
    as is: scanning with the class is ~15× cheaper than ``str.translate`` looking up every character."""
    spans: list[list[int]] = []
    for cp in sorted(table):
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    parts = (re.escape(chr(lo)) + ("" if lo == hi else "-" + re.escape(chr(hi))) for lo, hi in spans)
    return re.compile("[" + "".join(parts) + "]")


_HALF_TABLE = _table()
_CJK_TABLE = {cp: ch for cp, ch in _HALF_TABLE.items() if not 0xFF00 <= cp <= 0xFFEF and cp != 0x3000}
_HALF_CHARS = chars_of(_HALF_TABLE)
_CJK_CHARS = chars_of(_CJK_TABLE)

# Characters OCR and typists use for the digit zero inside Chinese numerals.
CN_ZEROS = "〇○零OoΟо0０◯"


def to_half_width(text: str) -> str:
    """Full-width digits, Latin letters, ．／－, the ideographic space → ASCII; Kangxi radicals and
    compatibility ideographs → unified ideographs.  Same length, character for character."""
    return text.translate(_HALF_TABLE) if _HALF_CHARS.search(text) else text


def strip_spaces(text: str) -> str:
    """Remove every kind of whitespace (OCR puts spaces between characters)."""
    return "".join(text.split())


def unify_cjk(text: str) -> str:
    """Only the Kangxi-radical / compatibility-ideograph part of :func:`to_half_width`."""
    return text.translate(_CJK_TABLE) if _CJK_CHARS.search(text) else text
