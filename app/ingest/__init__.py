"""Read a dossier file (PDF, DOCX, image, multi-page TIFF, folder of page images) into pages.

Public API: ``read``, ``sha256_file``. Bad input raises ``app.errors.IngestError`` with one code per kind.

- The reader is chosen by content (``registry.READERS``), never by the file name.
- ``Page.has_seal``: True/False when colour was examined; None when it cannot be told (a grey
  scan or grey picture, a page read without colour).
- ``Dossier.warnings``: ``"page 7: no text layer, OCR used"``, ``"page 7: low OCR confidence
  (0.62)"``, ``"page 7: no text layer, OCR skipped"`` (ocr=False), ``"MuPDF: ..."`` (at most 10),
  ``"file x.txt: not a page image, skipped"`` (folders).
- OCR runs on a process pool started with "spawn": a script calling ``read`` must keep its work
  under ``if __name__ == "__main__":`` (the CLI and the UI do). ``ocr.start()`` warms the pool
  early; ``CASEREVIEW_OCR_WORKERS=0`` keeps OCR in-process.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

from app.ingest import ocr as ocr_engine
from app.ingest.images import folder_images, write_page_zip
from app.ingest.layout import Word, build_lines
from app.ingest.ocr import OcrBox, PageImage
from app.ingest.registry import Reader, choose
from app.ingest.types import Dossier, Line, Page
from app.progress import Progress, ProgressCode, no_progress

__all__ = ["Dossier", "Line", "Page", "read", "sha256_file"]

LOW_CONFIDENCE = 0.8  # mean OCR line score below this -> a warning
CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """SHA-256 of a file; for a folder of page images, of the ZIP the import keeps as its original
    (:func:`app.ingest.images.write_page_zip`), so `extract` and the store name the same hash."""
    digest = hashlib.sha256()
    if path.is_dir():
        with tempfile.TemporaryDirectory(prefix="casereview-pages-") as tmp:
            return sha256_file(write_page_zip(folder_images(path), Path(tmp) / "pages.zip"))
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def read(path: Path, *, progress: Progress = no_progress, ocr: bool = True) -> Dossier:
    """Read the whole file into a Dossier (text and lines only; no pixels are kept). OCR runs ahead on
    the worker pool a few pages at most, so memory stays flat however long the file."""
    path = Path(path)
    warnings: list[str] = []
    reader = choose(path)
    pages = tuple(_pages(path, reader, ocr=ocr, progress=progress, warnings=warnings))
    return Dossier(
        path=path,
        name=path.name,
        sha256=sha256_file(path),
        format=reader.format,
        pages=pages,
        warnings=tuple(warnings),
    )


def _pages(path: Path, reader: Reader, *, ocr: bool, progress: Progress, warnings: list[str]) -> Iterator[Page]:
    source = reader.pages(path, warnings, ocr)
    if reader.eager:  # DOCX: the whole file is parsed to find its pages; count them once
        ready = list(source)
        total, source = len(ready), iter(ready)
    else:
        total = reader.count(path)
    return _ordered(
        source,
        want_ocr=ocr,
        report=_Reporter(progress, path.name, max(total, 1)),
        warnings=warnings,
    )


class _Reporter:
    def __init__(self, progress: Progress, name: str, total: int) -> None:
        self.progress, self.name, self.total = progress, name, total

    def __call__(self, page: int, code: ProgressCode) -> None:
        self.progress(min(page / self.total, 1.0), code, file=self.name, page=page, pages=self.total)


_Pending = Page | tuple[PageImage, Future[list[OcrBox]]]


def _ordered(
    source: Iterator[Page | PageImage],
    *,
    want_ocr: bool,
    report: _Reporter,
    warnings: list[str],
) -> Iterator[Page]:
    """Send image pages to OCR as they come, yield every page in file order."""
    lookahead = max(2, 2 * ocr_engine.worker_count())
    queue: deque[_Pending] = deque()
    try:
        for item in source:
            queue.append(_start(item, want_ocr=want_ocr, warnings=warnings))
            while queue and (_ready(queue[0]) or _in_flight(queue) >= lookahead):
                yield _finish(queue.popleft(), report=report, warnings=warnings)
        while queue:
            yield _finish(queue.popleft(), report=report, warnings=warnings)
    finally:  # failed, or abandoned by the caller: drop queued OCR, close the file
        for pending in queue:
            if isinstance(pending, tuple):
                pending[1].cancel()
        close = getattr(source, "close", None)
        if close is not None:
            close()


def _start(item: Page | PageImage, *, want_ocr: bool, warnings: list[str]) -> _Pending:
    if isinstance(item, Page):
        return item
    if want_ocr:
        return item, ocr_engine.submit(item)
    warnings.append(f"page {item.number}: image page, OCR skipped")
    return Page(item.number, "", (), width=item.width, height=item.height, has_seal=item.has_seal)


def _ready(pending: _Pending) -> bool:
    return isinstance(pending, Page)


def _in_flight(queue: deque[_Pending]) -> int:
    return sum(1 for p in queue if isinstance(p, tuple))


def _finish(pending: _Pending, *, report: _Reporter, warnings: list[str]) -> Page:
    if isinstance(pending, Page):
        report(pending.number, ProgressCode.READING)
        return pending
    image, future = pending
    boxes = ocr_engine.result(future, image, file=report.name)
    page = ocr_page(image, boxes)
    warnings.append(f"page {page.number}: no text layer, OCR used")
    if not boxes:
        warnings.append(f"page {page.number}: OCR found no text")
    elif page.confidence is not None and page.confidence < LOW_CONFIDENCE:
        warnings.append(f"page {page.number}: low OCR confidence ({page.confidence:.2f})")
    report(page.number, ProgressCode.OCR)
    return page


def ocr_page(image: PageImage, boxes: list[OcrBox]) -> Page:
    """OCR boxes (pixels) -> a Page with lines in points and the mean line confidence."""
    k = image.points_per_px
    words = [Word(text, x0 * k, y0 * k, x1 * k, y1 * k) for x0, y0, x1, y1, text, _ in boxes]
    lines: list[Line] = build_lines(words)
    scores = [score for *_, score in boxes]
    return Page(
        number=image.number,
        text="\n".join(line.text for line in lines),
        lines=tuple(lines),
        ocr=True,
        confidence=round(sum(scores) / len(scores), 4) if scores else 0.0,
        width=image.width,
        height=image.height,
        has_seal=image.has_seal,
    )
