"""Draw laid-out pages into a text PDF with an embedded (subset) CJK TrueType font."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf
from PIL import Image

from tests.corpus.layout import PAGE_H, PAGE_W, Page, font
from tests.corpus.seal import photo_png, seal_png

INK = (0.05, 0.1, 0.35)


_FONTS: dict[str, pymupdf.Font] = {}


def _fonts() -> tuple[pymupdf.Font, pymupdf.Font]:
    if not _FONTS:
        _FONTS["body"] = font()  # see layout.font() for why not WQY MicroHei
        _FONTS["hand"] = _FONTS["body"]
    return _FONTS["body"], _FONTS["hand"]


def write_pdf(pages: list[Page], path: Path, *, numbered: list[bool], seed: int) -> None:
    """Write ``pages``; ``numbered[i]`` says whether page i+1 carries an archive page number."""
    doc = pymupdf.open()
    label = 0
    for k, pg in enumerate(pages):
        label += numbered[k]
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        if pg.scanned:
            page.insert_image(page.rect, stream=scanned_image(pg, seed=seed + k, label=label if numbered[k] else 0))
        else:
            _fill(page, pg, seed=seed, label=label if numbered[k] else 0)
    doc.subset_fonts()
    doc.save(str(path), garbage=3, deflate=True, no_new_id=True)
    doc.close()


def _fill(page: pymupdf.Page, pg: Page, *, seed: int, label: int) -> None:
    tw = pymupdf.TextWriter(page.rect)
    if label:
        tw.append((PAGE_W - 90, PAGE_H - 40), str(label), font=_fonts()[0], fontsize=10)
    _draw(page, pg, tw, seed)


def scanned_image(pg: Page, *, seed: int, label: int = 0) -> bytes:
    """The page as a paper copy scanned at 130 dpi (JPEG), for documents filed as scans."""
    from tests.corpus.scan import _jpeg, degrade

    tmp = pymupdf.open()
    page = tmp.new_page(width=PAGE_W, height=PAGE_H)
    _fill(page, pg, seed=seed, label=label)
    pix = page.get_pixmap(dpi=130, colorspace=pymupdf.csGRAY)
    img = degrade(Image.frombytes("L", (pix.width, pix.height), pix.samples), random.Random(seed))
    tmp.close()
    return _jpeg(img, quality=60)


def _draw(page: pymupdf.Page, pg: Page, tw: pymupdf.TextWriter, seed: int) -> None:
    body, hand = _fonts()
    seals = []
    for it in pg.items:
        if it.kind == "text" and it.text:
            tw.append((it.x, it.y), it.text, font=body, fontsize=it.size)
        elif it.kind == "red":
            red = pymupdf.TextWriter(page.rect, color=(0.85, 0.05, 0.05))
            red.append((it.x, it.y), it.text, font=body, fontsize=it.size)
            red.write_text(page)
        elif it.kind == "redline":
            page.draw_line((it.x, it.y), (it.x + it.w, it.y), color=(0.85, 0.05, 0.05), width=1.6)
        elif it.kind == "rect":
            page.draw_rect(pymupdf.Rect(it.x, it.y, it.x + it.w, it.y + it.h), color=(0, 0, 0), width=0.6)
        elif it.kind == "photo":
            page.insert_image(pymupdf.Rect(it.x, it.y, it.x + it.w, it.y + it.h), stream=photo_png(seed % 4))
        elif it.kind == "seal":
            seals.append(it)
    tw.write_text(page)
    for it in pg.items:
        if it.kind == "hand":
            hw = pymupdf.TextWriter(page.rect, color=INK)
            hw.append((it.x, it.y), it.text, font=hand, fontsize=it.size)
            slant = pymupdf.Matrix(1, 0, -0.18, 1, 0, 0).prerotate(it.angle)  # pen slant and a tilted line
            hw.write_text(page, morph=(pymupdf.Point(it.x, it.y), slant))
    for it in seals:  # seals last: they lie over the text, as stamped paper does
        rect = pymupdf.Rect(it.x, it.y, it.x + it.w, it.y + it.h)
        page.insert_image(rect, stream=seal_png(it.text, angle=int(it.angle)), overlay=True)
