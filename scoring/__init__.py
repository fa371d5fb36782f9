"""Rule checks and the automatic pre-score: pure functions over CaseFacts (no app, no Qt, no SQL).

``check(facts)`` runs every rule of ``scoring.rules.RULES`` that applies to the case kind;
``score(rubric, findings, overrides)`` pre-scores a rubric (``scoring.rubric``).
"""

from __future__ import annotations

from scoring.config import CheckConfig, load_config
from scoring.engine import check
from scoring.rubric import Rubric, RubricError, list_rubrics, load_rubric, rubric_for_kind
from scoring.score import OverrideError, score

__all__ = [
    "CheckConfig",
    "OverrideError",
    "Rubric",
    "RubricError",
    "check",
    "list_rubrics",
    "load_config",
    "load_rubric",
    "rubric_for_kind",
    "score",
]
