"""PDF from report blocks with pymupdf.Story: A4, embedded subset TrueType CJK font, repeated
table headers, and "第 N 页 共 M 页" footers added after layout."""

from __future__ import annotations

import functools
import html
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources as ir
from pathlib import Path
from typing import Any

import pymupdf

from app.reports.blocks import Block, Html, Table, cell_points, header_html, row_html
from app.reports.tounicode import fix_text_layer

FONT_FILE = "wqy-microhei.ttc"
A4 = pymupdf.paper_rect("a4")
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56.0, 56.0, 64.0
GAP = 6.0
CELL_FONT_SIZE = 9.0  # th, td in CSS below
HUGE = 100000.0

CSS = f"""
@font-face {{font-family: cjk; src: url({FONT_FILE});}}
* {{font-family: cjk; font-size: 10.5pt; line-height: 1.45;}}
body {{margin: 0;}}
h1 {{font-size: 18pt; text-align: center; margin: 4pt 0 8pt 0;}}
h2 {{font-size: 13pt; margin: 8pt 0 4pt 0;}}
h3 {{font-size: 11pt; margin: 6pt 0 3pt 0;}}
p {{margin: 2pt 0;}}
.center {{text-align: center;}}
.right {{text-align: right;}}
.small, .small * {{font-size: 9pt;}}
.serial {{text-align: center; font-size: 10.5pt;}}
.red {{color: #b00000;}}
table {{border-collapse: collapse; width: 100%;}}
th, td {{border: 0.6pt solid #333; padding: 2pt 3pt; vertical-align: top; font-size: 9pt;}}
th {{background-color: #e6e6e6;}}
tr.ded td {{background-color: #fff1f0;}}
tr.sum td {{background-color: #f2f2f2;}}
img {{width: 100%;}}
"""


def font_path() -> Path:
    """The vendored WenQuanYi Micro Hei (TrueType; extracts back to the same characters)."""
    with ir.as_file(ir.files("resources") / "fonts" / FONT_FILE) as p:
        return Path(p)


@dataclass(frozen=True, slots=True)
class Margins:
    """Page margins in points (the official-document layout passes its own: ``app.reports.gongwen_pdf``)."""

    top: float = MARGIN_TOP
    bottom: float = MARGIN_BOTTOM
    left: float = MARGIN_X
    right: float = MARGIN_X


@dataclass
class _Page:
    writer: Any
    size: pymupdf.Rect
    margins: Margins = Margins()
    device: Any = None
    y: float = MARGIN_TOP
    count: int = 0

    @property
    def bottom(self) -> float:
        return float(self.size.height) - self.margins.bottom

    @property
    def width(self) -> float:
        return float(self.size.width) - self.margins.left - self.margins.right

    @property
    def fresh(self) -> bool:
        return self.y <= self.margins.top + 0.1

    def new(self) -> None:
        if self.device is not None:
            self.writer.end_page()
        self.device = self.writer.begin_page(self.size)
        self.y = self.margins.top
        self.count += 1

    def rect(self, height: float | None = None) -> pymupdf.Rect:
        y1 = self.bottom if height is None else self.y + height
        return pymupdf.Rect(self.margins.left, self.y, self.margins.left + self.width, y1)


class _Layout:
    """Places blocks one after the other; a block that does not fit starts a new page."""

    def __init__(self, writer: Any, archive: pymupdf.Archive, css: str, size: pymupdf.Rect,
                 margins: Margins = Margins()) -> None:
        self.page = _Page(writer, size, margins)
        self.archive = archive
        self.css = css
        self.page.new()

    def story(self, html: str) -> pymupdf.Story:
        return pymupdf.Story(html=html, user_css=self.css, archive=self.archive)

    def height(self, html: str) -> float:
        _, filled = self.story(html).place(pymupdf.Rect(0, 0, self.page.width, HUGE))
        return float(filled[3] - filled[1])

    def flow(self, html: str, *, page_break: bool = False) -> None:
        if page_break and not self.page.fresh:
            self.page.new()
        story = self.story(html)
        more, filled = story.place(self.page.rect())
        if more and not self.page.fresh:
            self.page.new()
            story = self.story(html)
            more, filled = story.place(self.page.rect())
        story.draw(self.page.device)
        while more:
            self.page.new()
            more, filled = story.place(self.page.rect())
            story.draw(self.page.device)
        self.page.y = float(filled[3]) + GAP

    def table(self, t: Table) -> None:
        if t.page_break_before and not self.page.fresh:
            self.page.new()
        cw = self.page.width
        head = header_html(t, cw)
        head_h = self.height(f"<table>{head}</table>")
        # Row heights are estimated from the font's advance widths (one Story per row would cost ~6 ms
        # each); two calibration rows give the height of one line and of each further line. A chunk
        # that still overflows is shortened when it is placed.
        one = Table(t.header, (("x",) * len(t.widths),), t.widths)
        two = Table(t.header, (("x<br/>x",) * len(t.widths),), t.widths, escaped=True)
        row1 = self.height(f"<table>{head}{row_html(one, 0, cw)}</table>") - head_h
        line = self.height(f"<table>{head}{row_html(two, 0, cw)}</table>") - head_h - row1
        heights = [row1 + line * (_row_lines(t, i, cw) - 1) for i in range(len(t.rows))]
        start = 0
        while start < len(t.rows):
            start = self._table_chunk(t, head, head_h, heights, start)

    def _table_chunk(self, t: Table, head: str, head_h: float, heights: Sequence[float], start: int) -> int:
        room = self.page.bottom - self.page.y - head_h
        end, used = start, 0.0
        while end < len(t.rows) and used + heights[end] + 0.5 <= room:
            used += heights[end] + 0.5
            end += 1
        if end == start:
            if not self.page.fresh:
                self.page.new()
                return start
            end = start + 1  # a single row taller than a page: let it flow
        story, more, filled, end = self._fit(t, head, start, end)
        story.draw(self.page.device)
        while more:
            self.page.new()
            more, filled = story.place(self.page.rect())
            story.draw(self.page.device)
        self.page.y = float(filled[3]) + GAP
        if end < len(t.rows):
            self.page.new()
        return end

    def _fit(self, t: Table, head: str, start: int, end: int) -> tuple[pymupdf.Story, bool, Any, int]:
        """Place rows start..end; shorten while they overflow, lengthen while one more row still fits."""
        def place(stop: int) -> tuple[pymupdf.Story, bool, Any]:
            rows = "".join(row_html(t, i, self.page.width) for i in range(start, stop))
            story = self.story(f"<table>{head}{rows}</table>")
            more, filled = story.place(self.page.rect())
            return story, bool(more), filled

        story, more, filled = place(end)
        while more and end > start + 1:
            end -= 1
            story, more, filled = place(end)
        for _ in range(4):
            if more or end >= len(t.rows):
                break
            bigger = place(end + 1)
            if bigger[1]:
                break
            end += 1
            story, more, filled = bigger
        return story, more, filled, end

    def close(self) -> None:
        self.page.writer.end_page()
        self.page.writer.close()


def _row_lines(t: Table, index: int, content_width: float) -> int:
    """How many lines the tallest cell of a row wraps into (CJK breaks between any two characters)."""
    lines = 1
    for text, width in zip(t.rows[index], t.widths, strict=True):
        plain = html.unescape(re.sub(r"<[^>]+>", "", text)) if t.escaped else text
        if plain:
            advance = _font().text_length(plain, fontsize=CELL_FONT_SIZE)
            lines = max(lines, math.ceil(advance / max(1.0, cell_points(width, content_width) - 1.0) - 1e-6))
    return lines


@functools.lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    return font_path().read_bytes()


@functools.lru_cache(maxsize=1)
def _font() -> pymupdf.Font:
    return pymupdf.Font(fontbuffer=_font_bytes())


def _footers(doc: pymupdf.Document, *, footer: str, size: pymupdf.Rect) -> None:
    """"第 N 页 共 M 页" centred at the foot of every page (known only after layout)."""
    font = _font()
    total = doc.page_count
    for number in range(1, total + 1):
        page = doc[number - 1]
        page.wrap_contents()  # the Story content leaves a flipped CTM behind; isolate it in q/Q
        text = f"第 {number} 页 共 {total} 页"
        writer = pymupdf.TextWriter(page.rect)
        x = (size.width - font.text_length(text, fontsize=9.0)) / 2
        writer.append((x, size.height - 30), text, font=font, fontsize=9.0)
        if footer:
            writer.append((MARGIN_X, size.height - 30), footer, font=font, fontsize=7.5)
        writer.write_text(page, color=(0.25, 0.25, 0.25))


def render_pdf(
    blocks: Sequence[Block],
    *,
    title: str,
    images: Mapping[str, bytes] | None = None,
    footer: str = "",
    css: str = CSS,
    landscape: bool = False,
) -> bytes:
    """Lay out the blocks on A4 pages and return the finished PDF (fonts embedded and subset)."""
    archive = pymupdf.Archive(str(font_path().parent))
    for name, png in (images or {}).items():
        archive.add((png, name))

    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    size = pymupdf.paper_rect("a4-l") if landscape else A4
    layout = _Layout(writer, archive, css, size)
    for block in blocks:
        if isinstance(block, Html):
            layout.flow(block.html, page_break=block.page_break_before)
        else:
            layout.table(block)
    layout.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    _footers(doc, footer=footer, size=size)
    doc.set_metadata({"title": title, "creator": "案卷评查工作站 casereview", "producer": "PyMuPDF"})
    doc.subset_fonts()
    fix_text_layer(doc)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
