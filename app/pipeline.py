"""One dossier through the pipeline: ingest -> extract -> check -> score (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.extract import extract
from app.extract.types import Extraction
from app.ingest import read
from app.ingest.types import Dossier
from app.progress import Progress, no_progress, scaled
from scoring import check, score
from scoring.rubric import Rubric, rubric_for_kind
from scoring.types import Finding, Score


@dataclass(frozen=True, slots=True)
class Analysis:
    dossier: Dossier
    extraction: Extraction
    rubric: Rubric
    findings: tuple[Finding, ...]
    score: Score


def analyse(
    path: Path, *, rubric: Rubric | None = None, progress: Progress = no_progress
) -> Analysis:
    """Read, extract, check and pre-score one file. Raises IngestError for bad input."""
    dossier = read(path, progress=scaled(progress, 0.0, 0.8))
    extraction = extract(dossier)
    chosen = rubric or rubric_for_kind(extraction.facts.case_kind)
    findings = tuple(check(extraction.facts))
    return Analysis(dossier, extraction, chosen, findings, score(chosen, findings, ()))
