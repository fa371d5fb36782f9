"""Import speed and memory (issue 4): run on demand, not in CI.

    uv run python -m benchmarks.bench_import [--dossiers 100] [--pages 30] [--scan-pages 1000] [--big-text-pages 2000]

1. N generated text dossiers (~P pages) imported into a fresh SQLite store (2 worker processes):
   dossiers/s, and the ratio against bare PyMuPDF ``page.get_text()`` over the same files (target ≤ 3×).
2. Peak RSS of importing one long file (text, and scanned → OCR) — main process and the largest
   worker — in a child process (target < 500 MB for 1,000 scanned pages).

Measured 2026-11-28 on the shared 2-core build machine while other engineers' test runs kept the load
average at 9–20 (so every figure, the bare baseline included, is slowed several-fold and noisy):
- 100 generated text dossiers × 30 pages (3,000 pages), measured again 2026-11-28 20:37 after the speed
  work, `--repeat 3` under nice, load average 6.3–6.6 (other engineers' OCR runs): median 16.6 dossiers/s
  (499 pages/s); wall 4.4× bare get_text (target ≤ 3×: NOT met on this loaded machine); CPU per core 2.26×
  (main + workers CPU / 2 against bare CPU: the wall ratio an idle machine would give with both cores busy).
  The code before the speed work (commit e5d41ed), same script, load 7.0–7.5, measured right after:
  11.9 dossiers/s, wall 6.3×, CPU per core 3.28×. Per page on one core: read 1.8× bare (one text pass gives
  words, picture boxes and path colours; drawings only when a path may be red), extract 0.65×, check +
  score ≈0.15×; the main process ≈15 ms CPU per dossier (write ≈9 ms, of it the FTS5 trigram index ≈5 ms;
  hashing, duplicate queries, results).
- 2,000-page text file: imported in 55 s; peak RSS main process 219 MB (224 MB for a 2-page file: it is
  the imported libraries, not the pages), analysis worker 196 MB.
- Scanned files, before the OCR memory work: 10 pages → main 219 MB, analysis worker 250 MB, each of
  ingest's 2 OCR workers 829 MB; 40 pages → OCR workers 892 MB each (flat in the page count).
- 1,000-page scanned file after it (app/ocr_worker.py; this run still used recognition batch 2, now 6:
  same peak, see bench_ocr), started 2026-11-28 20:07 under nice at load average 5-7 (2.5 later):
  imported in 3,852.5 s = 0.26 pages/s on this shared machine (an idle 2-core machine: ≈ 1,000 × 3.8
  CPU-s / 2 ≈ 32 min, 0.5 pages/s; pages of this file cost 3.0-5.9 CPU-s, mean ≈3.8 s on 4 of them).
  Peak RSS flat from the first minute: each OCR worker 426 / 425 MiB, analysis worker 235 MiB, main
  202 MiB; all together 1,288 MiB (+180 MiB for a forkserver that exists only because the bench's
  reporting thread makes the import choose forkserver, as the UI does). Every process < 500 MB: met.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf


def _generate(folder: Path, *, dossiers: int, pages: int) -> list[Path]:
    from tests.corpus import make_large_pdf

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(dossiers):
        path = folder / f"dossier-{i:03d}.pdf"
        make_large_pdf(path, pages=pages, seed=1000 + i)
        out.append(path)
    return out


def _bare(files: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds of bare ``page.get_text()`` over every page, and the page count."""
    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    for path in files:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
                count += 1
    return time.perf_counter() - started, time.process_time() - cpu, count


def _children_cpu() -> dict[int, float]:
    """CPU seconds used so far by each live descendant of this process: the analysis workers (kept
    alive between batches; forked, or children of a forkserver once the main process has threads)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
        mine |= frontier
    return {pid: cpu[pid] for pid in mine}


def _import(files: list[Path], db: Path, *, workers: int) -> tuple[float, float]:
    """Wall seconds of the import, and CPU seconds of the main process plus the workers."""
    from app.services import create_campaign, ensure_user, import_paths, open_store

    store = open_store(f"sqlite:///{db}")
    user = ensure_user(store, "bench")
    campaign = create_campaign(store, "bench", year=2024, user=user)
    kids, cpu, started = _children_cpu(), time.process_time(), time.perf_counter()
    report = import_paths(store, files, campaign=campaign, user=user, workers=workers)
    elapsed = time.perf_counter() - started
    used = time.process_time() - cpu + sum(t - kids.get(pid, 0.0) for pid, t in _children_cpu().items())
    assert len(report.imported) == len(files), report.rejected
    store.dispose()
    return elapsed, used


def speed(args: argparse.Namespace, work: Path) -> None:
    """Bare extraction and the import alternate ``--repeat`` times; medians of the ratios are reported.
    Wall ratio: what a user waits. CPU ratio: (main + workers CPU) / workers against bare CPU — the
    wall ratio on an otherwise idle machine if both cores were kept busy; unlike the wall ratio it
    is not inflated by other processes on a shared machine."""
    from app.services.pool import discard_pool, warm_up

    t0 = time.perf_counter()
    files = _generate(work / "text", dossiers=args.dossiers, pages=args.pages)
    print(f"generated {len(files)} dossiers in {time.perf_counter() - t0:.1f} s")
    _bare(files)  # warm the file cache
    t0 = time.perf_counter()
    warm_up(args.workers)  # the UI starts its workers ahead; the CLI pays this (≈0.1 s with fork) once
    print(f"starting {args.workers} analysis workers took {time.perf_counter() - t0:.1f} s (not counted below)")
    walls, cpus = [], []
    for run in range(args.repeat):
        if run:  # fresh workers: nothing cached from the previous run's dossiers
            discard_pool()
            warm_up(args.workers)
        bare_wall, bare_cpu, pages = _bare(files)
        took, used = _import(files, work / f"speed-{run}.db", workers=args.workers)
        walls.append(took / bare_wall)
        cpus.append(used / args.workers / bare_cpu)
        print(f"run {run + 1} (load {os.getloadavg()[0]:.1f}): bare get_text {pages} pages in {bare_wall:.2f} s "
              f"wall / {bare_cpu:.2f} s CPU; import {took:.2f} s = {len(files) / took:.1f} dossiers/s, "
              f"{pages / took:.0f} pages/s, CPU {used:.2f} s -> wall {walls[-1]:.2f}x, CPU {cpus[-1]:.2f}x", flush=True)
    print(f"median ratio import / bare extraction: wall {statistics.median(walls):.2f}x, "
          f"CPU per core {statistics.median(cpus):.2f}x (target <= 3x)")


_CHILD = """
import json, os, resource, sys, time
from pathlib import Path
from app.services import create_campaign, ensure_user, import_paths, open_store

def descendants_hwm_kb():
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
        mine |= frontier
    peaks = {}
    for pid in mine:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\\0", b" ").decode(errors="replace")
            if "descendants_hwm_kb" in cmd:  # forked from this script: the analysis worker
                kind = "analysis"
            else:
                kind = "tracker" if "resource_tracker" in cmd else "ocr"
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        peaks[f"{kind}-{pid}"] = int(line.split()[1])
        except OSError:
            pass
    return peaks

def report_peaks_every(seconds):  # a long scanned run: peaks so far go to stderr, in case it is cut short
    import threading
    start = time.perf_counter()
    def loop():
        while True:
            time.sleep(seconds)
            peaks = {k: v // 1024 for k, v in sorted(descendants_hwm_kb().items())}
            print(f"[{time.perf_counter() - start:.0f} s] peak RSS so far (MB): {peaks}", file=sys.stderr, flush=True)
    threading.Thread(target=loop, daemon=True).start()

path, db = Path(sys.argv[1]), sys.argv[2]
if len(sys.argv) > 3:
    report_peaks_every(float(sys.argv[3]))
store = open_store("sqlite:///" + db)
user = ensure_user(store, "bench")
campaign = create_campaign(store, "mem", year=2024, user=user)
t = time.perf_counter()
report = import_paths(store, [path], campaign=campaign, user=user, workers=1)
peaks = descendants_hwm_kb()  # the analysis worker (and its OCR workers) are still alive: pools are kept
print(json.dumps({"seconds": time.perf_counter() - t, "imported": len(report.imported),
                  "rejected": [r.reason for r in report.rejected],
                  "main_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "worker_kb": max(peaks.values(), default=0), "processes": len(peaks),
                  "sum_kb": sum(peaks.values()), "each_mb": {k: v // 1024 for k, v in sorted(peaks.items())}}))
"""


def memory(path: Path, db: Path, label: str, *, pages: int, every: float = 0) -> None:
    extra = [str(every)] if every else []  # the child's running peaks go straight to our stderr
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(db), *extra], stdout=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode != 0:
        print(f"{label}: failed (exit {done.returncode}; its stderr is above)")
        return
    out = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{label}: imported={out['imported']} in {out['seconds']:.1f} s ({pages / out['seconds']:.2f} pages/s); "
          f"peak RSS main {out['main_kb'] / 1024:.0f} MB, largest of {out['processes']} worker processes "
          f"{out['worker_kb'] / 1024:.0f} MB (target < 500 MB per process), workers together "
          f"{out['sum_kb'] / 1024:.0f} MB, all with main {(out['sum_kb'] + out['main_kb']) / 1024:.0f} MB; "
          f"each: {out['each_mb']}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="speed runs (medians are reported)")
    parser.add_argument("--big-text-pages", type=int, default=2000)
    parser.add_argument("--scan-pages", type=int, default=1000, help="0 skips the scanned-file run")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    from tests.corpus import make_large_pdf

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        if not args.skip_speed:
            speed(args, work)
        if args.big_text_pages:
            big = work / "big-text.pdf"
            make_large_pdf(big, pages=args.big_text_pages, seed=7)
            memory(big, work / "big-text.db", f"{args.big_text_pages}-page text file", pages=args.big_text_pages)
        if args.scan_pages:
            scan = work / "big-scan.pdf"
            t0 = time.perf_counter()
            make_large_pdf(scan, pages=args.scan_pages, scanned=True, seed=7)
            print(f"generated the {args.scan_pages}-page scan in {time.perf_counter() - t0:.0f} s", flush=True)
            memory(scan, work / "big-scan.db", f"{args.scan_pages}-page scanned file", pages=args.scan_pages,
                   every=60)
    _ = resource


if __name__ == "__main__":
    main()
