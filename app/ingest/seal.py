"""Cheap red-stamp (公章) detection: a square-ish red region 15-80 mm across.

A 公章 is a red ring 38-45 mm wide. A red letterhead (红头) or a red rule is wide and flat, so
shape, not just the share of red pixels, decides. Pixels are looked at on a coarse grid of
2 mm cells, so a 50 dpi render is enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from PIL import Image

MM_PER_PT = 25.4 / 72
CELL_MM = 2.0
MIN_MM, MAX_MM = 15.0, 80.0
MIN_CELLS = 12  # a ring 15 mm wide still covers this many 2 mm cells


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels clearly red: strong R, well above G and B (anti-aliased pink edges included)."""
    r = rgb[..., 0].astype(np.int16)
    g = rgb[..., 1].astype(np.int16)
    b = rgb[..., 2].astype(np.int16)
    return (r >= 130) & (r - g >= 50) & (r - b >= 50)


def is_red(color: Sequence[float] | None) -> bool:
    """A PyMuPDF colour tuple (0..1 floats) that is clearly red."""
    if not color or len(color) != 3:
        return False
    r, g, b = color
    return r >= 0.5 and r - g >= 0.2 and r - b >= 0.2


def _looks_like_seal(width_mm: float, height_mm: float) -> bool:
    if not (MIN_MM <= width_mm <= MAX_MM and MIN_MM <= height_mm <= MAX_MM):
        return False
    return 0.6 <= width_mm / height_mm <= 1.6


def _components(cells: set[tuple[int, int]]) -> Iterable[list[tuple[int, int]]]:
    """8-connected groups of grid cells."""
    todo = set(cells)
    while todo:
        stack = [todo.pop()]
        group = []
        while stack:
            y, x = stack.pop()
            group.append((y, x))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    n = (y + dy, x + dx)
                    if n in todo:
                        todo.remove(n)
                        stack.append(n)
        yield group


def has_colour(rgb: np.ndarray) -> bool:
    """False for a grey image (a grey scan cannot show whether a stamp was red)."""
    sample = rgb[::4, ::4, :3].astype(np.int16)
    return bool((sample.max(axis=2) - sample.min(axis=2) >= 40).any())


def seal_in_pixels(rgb: np.ndarray, *, px_per_mm: float) -> bool | None:
    """True when an RGB(A) image (h, w, >=3) shows a square-ish red region of stamp size;
    None when the image has no colour at all (grey scan: a stamp cannot be told apart)."""
    if rgb.ndim != 3 or rgb.shape[2] < 3 or not has_colour(rgb):
        return None
    mask = red_mask(rgb)
    if not mask.any():
        return False
    step = max(1, round(CELL_MM * px_per_mm))
    h, w = (mask.shape[0] // step) * step, (mask.shape[1] // step) * step
    grid = mask[:h, :w].reshape(h // step, step, w // step, step).any(axis=(1, 3))
    cells = {(int(y), int(x)) for y, x in zip(*np.nonzero(grid), strict=True)}
    if len(cells) > 20000:  # a page washed in red is not a stamp
        return False
    for group in _components(cells):
        if len(group) < MIN_CELLS:
            continue
        ys = [y for y, _ in group]
        xs = [x for _, x in group]
        span_h = (max(ys) - min(ys) + 1) * step / px_per_mm
        span_w = (max(xs) - min(xs) + 1) * step / px_per_mm
        if _looks_like_seal(span_w, span_h):
            return True
    return False


def seal_in_rects(rects: Iterable[tuple[float, float, float, float]]) -> bool:
    """True when red vector shapes (boxes in points) cluster into a stamp-sized square-ish area."""
    clusters: list[list[float]] = []
    for x0, y0, x1, y1 in rects:
        box = [x0 - 2, y0 - 2, x1 + 2, y1 + 2]
        for other in [c for c in clusters if _overlap(c, box)]:
            clusters.remove(other)
            box = [min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3])]
        clusters.append(box)
    return any(
        _looks_like_seal((c[2] - c[0] - 4) * MM_PER_PT, (c[3] - c[1] - 4) * MM_PER_PT) for c in clusters
    )


def _overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def mostly_red(image: Image.Image) -> bool:
    """An embedded picture (e.g. a DOCX stamp image) whose inked pixels are mostly red."""
    small = image.convert("RGBA")
    small.thumbnail((128, 128))
    arr = np.asarray(small)
    inked = (arr[..., 3] > 32) & (arr[..., :3].min(axis=2) < 220)
    count = int(inked.sum())
    if count < 20:
        return False
    return int((red_mask(arr) & inked).sum()) / count >= 0.5
