"""The OCR engine as it runs inside an OCR worker process (rapidocr 3.x + onnxruntime).

Kept outside the ``app.ingest`` package on purpose: a spawned worker imports the module of every
function it is sent, and importing anything under ``app.ingest`` runs ``app/ingest/__init__.py``, which
loads PyMuPDF, python-docx and the layout code: ≈165 MB per worker that OCR never uses. This module
needs only numpy; rapidocr is imported when the engine is made.

Memory (one 200 dpi A4 page; measured with /proc/self/status, see benchmarks/bench_ocr.py). Before:
each worker peaked at 830–890 MB. Where it went: ~170 MB of imports (PyMuPDF & co., above), ~50 MB
of models, and per page a transient of ~240 MB in detection (onnxruntime tensors for a 1600×1120
input) and ~240 MB in recognition (6 lines per run, each as wide as the longest); glibc then kept
the freed blocks (see ``_return_freed_memory``), and onnxruntime's memory pattern held one block
sized for a whole run. The warm-up image (320×64) was the worst page of all: detection scales the
short side up to 736 px, so it ran on 3680×736. Now: a square warm-up image, memory pattern off, a
fixed mmap threshold: ~165 MB after start and ~420-430 MB at the detection peak of each page, flat
across pages (the detection transient is what is left). The price: freed tensors go back to the
kernel and come back as fresh zeroed pages, ~1.3 s more system CPU per 11 pt page (+20 %) and ~3 s
per 7.5 pt page (more lines, more recognition runs); keeping memory instead (heap retention,
onnxruntime arenas, shared or per session) was measured at 490-720 MB.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# (x0, y0, x1, y1, text, score) in pixels of the image that was sent.
OcrBox = tuple[float, float, float, float, str, float]

# Text lines recognised per onnxruntime run: rapidocr's default. Batches of 2 (or 1) cut recognition's
# transient from ~240 to ~80 (~40) MB, but detection's ~240 MB sets the peak anyway (measured on 7.5, 9
# and 11 pt A4 pages: 427-430 MB either way), and batch 2 changed the output: "（" read as "(" on 2 of 4
# pages. Batch 6 gives the old engine's text, character for character.
REC_BATCH = 6
ENGINE_PARAMS: dict[str, Any] = {"Global.log_level": "error", "Global.max_side_len": 1600,
                                 "Rec.rec_batch_num": REC_BATCH}
M_MMAP_THRESHOLD = -3  # glibc mallopt() parameter
MMAP_THRESHOLD = 1 << 20

_ENGINE: Any = None


def make_engine() -> Any:
    """A rapidocr engine on one core, memory-lean (see the module docstring)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _return_freed_memory()
    _sessions_without_mem_pattern()
    from rapidocr import RapidOCR  # lazy: 1.6 s import

    engine = RapidOCR(
        params={
            **ENGINE_PARAMS,
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def _return_freed_memory() -> None:
    """glibc serves blocks above a threshold with mmap and unmaps them when freed, but after the first
    such free it raises the threshold (up to 32 MB), so the next page's tensors come from the heap,
    which keeps them: freed detection tensors were not reused by recognition and a worker grew to
    ~750 MB. A fixed 1 MiB threshold gives every large block back at once (no effect off glibc)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):  # not glibc (musl): nothing to tune
        log.debug("mallopt not available")


def _sessions_without_mem_pattern() -> None:
    """onnxruntime's memory pattern plans one block for all of a run's tensors and keeps it: ~70 MB more
    at the detection peak than freeing each tensor when done. rapidocr builds the sessions itself, so
    its SessionOptions factory is wrapped (in the process that makes the engine)."""
    try:
        from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
    except ImportError:
        return
    original = OrtInferSession._init_sess_opts
    if getattr(original, "_no_mem_pattern", False):
        return

    def options(cfg: Any) -> Any:
        opts = original(cfg)
        opts.enable_mem_pattern = False
        return opts

    setattr(options, "_no_mem_pattern", True)  # noqa: B010 - a function attribute mypy does not know
    setattr(OrtInferSession, "_init_sess_opts", staticmethod(options))  # noqa: B010


def ping() -> int:
    """Sent to each new worker to start it (and learn its pid)."""
    return os.getpid()


def engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = make_engine()
    return _ENGINE


def init_worker() -> None:
    """Pool initializer: load the engine and its three models once, and run it once. The warm-up image
    is square: detection scales a page's short side up to 736 px, so a wide strip (the old 320×64)
    made the warm-up cost more memory than any A4 page."""
    from PIL import Image, ImageDraw, ImageFont

    from app.lifeline import die_with_parent

    die_with_parent()  # a killed import must not leave its OCR workers behind
    ocr = engine()
    for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        if callable(getattr(ocr, loader, None)):
            getattr(ocr, loader)()
    image = Image.new("RGB", (256, 256), "white")
    ImageDraw.Draw(image).text((10, 100), "OCR 2024", fill="black", font=ImageFont.load_default(size=40))
    ocr(np.asarray(image))


def recognise(pixels: bytes, size: tuple[int, int]) -> list[OcrBox]:
    """Run OCR on raw RGB pixels; return one box per text line found, in pixels."""
    width, height = size
    image = np.frombuffer(pixels, dtype=np.uint8).reshape(height, width, 3)
    result = engine()(image)
    if result.boxes is None or result.txts is None:
        return []
    boxes: list[OcrBox] = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        boxes.append((min(xs), min(ys), max(xs), max(ys), str(text), float(score)))
    return boxes
