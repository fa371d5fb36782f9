"""A dossier format is declared once (app.ingest.registry.READERS): the import's suffix filter, the file
dialog's patterns and the viewer's sniffer all follow that list."""

from __future__ import annotations

import io
import zipfile

import pymupdf

from app.ingest.registry import (
    ARCHIVE_SUFFIXES,
    PAGE_IMAGE_SUFFIXES,
    READERS,
    content_format,
    dossier_suffixes,
)
from app.services.sources import DOSSIER_SUFFIXES
from tests.unit.test_ingest import png_bytes


def test_one_list_feeds_the_import_and_the_file_dialog() -> None:
    assert frozenset(s for r in READERS for s in r.suffixes) == DOSSIER_SUFFIXES
    from ui.main_window import file_patterns

    assert file_patterns().split() == [f"*{s}" for s in (*dossier_suffixes(), *ARCHIVE_SUFFIXES)]
    assert "*.bmp" in file_patterns().split()  # the dialog used to leave out a format the import reads


def test_the_viewer_tells_formats_apart_with_the_import_sniffers() -> None:
    from ui.widgets.pages import sniff_format

    doc = pymupdf.open()
    doc.new_page()
    pdf = doc.tobytes()
    png = png_bytes((40, 40))
    pages = io.BytesIO()
    with zipfile.ZipFile(pages, "w") as zf:
        for n, suffix in enumerate(PAGE_IMAGE_SUFFIXES[:2]):
            zf.writestr(f"p{n}{suffix}", png)
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    got = [sniff_format(b) for b in (pdf, b"junk before " + pdf, png, pages.getvalue(), other.getvalue(), b"text")]
    assert got == ["pdf", "pdf", "image", "images", "other", "other"]
    assert content_format(png[:2048]) == "image"
