"""Word documents (python-docx): A4, East Asian fonts set, repeated table headers, page-number footer."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.textsafe import printable

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
_ALIGN = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT, "l": WD_ALIGN_PARAGRAPH.LEFT}


def _fonts(run: object, east_asia: str, size: float | None = None, *, bold: bool = False) -> None:
    r = run  # docx.text.run.Run
    r.font.name = LATIN_FONT  # type: ignore[attr-defined]
    rpr = r._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    if size:
        r.font.size = Pt(size)  # type: ignore[attr-defined]
    if bold:
        r.font.bold = True  # type: ignore[attr-defined]


class Writer:
    """A thin builder over python-docx with the house style of an official document."""

    def __init__(self, *, title: str, landscape: bool = False) -> None:
        self.doc = Document()
        self.doc.core_properties.title = printable(title, single_line=True)
        self.doc.core_properties.author = "案卷评查工作站"
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
        section.left_margin, section.right_margin = Cm(2.6), Cm(2.4)
        normal = self.doc.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(14)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        self._footer()

    def _footer(self) -> None:
        p = self.doc.sections[0].footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"):
            if part in ("PAGE", "NUMPAGES"):
                self._field(p, part)
            else:
                _fonts(p.add_run(part), TABLE_FONT, 9)

    def _field(self, paragraph: object, code: str) -> None:
        run = paragraph.add_run()  # type: ignore[attr-defined]
        _fonts(run, TABLE_FONT, 9)
        for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text.strip() == code:  # type: ignore[union-attr]
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)

    def title(self, text: str, *, size: float = 22) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(12)
        _fonts(p.add_run(printable(text)), TITLE_FONT, size, bold=True)

    def para(self, text: str, *, align: str = "l", indent: bool = False, bold: bool = False,
             size: float = 14, red: bool = False) -> None:
        p = self.doc.add_paragraph()
        p.alignment = _ALIGN[align]
        p.paragraph_format.space_after = Pt(2)
        p.paragraph_format.line_spacing = 1.35
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        run = p.add_run(printable(text))
        _fonts(run, BODY_FONT, size, bold=bold)
        if red:
            run.font.color.rgb = RGBColor(0xB0, 0, 0)

    def heading(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(3)
        _fonts(p.add_run(printable(text)), TITLE_FONT, 15)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              align: Sequence[str] = (), *, shade: Sequence[bool] = ()) -> None:
        """A grid table; widths in cm; the header row repeats on every page (w:tblHeader)."""
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False  # fixed layout: Word, WPS and LibreOffice all keep the widths of w:tblGrid
        for column, width in zip(t.columns, widths, strict=True):
            column.width = Cm(width)
        self._row(t.rows[0], header, widths, "c" * len(header), bold=True, fill="E6E6E6")
        trpr = t.rows[0]._tr.get_or_add_trPr()
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        trpr.append(flag)
        aligns = align or "l" * len(header)
        for i, values in enumerate(rows):
            fill = "FFF1F0" if i < len(shade) and shade[i] else None
            row = t.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            self._row(row, values, widths, aligns, bold=False, fill=fill)
        self.doc.add_paragraph()

    def _row(self, row: object, values: Sequence[str], widths: Sequence[float], aligns: Sequence[str],
             *, bold: bool, fill: str | None) -> None:
        for cell, value, width, a in zip(row.cells, values, widths, aligns, strict=True):  # type: ignore[attr-defined]
            cell.width = Cm(width)
            p = cell.paragraphs[0]
            p.alignment = _ALIGN.get(a, WD_ALIGN_PARAGRAPH.LEFT)
            _fonts(p.add_run(printable(value)), TABLE_FONT, 10, bold=bold)
            if fill:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), fill)
                cell._tc.get_or_add_tcPr().append(shd)

    def image(self, png: bytes, *, width_cm: float = 15.5, caption: str = "") -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        if caption:
            self.para(caption, align="c", size=10.5)

    def page_break(self) -> None:
        self.doc.add_page_break()

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()
