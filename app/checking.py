"""The check contract (../shared/design/check-contract.md, v1): extraction + findings + pre-score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.extract.types import Extraction
from scoring.rubric import Rubric
from scoring.types import Finding, Score

CHECK_CONTRACT_VERSION = 1


def check_contract(
    extraction: Extraction, rubric: Rubric, findings: Sequence[Finding], score: Score
) -> dict[str, Any]:
    """The JSON object `casereview check --format json` prints for one dossier."""
    return {
        "contract": CHECK_CONTRACT_VERSION,
        "file": extraction.file,
        "sha256": extraction.sha256,
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title},
        "extraction": extraction.to_contract(),
        "findings": [f.to_json() for f in findings],
        "score": score.to_json(),
    }
