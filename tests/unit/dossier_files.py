"""Small real dossier files for extraction tests: text PDFs (PyMuPDF) and DOCX (python-docx).

A page is a string: one printed line per text line. A line with a tab is a table row (label, value)
— cells at two x positions in the PDF, a two-column table in the DOCX. Lines longer than the page
is wide are wrapped as a word processor would (so parsers meet wrapped sentences and 文号). A page
in `sealed` carries a red 公章 picture. Written for issue 11's cases; independent of tests.corpus.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import pymupdf
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw

FONT = pymupdf.Font("cjk")
SIZE = 11.0
LEFT, TOP, LINE = 60.0, 70.0, 19.0
WIDTH = 38  # characters per printed line
CELL_X = 190.0


def seal_png(diameter: int = 150) -> bytes:
    """A red ring with a star: what a 公章 looks like."""
    image = Image.new("RGB", (diameter + 20, diameter + 20), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, diameter + 10, diameter + 10), outline=(220, 20, 30), width=8)
    c = diameter // 2 + 10
    draw.polygon([(c, c - 25), (c + 8, c - 5), (c + 25, c - 5), (c - 25, c - 5), (c - 8, c - 5)], fill=(220, 20, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def wrapped(line: str, width: int = WIDTH) -> list[str]:
    if "\t" in line or len(line) <= width:
        return [line]
    return [line[i : i + width] for i in range(0, len(line), width)]


def write_pdf(path: Path, pages: Sequence[str], *, sealed: Iterable[int] = ()) -> Path:
    """A text PDF: pages numbered from 1; `sealed` pages get a 公章 over their last lines."""
    seals = set(sealed)
    doc = pymupdf.open()
    for number, text in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="cjk", fontbuffer=FONT.buffer)
        y = TOP
        for raw in text.split("\n"):
            for line in wrapped(raw):
                if "\t" in line:
                    label, value = line.split("\t", 1)
                    page.insert_text((LEFT, y), label, fontname="cjk", fontsize=SIZE)
                    page.insert_text((CELL_X, y), value.replace("\t", "  "), fontname="cjk", fontsize=SIZE)
                else:
                    page.insert_text((LEFT, y), line, fontname="cjk", fontsize=SIZE)
                y += LINE
        if number in seals:
            page.insert_image(pymupdf.Rect(380, y - 120, 500, y), stream=seal_png())
    doc.save(path)
    doc.close()
    return path


def write_docx(path: Path, pages: Sequence[str], *, sealed: Iterable[int] = ()) -> Path:
    """A DOCX with a page break between pages; tab lines become rows of a two-column table."""
    seals = set(sealed)
    doc = Document()
    for number, text in enumerate(pages, start=1):
        rows: list[tuple[str, str]] = []
        for line in text.split("\n"):
            if "\t" in line:
                label, value = line.split("\t", 1)
                rows.append((label, value.replace("\t", "  ")))
                continue
            _flush_table(doc, rows)
            rows = []
            para = doc.add_paragraph()
            para.add_run(line).font.size = Pt(SIZE)
        _flush_table(doc, rows)
        if number in seals:
            doc.add_paragraph().add_run().add_picture(io.BytesIO(seal_png()), width=Mm(35))
        if number < len(pages):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(path))
    return path


def _flush_table(doc: object, rows: list[tuple[str, str]]) -> None:
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=2)  # type: ignore[attr-defined]
    for i, (label, value) in enumerate(rows):
        table.cell(i, 0).text = label
        table.cell(i, 1).text = value
