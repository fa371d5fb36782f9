"""One bound on decoded pixels for every reader (images, TIFF frames, DOCX pictures, PDF pictures).

A few kilobytes of PNG or Flate can declare a 13,000 × 13,000 picture; decoding it costs gigabytes.
Sizes are read from headers and dictionaries before anything is decoded; a picture over the bound
rejects its file with a reason that names it. 80 million pixels holds an A3 page scanned at 600 dpi
(7,016 × 9,921 ≈ 70 million).
"""

from __future__ import annotations

from app.errors import ErrorCode, IngestError

MAX_PIXELS = 80_000_000


def _mega(n: int) -> str:
    return f"{n / 10_000:,.0f} 万"


def check(width: int, height: int, *, file: str, what: str = "图片") -> None:
    """Raise IngestError(TOO_LARGE) when ``width × height`` exceeds :data:`MAX_PIXELS`."""
    if width <= 0 or height <= 0:
        return
    if width * height > MAX_PIXELS:
        raise IngestError(
            ErrorCode.TOO_LARGE,
            f"{what}为 {width} × {height} 像素（约 {_mega(width * height)}像素），超过上限 {_mega(MAX_PIXELS)}像素，"
            "疑似异常文件，为保护本机内存已拒绝",
            file=file,
        )
