"""The per-file work of an import, run in a worker process: analyse, spool page text to a file."""

from __future__ import annotations

import json
import logging
import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import KnownError
from scoring.rubric import Rubric
from scoring.types import Finding, Score

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Analysed:
    """Everything the main process writes for one dossier, except the page texts (in `spool`)."""

    format: str
    pages: int
    contract: dict[str, Any]
    documents: tuple[tuple[str, str, tuple[int, ...]], ...]
    findings: tuple[Finding, ...]
    score: Score
    rubric_id: str
    rubric_version: str
    spool: str  # JSON lines: {"number", "text", "ocr", "confidence", "has_seal"}


@dataclass(frozen=True, slots=True)
class Failed:
    reason: str
    code: str
    detail: str = ""


def worker_init(importer: int | None = None) -> None:
    """Runs in each analysis worker. It dies with its parent and with `importer`, the importing process
    (under the forkserver they differ): app.lifeline. atexit handlers never run in a multiprocessing child,
    so the OCR pool that ingest starts inside the worker would be left running, and the worker's exit
    (which joins its children) would wait for it forever: stop it from a multiprocessing finaliser instead."""
    from multiprocessing.util import Finalize

    from app.ingest import ocr
    from app.lifeline import die_with_parent

    die_with_parent(importer)
    lower_priority()

    Finalize(None, ocr.shutdown, exitpriority=100)


WORKER_NICENESS = 10


def lower_priority() -> None:
    """Analysis is background work: the reviewer's window (and the importing process that saves the
    results) must get the CPU first, or every page of analysis shows as a stall of the window's event
    loop on a two-core desktop (issue 10.3). Children (the OCR pool) inherit the niceness. Where the
    platform has no `os.nice` the workers simply run at normal priority."""
    nice = getattr(os, "nice", None)
    if nice is None:
        return
    try:
        current = nice(0)
        if current < WORKER_NICENESS:
            nice(WORKER_NICENESS - current)
    except OSError as exc:  # a sandbox that forbids it: not worth failing an import for
        log.warning("could not lower the analysis worker's priority: %s", exc)


def analyse_file(path: str, spool: str, rubric: Rubric | None) -> Analysed | Failed:
    """Runs in a worker: never raises for a bad file (Failed carries the Chinese reason)."""
    from app.pipeline import analyse  # imported in the worker, keeps the parent light

    try:
        result = analyse(Path(path), rubric=rubric)
    except KnownError as exc:
        return Failed(exc.message, str(exc.code))
    except Exception as exc:  # a bug must not cost the rest of the batch
        log.exception("analysis failed for %s", path)
        return Failed(f"无法分析该文件（程序错误：{type(exc).__name__}），已记录日志", "bug",
                      traceback.format_exc())
    dossier = result.dossier
    if not dossier.pages:
        return Failed("文件没有任何页面", "no_pages")
    with Path(spool).open("w", encoding="utf-8") as fh:
        for page in dossier.pages:
            row = {"number": page.number, "text": page.text, "ocr": page.ocr,
                   "confidence": page.confidence, "has_seal": page.has_seal}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    facts = result.extraction.facts
    return Analysed(
        format=dossier.format,
        pages=dossier.page_count,
        contract=result.extraction.to_contract(),
        documents=tuple((d.type, d.title, tuple(d.pages)) for d in facts.documents),
        findings=result.findings,
        score=result.score,
        rubric_id=result.rubric.id,
        rubric_version=result.rubric.version,
        spool=spool,
    )


def iter_spool(spool: str, *, batch: int = 200) -> Any:
    """Page rows back from the spool file, `batch` at a time (constant memory for huge files)."""
    rows: list[dict[str, Any]] = []
    with Path(spool).open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= batch:
                yield rows
                rows = []
    if rows:
        yield rows
