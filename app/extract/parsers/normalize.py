"""Length-preserving clean-up of OCR and full-width noise, shared by the parsers.

Every function here keeps ``len(text)`` unchanged, so offsets found in the
normalised text are offsets in the original text too.
"""

from __future__ import annotations

_FULL = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ．／－＿　"
_HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./-_ "
_HALF_TABLE = str.maketrans(_FULL, _HALF)

# Characters OCR and typists use for the digit zero inside Chinese numerals.
CN_ZEROS = "〇○零OoΟо0０◯"


def to_half_width(text: str) -> str:
    """Full-width digits, Latin letters, ．／－ and the ideographic space → ASCII (same length)."""
    return text.translate(_HALF_TABLE)


def strip_spaces(text: str) -> str:
    """Remove every kind of whitespace (OCR puts spaces between characters)."""
    return "".join(text.split())
