"""Turn a text PDF into scanned pages: 200 dpi grey, noise, blur, a slight skew; then an image-only PDF,
a folder of PNG/JPEG pages, or a multi-page TIFF."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageFilter

DPI = 200


def scanned_pages(pdf: Path, *, seed: int, dpi: int = DPI) -> list[Image.Image]:
    """Render every page as a noisy, slightly rotated greyscale scan."""
    rng = random.Random(seed)
    out = []
    with pymupdf.open(str(pdf)) as doc:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            out.append(degrade(img, rng))
    return out


def degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    """Blur, paper tone, sensor noise, speckles and a skew of at most 1 degree (integer maths, ~0.1 s a page)."""
    img = img.filter(ImageFilter.BoxBlur(radius=rng.choice([0, 1, 1])))
    gen = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(img, dtype=np.int32)
    gain = int(rng.uniform(0.88, 0.95) * 256)
    arr = (arr * gain >> 8) + int(rng.uniform(8, 20))
    tile = (gen.standard_normal((257, 263), dtype=np.float32) * rng.uniform(4.0, 9.0)).astype(np.int32)
    reps = (arr.shape[0] // tile.shape[0] + 1, arr.shape[1] // tile.shape[1] + 1)
    arr += np.tile(tile, reps)[: arr.shape[0], : arr.shape[1]]
    n = arr.size // 1200
    arr[gen.integers(0, arr.shape[0], n), gen.integers(0, arr.shape[1], n)] = gen.integers(0, 120, n)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    angle = rng.uniform(-1.0, 1.0)
    return img.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=235)


def _jpeg(img: Image.Image, quality: int = 72) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, dpi=(DPI, DPI))
    return buf.getvalue()


def write_scan(text_pdf: Path, out_dir: Path, *, stem: str, fmt: str, seed: int) -> str:
    """Write the scan of ``text_pdf`` in ``fmt``; returns the name (file or folder) relative to ``out_dir``."""
    pages = scanned_pages(text_pdf, seed=seed)
    if fmt == "scan_pdf":
        name = stem + ".scan.pdf"
        doc = pymupdf.open()
        for img in pages:
            w, h = img.width * 72 / DPI, img.height * 72 / DPI
            page = doc.new_page(width=w, height=h)
            page.insert_image(page.rect, stream=_jpeg(img))
        doc.save(str(out_dir / name), garbage=3, deflate=True, no_new_id=True)
        doc.close()
        return name
    if fmt == "images":
        folder = out_dir / stem
        folder.mkdir(parents=True, exist_ok=True)
        for k, img in enumerate(pages, 1):
            if k != 2:
                img.save(folder / f"page-{k:03d}.jpg", quality=75, dpi=(DPI, DPI))
            else:
                img.point(lambda v: v // 16 * 16 + 8).save(folder / f"page-{k:03d}.png", dpi=(DPI, DPI))
        return stem
    if fmt == "tiff":
        name = stem + ".tif"
        pages[0].save(out_dir / name, save_all=True, append_images=pages[1:], compression="tiff_jpeg",
                      quality=75, dpi=(DPI, DPI))
        return name
    raise ValueError(fmt)
