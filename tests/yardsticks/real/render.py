"""Render the real published texts of the yardstick as a text PDF, a DOCX and a scan.

Each document is a folder ``<id>/`` holding ``source.txt`` (the text as published),
``meta.yaml`` and ``truth.json``; the tune part lives beside this file
(``tests/yardsticks/real/``) and the held-out part in ``tests/heldout/real/``.

* text PDF: PyMuPDF with the vendored WenQuanYi Micro Hei font, lines wrapped to an A4 page,
  as many pages as the text needs;
* DOCX: python-docx, one paragraph per source line; runs of lines that hold ``|`` cells (web
  tables flattened as published) become a real Word table;
* scan: every page of the text PDF rasterised at 200 dpi in grey, turned by a small angle,
  blurred a little and given mild noise, saved as an image-only PDF (no text layer).

Everything is deterministic: the same source gives byte-identical files (fixed PDF ids and
metadata, fixed zip timestamps, noise and angle seeded from the document id).

    uv run python -m tests.yardsticks.real.render OUT_DIR     # render every document
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf
import yaml
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TUNE_DIR = HERE
HELDOUT_DIR = REPO / "tests" / "heldout" / "real"
FONT_FILE = REPO / "resources" / "fonts" / "wqy-microhei.ttc"
FORMATS = ("pdf", "docx", "scan")

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 64.0, 72.0, 72.0
FONT_SIZE = 10.5
LINE_H = FONT_SIZE * 1.65
SCAN_DPI = 200
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class RealDoc:
    """One published text with its metadata and hand-written truth."""

    id: str
    split: str  # "tune" or "heldout"
    folder: Path
    text: str
    meta: dict[str, Any]
    truth: dict[str, Any]


def load_docs(split: str | None = None) -> list[RealDoc]:
    """Every document of the yardstick (or of one split), sorted by id."""
    roots = {"tune": TUNE_DIR, "heldout": HELDOUT_DIR}
    out: list[RealDoc] = []
    for name, root in roots.items():
        if split not in (None, name) or not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / "source.txt").is_file()):
            out.append(
                RealDoc(
                    id=folder.name,
                    split=name,
                    folder=folder,
                    text=(folder / "source.txt").read_text(encoding="utf-8"),
                    meta=yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8")),
                    truth=json.loads((folder / "truth.json").read_text(encoding="utf-8")),
                )
            )
    return sorted(out, key=lambda d: d.id)


def _seed(doc_id: str) -> int:
    return int.from_bytes(hashlib.sha256(doc_id.encode()).digest()[:4], "big")


# ---------------------------------------------------------------- text PDF


def _wrap(text: str, font: pymupdf.Font, width: float) -> list[str]:
    """Break each source line into pieces that fit ``width``; empty lines stay empty."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line:
            lines.append("")
            continue
        piece = ""
        for ch in line:
            if piece and font.text_length(piece + ch, fontsize=FONT_SIZE) > width:
                lines.append(piece)
                piece = ""
            piece += ch
        lines.append(piece)
    return lines


def render_pdf(text: str, path: Path) -> Path:
    """A text PDF of ``text`` (A4, as many pages as needed, embedded subset font)."""
    font_bytes = FONT_FILE.read_bytes()
    font = pymupdf.Font(fontbuffer=font_bytes)
    lines = _wrap(text, font, PAGE_W - 2 * MARGIN_X)
    per_page = int((PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) // LINE_H)
    doc = pymupdf.open()
    for start in range(0, max(len(lines), 1), per_page):
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        page.insert_font(fontname="wqy", fontbuffer=font_bytes)
        for i, line in enumerate(lines[start : start + per_page]):
            if line:
                y = MARGIN_TOP + (i + 1) * LINE_H
                page.insert_text((MARGIN_X, y), line, fontname="wqy", fontsize=FONT_SIZE)
    doc.subset_fonts()
    doc.set_metadata({})
    doc.save(path, garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return path


# ---------------------------------------------------------------- DOCX


def _is_table_line(line: str) -> bool:
    return "|" in line


def _cells(line: str) -> list[str]:
    parts = [c.strip() for c in line.split("|")]
    while parts and not parts[-1]:
        parts.pop()
    while parts and not parts[0] and len(parts) > 1:
        parts.pop(0)
    return parts or [""]


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split the source into ("p", [line]) paragraphs and ("t", [lines]) table runs."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        kind = "t" if _is_table_line(line) else "p"
        if kind == "t" and blocks and blocks[-1][0] == "t":
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))
    return blocks


def _set_font(doc: Any) -> None:
    style = doc.styles["Normal"]
    style.font.name = "WenQuanYi Micro Hei"
    style.font.size = Pt(FONT_SIZE)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Micro Hei")


def _fix_zip(path: Path) -> None:
    """Rewrite the DOCX zip with fixed timestamps and order so the bytes are reproducible."""
    with zipfile.ZipFile(path) as z:
        items = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def render_docx(text: str, path: Path) -> Path:
    """A DOCX of ``text``: paragraphs line by line, ``|``-cell runs as a real table."""
    doc = Document()
    _set_font(doc)
    props = doc.core_properties
    props.created = props.modified = datetime(*FIXED_TIME)
    props.author = props.last_modified_by = ""
    props.revision = 1
    for kind, lines in _blocks(text):
        if kind == "p":
            doc.add_paragraph(lines[0].rstrip())
            continue
        rows = [_cells(line) for line in lines]
        ncols = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
    doc.save(str(path))
    _fix_zip(path)
    return path


# ---------------------------------------------------------------- scan


def _degrade(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    angle = float(rng.uniform(-0.8, 0.8))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.6))
    arr = np.asarray(img, dtype=np.float32)
    arr += rng.normal(0.0, 7.0, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def render_scan(pdf_path: Path, path: Path, seed: int) -> Path:
    """An image-only PDF: each page of ``pdf_path`` rasterised, turned, blurred and noised."""
    rng = np.random.default_rng(seed)
    src = pymupdf.open(pdf_path)
    out = pymupdf.open()
    for page in src:
        pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
        img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        buf = io.BytesIO()
        _degrade(img, rng).save(buf, format="PNG", optimize=False)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=buf.getvalue())
    src.close()
    out.set_metadata({})
    out.save(path, garbage=3, deflate=True, no_new_id=True)
    out.close()
    return path


# ---------------------------------------------------------------- all


def render_doc(doc: RealDoc, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """Render one document into ``out_dir`` (kept if already there); returns format -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    pdf = out_dir / f"{doc.id}.pdf"
    if not pdf.exists():
        render_pdf(doc.text, pdf)
    if "pdf" in formats:
        paths["pdf"] = pdf
    if "docx" in formats:
        paths["docx"] = out_dir / f"{doc.id}.docx"
        if not paths["docx"].exists():
            render_docx(doc.text, paths["docx"])
    if "scan" in formats:
        paths["scan"] = out_dir / f"{doc.id}-scan.pdf"
        if not paths["scan"].exists():
            render_scan(pdf, paths["scan"], _seed(doc.id))
    return paths


def render_all(out_dir: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, dict[str, Path]]:
    """Render every document of both splits into ``out_dir``: id -> format -> path."""
    return {doc.id: render_doc(doc, out_dir, formats) for doc in load_docs()}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "real-rendered")
    done = render_all(target)
    print(f"{len(done)} documents rendered into {target}")
