"""A :class:`~app.reports.gongwen.Doc` as a PDF laid out per GB/T 9704-2012 (clauses in ``app.reports.gongwen``).

Free fonts of the standard's styles are embedded (subset): AR PL SungtiL GB (宋, standing in for 仿宋 and
小标宋), AR PL KaitiM GB (楷) — both Arphic Public License, from Debian's fonts-arphic-gbsn00lp and
fonts-arphic-gkai00mp — and WenQuanYi Micro Hei (黑). No free simplified-Chinese 仿宋 is packaged in PyPI or
Debian (cwTeX 仿宋 covers traditional characters only), so the body is 宋 style in the PDF; the DOCX names 仿宋.
Body text is 15.75 pt so that 28 characters fill the 156 mm line (16 pt would give 27); lines are 225 mm / 22.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources as ir
from pathlib import Path

import pymupdf

from app.reports import gongwen as gw
from app.reports.blocks import Table, esc
from app.reports.pdf import FONT_FILE, Margins, _Layout
from app.reports.tounicode import fix_text_layer

MM = 72 / 25.4
SONG_FILE = "gbsn00lp.ttf"
KAI_FILE = "gkai00mp.ttf"
BODY = 15.75
MARGINS = Margins(top=gw.TOP * MM, bottom=gw.BOTTOM * MM, left=gw.LEFT * MM, right=gw.RIGHT * MM)
LINE = gw.LINE_PITCH_PT
RED = tuple(c / 255 for c in gw.RED)

CSS = f"""
@font-face {{font-family: song; src: url({SONG_FILE});}}
@font-face {{font-family: kai; src: url({KAI_FILE});}}
@font-face {{font-family: hei; src: url({FONT_FILE});}}
* {{font-family: song; font-size: {BODY}pt; line-height: {LINE:.2f}pt;}}
body {{margin: 0;}}
p {{margin: 0; text-align: justify;}}
p.i {{text-indent: {2 * BODY}pt;}}
p.c {{text-align: center;}}
p.r {{text-align: right;}}
.h1 {{font-family: hei;}}
.h2 {{font-family: kai;}}
.mark {{color: #{gw.RED_HEX}; text-align: center;}}
.title {{font-size: {gw.TITLE_PT}pt; line-height: 35pt; text-align: center; font-weight: bold;}}
.cap {{font-family: hei; font-size: 14pt; text-align: center;}}
.small {{font-size: 12pt;}}
table {{border-collapse: collapse; width: 100%;}}
th, td {{border: 0.6pt solid #000; padding: 1pt 2pt; vertical-align: middle; font-size: 10.5pt; line-height: 14pt;}}
th {{font-family: hei; font-size: 10.5pt;}}
img {{width: 100%;}}
"""


def _p(text: str, cls: str = "i") -> str:
    return f'<p class="{cls}">{esc(text) or "&#160;"}</p>'


@dataclass
class _Marks:
    """What is drawn after layout: page ranges per document, red lines, 版记 places."""

    starts: list[int] = field(default_factory=list)  # first page (0-based) of each document
    red_lines: list[tuple[int, float]] = field(default_factory=list)
    imprints: list[tuple[int, gw.Doc]] = field(default_factory=list)


class _Writer:
    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.marks = _Marks()
        self.images: dict[str, bytes] = {}

    @property
    def here(self) -> tuple[int, float]:
        return self.layout.page.count - 1, self.layout.page.y

    def flow(self, html_text: str, *, page_break: bool = False) -> None:
        """Flow a paragraph on from where the last one ended, across pages (a 公文's text runs on; only a
        paragraph with less than two lines left on the page starts the next one)."""
        page = self.layout.page
        if (page_break and not page.fresh) or page.bottom - page.y < 2 * LINE:
            page.new()
        story = self.layout.story(html_text)
        more, filled = story.place(page.rect())
        story.draw(page.device)
        while more:
            page.new()
            more, filled = story.place(page.rect())
            story.draw(page.device)
        page.y = float(filled[3])

    def element(self, e: gw.Element, *, page_break: bool = False) -> bool:
        """Lay out one element; returns whether the next one starts a page."""
        if isinstance(e, gw.PageBreak):
            return True
        if isinstance(e, gw.Heading):
            cls = {1: "i h1", 2: "i h2"}.get(e.level, "i")
            tail = esc(e.run_in)
            self.flow(f'<p class="i"><span class="{cls.split()[-1]}">{esc(e.text)}</span>{tail}</p>'
                      if e.level <= 2 else f'<p class="i">{esc(e.text + e.run_in)}</p>',
                      page_break=page_break)
        elif isinstance(e, gw.Para):
            self.flow(_p(e.text, {"c": "c", "r": "r"}.get(e.align, "i" if e.indent else "")), page_break=page_break)
        elif isinstance(e, gw.GTable):
            if e.caption:
                self.flow(_p(e.caption, "c cap"), page_break=page_break)
                page_break = False
            self.layout.table(Table(e.header, e.rows, e.widths, tuple(e.align), page_break_before=page_break))
            self.layout.page.y -= 2.0
        elif isinstance(e, gw.Image):
            self.images[e.name] = e.png
            # a picture moves whole to the next page when it does not fit (MuPDF would shrink it to fit)
            pix = pymupdf.Pixmap(e.png)
            need = self.layout.page.width * pix.height / max(1, pix.width) + 2 * LINE
            if self.layout.page.bottom - self.layout.page.y < need:
                self.layout.page.new()
            self.layout.flow(
                f'<p class="c"><img src="{e.name}"/></p>' + (_p(e.caption, "c small") if e.caption else ""),
                page_break=page_break,
            )
        return False

    def document(self, d: gw.Doc, *, first: bool) -> None:
        if not first:
            self.layout.page.new()
        self.marks.starts.append(self.layout.page.count - 1)
        mark = d.head.mark or d.head.organ
        size = gw.mark_size(mark, gw.TEXT_W_PT)
        self.flow(f'<p class="mark" style="font-size:{size}pt; line-height:{size * 1.3:.1f}pt">{esc(mark)}</p>')
        self.flow(_p("", ""))
        self.flow(_p(d.head.number, "c"))
        page, y = self.here
        self.marks.red_lines.append((page, y + 6.0 + 4 * MM))  # 7.2.7: 4 mm under the 发文字号
        self.flow(_p("", ""))
        self.flow(_p("", ""))
        self.flow(_p(d.title, "title"))
        self.flow(_p("", ""))
        if d.to_line:
            self.flow(_p(d.to_line, ""))
        brk = False
        for e in d.body:
            brk = self.element(e, page_break=brk)
        if d.attachments:
            self.flow(_p(""))
            for k, name in enumerate(d.attachments, 1):
                lead = "附件：" if k == 1 else "　　　"
                self.flow(_p(f"{lead}{k}. {name}" if len(d.attachments) > 1 else f"{lead}{name}"))
        self._signature(d)
        for k, (title, body) in enumerate(d.annexes, 1):
            self.flow(_p(f"附件{k if len(d.annexes) > 1 else ''}", "h1"), page_break=True)
            self.flow(_p(""))
            self.flow(_p(title, "title"))
            self.flow(_p(""))
            brk = False
            for e in body:
                brk = self.element(e, page_break=brk)
        self._room_for_imprint(d)

    def _signature(self, d: gw.Doc) -> None:
        date = gw.gw_date(d.issued)
        shift = max(0, len(date) - len(d.head.organ)) / 2 + 4
        room = (self.layout.page.bottom - self.layout.page.y) / LINE
        for _ in range(2 if room >= 4 else 1):  # 7.3.5.5: tighten rather than leave the 落款 alone on a page
            self.flow(_p(""))
        self.flow(f'<p class="r" style="margin-right:{BODY * shift:.1f}pt">{esc(d.head.organ)}</p>')
        self.flow(f'<p class="r" style="margin-right:{BODY * 4:.1f}pt">{date}</p>')

    def _room_for_imprint(self, d: gw.Doc) -> None:
        need = (2 if d.head.cc else 1) * 26.0 + 6
        if self.layout.page.bottom - self.layout.page.y < need:
            self.layout.page.new()
        self.marks.imprints.append((self.layout.page.count - 1, d))


def _font_dir() -> Path:
    with ir.as_file(ir.files("resources") / "fonts" / SONG_FILE) as p:
        return Path(p).parent


def _song() -> pymupdf.Font:
    return pymupdf.Font(fontfile=str(_font_dir() / SONG_FILE))


def _draw_imprint(page: pymupdf.Page, d: gw.Doc, font: pymupdf.Font) -> None:
    """版记 (7.4) at the foot of the text block: thick first and last lines, a thin one between; 4号仿宋."""
    left, right = MARGINS.left, page.rect.width - MARGINS.right
    bottom = page.rect.height - MARGINS.bottom
    rows = ([f"抄送：{'、'.join(d.head.cc)}。"] if d.head.cc else []) + [d.printer]
    pitch = 26.0
    top = bottom - pitch * len(rows)
    page.draw_line((left, top), (right, top), color=(0, 0, 0), width=0.35 * MM)
    w = pymupdf.TextWriter(page.rect)
    for k, text in enumerate(rows):
        base = top + pitch * k + 18.5
        w.append((left + 14, base), text, font=font, fontsize=14)
        if k == len(rows) - 1:
            date = f"{gw.gw_date(d.issued)}印发"
            w.append((right - 14 - font.text_length(date, fontsize=14), base), date, font=font, fontsize=14)
        if k < len(rows) - 1:
            y = top + pitch * (k + 1)
            page.draw_line((left, y), (right, y), color=(0, 0, 0), width=0.25 * MM)
    w.write_text(page)
    page.draw_line((left, bottom), (right, bottom), color=(0, 0, 0), width=0.35 * MM)


def _page_numbers(doc: pymupdf.Document, starts: list[int], font: pymupdf.Font) -> None:
    """ "— N —" in 4号 半角, the dashes' top 7 mm under the text block; odd pages right, even left, 空一字 (7.5).
    Each document in the file is numbered from 1."""
    ends = [*starts[1:], doc.page_count]
    for start, end in zip(starts, ends, strict=True):
        for index in range(start, end):
            page = doc[index]
            n = index - start + 1
            text = f"— {n} —"
            width = font.text_length(text, fontsize=gw.PAGE_NO_PT)
            x = (page.rect.width - MARGINS.right - gw.PAGE_NO_PT - width) if n % 2 else MARGINS.left + gw.PAGE_NO_PT
            y = page.rect.height - MARGINS.bottom + 7 * MM + gw.PAGE_NO_PT * 0.8
            w = pymupdf.TextWriter(page.rect)
            w.append((x, y), text, font=font, fontsize=gw.PAGE_NO_PT)
            w.write_text(page)


def render_gongwen_pdf(docs: list[gw.Doc], *, title: str) -> bytes:
    """Lay out the documents one after the other (each from a new page) and finish them: the red line
    under each 发文字号, the 版记 at the foot of each document's last page, and page numbers."""
    font_dir = _font_dir()
    archive = pymupdf.Archive(str(font_dir))
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    layout = _Layout(writer, archive, CSS, pymupdf.paper_rect("a4"), MARGINS)
    out = _Writer(layout)
    for d in docs:
        for element in (e for part in (d.body, *(b for _, b in d.annexes)) for e in part):
            if isinstance(element, gw.Image):
                archive.add((element.png, element.name))
    for k, d in enumerate(docs):
        out.document(d, first=k == 0)
    layout.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    song = _song()
    for index in range(doc.page_count):
        doc[index].wrap_contents()  # the Story content leaves a flipped CTM behind; isolate it in q/Q
    for page_no, y in out.marks.red_lines:
        page = doc[page_no]
        page.draw_line((MARGINS.left, y), (page.rect.width - MARGINS.right, y), color=RED, width=1.0)
    for page_no, d in out.marks.imprints:
        _draw_imprint(doc[page_no], d, song)
    _page_numbers(doc, out.marks.starts, song)
    doc.set_metadata({"title": title, "creator": "案卷评查工作站 casereview", "producer": "PyMuPDF"})
    doc.subset_fonts()
    fix_text_layer(doc)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
