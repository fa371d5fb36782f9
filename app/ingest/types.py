"""What a reader returns: pages with text, line boxes, OCR flag and confidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.types import Box


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or table cell line) of text with its box in PDF points; box is None for DOCX."""

    text: str
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based, in file order
    text: str  # reading-order text, lines joined by "\n"
    lines: tuple[Line, ...] = ()
    ocr: bool = False
    confidence: float | None = None  # mean OCR confidence 0..1 when ocr is True
    width: float = 595.0  # points
    height: float = 842.0
    has_seal: bool | None = None  # a red stamp (公章) was detected; None = not examined


@dataclass(frozen=True, slots=True)
class Dossier:
    path: Path
    name: str  # file name as given
    sha256: str
    format: str  # pdf | docx | image | images (a folder of page images)
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.pages)
