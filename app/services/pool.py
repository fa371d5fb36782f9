"""The import's analysis workers: one process pool per process, kept between batches, tied to our life.

Workers load the pipeline once (≈2–5 s), not per batch. Every worker, and the forkserver the window's
pool forks them from, dies with the importing process (app.lifeline): a killed window or CLI leaves no
process behind. Start the pool from a thread that lives as long as the pool (Linux's parent-death signal
follows the thread that forked): the CLI's main thread, the window's import thread.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from app.lifeline import set_pdeathsig_after_fork
from app.services.analysis import Analysed, Failed, analyse_file, worker_init
from scoring.rubric import Rubric

_POOL: dict[int, ProcessPoolExecutor] = {}
_POOL_LOCK = threading.Lock()


def get_pool(workers: int) -> ProcessPoolExecutor:
    with _POOL_LOCK:
        pool = _POOL.get(workers)
        if pool is None or getattr(pool, "_broken", False):
            _discard_locked()
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=worker_init,
                                       initargs=(os.getpid(),))
            _POOL[workers] = pool
        return pool


def warm_up(workers: int = 2) -> None:
    """Start the analysis workers ahead of the first import."""
    pool = get_pool(workers)
    for fut in [pool.submit(_ready) for _ in range(workers)]:
        fut.result()


def _ready() -> bool:
    import app.pipeline

    return app.pipeline.analyse is not None


def discard_pool() -> None:
    """Stop the workers now (Cancel, a failed batch, exit); the next batch starts a fresh pool."""
    with _POOL_LOCK:
        _discard_locked()


def _discard_locked() -> None:
    for pool in _POOL.values():
        _stop(pool)
    _POOL.clear()


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process has one thread (the CLI: cheap, modules already loaded); else forkserver
    (the UI has threads, and forking them is unsafe); spawn where neither exists."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    if threading.active_count() == 1:
        import app.pipeline  # loaded once here, shared by the forked workers

        assert app.pipeline.analyse is not None
        _register_fork_hook()
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    # The server loads the pipeline once and every worker forks from it; the guard ties it to our life.
    ctx.set_forkserver_preload(["app.forkserver_guard", "app.pipeline"])
    return ctx


_HOOKED: list[bool] = []


def _register_fork_hook() -> None:
    """Forked workers get the parent-death signal at once, not only when their initializer runs. Only
    multiprocessing calls os.fork() here (subprocess forks in C and runs no hooks)."""
    if not _HOOKED:
        os.register_at_fork(after_in_child=set_pdeathsig_after_fork)
        _HOOKED.append(True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for running analyses (Cancel must be prompt). A terminated
    worker's own OCR workers follow it (app.lifeline)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


K = TypeVar("K")


def analyse_all(jobs: Sequence[tuple[K, str, str]], rubric: Rubric | None, *, workers: int,
                cancel: Callable[[], bool], started: Callable[[K], None] = lambda _k: None,
                ) -> Iterator[tuple[K, Analysed | Failed]]:
    """Analyse (key, file, spool) jobs in the pool (inline when workers == 0); yields as files finish.
    `started(key)` is called as each file goes to a worker (the caller shows it as the current file)."""
    if workers <= 0 or not jobs:
        for key, source, spool in jobs:
            if cancel():
                return
            started(key)
            yield key, analyse_file(source, spool, rubric)
        return
    pool = get_pool(workers)
    pending: dict[Future[Analysed | Failed], K] = {}
    queue = list(jobs)
    finished = False
    try:
        while queue or pending:
            while queue and len(pending) < 2 * workers:  # bounded: results are not all held at once
                key, source, spool = queue.pop(0)
                started(key)
                try:
                    pending[pool.submit(analyse_file, source, spool, rubric)] = key
                except BrokenProcessPool:  # a worker died: finish the batch in this process
                    yield key, analyse_file(source, spool, rubric)
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancel():
                return
            for fut in done:
                key = pending.pop(fut)
                try:
                    yield key, fut.result()
                except Exception as exc:  # the worker died (e.g. out of memory)
                    yield key, Failed(f"分析进程异常退出（{type(exc).__name__}）", "bug")
        finished = True
    finally:
        if not finished:  # cancelled or failed: stop running analyses now; the next batch starts afresh
            discard_pool()
