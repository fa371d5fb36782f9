"""Lay documents out on A4 pages once; the PDF writer draws the result, the DOCX writer follows its page split."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from tests.corpus.blocks import Block, Break, Doc, Hand, Letterhead, Para, Photo, Sign, Table, Title

FONT_FILE = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 72.0, 76.0
WIDTH = PAGE_W - LEFT - RIGHT


@dataclass
class Item:
    kind: str  # text | hand | rect | seal | photo | hline
    x: float
    y: float
    text: str = ""
    size: float = 11.0
    w: float = 0.0
    h: float = 0.0
    angle: float = 0.0


@dataclass
class Page:
    doc_index: int
    items: list[Item] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # what of the document this page holds (DOCX)
    scanned: bool = False  # drawn as a scanned image, without text layer


_FONT: pymupdf.Font | None = None


def font() -> pymupdf.Font:
    global _FONT
    if _FONT is None:
        # Droid Sans Fallback (MuPDF's built-in CJK face).  Not the vendored WQY MicroHei: text written with
        # it extracts some characters as CJK compatibility ideographs (不 → U+F967, 年 → U+F98E).
        _FONT = pymupdf.Font("cjk")
    return _FONT


_ADV: dict[str, float] = {}
_NO_LINE_START = set("，。；：、）》」』”’！？,.;:)%")  # 避头: never begin a line with these


def text_width(text: str, size: float) -> float:
    """Width of ``text`` at ``size`` pt (per-glyph advances, cached)."""
    f = font()
    total = 0.0
    for ch in text:
        adv = _ADV.get(ch)
        if adv is None:
            adv = _ADV[ch] = f.glyph_advance(ord(ch))
        total += adv
    return total * size


def wrap(text: str, size: float, width: float, *, first_indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (character by character, CJK style)."""
    lines: list[str] = []
    for part in text.split("\n"):
        cur = ""
        cur_w = 0.0
        avail = width - (first_indent if not lines else 0.0)
        for ch in part:
            w = text_width(ch, size)
            if cur_w + w > avail and cur and ch not in _NO_LINE_START:
                carry = _word_tail(cur) if ch.isascii() and ch.isalnum() else ""
                lines.append(cur[: len(cur) - len(carry)])
                cur, cur_w = carry, text_width(carry, size)
                avail = width
            cur += ch
            cur_w += w
        lines.append(cur)
    return lines


def _word_tail(line: str) -> str:
    """The run of ASCII letters/digits ending ``line`` (moved whole to the next line, as word processors do)."""
    k = len(line)
    while k > 0 and line[k - 1].isascii() and (line[k - 1].isalnum() or line[k - 1] in ".-/"):
        k -= 1
    tail = line[k:]
    return tail if len(tail) < len(line) and len(tail) <= 24 else ""


class Layout:
    """Flows the blocks of a list of documents onto pages."""

    def __init__(self, seed: int) -> None:
        self.pages: list[Page] = []
        self.rng = random.Random(seed)
        self.y = TOP
        self.doc_pages: list[list[int]] = []

    def new_page(self, doc_index: int) -> Page:
        self.pages.append(Page(doc_index))
        self.doc_pages[doc_index].append(len(self.pages))
        self.y = TOP
        return self.pages[-1]

    def run(self, docs: list[Doc]) -> list[Page]:
        for i, doc in enumerate(docs):
            self.doc_pages.append([])
            page = self.new_page(i)
            for block in doc.blocks:
                page = self.place(block, page, i)
            self.finish_doc(doc, i)
        return self.pages

    def finish_doc(self, doc: Doc, i: int) -> None:
        mine = [self.pages[n - 1] for n in self.doc_pages[i]]
        for k, pg in enumerate(mine, 1):
            pg.scanned = doc.scanned
            if doc.footer:
                text = doc.footer.format(k=k, n=len(mine))
                x = LEFT + (WIDTH - text_width(text, 9.0)) / 2
                pg.items.append(Item("text", x, PAGE_H - BOTTOM + 24, text, 9.0))
                pg.blocks.append(Para(text, align="center", indent=False, size=9.0))

    def fits(self, h: float) -> bool:
        return self.y + h <= PAGE_H - BOTTOM

    def place(self, block: Block, page: Page, i: int) -> Page:
        if isinstance(block, Break):
            return self.new_page(i)
        if isinstance(block, Table):
            return self.place_table(block, page, i)
        items, h = self.measure(block)
        if not self.fits(h) and page.blocks:
            page = self.new_page(i)
        for it in items:
            it.y += self.y
            page.items.append(it)
        page.blocks.append(block)
        self.y += h
        return page

    def measure(self, block: Block) -> tuple[list[Item], float]:
        if isinstance(block, Title):
            items, y = [], 6.0
            for line in block.lines:
                w = text_width(line, block.size)
                items.append(Item("text", LEFT + (WIDTH - w) / 2, y + block.size, line, block.size))
                y += block.size * 1.5
            return items, y + 10.0
        if isinstance(block, Para):
            return self.measure_para(block)
        if isinstance(block, Hand):
            lw = text_width(block.label, 11.0)
            dy = self.rng.uniform(-2.5, 1.5)
            return [Item("text", LEFT + 200 - lw if block.label else LEFT, 22.0, block.label, 11.0),
                    Item("hand", LEFT + 205 + self.rng.uniform(0, 20), 22.0 + dy, block.text, 13.0,
                         angle=self.rng.uniform(-2.0, 2.0))], 34.0
        if isinstance(block, Sign):
            return self.measure_sign(block)
        if isinstance(block, Letterhead):
            w = text_width(block.name, 22.0)
            return [Item("red", LEFT + (WIDTH - w) / 2, 26.0, block.name, 22.0),
                    Item("redline", LEFT, 40.0, w=WIDTH)], 52.0
        if isinstance(block, Photo):
            return [Item("photo", LEFT + 40, 8.0, w=WIDTH - 80, h=block.height),
                    Item("text", LEFT + 40, block.height + 26.0, block.caption, 10.0)], block.height + 40.0
        raise TypeError(block)

    def measure_para(self, block: Para) -> tuple[list[Item], float]:
        lh = block.size * 1.65
        indent = 2 * block.size if block.indent and block.align == "left" else 0.0
        lines = wrap(block.text, block.size, WIDTH, first_indent=indent)
        items = []
        for k, line in enumerate(lines):
            w = text_width(line, block.size)
            x = LEFT + (indent if k == 0 else 0.0)
            if block.align == "right":
                x = LEFT + WIDTH - w
            elif block.align == "center":
                x = LEFT + (WIDTH - w) / 2
            items.append(Item("text", x, k * lh + block.size + 2, line, block.size))
        return items, len(lines) * lh + 2

    def measure_sign(self, block: Sign) -> tuple[list[Item], float]:
        items = []
        top = 30.0 if block.over_text or not block.seal else 96.0
        y = top
        xs = []
        for line in block.lines:
            w = text_width(line, 12.0)
            x = LEFT + WIDTH - w - 20
            xs.append(x + w / 2)
            items.append(Item("text", x, y + 12, line, 12.0))
            y += 22.0
        if block.seal:
            r = 46.0
            cx = xs[0] + self.rng.uniform(-12, 12)
            cy = top + 18.0 if block.over_text else top - 46.0
            items.append(Item("seal", cx - r, cy - r + self.rng.uniform(-5, 5), block.seal, w=2 * r, h=2 * r,
                              angle=float(self.rng.choice(range(-20, 21, 4)))))
        return items, y + 16.0

    def place_table(self, block: Table, page: Page, i: int) -> Page:
        size = block.size
        lh = size * 1.45
        rows_here: list[list[str]] = []
        for row in block.rows:
            cells = [wrap(text, size, block.widths[k] * WIDTH - 8) for k, text in enumerate(row)]
            h = max(len(c) for c in cells) * lh + 8
            if not self.fits(h) and (rows_here or page.blocks):
                if rows_here:
                    page.blocks.append(Table(rows_here, block.widths, size))
                page = self.new_page(i)
                rows_here = []
            x = LEFT
            for k, lines in enumerate(cells):
                cw = block.widths[k] * WIDTH
                page.items.append(Item("rect", x, self.y, w=cw, h=h))
                for n, line in enumerate(lines):
                    page.items.append(Item("text", x + 4, self.y + 4 + size + n * lh, line, size))
                x += cw
            rows_here.append(row)
            self.y += h
        if rows_here:
            page.blocks.append(Table(rows_here, block.widths, size))
        self.y += 8
        return page
