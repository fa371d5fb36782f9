"""Write the documents to DOCX: one page break between laid-out pages, East-Asian fonts set, real tables."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.run import Run

from tests.corpus.blocks import Block, Break, Hand, Letterhead, Para, Photo, Sign, Table, Title
from tests.corpus.layout import Page
from tests.corpus.seal import photo_png, seal_png

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def write_docx(pages: list[Page], path: Path, *, body_font: str = "宋体", breaks: str = "run") -> None:
    """``breaks``: how pages are separated — "run" (a page-break run), "before" (pageBreakBefore on the
    next paragraph) or "section" (a next-page section break)."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    for k, page in enumerate(pages):
        if k and breaks == "run":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif k and breaks == "before":
            doc.add_paragraph().paragraph_format.page_break_before = True
        elif k:
            new = doc.add_section(WD_SECTION.NEW_PAGE)
            new.left_margin = new.right_margin = Cm(2.5)
        if page.scanned:  # a scanned paper copy pasted in as a picture
            from tests.corpus.render_pdf import scanned_image

            doc.add_paragraph().add_run().add_picture(io.BytesIO(scanned_image(page, seed=k)), width=Cm(15.5))
            continue
        for block in page.blocks:
            _block(doc, block, body_font)
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2024, 1, 1, 8, 0, 0)
    doc.core_properties.author = doc.core_properties.last_modified_by = "案卷生成器"
    doc.save(str(path))
    _freeze_zip(path)


def _freeze_zip(path: Path) -> None:
    """Rewrite the package with fixed member times, so a seed always gives the same bytes (and sha256)."""
    with zipfile.ZipFile(path) as zin:
        members = [(info.filename, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            zout.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)


def _block(doc: Document, block: Block, body: str) -> None:  # type: ignore[valid-type]
    if isinstance(block, Title):
        for line in block.lines:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(line), "黑体", block.size, bold=True)
    elif isinstance(block, Para):
        p = doc.add_paragraph()
        p.alignment = _ALIGN[block.align]
        if block.indent and block.align == "left":
            p.paragraph_format.first_line_indent = Pt(2 * block.size)
        _font(p.add_run(block.text), body, block.size, bold=block.bold)
    elif isinstance(block, Table):
        _table(doc, block, body)
    elif isinstance(block, Hand):
        p = doc.add_paragraph()
        _font(p.add_run(block.label), body, 11.0)
        run = p.add_run(block.text)
        _font(run, "楷体", 13.0)
        run.font.color.rgb = RGBColor(0x10, 0x1A, 0x5A)
    elif isinstance(block, Sign):
        _sign(doc, block, body)
    elif isinstance(block, Photo):
        doc.add_paragraph().add_run().add_picture(io.BytesIO(photo_png(0)), width=Cm(12))
        p = doc.add_paragraph()
        _font(p.add_run(block.caption), body, 10.0)
    elif isinstance(block, Letterhead):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(block.name)
        _font(run, "宋体", 22.0, bold=True)
        run.font.color.rgb = RGBColor(0xD8, 0x10, 0x10)
    elif isinstance(block, Break):
        pass


def _table(doc: Document, block: Table, body: str) -> None:  # type: ignore[valid-type]
    cols = len(block.widths)
    table = doc.add_table(rows=len(block.rows), cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(16.0 * block.widths[c])
            lines = text.split("\n")
            para = cell.paragraphs[0]
            _font(para.add_run(lines[0]), body, block.size)
            for line in lines[1:]:
                _font(cell.add_paragraph().add_run(line), body, block.size)


def _sign(doc: Document, block: Sign, body: str) -> None:  # type: ignore[valid-type]
    if block.seal:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run().add_picture(io.BytesIO(seal_png(block.seal)), width=Cm(3.2))
    for line in block.lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(line), body, 12.0)
