"""Page sources and lazy rendering: a PyMuPDF document (PDF, image, or text pages for DOCX) and its canvas."""

from __future__ import annotations

import bisect
import html
import io
import logging
import re
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.ingest.registry import PAGE_IMAGE_SUFFIXES, content_format
from app.ingest.sniff import HEAD_BYTES

log = logging.getLogger(__name__)

GAP = 12  # pixels between pages
CACHE_PAGES = 12  # rendered pages kept; memory stays flat however long the dossier is

Rect = tuple[float, float, float, float]


def _text_pages_pdf(texts: Sequence[str]) -> pymupdf.Document:
    """A4 pages showing plain text (how a DOCX, which has no fixed pages, is shown)."""
    doc = pymupdf.open()
    for text in texts or [""]:
        page = doc.new_page(width=595, height=842)
        body = html.escape(text).replace("\n", "<br/>")
        page.insert_htmlbox(
            pymupdf.Rect(56, 56, 539, 786), body, css="* {font-size: 11pt; line-height: 1.5;}", scale_low=0
        )
    doc.subset_fonts()
    return doc


def sniff_format(data: bytes) -> str:
    """pdf | image | images | other, from the bytes themselves (file names lie), with the import's own
    sniffers (``app.ingest.registry``). "images" is a folder of page images, kept as a ZIP of its images in
    page order (app.services.sources); a DOCX is "other"."""
    return content_format(data[:HEAD_BYTES], lambda: _zip_names(data)) or "other"


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        return []


def _image_names(data: bytes) -> list[str]:
    """The entries of a ZIP holding only page images, in order; [] for any other ZIP."""
    names = _zip_names(data)
    return names if all(n.lower().endswith(PAGE_IMAGE_SUFFIXES) for n in names) else []


def _page_images(data: bytes) -> pymupdf.Document:
    """An image folder's pages: opened lazily as a comic-book archive, unless it holds TIFFs (that reader
    would drop their later frames): those are converted page by page."""
    names = _image_names(data)
    if not any(n.lower().endswith((".tif", ".tiff")) for n in names):
        return pymupdf.open(stream=data, filetype="cbz")
    doc = pymupdf.open()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in names:
            with pymupdf.open(stream=zf.read(name), filetype=name.rsplit(".", 1)[-1].lower()) as img:
                doc.insert_pdf(pymupdf.open("pdf", img.convert_to_pdf()))
    return doc


def open_document(data: bytes, *, file_name: str, page_texts: Sequence[str] = ()) -> pymupdf.Document:
    """Open the original file for display; DOCX and unknown formats show their text pages."""
    kind = sniff_format(data)
    if kind == "pdf":
        return pymupdf.open(stream=data, filetype="pdf")
    if kind in ("image", "images"):
        try:
            if kind == "images":
                return _page_images(data)
            img = pymupdf.open(stream=data)
            return pymupdf.open(stream=img.convert_to_pdf(), filetype="pdf")
        except (RuntimeError, ValueError, zipfile.BadZipFile) as exc:
            log.warning("cannot open %s as %s: %s", file_name, kind, exc)
    return _text_pages_pdf(page_texts)


def find_words(page: pymupdf.Page, text: str) -> list[Rect]:
    """Boxes of `text` on the page; falls back to its longest pieces (OCR, line breaks, spacing)."""
    text = text.strip()
    if not text:
        return []
    hits = page.search_for(text)
    if not hits:
        compact = re.sub(r"\s+", "", text)
        hits = page.search_for(compact) if compact != text else []
    if not hits:
        pieces = sorted((p for p in re.split(r"[\s，。：:；;、,()（）《》“”]+", text) if len(p) >= 2),
                        key=len, reverse=True)
        for piece in pieces[:4]:
            hits.extend(page.search_for(piece))
    return [(r.x0, r.y0, r.x1, r.y1) for r in hits]


def _page_sizes(doc: pymupdf.Document) -> list[tuple[float, float]]:
    """A PDF's crop boxes are read without loading each page (fast for 500 pages; a rotated page's real
    size is corrected when it is first rendered). An image folder's pages (a comic-book archive) have no
    crop box: each page is loaded, which reads only the image's header (~0.3 ms a page)."""
    if doc.is_pdf:
        return [_box_size(doc.page_cropbox(i)) for i in range(len(doc))]
    return [_box_size(doc[i].rect) for i in range(len(doc))]


def _box_size(rect: pymupdf.Rect) -> tuple[float, float]:
    return (round(rect.width, 1), round(rect.height, 1))


@dataclass(frozen=True, slots=True)
class Highlight:
    page: int  # 0-based index
    rect: Rect
    current: bool = False


class PageCanvas(QWidget):
    """All pages stacked vertically; paints (and renders) only the pages in the visible rectangle.

    Signals:
        rendered(int): a page (0-based) was rendered into the cache.
    """

    rendered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: pymupdf.Document | None = None
        self.zoom = 1.0
        self._sizes: list[tuple[float, float]] = []
        self._tops: list[int] = []
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self.highlights: list[Highlight] = []
        self.render_count = 0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_document(self, doc: pymupdf.Document | None) -> None:
        self.doc = doc
        self._cache.clear()
        self.highlights = []
        self._sizes = _page_sizes(doc) if doc is not None else []
        self._relayout()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.2, min(5.0, zoom))
        self._cache.clear()
        self._relayout()

    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> QSize:
        w, h = self._sizes[index]
        return QSize(round(w * self.zoom), round(h * self.zoom))

    def max_page_width(self) -> float:
        return max((w for w, _ in self._sizes), default=595.0)

    def page_top(self, index: int) -> int:
        return self._tops[index] if 0 <= index < len(self._tops) else 0

    def page_at(self, y: int) -> int:
        return max(0, bisect.bisect_right(self._tops, y) - 1) if self._tops else 0

    def _relayout(self) -> None:
        self._tops = []
        y = GAP
        width = 0
        for i in range(len(self._sizes)):
            self._tops.append(y)
            size = self.page_size(i)
            y += size.height() + GAP
            width = max(width, size.width())
        self.setFixedSize(width + 2 * GAP, max(y, 1))
        self.update()

    def image(self, index: int) -> QImage:
        key = (index, self.zoom)
        img = self._cache.get(key)
        if img is not None:
            self._cache.move_to_end(key)
            return img
        assert self.doc is not None
        ratio = self.devicePixelRatioF()
        page = self.doc[index]
        if _box_size(page.rect) != self._sizes[index]:
            self._sizes[index] = _box_size(page.rect)
            QTimer.singleShot(0, self._relayout)
        pix = page.get_pixmap(matrix=pymupdf.Matrix(self.zoom * ratio, self.zoom * ratio))
        fmt = QImage.Format.Format_RGB888 if pix.n == 3 else QImage.Format.Format_RGBA8888
        img = QImage(pix.samples, pix.width, pix.height, pix.stride, fmt).copy()
        img.setDevicePixelRatio(ratio)
        self._cache[key] = img
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self.render_count += 1
        self.rendered.emit(index)
        return img

    def cached_pages(self) -> list[int]:
        return [i for i, _ in self._cache]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#6b7280"))
        if not self._sizes:
            return
        first = self.page_at(event.rect().top())
        last = self.page_at(event.rect().bottom())
        for index in range(first, last + 1):
            x = (self.width() - self.page_size(index).width()) // 2
            painter.drawImage(x, self._tops[index], self.image(index))
            self._paint_highlights(painter, index, x)
        painter.end()

    def _paint_highlights(self, painter: QPainter, index: int, x: int) -> None:
        for hl in self.highlights:
            if hl.page != index:
                continue
            x0, y0, x1, y1 = (v * self.zoom for v in hl.rect)
            rect = QRectF(x + x0 - 2, self._tops[index] + y0 - 2, x1 - x0 + 4, y1 - y0 + 4)
            color = QColor(255, 140, 0, 110) if hl.current else QColor(255, 230, 0, 100)
            painter.fillRect(rect, color)
            painter.setPen(QPen(QColor(220, 60, 0) if hl.current else QColor(200, 160, 0), 2))
            painter.drawRect(rect)
