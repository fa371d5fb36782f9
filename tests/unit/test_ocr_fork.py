"""A process forked after OCR started (``casereview check`` run from a process that had read a scan) starts
its own OCR workers: the parent's executor, copied without its threads, would never answer (it hung)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from app.ingest import ocr


def _child(out: multiprocessing.queues.Queue) -> None:  # type: ignore[type-arg]
    out.put((ocr._POOL is None, ocr._POOL_LOCK.acquire(timeout=1)))


@pytest.mark.skipif(os.name != "posix", reason="fork is POSIX only")
def test_a_forked_child_does_not_inherit_the_ocr_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_OCR_WORKERS", "1")
    ocr.start()
    try:
        assert ocr._POOL is not None
        ctx = multiprocessing.get_context("fork")
        out = ctx.Queue()
        with ocr._POOL_LOCK:  # held by a parent thread at the moment of the fork
            proc = ctx.Process(target=_child, args=(out,))
            proc.start()
        assert out.get(timeout=30) == (True, True)
        proc.join(timeout=30)
        assert proc.exitcode == 0
    finally:
        ocr.shutdown()
