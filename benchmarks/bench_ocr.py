"""OCR throughput: app.ingest.read() on the 2-process pool vs the bare rapidocr engine, sequential.

Run on demand (not in CI):  uv run python benchmarks/bench_ocr.py [pages] [--size PT]

Generates A4 scanned pages (text typeset with the CJK font, rendered at 200 dpi, tilted, blurred,
speckled, JPEG), wraps them as an image-only PDF, then times
  bare:  RapidOCR() with its default threading, one page after the other, engine already warm;
  read:  app.ingest.read(pdf) with the worker pool already warm (render + OCR + layout);
and prints both wall times, the speed-up, read / (bare / workers) against the 1.2 target, the
character accuracy of both against the typeset text, and each OCR worker's peak RSS (VmHWM).
"bare" keeps rapidocr's defaults (onnxruntime memory pattern on, glibc's own mmap threshold) except the
detection size, so the accuracy columns compare the memory settings of app.ocr_worker with the old ones.

Measured 2026-11-28 20:30-20:40 on the shared 2-core machine at load average 6-7 (a 1,000-page OCR
import was running beside it, so wall times are ~3x an idle machine's; compare CPU and accuracy):
- 11 pt, 4 pages: CPU per page bare 9.84 s, read() workers 9.89 s (ratio 1.00); character accuracy
  0.9998 both; OCR workers' peak RSS 424 / 423 MB (bare engine's process: 885 MB).
- 7.5 pt, 2 pages: CPU per page bare 13.42 s, workers 13.02 s (0.97); accuracy 1.0000 both; peaks 415 / 417 MB.
- 9 pt, 2 pages: CPU per page bare 9.01 s, workers 10.61 s (1.18); accuracy 0.9997 both; peaks 414 / 416 MB.
- Engine alone (one process, same images, user / system CPU per page): old settings 5.5 / 0.7 s (11 pt),
  7.6 / 1.6 s (7.5 pt); app.ocr_worker's 5.4 / 2.0 s and 7.1 / 4.9 s: the fixed mmap threshold returns
  freed tensors to the kernel, and getting them back costs system time (+20 % at 11 pt, +30 % at 7.5 pt).
  Recognised text identical character for character (batch 6 kept; batch 2 read （ as ( on 2 of 4 pages).
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np

if __name__ != "__mp_main__":  # the spawned OCR workers import this file too: keep them as light as in the app
    import pymupdf
    from PIL import Image, ImageFilter
    from rapidfuzz.distance import Levenshtein

    from app.ingest import ocr, read

BODY = (
    "当事人：石河子市某某商贸有限公司，统一社会信用代码：91659001MA77XXXXXX。",
    "经查，当事人于2024年3月4日销售超过保质期的预包装食品，货值金额人民币320.5元。",
    "上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。",
    "依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，决定处罚如下：",
    "一、没收违法所得人民币320.5元；二、罚款人民币伍仟元整。",
    "当事人应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的",
    "百分之三加处罚款。如不服本决定，可以在收到本决定书之日起六十日内申请行政复议。",
)


def truth(number: int, size: float = 11) -> str:
    """The characters typeset on scanned_page(number, size), without spaces."""
    chars = round(38 * 11 / size)
    lines = round(30 * 11 / size)
    body = "".join(BODY[i % len(BODY)][:chars] for i in range(lines))
    return f"行政处罚决定书师市监处罚〔2024〕{number}号{body}"


def scanned_page(number: int, size: float = 11) -> bytes:
    """An A4 page of body text at `size` pt (the lines and their length scale with it)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((200, 90), "行政处罚决定书", fontname="cjk", fontsize=20)
    page.insert_text((330, 125), f"师市监处罚〔2024〕{number}号", fontname="cjk", fontsize=11)
    chars = round(38 * 11 / size)
    for i in range(round(30 * 11 / size)):
        page.insert_text((60, 160 + size * 20 / 11 * i), BODY[i % len(BODY)][:chars], fontname="cjk", fontsize=size)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    image = image.rotate(0.6, fillcolor=255).filter(ImageFilter.GaussianBlur(0.7))
    noise = np.random.default_rng(number).normal(0, 15, (image.height, image.width))
    image = Image.fromarray(np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


BARE_PARAMS = {"Global.log_level": "error", "Global.max_side_len": 1600}  # rapidocr defaults + our det size


def time_bare(images: list[bytes]) -> tuple[float, float, list[str]]:
    """(wall s, CPU s of this process, texts) for the bare engine, one page after the other."""
    from rapidocr import RapidOCR

    engine = RapidOCR(params=dict(BARE_PARAMS))  # default (all-core) threads, mem pattern on
    engine(images[0])  # warm-up: model load is not what we compare
    start, cpu = time.perf_counter(), time.process_time()
    texts = ["".join(engine(img).txts or ()) for img in images]
    return time.perf_counter() - start, time.process_time() - cpu, texts


def children_cpu() -> float:
    """CPU seconds of finished (joined) child processes: the OCR workers after ocr.shutdown()."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_mb(pid: int | str = "self") -> int:
    with Path(f"/proc/{pid}/status").open() as fh:
        return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmHWM:"))


def accuracy(texts: list[str], size: float) -> float:
    """Mean character accuracy against the typeset text (1 - normalised Levenshtein distance)."""
    return float(np.mean([1 - Levenshtein.normalized_distance(truth(n + 1, size), "".join(t.split()))
                          for n, t in enumerate(texts)]))


def run_read(pdf: Path) -> tuple[float, float, float, list[str], list[int]]:
    """(cold start s, wall s, workers' CPU s, texts, workers' peak RSS MB) of app.ingest.read(pdf)."""
    # Workers' CPU is only counted once they exit, so measure a warm-up-only pool first.
    cold_start = time.perf_counter()
    warm_pool()
    cold = time.perf_counter() - cold_start
    ocr.shutdown()
    warm_cpu = children_cpu()
    warm_pool()
    start = time.perf_counter()
    dossier = read(pdf)
    wall = time.perf_counter() - start
    peaks = [peak_mb(pid) for pid in ocr._pool()._processes]
    ocr.shutdown()
    texts = [p.text for p in dossier.pages]
    return cold, wall, children_cpu() - 2 * warm_cpu, texts, peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, nargs="?", default=6)
    parser.add_argument("--size", type=float, default=11, help="body text size in pt (small print: 7.5-9)")
    args = parser.parse_args()
    pages, size = args.pages, args.size
    images = [scanned_page(n + 1, size) for n in range(pages)]
    with TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "scan.pdf"
        doc = pymupdf.open()
        for data in images:
            page = doc.new_page()
            page.insert_image(page.rect, stream=data)
        doc.save(pdf)
        cold, wall_read, cpu_read, texts, peaks = run_read(pdf)
    wall_bare, cpu_bare, bare_texts = time_bare(images)
    workers = ocr.worker_count()
    ratio = wall_read / (wall_bare / max(workers, 1))
    print(f"pages: {pages} at {size} pt, OCR workers: {workers}")
    print(f"pool start + warm-up: {cold:.2f} s")
    print(f"bare rapidocr, sequential (default threads): {wall_bare:.2f} s  ({wall_bare / pages:.2f} s/page)")
    print(f"read() via worker pool:                     {wall_read:.2f} s  ({wall_read / pages:.2f} s/page)")
    print(f"speed-up bare/read: {wall_bare / wall_read:.2f}x")
    print(f"CPU per page: bare {cpu_bare / pages:.2f} s, read() workers {cpu_read / pages:.2f} s "
          f"(ratio {cpu_read / cpu_bare:.2f}; wall figures mean little on a loaded machine)")
    print(f"read / (bare / {workers}) = {ratio:.2f}  (target <= 1.2)")
    print(f"character accuracy: read() {accuracy(texts, size):.4f}, bare {accuracy(bare_texts, size):.4f}")
    print(f"peak RSS: OCR workers {peaks} MB (target < 500); this process (bare engine) {peak_mb()} MB")
    return 0


def _nap() -> int:
    import os

    time.sleep(0.5)
    return os.getpid()


def warm_pool() -> None:
    """Block until every worker has run its initializer (engine loaded and warmed up)."""
    ocr.start()
    pool = ocr._pool()
    for _ in range(10):
        pids = {f.result() for f in [pool.submit(_nap) for _ in range(ocr.worker_count())]}
        if len(pids) == ocr.worker_count():
            return


if __name__ == "__main__":
    sys.exit(main())
