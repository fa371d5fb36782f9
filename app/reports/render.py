"""Rendering a report from its built data: PDF (blocks), DOCX, XLSX, and HTML for the print preview.

Each kind is described by a :class:`KindSpec` (title, formats, the functions that lay it out); the one
list of kinds, with the function that builds each kind's data from the store, is
``app.services.reports.KINDS``. Rendering is pure; a kind × format with no writer is a KnownError,
never some other report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.errors import ErrorCode, KnownError
from app.reports.blocks import Block, single_html
from app.reports.masking import Mask
from app.reports.model import CaseSheet, ReportKind
from app.reports.pdf import CSS, render_pdf


def concat(parts: Iterable[list[Block]]) -> list[Block]:
    """Several documents in one file, each starting on a new page."""
    out: list[Block] = []
    for k, part in enumerate(parts):
        if k and part:
            part[0] = replace(part[0], page_break_before=True)
        out += part
    return out


@dataclass(frozen=True, slots=True)
class KindSpec:
    """How one kind of report is rendered. ``blocks`` lays it out for PDF and the print preview;
    ``docx`` / ``xlsx`` write those formats where the kind has them; ``images`` lists the pictures the
    data carry (charts), by the name the layout refers to them."""

    kind: ReportKind
    title: str
    formats: tuple[str, ...]
    blocks: Callable[[Any, Mask], list[Block]]
    docx: Callable[[Any, Mask], bytes] | None = None
    xlsx: Callable[[Any, Mask], bytes] | None = None
    pdf: Callable[[Any, Mask], bytes] | None = None  # a PDF writer of its own (公文 layout); else the blocks
    landscape: bool = False  # wide tables
    masked: bool = True  # masking on by default (everything that leaves the review room)
    per_file: bool = False  # one document per dossier: may be split into a file each
    images: Callable[[Any], dict[str, bytes]] = lambda _data: {}


@dataclass(frozen=True, slots=True)
class Rendered:
    name: str  # suggested file name
    data: bytes


def check_format(spec: KindSpec, fmt: str) -> None:
    if fmt not in spec.formats:
        raise KnownError(
            ErrorCode.USAGE, f"{spec.title}（{spec.kind}）只能导出为 {'、'.join(spec.formats)}，不支持 {fmt}"
        )


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f-\x9f]+', "_", text).strip("_") or "report"


def preview_html(spec: KindSpec, data: Any, mask: Mask) -> str:
    """One HTML document for QTextDocument (the window's print preview)."""
    return single_html(spec.blocks(data, mask), css=CSS.split("}", 1)[1], title=spec.title)


def _one(
    spec: KindSpec, fmt: str, data: Any, mask: Mask, *, title: str, images: dict[str, bytes], footer: str
) -> bytes:
    if fmt == "pdf" and spec.pdf is not None:
        return spec.pdf(data, mask)
    if fmt == "pdf":
        return render_pdf(spec.blocks(data, mask), title=title, images=images, footer=footer, landscape=spec.landscape)
    writer = {"docx": spec.docx, "xlsx": spec.xlsx}.get(fmt)
    if writer is None:
        raise KnownError(ErrorCode.USAGE, f"{spec.title} 没有 {fmt} 格式的写法")
    return writer(data, mask)


def render(spec: KindSpec, fmt: str, data: Any, mask: Mask, *, campaign: str, split: bool = False) -> list[Rendered]:
    """Render built report data; ``split`` gives one file per dossier (score sheets)."""
    check_format(spec, fmt)
    if split and spec.per_file:
        sheets: Sequence[CaseSheet] = data
        return [
            Rendered(
                f"{safe_name(f'评查表_{s.case_number or s.file_name}_{s.dossier_id}')}.{fmt}",
                _one(
                    spec, fmt, [s], mask, title=f"评查表 {s.file_name}", images={}, footer=f"SHA-256 {s.sha256[:16]}…"
                ),
            )
            for s in sheets
        ]
    body = _one(spec, fmt, data, mask, title=f"{campaign} {spec.title}", images=spec.images(data), footer=campaign)
    return [Rendered(f"{safe_name(f'{campaign}_{spec.title}')}.{fmt}", body)]
