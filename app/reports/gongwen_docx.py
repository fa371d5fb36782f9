"""A :class:`~app.reports.gongwen.Doc` as a Word file laid out per GB/T 9704-2012 (see ``app.reports.gongwen``).

Fonts are named as offices have them (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) in ``w:rFonts/@w:eastAsia``;
the font table gives each an ``w:altName`` (仿宋, 宋体, SimHei, 楷体) that Word and WPS fall back to. The page grid
is 22 lines (``w:docGrid``) of 28 characters (character spacing −0.25 pt); page numbers are PAGE fields in "— N —",
odd pages right, even pages left, one character in from the edge of the text block.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.reports import gongwen as gw
from app.textsafe import printable

LATIN = "Times New Roman"
_ALIGN = {
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_ALT = {
    gw.FANGSONG: gw.FANGSONG_ALT,
    gw.XIAOBIAOSONG: gw.XIAOBIAOSONG_ALT,
    gw.HEITI: gw.HEITI_ALT,
    gw.KAITI: gw.KAITI_ALT,
    "宋体": "SimSun",
}
_LEVEL_FONT = {1: gw.HEITI, 2: gw.KAITI, 3: gw.FANGSONG, 4: gw.FANGSONG}
CHAR_SPACING = -5  # twentieths of a point: 3号 characters at 15.75 pt pitch, 28 to the line
TEXT_WIDTH_CM = (gw.PAGE_W - gw.LEFT - gw.RIGHT) / 10


def _run(
    p: Paragraph, text: str, font: str, size: float, *, bold: bool = False, red: bool = False, latin: str = LATIN
) -> Run:
    run = p.add_run(printable(text))
    run.font.name = latin
    run.font.size = Pt(size)
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    if bold:
        run.font.bold = True
    if red:
        run.font.color.rgb = RGBColor(*gw.RED)
    return run


def _border(p: Paragraph, side: str, *, eighths: int, color: str = "000000", space: int = 1) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    for k, v in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", color)):
        el.set(qn(f"w:{k}"), v)
    bdr.append(el)


class GongwenDocx:
    def __init__(self, doc: gw.Doc) -> None:
        self.src = doc
        self.doc = Document()
        self.doc.core_properties.title = printable(doc.title, single_line=True)
        self.doc.core_properties.author = printable(doc.head.organ, single_line=True)
        self._page()
        self._styles()
        self._fonts_table()

    def _page(self) -> None:
        s = self.doc.sections[0]
        s.page_width, s.page_height = Mm(gw.PAGE_W), Mm(gw.PAGE_H)
        s.top_margin, s.bottom_margin = Mm(gw.TOP), Mm(gw.BOTTOM)
        s.left_margin, s.right_margin = Mm(gw.LEFT), Mm(gw.RIGHT)
        # the page number's dashes sit 7 mm below the text block (7.5); a 4号 line is ~5 mm high
        s.footer_distance = Mm(gw.BOTTOM - 7 - 5)
        grid = s._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            s._sectPr.append(grid)
        # 22 lines: 225 mm / 22 = 579 twips a line (5.2.3). The 28 characters a line come from the characters'
        # own spacing (Normal: 16 pt - 0.25 pt = 15.75 pt, 28 × 15.75 pt = 441 pt ≤ 156 mm): a character grid
        # (linesAndChars) is read differently by Word and LibreOffice, which spread each character over two.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), "579")
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._page_number(s.footer.paragraphs[0], odd=True)
        self._page_number(s.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, p: Paragraph, *, odd: bool) -> None:
        """ "— N —" in 4号 半角 宋体, odd pages right, even pages left, one character (4号) in (7.5)."""
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if odd:
            p.paragraph_format.right_indent = Pt(gw.PAGE_NO_PT)
        else:
            p.paragraph_format.left_indent = Pt(gw.PAGE_NO_PT)
        _run(p, "— ", "宋体", gw.PAGE_NO_PT, latin="宋体")
        run = _run(p, "", "宋体", gw.PAGE_NO_PT, latin="宋体")  # 半角宋体 digits
        for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("t", "1"), ("end", "")):
            if kind in ("begin", "separate", "end"):
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif kind == "t":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        _run(p, " —", "宋体", gw.PAGE_NO_PT, latin="宋体")

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = LATIN
        normal.font.size = Pt(gw.BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), gw.FANGSONG)
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        rpr.append(spacing)
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing = Pt(28.95)  # exactly one grid line (579 twips)

    def _fonts_table(self) -> None:
        """Give each named font its fallback in the font table (w:altName)."""
        part = next((p for p in self.doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
        if part is None:
            return
        xml = part.blob.decode("utf-8")
        extra = "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{"modern" if name in (gw.FANGSONG, gw.KAITI) else "auto"}"/>'
            f'<w:pitch w:val="variable"/></w:font>'
            for name, alt in _ALT.items()
        )
        part._blob = re.sub(r"</w:fonts>\s*$", extra + "</w:fonts>", xml).encode("utf-8")

    # ---- elements ---------------------------------------------------------------------------------
    def para(
        self,
        text: str,
        *,
        font: str = gw.FANGSONG,
        size: float = gw.BODY_PT,
        align: str = "j",
        indent: bool = False,
        red: bool = False,
        bold: bool = False,
    ) -> Paragraph:
        p = self.doc.add_paragraph()
        p.alignment = _ALIGN[align]
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size)
        if text:
            _run(p, text, font, size, red=red, bold=bold)
        return p

    def blank(self) -> None:
        self.doc.add_paragraph()

    def head(self) -> None:
        """版头: red 发文机关标志, a blank line (the standard asks two), 发文字号, and the red line 4 mm below."""
        h = self.src.head
        text = h.mark or h.organ
        mark = self.para(text, font=gw.XIAOBIAOSONG, size=gw.mark_size(text, gw.TEXT_W_PT), align="c", red=True)
        mark.paragraph_format.line_spacing = 1.0
        self.blank()
        number = self.para(h.number, align="c")
        _border(number, "bottom", eighths=12, color=gw.RED_HEX, space=4)  # 1.5 pt ≈ 0.5 mm

    def title(self) -> None:
        self.blank()
        p = self.para(self.src.title, font=gw.XIAOBIAOSONG, size=gw.TITLE_PT, align="c")
        p.paragraph_format.line_spacing = Pt(35)
        self.blank()
        if self.src.to_line:
            self.para(self.src.to_line)

    def element(self, e: gw.Element) -> None:
        if isinstance(e, gw.Heading):
            p = self.para("", indent=True)
            p.paragraph_format.keep_with_next = not e.run_in  # a bare heading never ends a page
            _run(p, e.text, _LEVEL_FONT.get(e.level, gw.FANGSONG), gw.BODY_PT)
            if e.run_in:
                _run(p, e.run_in, gw.FANGSONG, gw.BODY_PT)
        elif isinstance(e, gw.Para):
            self.para(e.text, indent=e.indent, align="j" if e.align == "l" else e.align)
        elif isinstance(e, gw.GTable):
            self.table(e)
        elif isinstance(e, gw.Image):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = bool(e.caption)  # the picture stays with its caption
            p.add_run().add_picture(io.BytesIO(e.png), width=Cm(TEXT_WIDTH_CM - 0.4))
            if e.caption:
                self.para(e.caption, size=12, align="c")
        else:
            self.page_break()

    def table(self, t: gw.GTable) -> None:
        """8 公文中的横排表格: a grid in 仿宋 small enough to fit; the header row repeats on every page."""
        if t.caption:
            self.para(t.caption, font=gw.HEITI, size=14, align="c")
        table = self.doc.add_table(rows=1, cols=len(t.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Cm(TEXT_WIDTH_CM * w / 100) for w in t.widths]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        aligns = t.align or "l" * len(t.header)
        self._row(table.rows[0], t.header, widths, "c" * len(t.header), font=gw.HEITI)
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(flag)
        for values in t.rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            self._row(row, values, widths, aligns, font=gw.FANGSONG)

    def _row(self, row: object, values: tuple[str, ...], widths: Sequence[Length], aligns: str, *, font: str) -> None:
        for cell, value, width, a in zip(row.cells, values, widths, aligns, strict=True):  # type: ignore[attr-defined]
            cell.width = width
            p = cell.paragraphs[0]
            p.alignment = _ALIGN.get(a, WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.line_spacing = 1.0
            snap = OxmlElement("w:snapToGrid")  # table text keeps its own line height, off the page's line grid
            snap.set(qn("w:val"), "0")
            p._p.get_or_add_pPr().append(snap)
            _run(p, value, font, 10.5)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def signature(self) -> None:
        """落款: 发文机关署名 and 成文日期, the date 右空四字, the name centred over the date (7.3.5.2)."""
        self.blank()
        self.blank()
        date = gw.gw_date(self.src.issued)
        name = self.para(self.src.head.organ, align="r")
        shift = max(0, len(date) - len(self.src.head.organ)) / 2 + 4
        name.paragraph_format.right_indent = Pt(gw.BODY_PT * shift)
        when = self.para(date, align="r")
        when.paragraph_format.right_indent = Pt(gw.BODY_PT * 4)

    def attachments(self) -> None:
        """附件说明: 正文下空一行左空二字 “附件：1. …” (7.3.4)."""
        names = self.src.attachments
        if not names:
            return
        self.blank()
        for k, name in enumerate(names, 1):
            lead = "附件：" if k == 1 else "　　　"
            number = f"{k}. " if len(names) > 1 else ""
            self.para(f"{lead}{number}{name}", indent=True)

    def annex(self, k: int, title: str, body: tuple[gw.Element, ...]) -> None:
        """7.3.7 附件: on a new page, “附件” (or “附件2”) in 3号黑体 at the top left, its title centred."""
        self.page_break()
        self.para(f"附件{k if len(self.src.annexes) > 1 else ''}", font=gw.HEITI, align="l")
        self.blank()
        p = self.para(title, font=gw.XIAOBIAOSONG, size=gw.TITLE_PT, align="c")
        p.paragraph_format.line_spacing = Pt(35)
        self.blank()
        for e in body:
            self.element(e)

    def imprint(self) -> None:
        """版记 (7.4): 抄送 and 印发机关/印发日期 between a thick first and last line and a thin one between,
        kept at the foot of the last page (a bottom-anchored frame)."""
        paragraphs = []
        if self.src.head.cc:
            cc = self.para(f"抄送：{'、'.join(self.src.head.cc)}。", size=14, align="l")
            cc.paragraph_format.left_indent = Pt(14)
            cc.paragraph_format.right_indent = Pt(14)
            paragraphs.append(cc)
        printed = self.para(f"{self.src.printer}", size=14, align="l")
        printed.paragraph_format.left_indent = Pt(14)
        _run(printed, "\t" + f"{gw.gw_date(self.src.issued)}印发", gw.FANGSONG, 14)
        tabs = printed.paragraph_format.tab_stops
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM) - Pt(14), alignment=2)  # right tab: the date 右空一字
        paragraphs.append(printed)
        _border(paragraphs[0], "top", eighths=8)  # 0.35 mm ≈ 1 pt
        if len(paragraphs) > 1:
            _border(paragraphs[0], "bottom", eighths=6)  # 0.25 mm ≈ 0.75 pt
        _border(paragraphs[-1], "bottom", eighths=8)
        for p in paragraphs:
            frame = OxmlElement("w:framePr")
            for k, v in (
                ("w:wrap", "around"),
                ("w:vAnchor", "margin"),
                ("w:hAnchor", "margin"),
                ("w:yAlign", "bottom"),
                ("w:w", str(int(TEXT_WIDTH_CM * 567))),
            ):
                frame.set(qn(k), v)
            p._p.get_or_add_pPr().insert(0, frame)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def docx_of(docs: list[gw.Doc]) -> bytes:
    """Several 公文 in one Word file (one per agency), each from a new page; the first one's settings set the
    page. Each keeps its own 版头, 落款, annexes and 版记."""
    if not docs:
        raise ValueError("no document")
    w = GongwenDocx(docs[0])
    for k, d in enumerate(docs):
        w.src = d
        if k:
            w.page_break()
        _write_one(w)
    return w.to_bytes()


def _write_one(w: GongwenDocx) -> None:
    w.head()
    w.title()
    for e in w.src.body:
        w.element(e)
    w.attachments()
    w.signature()
    for k, (title, body) in enumerate(w.src.annexes, 1):
        w.annex(k, title, body)
    w.imprint()
