"""DOCX with python-docx: real tables, inline seal pictures, one page break per page of the layout."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tests.heldout.othergen.assemble import Dossier, Page
from tests.heldout.othergen.images import photo_png, seal_png
from tests.heldout.othergen.model import Block

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _font(run: object, size: float, *, bold: bool = False, face: str = "宋体") -> None:
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), face)


def _para(document: docx.document.Document, b: Block, face: str) -> object:
    par = document.add_paragraph()
    par.alignment = ALIGN[b.align]
    if b.indent:
        par.paragraph_format.first_line_indent = Pt(2 * b.size)
    lines = b.text.split("\n")
    for k, line in enumerate(lines):
        run = par.add_run(line)
        _font(run, b.size, bold=b.bold, face="黑体" if b.bold and b.align == "center" else face)
        if k < len(lines) - 1:
            run.add_break()
    return par


def _table(document: docx.document.Document, b: Block, face: str) -> None:
    tbl = document.add_table(rows=len(b.rows), cols=len(b.rows[0]))
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(b.widths)
    for r, row in enumerate(b.rows):
        for c, text in enumerate(row):
            cell = tbl.cell(r, c)
            cell.width = Cm(16.0 * b.widths[c] / total)
            par = cell.paragraphs[0]
            for k, line in enumerate(text.split("\n")):
                run = par.add_run(line)
                _font(run, b.size, face=face)
                if k < len(text.split("\n")) - 1:
                    run.add_break()


def _page(document: docx.document.Document, page: Page, seed: int, style: dict[str, str], face: str) -> None:
    last = None
    for b in page.blocks:
        if b.kind == "p":
            last = _para(document, b, face)
        elif b.kind == "table":
            _table(document, b, face)
        elif b.kind == "gap":
            document.add_paragraph()
        elif b.kind == "photo":
            par = document.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.add_run().add_picture(io.BytesIO(photo_png(seed)), width=Cm(12))
            _para(document, Block("p", b.text, size=9), face)
        elif b.kind == "seal" and last is not None:
            agency = next((x.text for x in page.blocks if x.kind == "p" and x.align == "right"), "")
            last.add_run().add_picture(io.BytesIO(seal_png(agency)), width=Cm(3.6))  # type: ignore[attr-defined]
    if page.footer:
        _para(document, Block("p", page.footer, size=9), face)
    if page.number is not None and style.get("pageno") != "none":
        text = {"plain": str(page.number), "dash": f"— {page.number} —", "di": f"第 {page.number} 页"}[style["pageno"]]
        _para(document, Block("p", text, size=10, align="right" if style["pageno"] == "plain" else "center"), face)


def render_docx(dossier: Dossier, path: Path) -> Path:
    document = docx.Document()
    face = dossier.plan.rng.choice(("宋体", "仿宋_GB2312", "仿宋"))
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    if dossier.pages and dossier.pages[0].header:
        header_par = section.header.paragraphs[0]
        _font(header_par.add_run(dossier.pages[0].header), 9, face=face)
    for k, page in enumerate(dossier.pages):
        if k:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _page(document, page, dossier.plan.seed * 100 + k, dossier.plan.style, face)
    document.save(str(path))
    return path


__all__ = ["WD_SECTION", "render_docx"]
