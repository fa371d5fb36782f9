"""Soak (issue 10): kill the import and the 定稿 at random moments, race two workstations on the same review,
定稿, 台账 row and imported file — and count what survived and what was lost. On demand, not in CI.

    uv run python -m benchmarks.soak [--db URL | --pg] [--rounds 20] [--seed S] [--docs 4]
        [--only kill-import|kill-finalise|race-review|race-finalise|race-ledger|race-import]

SQLite by default (a fresh file per round). ``--pg`` starts a throwaway PostgreSQL cluster
(tests/plugins/pg.py); ``--db postgresql+psycopg://user@host:port[/db]`` uses a server you have (the
login must be allowed to CREATE DATABASE: each round gets a fresh database, dropped afterwards).

Every round starts from a prepared database copied fresh (SQLite backup API / CREATE DATABASE … TEMPLATE)
and uses separate processes as separate workstations would. Moments come from a seeded RNG.

- kill-import: ``casereview import`` of ``--docs`` generated dossiers (tests/corpus) in its own session,
  SIGKILL to its process group at a random moment: once k of the batch's dossiers are committed (k uniform
  in 0…docs-1), after a delay uniform within one dossier's time (measured first, on this machine, now). Then: no process
  of the group is left; every dossier there is complete (pages, documents) with its import event and every
  import event has its dossier; db verify clean; a re-run imports the rest and reports the others as
  duplicates; ``casereview db verify`` clean.
- kill-finalise: dossier 1 has two submitted reviews that differ; a process finalises it (the service,
  ``take b``) and is killed at a moment uniform over 1.5 × the measured finalise (the service call,
  after the comparison is read). Then: either no final
  review (both reviews still submitted, no supervisor row) and it can be finalised now, or exactly one with
  its 台账 rows and its event; verify clean.
- race-*: two processes released a random 0–30 ms apart: save the same item of one review with the same
  expected version; finalise the same dossier; set the same 台账 row with the same version; import the same
  file into the same campaign. Exactly one is acknowledged, the other told (conflict / already final /
  duplicate), the acknowledged write is what the database holds; verify clean.

Survived: every check of the round held. Lost: an acknowledged write missing afterwards, a half-written
dossier or 定稿, or two winners. Exit 1 if any round lost work, 2 if any round failed another check.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.soak_env import Env, isolate, make_docs  # noqa: E402
from benchmarks.soak_rounds import (  # noqa: E402
    Outcome,
    finalise_duration,
    import_duration,
    kill_finalise,
    kill_import,
    race_finalise,
    race_import,
    race_ledger,
    race_review,
)

SCENARIOS = ("kill-import", "kill-finalise", "race-review", "race-finalise", "race-ledger", "race-import")


@contextlib.contextmanager
def _server(args: argparse.Namespace) -> Iterator[str | None]:
    if args.pg:
        from tests.plugins.pg import pg_cluster

        with pg_cluster() as url:
            import psycopg

            with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://") + "/postgres") as conn:
                row = conn.execute("SHOW data_directory").fetchone()
            log = Path(str(row[0] if row else "")).parent / "log"
            try:
                yield url
            finally:  # the throwaway cluster's server log is kept: what the server said survives the soak
                keep = Path(tempfile.gettempdir()) / f"soak-pg-server-{log.parent.name}.log"
                shutil.copyfile(log, keep)
                print(f"PostgreSQL 服务器日志：{keep}", flush=True)
    elif args.db and args.db.startswith("postgresql"):
        rest = args.db.split("://", 1)[1]
        yield args.db.split("://", 1)[0] + "://" + rest.split("/", 1)[0]
    else:
        yield None


def _round_fn(name: str, env: Env) -> Callable[[random.Random], Outcome]:
    if name == "kill-import":
        first, whole = import_duration(env)
        span = (first, max((whole - first) / max(len(env.docs) - 1, 1), 0.1))
        print(
            f"  一次完整导入 {len(env.docs)} 份案卷用时 {whole:.1f} s（第一份在 {first:.1f} s 入库，之后每份约 "
            f"{span[1]:.1f} s）：等 k 份入库（k 随机），再在一份的用时内随机延迟后终止",
            flush=True,
        )
        return lambda rng: kill_import(env, rng, span)
    if name == "kill-finalise":
        span = 1.5 * finalise_duration(env)
        print(f"  一次定稿（服务调用）约 {span / 1.5:.3f} s：在 0–{span:.3f} s 内随机终止", flush=True)
        return lambda rng: kill_finalise(env, rng, span)
    races = {
        "race-review": race_review,
        "race-finalise": race_finalise,
        "race-ledger": race_ledger,
        "race-import": race_import,
    }
    fn = races[name]
    return lambda rng: fn(env, rng)


def run_scenario(name: str, env: Env, rounds: int, seed: int) -> tuple[int, int, float]:
    rng = random.Random(f"{seed}-{name}")
    print(f"{name} ({env.backend})", flush=True)
    fn = _round_fn(name, env)
    start = time.perf_counter()
    survived = lost = 0
    for i in range(rounds):
        try:
            out = fn(rng)
        except Exception as exc:  # a round that breaks is a failed round, reported, and the soak goes on
            out = Outcome(False, False, [f"本轮出错：{exc!r}"[:600]])
        survived += out.survived
        lost += out.lost
        mark = "ok" if out.survived else ("LOST" if out.lost else "FAIL")
        print(
            f"  {i + 1:2d} {mark:4s} {out.detail}{'；' if out.detail and out.notes else ''}{'；'.join(out.notes)}",
            flush=True,
        )
    seconds = time.perf_counter() - start
    print(f"  = {name} {env.backend}: survived {survived}/{rounds}, lost {lost}/{rounds}, {seconds:.1f} s", flush=True)
    return survived, lost, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--db", help="postgresql+psycopg://… server (fresh database per round); default SQLite files")
    ap.add_argument("--pg", action="store_true", help="start a throwaway PostgreSQL cluster")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--docs", type=int, default=4, help="generated dossiers in the kill-import batch")
    ap.add_argument("--only", choices=SCENARIOS, action="append")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    isolate(tmp)
    docs = make_docs(tmp / "docs", args.docs, args.seed)
    rows = []
    try:
        with _server(args) as server:
            env = Env("postgresql" if server else "sqlite", tmp, docs, server)
            for name in args.only or SCENARIOS:
                survived, lost, seconds = run_scenario(name, env, args.rounds, args.seed)
                rows.append((name, env.backend, survived, lost, seconds))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{'scenario':15s} {'database':10s} {'survived':>9s} {'lost':>7s} {'seconds':>8s}")
    for name, backend, survived, lost, seconds in rows:
        n = args.rounds
        print(f"{name:15s} {backend:10s} {f'{survived}/{n}':>9s} {f'{lost}/{n}':>7s} {seconds:8.1f}")
    if any(r[3] for r in rows):
        return 1
    return 2 if any(r[2] < args.rounds for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
