"""Blocks, documents and pages: one layout, rendered the same way as PDF, DOCX and scan."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 70.0, 64.0, 78.0
USABLE_W = PAGE_W - 2 * MARGIN_X
USABLE_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LINE = 1.55


@dataclass
class Block:
    kind: str = "p"                 # p | table | seal | photo | gap | rule
    text: str = ""
    align: str = "left"             # left | center | right
    size: float = 12.0
    bold: bool = False
    indent: bool = False
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    height: float = 0.0             # gap / photo height
    keep: bool = False              # keep with next block (titles)


@dataclass
class Doc:
    type: str                       # the extraction contract's document type
    title: str
    blocks: list[Block]
    numbered: bool = True           # gets a 卷内页码 (cover, toc, 备考表 do not)
    page_footer: str = ""           # per-page text with {n} {total}, e.g. 询问笔录 signature lines
    header: str = ""
    docno: str = ""                 # 文号 for the 卷内目录
    date: str = ""                  # date for the 卷内目录
    author: str = ""                # 责任者 for the 卷内目录
    pages: list[list[Block]] = field(default_factory=list)


def p(text: str, **kw: object) -> Block:
    return Block("p", text, **kw)  # type: ignore[arg-type]


def title(text: str, size: float = 18.0) -> Block:
    return Block("p", text, align="center", size=size, bold=True, keep=True)


def table(rows: list[list[str]], widths: list[float] | None = None, size: float = 11.0) -> Block:
    cols = max(len(r) for r in rows)
    return Block("table", rows=[r + [""] * (cols - len(r)) for r in rows], widths=widths or [1.0] * cols, size=size)


def gap(height: float = 10.0) -> Block:
    return Block("gap", height=height)


def seal() -> Block:
    return Block("seal", height=0.0)


def photo(caption: str, height: float = 190.0) -> Block:
    return Block("photo", caption, height=height)


def text_width(text: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text)


def para_lines(text: str, size: float, width: float, indent: bool = False) -> int:
    total = 0
    for part in text.split("\n"):
        w = text_width(part, size) + (2 * size if indent else 0)
        total += max(1, math.ceil(w / width))
    return total


def block_height(b: Block) -> float:
    if b.kind == "p":
        return para_lines(b.text, b.size, USABLE_W, b.indent) * b.size * LINE + 2
    if b.kind == "table":
        return sum(row_height(b, r) for r in b.rows) + 4
    if b.kind == "photo":
        return b.height + 24
    return b.height


def col_widths(b: Block) -> list[float]:
    tot = sum(b.widths)
    return [USABLE_W * w / tot for w in b.widths]


def row_height(b: Block, row: list[str]) -> float:
    widths = col_widths(b)
    lines = max(para_lines(cell or " ", b.size, max(w - 8, 20)) for cell, w in zip(row, widths, strict=True))
    return lines * b.size * LINE + 8


def paginate(doc: Doc, reserve: float = 0.0) -> list[list[Block]]:
    """Split a document's blocks into pages; explicit 'break' gaps force a new page."""
    limit = USABLE_H - reserve - (30 if doc.page_footer else 0)
    pages: list[list[Block]] = [[]]
    used = 0.0
    for i, b in enumerate(doc.blocks):
        if b.kind == "gap" and b.text == "break":
            if pages[-1]:
                pages.append([])
                used = 0.0
            continue
        h = block_height(b)
        nxt = doc.blocks[i + 1] if b.keep and i + 1 < len(doc.blocks) else None
        need = h + (block_height(nxt) if nxt is not None else 0)
        if b.kind == "table" and used + h > limit and len(b.rows) > 2:
            head, rest = split_table(b, limit - used)
            if head is not None:
                pages[-1].append(head)
            pages.append([])
            used = 0.0
            b, h = rest, block_height(rest)
        elif used + need > limit and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(b)
        used += h
    return [pg for pg in pages if pg]


def split_table(b: Block, room: float) -> tuple[Block | None, Block]:
    used, cut = 4.0, 0
    for k, r in enumerate(b.rows):
        h = row_height(b, r)
        if used + h > room:
            break
        used += h
        cut = k + 1
    head = Block("table", rows=b.rows[:cut], widths=b.widths, size=b.size) if cut else None
    return head, Block("table", rows=b.rows[cut:], widths=b.widths, size=b.size)


def break_() -> Block:
    return Block("gap", "break")
