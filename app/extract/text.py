"""Text of one document (several pages) with offsets mapped back to pages, lines and boxes."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.ingest.types import Line, Page
from scoring.parsing.normalize import chars_of
from scoring.types import BASE_CONFIDENCE, Evidence, Fact, How

_SPACE = re.compile(r"[ \t\u3000\xa0]+")
CJK = r"\u4e00-\u9fff"


@functools.cache
def _compat_table() -> dict[int, str]:
    """CJK compatibility ideographs and Kangxi radicals → the unified ideographs they stand for.

    Some fonts' ToUnicode maps (e.g. WenQuanYi's 年 → U+F98E) and OCR give these look-alikes;
    parsers expect the unified characters.
    """
    ranges = ((0x2F00, 0x2FE0), (0x2E80, 0x2F00), (0xF900, 0xFB00), (0x2F800, 0x2FA20))
    table: dict[int, str] = {}
    for lo, hi in ranges:
        for cp in range(lo, hi):
            norm = unicodedata.normalize("NFKC", chr(cp))
            if norm != chr(cp) and len(norm) == 1:
                table[cp] = norm
    return table


@functools.cache
def _compat_chars() -> re.Pattern[str]:
    return chars_of(_compat_table())


def normalize_text(text: str) -> str:
    return text.translate(_compat_table()) if _compat_chars().search(text) else text


def normalize_page(page: Page) -> Page:
    """The page with look-alike ideographs unified in its text and lines."""
    text = normalize_text(page.text)
    if text == page.text:
        return page
    lines = tuple(replace(ln, text=normalize_text(ln.text)) for ln in page.lines)
    return replace(page, text=text, lines=lines)


_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def squeeze(text: str) -> str:
    """Text with all whitespace removed (Chinese text carries no meaningful spaces). Cached: evidence
    look-ups squeeze every line of a page again for each value found on it."""
    return _WHITESPACE.sub("", text)


@functools.lru_cache(maxsize=1024)
def label_pattern(*labels: str) -> str:
    """A regex alternative of labels tolerant of spaces between characters ("当 事 人")."""
    alts = sorted(labels, key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(ch) for ch in lab) for lab in alts) + ")"


_HOW_REASON = {
    How.LABEL: "标签后的值", How.POSITION: "文书格式中的位置（标题下、落款）", How.SENTENCE: "正文语句中写明",
    How.INFERENCE: "推断（无标签、无格式位置可依）", How.NOT_FOUND: "未找到",
}  # fmt: skip
OCR_DEFAULT = 0.85  # an OCR page whose reader gave no mean confidence


def reading(page: Page) -> tuple[float, str]:
    """How far the page's text can be trusted (1.0 for a text layer) and a note saying why."""
    if not page.ocr:
        return 1.0, ""
    conf = page.confidence if page.confidence is not None else OCR_DEFAULT
    return conf, f"；第{page.number}页为 OCR 识别（置信度 {conf:.2f}）"


@dataclass(frozen=True, slots=True)
class DocText:
    """The joined text of some pages; offsets map back to 1-based page numbers and lines."""

    pages: tuple[Page, ...]
    text: str
    starts: tuple[int, ...]  # offset in `text` where each page starts
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # readings made once

    @classmethod
    def of(cls, pages: Sequence[Page]) -> DocText:
        starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for page in pages:
            starts.append(pos)
            parts.append(page.text)
            pos += len(page.text) + 1
        return cls(tuple(pages), "\n".join(parts), tuple(starts))

    def page_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def page_number(self, offset: int) -> int:
        return self.pages[self.page_index(offset)].number if self.pages else 1

    def line_at(self, offset: int) -> tuple[str, Line | None]:
        """The printed line holding `offset`, and its `Line` (with box) when the reader gave one."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        line_text = self.text[start : end if end >= 0 else len(self.text)]
        page = self.pages[self.page_index(offset)] if self.pages else None
        return line_text.strip(), _find_line(page, line_text) if page else None

    def evidence(self, start: int, end: int | None = None, *, confidence: float | None = None) -> Evidence:
        """Evidence for the span: its page, the words of its line, and the line's box."""
        words, line = self.line_at(start)
        if end is not None and end > start:
            span = self.text[start:end].strip()
            if span and len(words) > 80:
                words = span
        words = _SPACE.sub(" ", words).strip()
        return Evidence(self.page_number(start), words, line.box if line else None, confidence)

    def fact(self, value: Any, start: int, end: int | None = None, *, how: How = How.LABEL,
             reason: str = "") -> Fact[Any]:
        """The value as a Fact: evidence at `start`, confidence from how it was found and the page's OCR."""
        factor, note = reading(self.pages[self.page_index(start)]) if self.pages else (1.0, "")
        conf = BASE_CONFIDENCE[how] if factor == 1.0 else round(BASE_CONFIDENCE[how] * factor, 3)
        evidence = self.evidence(start, end, confidence=conf)
        return Fact(value, (evidence,), conf, how, (reason or _HOW_REASON[how]) + note)

    def rest_of_line(self, offset: int, *, max_lines: int = 3) -> str:
        """Text from `offset` to the end of its line, plus the lines it wraps onto (see `_wraps`)."""
        end = self.text.find("\n", offset)
        if end < 0:
            return self.text[offset:]
        out = self.text[offset:end]
        page = self.pages[self.page_index(offset)]
        line_no = self.text.count("\n", self.starts[self.page_index(offset)], offset)
        for _ in range(max_lines - 1):
            nxt_end = self.text.find("\n", end + 1)
            nxt = self.text[end + 1 : nxt_end if nxt_end >= 0 else len(self.text)]
            if self.page_index(end + 1) != self.page_index(offset) or not _wraps(page, line_no, current=out, nxt=nxt):
                break
            out += nxt
            line_no += 1
            if nxt_end < 0:
                break
            end = nxt_end
        return out

    def page_texts(self) -> Iterator[tuple[int, str]]:
        for i, page in enumerate(self.pages):
            yield self.starts[i], page.text


_ASIDE = re.compile(r"[（(]\s*(?:以下简称|下称|简称)[^（）()]{0,30}[）)]")
_INNER_SPACE = re.compile(rf"(?<=[{CJK}])[ \u3000\xa0]+(?=[{CJK}])")  # "违 反 了" in justified PDF lines


@dataclass(frozen=True, slots=True)
class Flow:
    """A document's prose with line wraps, spaces between Chinese characters and "（以下简称…）" asides
    removed, for sentence parsing.

    PDF lines wrap inside sentences ("第三十\n九条"); parsers need the sentence whole. `origin`
    maps each character back to its offset in the document text, so evidence still points at lines.
    """

    doc: DocText
    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, doc: DocText) -> Flow:
        """The document's flow, made once per document."""
        made = doc.memo.get("flow")
        if made is None:
            made = doc.memo["flow"] = cls._make(doc)
        return made

    @classmethod
    def _make(cls, doc: DocText) -> Flow:
        keep = [True] * len(doc.text)
        for m in _ASIDE.finditer(doc.text.replace("\n", "\x00")):
            for i in range(m.start(), m.end()):
                keep[i] = False
        for m in _INNER_SPACE.finditer(doc.text):
            for i in range(m.start(), m.end()):
                keep[i] = False
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(doc.text):
            if keep[i] and ch != "\n":
                chars.append(ch)
                origin.append(i)
        return cls(doc, "".join(chars), tuple(origin))

    def position(self, doc_offset: int) -> int:
        """The flow offset of a document offset (the first kept character at or after it)."""
        return bisect.bisect_left(self.origin, doc_offset)

    def at(self, offset: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(max(offset, 0), len(self.origin) - 1)]

    def evidence(self, start: int, end: int | None = None) -> Evidence:
        return self.doc.evidence(self.at(start), None if end is None else self.at(max(start, end - 1)) + 1)

    def fact(self, value: Any, start: int, end: int | None = None, *, how: How = How.SENTENCE,
             reason: str = "") -> Fact[Any]:
        mapped_end = None if end is None else self.at(max(start, end - 1)) + 1
        return self.doc.fact(value, self.at(start), mapped_end, how=how, reason=reason)


def _find_line(page: Page, line_text: str) -> Line | None:
    key = squeeze(line_text)
    if not key:
        return None
    for line in page.lines:
        if squeeze(line.text) == key:
            return line
    for line in page.lines:
        probe = squeeze(line.text)
        if probe and (probe in key or key in probe):
            return line
    return None


_DATE_LINE = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九O]{4})\s*[年.\-/]\s*\S{1,3}\s*[月.\-/]\s*\S{1,3}\s*日?\s*$"
)
_LABEL_START = re.compile(rf"^\s*[{CJK}]{{1,10}}\s*[:：]")


def _wraps(page: Page, line_no: int, *, current: str, nxt: str) -> bool:
    """Whether `nxt` continues the value of line `line_no` (a wrapped cell or sentence)."""
    if not nxt.strip() or "\t" in nxt or len(nxt) > 60 or _DATE_LINE.match(nxt):
        return False  # a date standing on its own line (a signature date) starts nothing it continues
    if current.count("（") + current.count("(") > current.count("）") + current.count(")"):
        return True  # inside an open bracket
    if nxt.lstrip().startswith(("）", ")", "、")) or current.rstrip().endswith(("、", "，", ",")):
        return True  # a list goes on
    if _LABEL_START.match(nxt):
        return False
    lines = page.lines
    if len(lines) <= line_no + 1:
        return False
    cur_box, nxt_box = lines[line_no].box, lines[line_no + 1].box
    if cur_box is None or nxt_box is None:
        return False
    right = max(ln.box[2] for ln in lines if ln.box is not None)
    if cur_box[2] < right - 15:
        return False  # the line stops short of the right edge: it was not wrapped
    indented = nxt_box[0] >= cur_box[0] + 24  # continues a table cell's column
    return indented or nxt_box[0] <= cur_box[0] + 5  # or the paragraph's margin


def first_value(doc: DocText, labels: Sequence[str], *, start: int = 0) -> tuple[str, int] | None:
    """The value printed after a label ("当事人：X", a table cell "当事人\tX"), with its offset."""
    pattern = re.compile(label_pattern(*labels) + r"[ \u3000]*(?:[:：]|\t)[ \t\u3000]*([^\n\t]*)")
    for m in pattern.finditer(doc.text, start):
        value = doc.rest_of_line(m.start(1)).split("\t")[0].strip()
        if value:
            return value, m.start(1)
    return None


def cut_value(value: str) -> str:
    """A name-like value cut at the first separator (comma, semicolon, two spaces)."""
    value = re.split(r"[，,;；。]|\s{2,}", value.strip(), maxsplit=1)[0]
    return value.strip()
