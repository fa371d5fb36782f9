"""Raster pieces: the red seal and the grey photo placeholders (Pillow)."""

from __future__ import annotations

import functools
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[3] / "resources" / "fonts" / "wqy-microhei.ttc"


@functools.lru_cache(maxsize=64)
def seal_png(name: str, size: int = 300) -> bytes:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    red = (210, 30, 30, 215)
    c = size / 2
    draw.ellipse((6, 6, size - 6, size - 6), outline=red, width=9)
    # five-pointed star
    pts = []
    for k in range(10):
        rad = size * (0.13 if k % 2 == 0 else 0.055)
        ang = -math.pi / 2 + k * math.pi / 5
        pts.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    draw.polygon(pts, fill=red)
    font = ImageFont.truetype(str(FONT), int(size * 0.11), index=0)
    chars = list(name)
    span = math.radians(250)
    for k, ch in enumerate(chars):
        ang = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(chars)
        glyph = Image.new("RGBA", (int(size * 0.14), int(size * 0.14)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((1, 0), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(ang) - 90, expand=True)
        r = size * 0.36
        x, y = c + r * math.cos(ang) - glyph.width / 2, c + r * math.sin(ang) - glyph.height / 2
        img.alpha_composite(glyph, (int(x), int(y)))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@functools.lru_cache(maxsize=16)
def photo_png(seed: int, w: int = 520, h: int = 300) -> bytes:
    rng = random.Random(seed)
    img = Image.new("RGB", (w, h), (rng.randrange(150, 200),) * 3)
    draw = ImageDraw.Draw(img)
    for _ in range(14):
        x0, y0 = rng.randrange(0, w), rng.randrange(0, h)
        shade = rng.randrange(60, 230)
        draw.rectangle(
            (x0, y0, x0 + rng.randrange(20, 160), y0 + rng.randrange(20, 120)), fill=(shade, shade, shade - 10)
        )
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
