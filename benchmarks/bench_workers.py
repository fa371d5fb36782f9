"""The shared import queue with several `casereview worker` processes (issue 16): run on demand, not in CI.

    uv run python -m benchmarks.bench_workers [--text 24] [--scans 2] [--delay 2] [--kill-files 30]

Against one throwaway PostgreSQL cluster (tests/plugins/pg.py), each worker a separate process as on
separate workstations:
1. CPU seconds per dossier (workers' user+sys / dossiers): generated text dossiers, and scanned dossiers
   (OCR). This machine has 2 cores: CPU-bound work cannot go faster with 3 workers than with 2, so
2. throughput, 1 vs 3 workers, is measured on two workloads: the real text dossiers (CPU-bound here),
   and the same dossiers with a fixed delay per file standing for OCR that each workstation would run
   on its *own* cores (the queue, locks and database are real; only the CPU is not shared). That shows
   whether the queue itself serialises anything; it does not show OCR on 3 separate machines.
3. kills: 3 workers, one killed with SIGKILL at random every few seconds and replaced; at the end every
   file must be imported exactly once (dossiers, import_job outcomes, audit events).
Throughput counts from the first job's start to the last job's end (worker start-up excluded).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TIMING = "1,4,1"  # heartbeat, stalled after, sweep (seconds)


def worker_main(db: str, name: str, delay: float) -> None:
    """A worker process; with --delay each file also waits `delay` s (emulated OCR on its own cores)."""
    from app.jobs import process as proc
    from app.jobs.worker import TeamWorker
    from app.services import open_store

    if delay > 0:
        real = proc.analyse_file

        def slow(path: str, spool: str, rubric: object) -> object:
            time.sleep(delay)
            return real(path, spool, rubric)  # type: ignore[arg-type]

        proc.analyse_file = slow  # type: ignore[assignment]
    import asyncio

    asyncio.run(TeamWorker(open_store(db), name=name).run(until_empty=True))


def _spawn(db: str, name: str, delay: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CASEREVIEW_WORKER_TIMING": TIMING, "CASEREVIEW_USER": "组织者"}
    return subprocess.Popen([sys.executable, __file__, "worker", db, name, str(delay)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _enqueue(db: str, folder: Path, campaign: str) -> int:
    env = {**os.environ, "CASEREVIEW_USER": "组织者"}
    done = subprocess.run([sys.executable, "-m", "app.cli", "import", str(folder), "--campaign", campaign,
                           "--queue", "--format", "json", "--db", db], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return len(json.loads(done.stdout)["queued"])


def _stats(db: str, campaign: str) -> dict[str, float]:
    from sqlalchemy import func, select

    from app.jobs.tables import ImportJob
    from app.services import get_campaign, open_store
    from app.store.models import AuditEvent, Dossier

    store = open_store(db)
    cid = get_campaign(store, campaign).id
    with store.session() as s:
        first, last = s.execute(select(func.min(ImportJob.started_at), func.max(ImportJob.finished_at))
                                .where(ImportJob.campaign_id == cid)).one()
        outcomes = dict(s.execute(select(ImportJob.outcome, func.count()).where(ImportJob.campaign_id == cid)
                                  .group_by(ImportJob.outcome)).all())
        dossiers = s.scalar(select(func.count()).select_from(Dossier).where(Dossier.campaign_id == cid))
        distinct = s.scalar(select(func.count(func.distinct(Dossier.sha256))).where(Dossier.campaign_id == cid))
        ids = select(Dossier.id).where(Dossier.campaign_id == cid)
        audits = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "dossier.import", AuditEvent.entity_id.in_(ids)))
        retried = s.scalar(select(func.count()).select_from(ImportJob).where(
            ImportJob.campaign_id == cid, ImportJob.attempts > 1))
    store.dispose()
    span = (last - first).total_seconds() if first and last else float("nan")
    return {"span_s": span, "dossiers": dossiers, "distinct": distinct, "audit_events": audits,
            "retried": retried, **{f"outcome_{k}": v for k, v in outcomes.items()}}


def run_batch(db: str, folder: Path, campaign: str, workers: int, delay: float) -> dict[str, float]:
    n = _enqueue(db, folder, campaign)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    procs = [_spawn(db, f"{campaign}-{i}", delay) for i in range(workers)]
    for p in procs:
        p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = _stats(db, campaign)
    stats.update(files=n, workers=workers, delay=delay, cpu_s=round(cpu, 1),
                 per_min=round(60 * n / stats["span_s"], 1), cpu_per_dossier=round(cpu / max(n, 1), 2))
    return stats


def run_kills(db: str, folder: Path, campaign: str, delay: float, every: float, seed: int = 7) -> dict[str, float]:
    n = _enqueue(db, folder, campaign)
    rng = random.Random(seed)
    procs = {f"{campaign}-{i}": _spawn(db, f"{campaign}-{i}", delay) for i in range(3)}
    kills, spawned = 0, 3
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        time.sleep(rng.uniform(0.5, 2) * every)
        alive = {k: p for k, p in procs.items() if p.poll() is None}
        if not alive:
            break
        if kills < 8:
            _name, victim = rng.choice(sorted(alive.items()))
            os.killpg(victim.pid, signal.SIGKILL)  # the worker and its OCR children, as a power cut would
            victim.wait()
            kills += 1
            new = f"{campaign}-{spawned}"
            spawned += 1
            procs[new] = _spawn(db, new, delay)
    for p in procs.values():
        p.wait()
    stats = _stats(db, campaign)
    stats.update(files=n, kills=kills)
    return stats


def _pg_counters(db: str) -> dict[str, int]:
    import psycopg

    from app.jobs.queue import conninfo

    with psycopg.connect(conninfo(db), autocommit=True) as conn:
        row = conn.execute("SELECT xact_commit, tup_inserted, tup_updated, tup_fetched, blks_read + blks_hit "
                           "FROM pg_stat_database WHERE datname = current_database()").fetchone()
        conns = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()
    assert row is not None
    assert conns is not None
    return dict(zip(("xact", "inserted", "updated", "fetched", "blocks", "connections"), (*row, conns[0]), strict=True))


def run_server(db: str, folder: Path, campaign: str, workers: int) -> dict[str, float]:
    """The database's share per dossier (transactions, rows, original bytes) and connections per worker."""
    import psycopg

    from app.jobs.queue import conninfo

    n = _enqueue(db, folder, campaign)
    time.sleep(2)  # pg_stat_database is updated by backends when they go idle
    before = _pg_counters(db)
    procs = [_spawn(db, f"{campaign}-{i}", 0) for i in range(workers)]
    peak = 0
    while any(p.poll() is None for p in procs):
        peak = max(peak, _pg_counters(db)["connections"] - 1)
        time.sleep(1)
    time.sleep(2)
    after = _pg_counters(db)
    with psycopg.connect(conninfo(db)) as conn:
        size = conn.execute("SELECT coalesce(sum(size), 0) FROM stored_file").fetchone()
    stats = _stats(db, campaign)
    per = {k: round((after[k] - before[k]) / max(n, 1), 1) for k in ("xact", "inserted", "updated", "fetched")}
    stats.update(files=n, workers=workers, per_dossier=per, peak_connections=peak,
                 connections_per_worker=round(peak / workers, 1), original_mb_per_dossier=round(
                     (size[0] if size else 0) / 1e6 / max(n, 1), 2))
    return stats


def _text_folder(root: Path, n: int, seed: int) -> Path:
    from tests.corpus import generate_corpus

    folder = root / f"text-{n}-{seed}"
    generate_corpus(folder, n=n, seed=seed, scans=0)
    (folder / "truth.json").unlink(missing_ok=True)
    return folder


def _scan_folder(root: Path, n: int) -> Path:
    from tests.corpus import generate_corpus

    folder = root / f"scan-{n}"
    cases = generate_corpus(folder, n=max(n * 4, 8), seed=99, scans=n)
    for case in cases:  # keep only the scanned dossiers
        if case.fmt not in ("scan_pdf", "images", "tiff"):
            target = folder / case.file
            if target.is_dir():
                import shutil

                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
    (folder / "truth.json").unlink(missing_ok=True)
    return folder


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker_main(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--text", type=int, default=24)
    parser.add_argument("--scans", type=int, default=2)
    parser.add_argument("--delay", type=float, default=2.0)
    parser.add_argument("--kill-files", type=int, default=30)
    parser.add_argument("--only", choices=("cpu", "scale", "kill", "server"), action="append")
    args = parser.parse_args()
    from tests.plugins.pg import create_database, pg_cluster

    results: dict[str, object] = {"load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp, pg_cluster() as server:
        root = Path(tmp)
        db = create_database(server)
        only = set(args.only or ("cpu", "scale", "kill"))
        if "cpu" in only and args.scans:
            results["scan_1w"] = run_batch(db, _scan_folder(root, args.scans), "scan-1w", 1, 0)
        if "scale" in only:
            text = _text_folder(root, args.text, 1)
            results["text_1w"] = run_batch(db, text, "text-1w", 1, 0)
            results["text_3w"] = run_batch(db, _text_folder(root, args.text, 2), "text-3w", 3, 0)
            results["delay_1w"] = run_batch(db, _text_folder(root, args.text, 3), "delay-1w", 1, args.delay)
            results["delay_3w"] = run_batch(db, _text_folder(root, args.text, 4), "delay-3w", 3, args.delay)
        if "server" in only:
            results["server"] = run_server(db, _text_folder(root, 9, 6), "server", 3)
        if "kill" in only:
            results["kills"] = run_kills(db, _text_folder(root, args.kill_files, 5), "kills", 1.0, 4.0)
    results["load_after"] = os.getloadavg()
    print(json.dumps(results, ensure_ascii=False, indent=2, default=str))


if __name__ == "__main__":
    main()
