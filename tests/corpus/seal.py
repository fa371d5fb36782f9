"""Red round seals (公章) drawn as images: ring, star, organ name along the arc — no text layer."""

from __future__ import annotations

import functools
import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
RED = (215, 25, 30)


@functools.lru_cache(maxsize=64)
def seal_png(name: str, size: int = 320, angle: int = 0) -> bytes:
    """PNG bytes of a semi-transparent red seal reading ``name``, turned by ``angle`` degrees (stamped askew)."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    ring = size * 0.47
    draw.ellipse([c - ring, c - ring, c + ring, c + ring], outline=(*RED, 210), width=max(4, size // 40))
    _star(draw, c, c, size * 0.13)
    font = ImageFont.truetype(str(FONT_PATH), int(size * 0.105))
    chars = list(name)
    span = min(250.0, 18.0 * len(chars))
    radius = size * 0.36
    for i, ch in enumerate(chars):
        angle = -90 - span / 2 + span * (i + 0.5) / len(chars)
        glyph = Image.new("RGBA", (int(size * 0.14), int(size * 0.14)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=(*RED, 220),
                                   anchor="mm")
        glyph = glyph.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(math.radians(angle)) - glyph.width / 2
        y = c + radius * math.sin(math.radians(angle)) - glyph.height / 2
        img.alpha_composite(glyph, (int(x), int(y)))
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.4
        a = math.radians(-90 + 36 * k)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=(*RED, 220))


@functools.lru_cache(maxsize=4)
def photo_png(seed: int, w: int = 480, h: int = 300) -> bytes:
    """A grey 'photograph' (shelves and boxes) for evidence pages."""
    img = Image.new("RGB", (w, h), (150, 150, 150))
    draw = ImageDraw.Draw(img)
    for k in range(12):
        x = (k * 53 + seed * 17) % (w - 60)
        y = (k * 37 + seed * 29) % (h - 60)
        shade = 60 + (k * 23 + seed) % 150
        draw.rectangle([x, y, x + 40 + k * 3, y + 30 + k * 2], fill=(shade, shade, shade))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
