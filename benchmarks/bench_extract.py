"""Time `casereview extract` against bare PyMuPDF `page.get_text()` on generated text PDFs (on demand).

    uv run python -m benchmarks.bench_extract [N]     # N generated 30-page text dossiers (default 24)

Prints wall times for: bare get_text over every page; read()+extract() in-process (one core; the
reader OCRs page-sized pictures such as evidence photos); the same with read(ocr=False);
extract() alone on already-read dossiers; the CLI end to end (`casereview extract FILES`, process
pool of 2). Target: in-process ≤ 2× bare get_text.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

from app.extract import extract
from app.ingest import read
from tests.corpus import make_large_pdf


def _bare(files: list[Path]) -> int:
    pages = 0
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text()
                pages += 1
    return pages


def _quiet(cmd: list[str]) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)


def _timed(label: str, fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<44}{took:8.2f} s")
    return took


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Pure text dossiers (~30 pages, no scanned evidence copies): the ratio is about reading text,
        # not OCR; OCR speed is measured by bench_ocr.py.
        files = [root / f"dossier-{i:03d}.pdf" for i in range(n)]
        for i, f in enumerate(files):
            make_large_pdf(f, pages=30, seed=i)
        pages = _bare(files)  # warm the file cache and PyMuPDF
        print(f"{len(files)} text PDFs, {pages} pages")
        bare = min(_timed("bare page.get_text()", _bare, files) for _ in range(3))
        dossiers = [read(f) for f in files]
        full = _timed("read() + extract(), in-process", lambda: [extract(read(f)) for f in files])
        no_ocr = _timed(
            "read(ocr=False) + extract() (photo pages not OCR'd)",
            lambda: [extract(read(f, ocr=False)) for f in files],
        )
        only = _timed("extract() alone (dossiers already read)", lambda: [extract(d) for d in dossiers])
        cmd = [sys.executable, "-m", "app.cli", "extract", *map(str, files), "--format", "json"]
        cli = _timed("CLI end to end (2 processes, incl. start-up)", _quiet, cmd)
        start_up = _timed("CLI start-up alone (casereview --help)", _quiet, [sys.executable, "-m", "app.cli", "-h"])
        print(f"ratio in-process / bare get_text: {full / bare:.1f}×  (target ≤ 2×)")
        print(f"ratio without OCR of photo pages / bare get_text: {no_ocr / bare:.1f}×")
        print(f"ratio extract() alone / bare get_text: {only / bare:.1f}×")
        print(f"ratio CLI / bare get_text: {cli / bare:.1f}× ({(cli - start_up) / bare:.1f}× without start-up)")
        print(f"per page: bare {1000 * bare / pages:.1f} ms, read+extract {1000 * full / pages:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 24)
