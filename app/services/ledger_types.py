"""What the ledger use cases return."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.reports.model import Problem
from app.services.dto import Changes


@dataclass(frozen=True, slots=True)
class LedgerView:
    """What the ledger window and ``casereview ledger`` show: the rows, the units they name (path -> id)."""

    problems: tuple[Problem, ...]
    units: Mapping[str, int] = field(default_factory=dict)
    note: str = ""  # e.g. why the ledger could not be brought up to date


@dataclass(frozen=True, slots=True)
class LedgerUpdate:
    campaign_id: int
    rows: int
    problems: tuple[Problem, ...]  # the rows as they now read
    changes: Changes
