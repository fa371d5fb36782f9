"""Rule checks and the automatic pre-score: pure functions over CaseFacts (no app, no Qt, no SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.rubric import Rubric
from scoring.types import CaseFacts, Finding, Override, Score


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """Thresholds for the rules (placeholder, filled from resources/check_config.yaml)."""


def check(facts: CaseFacts, *, config: CheckConfig | None = None) -> list[Finding]:
    return []


def score(rubric: Rubric, findings: Sequence[Finding], overrides: Sequence[Override]) -> Score:
    return Score(total=rubric.max, max=rubric.max, grade=rubric.grades[0][0], veto=False, items=())


__all__ = ["CheckConfig", "Rubric", "check", "score"]
