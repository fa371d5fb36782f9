"""The readers we have, each recognising its content; the highest weight that matches wins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.ingest import docx_reader, images, pdf, sniff
from app.ingest.ocr import PageImage
from app.ingest.types import Page

PageSource = Iterator[Page | PageImage]


@dataclass(frozen=True, slots=True)
class Reader:
    format: str  # Dossier.format
    weight: int
    sniffer: Callable[[Path, bytes], bool]
    pages: Callable[[Path, list[str], bool], PageSource]  # (path, warnings, want_ocr)
    count: Callable[[Path], int]
    eager: bool = False  # pages come from parsing the whole file anyway (count = len)

    def sniff(self, path: Path, head: bytes) -> bool:
        return self.sniffer(path, head)


def _pdf_pages(path: Path, warnings: list[str], want_ocr: bool) -> PageSource:
    return pdf.iter_pdf(path, warnings=warnings, want_ocr=want_ocr)


def _docx_pages(path: Path, warnings: list[str], want_ocr: bool) -> PageSource:
    return docx_reader.iter_docx(path)


def _image_pages(path: Path, warnings: list[str], want_ocr: bool) -> PageSource:
    return images.iter_image(path)


def _folder_pages(path: Path, warnings: list[str], want_ocr: bool) -> PageSource:
    return images.iter_folder(path, warnings=warnings)


READERS: tuple[Reader, ...] = (
    Reader("pdf", 40, sniff.is_pdf, _pdf_pages, pdf.count_pages),
    Reader("docx", 30, sniff.is_docx, _docx_pages, docx_reader.count_pages, eager=True),
    Reader("image", 20, sniff.is_image, _image_pages, images.count_frames),
    Reader("images", 10, sniff.is_folder, _folder_pages, images.count_folder),
)


def choose(path: Path) -> Reader:
    """The reader for this content; IngestError (missing, empty, unsupported, wrong type) otherwise."""
    fmt = sniff.detect(path, READERS)
    return next(r for r in READERS if r.format == fmt)
