"""The readers we have, each recognising its content; the highest weight that matches wins.

This list is the one place a dossier format is declared: the import's file-name filter
(``app.services.sources``), the window's file dialog and the viewer (``ui.widgets.pages``) all take
their suffixes and sniffers from it. A new format is a Reader here plus its reading code.
"""

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
    suffixes: tuple[str, ...] = ()  # the file names it is offered for (content still decides)
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


PAGE_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")

READERS: tuple[Reader, ...] = (
    Reader("pdf", 40, sniff.is_pdf, _pdf_pages, pdf.count_pages, (".pdf",)),
    Reader("docx", 30, sniff.is_docx, _docx_pages, docx_reader.count_pages, (".docx",), eager=True),
    Reader("image", 20, sniff.is_image, _image_pages, images.count_frames, PAGE_IMAGE_SUFFIXES),
    Reader("images", 10, sniff.is_folder, _folder_pages, images.count_folder),  # a folder: no suffix
)
ARCHIVE_SUFFIXES = (".zip",)  # unpacked by the import (app.services.sources), each member read as above


def dossier_suffixes() -> tuple[str, ...]:
    """Every file-name suffix a dossier is offered for, in the readers' order."""
    return tuple(dict.fromkeys(s for r in READERS for s in r.suffixes))


def content_format(head: bytes, names: Callable[[], list[str]] = list) -> str | None:
    """What stored bytes hold, for a viewer: a reader's format, or None. ``names`` lists a ZIP's members (a
    folder of page images is kept as a ZIP of its images)."""
    if sniff.is_pdf(Path(), head):
        return "pdf"
    if sniff.image_kind(head) is not None:
        return "image"
    if sniff.is_zip(head):
        members = names()
        if members and all(n.lower().endswith(PAGE_IMAGE_SUFFIXES) for n in members):
            return "images"
    return None


def choose(path: Path) -> Reader:
    """The reader for this content; IngestError (missing, empty, unsupported, wrong type) otherwise."""
    fmt = sniff.detect(path, READERS)
    return next(r for r in READERS if r.format == fmt)
