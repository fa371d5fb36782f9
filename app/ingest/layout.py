"""Positioned words -> visual lines in reading order; wide gaps become a tab (table cell separator)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from app.ingest.types import Line

# A horizontal gap wider than this many character widths separates two cells ("\t").
TAB_GAP_CHARS = 2.0


class Word:
    """A run of text without whitespace (or one OCR box) and its box, in points."""

    __slots__ = ("char_width", "height", "text", "x0", "x1", "y0", "y1")

    def __init__(self, text: str, x0: float, y0: float, x1: float, y1: float) -> None:
        self.text, self.x0, self.y0, self.x1, self.y1 = text, x0, y0, x1, y1
        self.height = y1 - y0 if y1 - y0 > 0.01 else 0.01
        # Mean advance of one character, never below a third of the height (thin glyphs).
        advance = (x1 - x0) / (len(text) or 1)
        third = self.height / 3
        self.char_width = advance if advance > third else third

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.x0:.1f}, {self.y0:.1f}, {self.x1:.1f}, {self.y1:.1f})"


def _same_line(word: Word, top: float, bottom: float) -> bool:
    """True when the word overlaps the line band by at least half of the smaller height."""
    overlap = min(word.y1, bottom) - max(word.y0, top)
    return overlap >= 0.5 * min(word.height, bottom - top)


def _centre(word: Word) -> tuple[float, float]:
    return ((word.y0 + word.y1) / 2, word.x0)


def _left(word: Word) -> float:
    return word.x0


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Cluster words into visual lines (top to bottom), each sorted left to right.
    (The body is ``_same_line`` inlined: it runs for every word of every page.)"""
    lines: list[list[Word]] = []
    current: list[Word] = []
    top = bottom = 0.0
    for word in sorted(words, key=_centre):
        y0, y1 = word.y0, word.y1
        if current:
            band = bottom - top
            smaller = word.height if word.height < band else band
            if (y1 if y1 < bottom else bottom) - (y0 if y0 > top else top) >= 0.5 * smaller:
                current.append(word)
                if y0 < top:
                    top = y0
                if y1 > bottom:
                    bottom = y1
                continue
        current = [word]
        lines.append(current)
        top, bottom = y0, y1
    for line in lines:
        line.sort(key=_left)
    return lines


def join_words(words: Sequence[Word], *, spaced: bool = False) -> str:
    """Join the words of one line: a gap over TAB_GAP_CHARS char widths -> '\\t'. Otherwise a
    space when ``spaced`` (the words were whitespace-separated in the source), between Latin/digit
    neighbours, or when the gap is over 0.6 of a character; else nothing (CJK runs)."""
    parts = [words[0].text]
    for prev, word in pairwise(words):
        gap = word.x0 - prev.x1
        width = prev.char_width if prev.char_width > word.char_width else word.char_width
        if gap > TAB_GAP_CHARS * width:
            parts.append("\t")
        elif spaced or gap > 0.6 * width or (_latin(prev.text[-1]) and _latin(word.text[0])):
            parts.append(" ")
        parts.append(word.text)
    return "".join(parts)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def build_lines(words: Iterable[Word], *, spaced: bool = False) -> list[Line]:
    """Lines in reading order with their union boxes."""
    result: list[Line] = []
    for group in group_lines(w for w in words if w.text.strip()):
        box = (group[0].x0, min([w.y0 for w in group]), max([w.x1 for w in group]), max([w.y1 for w in group]))
        result.append(Line(join_words(group, spaced=spaced), box))
    return result


def meaningful_chars(text: str, *, limit: int | None = None) -> int:
    """Letters, digits and CJK ideographs; punctuation and whitespace do not count. With ``limit``,
    counting stops there (callers that only compare with a threshold need not read the whole page)."""
    if limit is None:
        return sum(1 for ch in text if ch.isalnum())
    count = 0
    for ch in text:
        if ch.isalnum():
            count += 1
            if count >= limit:
                break
    return count
