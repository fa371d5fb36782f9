"""Time `casereview extract` against bare PyMuPDF `page.get_text()` on generated text PDFs (on demand).

    uv run python -m benchmarks.bench_extract [N]     # N generated 30-page text dossiers (default 24)

Prints wall times for: bare get_text over every page; read()+extract() in-process (one core; the
reader OCRs page-sized pictures such as evidence photos); the same with read(ocr=False);
extract() alone on already-read dossiers; the CLI end to end (`casereview extract FILES`, process
pool of 2). Target: in-process ≤ 2× bare get_text.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

from app.extract import extract
from app.extract.text import squeeze
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


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Pure text dossiers (~30 pages, no scanned evidence copies): the ratio is about reading text,
        # not OCR; OCR speed is measured by bench_ocr.py.
        # Every run reads its own files, and the cache of squeezed lines is emptied before each stage:
        # dossiers extract() has already seen would flatter it.
        sets = [[root / f"dossier-{r}-{i:03d}.pdf" for i in range(n)] for r in range(repeat)]
        for r, files in enumerate(sets):
            for i, f in enumerate(files):
                make_large_pdf(f, pages=30, seed=1000 * r + i)
        pages = _bare(sets[0])  # warm PyMuPDF
        extract(read(sets[0][0]))  # one-time loads (statute catalogue, stdnum tables): paid once per process
        print(f"{n} text PDFs per run, {pages} pages; {repeat} runs, each stage right after its own bare run")
        stages: dict[str, Callable[[list[Path]], object]] = {
            "read() + extract(), in-process": lambda files: [extract(read(f)) for f in files],
            "read() alone": lambda files: [read(f) for f in files],
            "extract() alone (dossiers already read)": lambda dossiers: [extract(d) for d in dossiers],
        }
        ratios: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in stages}
        per_page: dict[str, list[float]] = {k: [] for k in [*stages, "bare"]}
        for files in sets:
            for label, fn in stages.items():
                arg: list[Any] = [read(f) for f in files] if label.startswith("extract") else files
                squeeze.cache_clear()  # each stage starts with what a fresh worker has
                bare_wall, bare_cpu = _timed(lambda: _bare(files))  # noqa: B023 - called at once
                wall, cpu = _timed(lambda: fn(arg))  # noqa: B023
                ratios[label][0].append(wall / bare_wall)
                ratios[label][1].append(cpu / bare_cpu)
                per_page[label].append(1000 * cpu / pages)
                per_page["bare"].append(1000 * bare_cpu / pages)
        print(f"load average {os.getloadavg()[0]:.1f}; bare get_text {statistics.median(per_page['bare']):.2f} ms CPU/page")
        for label, (walls, cpus) in ratios.items():
            print(f"{label:<44} {statistics.median(per_page[label]):5.2f} ms CPU/page  "
                  f"ratio to bare: CPU {statistics.median(cpus):.2f}x, wall {statistics.median(walls):.2f}x")
        files = sets[0]
        cmd = [sys.executable, "-m", "app.cli", "extract", *map(str, files), "--format", "json"]
        cli, _ = _timed(lambda: _quiet(cmd))
        start_up, _ = _timed(lambda: _quiet([sys.executable, "-m", "app.cli", "-h"]))
        bare_wall, _ = _timed(lambda: _bare(files))
        print(f"CLI end to end (2 processes): {cli:.2f} s = {cli / bare_wall:.1f}x bare wall "
              f"({(cli - start_up) / bare_wall:.1f}x without the {start_up:.2f} s start-up)")
        print("target: read() + extract() <= 2x bare get_text")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 24, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
