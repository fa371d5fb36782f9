"""DOCX reader (python-docx): paragraphs and tables in body order, split into pages at breaks.

A DOCX has no fixed pages. We cut at explicit page breaks (``w:br w:type="page"``), at
``pageBreakBefore`` (direct or inherited from the paragraph style) and at section breaks whose
next section starts on a new page; a file without any is page 1. Table rows become one line with
cells joined by ``\\t`` (a merged cell once). Text boxes, headers and footers are ignored.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image

from app.errors import ErrorCode, IngestError
from app.ingest import pixels
from app.ingest.seal import mostly_red
from app.ingest.types import Line, Page

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
VML_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
SKIP = frozenset({W + "txbxContent", MC_FALLBACK, W + "del", W + "instrText"})
NEW_PAGE_STARTS = frozenset({"nextPage", "oddPage", "evenPage"})
MAX_UNZIPPED = 1 << 30  # 1 GiB: more is a ZIP bomb, not a case file


def open_docx(path: Path) -> Any:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(ErrorCode.CORRUPT, f"Word 文档已损坏，无法解压（{exc}）", file=name) from exc
    if total > MAX_UNZIPPED:
        raise IngestError(ErrorCode.TOO_LARGE, "Word 文档解压后超过 1 GB，疑似压缩炸弹，已拒绝", file=name)
    try:
        return Document(str(path))
    except Exception as exc:  # PackageNotFoundError, KeyError, XMLSyntaxError, ValueError
        raise IngestError(ErrorCode.CORRUPT, f"Word 文档已损坏，无法读取（{exc}）", file=name) from exc


class _Pages:
    """Accumulates lines into pages; a page break closes the current page."""

    def __init__(self) -> None:
        self.done: list[tuple[list[str], bool]] = []
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.seal = False
        self.pictures = 0  # a page holding only a photo (evidence) is still a page

    def text(self, value: str) -> None:
        self.parts.append(value)

    def end_line(self) -> None:
        line = "".join(self.parts).strip()
        if line:
            self.lines.append(line)
        self.parts = []

    def add_line(self, line: str) -> None:
        self.end_line()
        if line.strip("\t "):
            self.lines.append(line)

    def break_page(self) -> None:
        self.end_line()
        if self.lines or self.pictures:
            self.done.append((self.lines, self.seal))
        self.lines, self.seal, self.pictures = [], False, 0

    def finish(self) -> list[tuple[list[str], bool]]:
        self.break_page()
        return self.done or [([], False)]


class _DocxWalker:
    def __init__(self, doc: Any, name: str) -> None:
        self.doc = doc
        self.name = name
        self.pages = _Pages()
        body = doc.element.body
        self.sections = list(body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr"))
        self.seal_cache: dict[str, bool] = {}

    def walk(self) -> list[tuple[list[str], bool]]:
        self._blocks(self.doc.element.body)
        return self.pages.finish()

    def _blocks(self, container: Any) -> None:
        """Like Document.iter_inner_content(), but also inside content controls (w:sdt), which
        template-made files wrap around whole sections."""
        for child in container.iterchildren():
            if child.tag == W + "p":
                self.paragraph(Paragraph(child, self.doc._body))
            elif child.tag == W + "tbl":
                self.table(Table(child, self.doc._body))
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._blocks(content)

    def paragraph(self, para: Paragraph) -> None:
        if _break_before(para):
            self.pages.break_page()
        self._runs(para._p)
        self.pages.end_line()
        sect = para._p.find(f"{W}pPr/{W}sectPr")
        if sect is not None and self._next_section_new_page(sect):
            self.pages.break_page()

    def _runs(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue
            if tag == W + "t":
                self.pages.text(child.text or "")
            elif tag == W + "tab":
                self.pages.text("\t")
            elif tag == W + "br":
                if child.get(W + "type") == "page":
                    self.pages.break_page()
                else:
                    self.pages.end_line()
            elif tag == W + "cr":
                self.pages.end_line()
            elif tag in (BLIP, VML_IMAGEDATA):
                self._image(child.get(R_EMBED) or child.get(R_ID))
            else:
                self._runs(child)

    def _image(self, rid: str | None) -> None:
        if not rid:
            return
        self.pages.pictures += 1
        if rid not in self.seal_cache:
            self.seal_cache[rid] = self._red_image(rid)
        self.pages.seal = self.pages.seal or self.seal_cache[rid]

    def _red_image(self, rid: str) -> bool:
        try:
            part = self.doc.part.related_parts[rid]
            with Image.open(io.BytesIO(part.blob)) as image:
                size = image.size
                if size[0] * size[1] <= pixels.MAX_PIXELS:
                    return mostly_red(image)
        except Exception as exc:  # a missing or undecodable picture is not our concern
            log.info("%s: image %s not examined: %s", self.name, rid, exc)
            return False
        # Never decoded: a few kilobytes of PNG can hold a picture that takes gigabytes to decode.
        pixels.check(*size, file=self.name, what=f"文件中的图片 {str(part.partname).rsplit('/', 1)[-1]} ")
        return False

    def _next_section_new_page(self, sect: Any) -> bool:
        index = next((i for i, s in enumerate(self.sections) if s is sect), -1)
        if index < 0 or index + 1 >= len(self.sections):
            return False
        kind = self.sections[index + 1].find(W + "type")
        start = "nextPage" if kind is None else kind.get(W + "val", "nextPage")
        return start in NEW_PAGE_STARTS

    def table(self, table: Table) -> None:
        # Keep the <w:tc> elements themselves: lxml returns the same proxy while one is alive.
        seen: set[Any] = set()
        for row in table.rows:
            cells: list[str] = []
            in_row: set[Any] = set()
            for cell in row.cells:
                if cell._tc in in_row:
                    continue  # a horizontally merged cell, once
                in_row.add(cell._tc)
                # A vertically merged cell is reported on its first row; below it, an empty cell.
                cells.append("" if cell._tc in seen else _cell_text(cell._tc))
                self._cell_images(cell)
            seen |= in_row
            self.pages.add_line("\t".join(cells))

    def _cell_images(self, cell: Any) -> None:
        for el in cell._tc.iter(BLIP, VML_IMAGEDATA):
            self._image(el.get(R_EMBED) or el.get(R_ID))


def _cell_text(tc: Any) -> str:
    """All text of a cell (its paragraphs, content controls, nested tables) on one line."""
    parts: list[str] = []

    def collect(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "br", W + "cr"):
                parts.append(" ")
            else:
                collect(child)
                if tag == W + "p":
                    parts.append(" ")

    collect(tc)
    return " ".join("".join(parts).split())


def _break_before(para: Paragraph) -> bool:
    direct = para.paragraph_format.page_break_before
    if direct is not None:
        return bool(direct)
    style = para.style
    while style is not None:
        value = style.paragraph_format.page_break_before
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _page_size(doc: Any) -> tuple[float, float]:
    section = doc.sections[0] if len(doc.sections) else None
    if section is None or section.page_width is None or section.page_height is None:
        return 595.0, 842.0
    return float(section.page_width.pt), float(section.page_height.pt)


def iter_docx(path: Path) -> Iterator[Page]:
    doc = open_docx(path)
    try:
        pages = _DocxWalker(doc, path.name).walk()
    except IngestError:
        raise
    except Exception as exc:  # malformed XML inside a well-formed package
        raise IngestError(ErrorCode.CORRUPT, f"Word 文档内容结构异常（{exc}）", file=path.name) from exc
    width, height = _page_size(doc)
    for number, (lines, seal) in enumerate(pages, start=1):
        yield Page(
            number,
            "\n".join(lines),
            tuple(Line(text) for text in lines),
            width=width,
            height=height,
            has_seal=seal,
        )


def count_pages(path: Path) -> int:
    return sum(1 for _ in iter_docx(path))
