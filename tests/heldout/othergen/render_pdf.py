"""Text PDF with PyMuPDF and the vendored WenQuanYi Micro Hei font."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from tests.heldout.othergen.assemble import Dossier, Page
from tests.heldout.othergen.images import FONT, photo_png, seal_png
from tests.heldout.othergen.model import (
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    USABLE_W,
    Block,
    col_widths,
)

NO_LINE_START = set("，。；：、）》」』”！？％")
_FONT = pymupdf.Font(fontfile=str(FONT))


@dataclass
class Op:
    kind: str            # text | line | image
    x: float
    y: float
    text: str = ""
    size: float = 12.0
    x2: float = 0.0
    y2: float = 0.0
    data: bytes = b""


def wrap(text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        cur, used, limit = "", 0.0, width - first_indent
        for ch in part:
            w = _FONT.text_length(ch, fontsize=size)
            if used + w > limit and cur and ch not in NO_LINE_START:
                lines.append(cur)
                cur, used, limit = "", 0.0, width
            cur += ch
            used += w
        lines.append(cur)
        first_indent = 0.0
    return lines


def layout(page: Page, seed: int, scale: float) -> tuple[list[Op], float]:
    ops: list[Op] = []
    y = MARGIN_TOP
    last_right_y = None
    for b in page.blocks:
        size = b.size * scale
        lh = size * LINE
        if b.kind == "gap":
            y += b.height * scale
        elif b.kind == "p":
            indent = 2 * size if b.indent else 0.0
            for k, line in enumerate(wrap(b.text, size, USABLE_W, indent)):
                w = _FONT.text_length(line, fontsize=size)
                x = MARGIN_X + (indent if k == 0 else 0.0)
                if b.align == "center":
                    x = MARGIN_X + (USABLE_W - w) / 2
                elif b.align == "right":
                    x = MARGIN_X + USABLE_W - w - 10
                    last_right_y = y
                y += lh
                ops.append(Op("text", x, y - size * 0.35, line, size))
            y += 2
        elif b.kind == "table":
            y = _table(ops, b, y, scale)
        elif b.kind == "photo":
            h = b.height * scale
            ops.append(
                Op("image", MARGIN_X + 40, y, x2=MARGIN_X + USABLE_W - 40, y2=y + h, data=photo_png(seed + len(ops)))
            )
            y += h + 4
            for line in wrap(b.text, 9 * scale, USABLE_W):
                y += 9 * scale * LINE
                ops.append(Op("text", MARGIN_X + 40, y - 3, line, 9 * scale))
        elif b.kind == "seal":
            cy = (last_right_y if last_right_y is not None else y) - 10
            ops.append(
                Op(
                    "image",
                    MARGIN_X + USABLE_W - 150,
                    cy - 55,
                    x2=MARGIN_X + USABLE_W - 40,
                    y2=cy + 55,
                    data=seal_png(page.doc.blocks[0].text if False else _agency_of(page)),
                )
            )
    return ops, y


def _agency_of(page: Page) -> str:
    for b in page.blocks:
        if b.kind == "p" and b.align == "right" and ("局" in b.text or "委员会" in b.text):
            return b.text.strip()
    return "行政执法专用章"


def _table(ops: list[Op], b: Block, y: float, scale: float) -> float:
    size = b.size * scale
    widths = col_widths(b)
    x_left, x_right = MARGIN_X, MARGIN_X + sum(widths)
    ops.append(Op("line", x_left, y, x2=x_right, y2=y))
    for row in b.rows:
        cells = [wrap(cell, size, max(w - 8, 20)) for cell, w in zip(row, widths, strict=True)]
        h = max(len(c) for c in cells) * size * LINE + 8
        x = x_left
        for lines, w in zip(cells, widths, strict=True):
            for k, line in enumerate(lines):
                ops.append(Op("text", x + 4, y + 4 + (k + 1) * size * LINE - size * 0.35, line, size))
            ops.append(Op("line", x, y, x2=x, y2=y + h))
            x += w
        ops.append(Op("line", x_right, y, x2=x_right, y2=y + h))
        y += h
        ops.append(Op("line", x_left, y, x2=x_right, y2=y))
    return y + 6


def draw_page(out: pymupdf.Document, page: Page, style: dict[str, str], seed: int) -> None:
    pg = out.new_page(width=PAGE_W, height=PAGE_H)
    scale = 1.0
    ops, end = layout(page, seed, scale)
    while end > PAGE_H - MARGIN_BOTTOM + 10 and scale > 0.55:
        scale *= 0.92
        ops, end = layout(page, seed, scale)
    writer = pymupdf.TextWriter(pg.rect)
    shape = pg.new_shape()
    images = []
    for op in ops:
        if op.kind == "text":
            writer.append((op.x, op.y), op.text, font=_FONT, fontsize=op.size)
        elif op.kind == "line":
            shape.draw_line((op.x, op.y), (op.x2, op.y2))
        elif op.kind == "image":
            images.append(op)
    if page.header:
        writer.append((MARGIN_X, 40), page.header, font=_FONT, fontsize=9)
        shape.draw_line((MARGIN_X, 46), (PAGE_W - MARGIN_X, 46))
    if page.footer:
        writer.append((MARGIN_X, PAGE_H - 50), page.footer, font=_FONT, fontsize=9)
    if page.number is not None and style.get("pageno") != "none":
        text = {"plain": str(page.number), "dash": f"— {page.number} —", "di": f"第 {page.number} 页"}[style["pageno"]]
        x = (
            PAGE_W - MARGIN_X - 20
            if style["pageno"] == "plain"
            else (PAGE_W - _FONT.text_length(text, fontsize=10)) / 2
        )
        writer.append((x, PAGE_H - 30), text, font=_FONT, fontsize=10)
    shape.finish(width=0.6, color=(0, 0, 0))
    shape.commit()
    writer.write_text(pg)
    for op in images:
        pg.insert_image(pymupdf.Rect(op.x, op.y, op.x2, op.y2), stream=op.data, overlay=True)


def render_pdf(dossier: Dossier, path: Path) -> Path:
    out = pymupdf.open()
    for k, page in enumerate(dossier.pages):
        draw_page(out, page, dossier.plan.style, dossier.plan.seed * 100 + k)
    out.subset_fonts()
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path
