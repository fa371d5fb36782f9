"""Scanned PDF: each text-PDF page rendered at 200 dpi, skewed, noised and JPEG-compressed, image only."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageFilter

from tests.heldout.othergen.assemble import Dossier
from tests.heldout.othergen.render_pdf import render_pdf

DPI = 200


def degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    gray = rng.random() < 0.6
    img = img.convert("L" if gray else "RGB")
    img = img.rotate(
        rng.uniform(-1.6, 1.6), resample=Image.BICUBIC, expand=False, fillcolor=255 if gray else (255,) * 3
    )
    arr = np.asarray(img).astype(np.int16)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = arr + nrng.normal(0, rng.uniform(5, 11), arr.shape).astype(np.int16)
    arr = (arr * rng.uniform(0.88, 0.97) + rng.uniform(0, 14)).clip(0, 255).astype(np.uint8)
    out = Image.fromarray(arr)
    if rng.random() < 0.5:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    return out


def render_scan(dossier: Dossier, path: Path) -> Path:
    rng = random.Random(f"scan-{dossier.id}")
    text_pdf = path.with_suffix(".text.pdf")
    render_pdf(dossier, text_pdf)
    src = pymupdf.open(text_pdf)
    out = pymupdf.open()
    for page in src:
        pix = page.get_pixmap(dpi=DPI)
        img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
        buf = io.BytesIO()
        degrade(img, rng).save(buf, "JPEG", quality=rng.randrange(55, 80))
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=buf.getvalue())
    src.close()
    text_pdf.unlink()
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path
