"""Rubrics (评查标准): items, sections, veto items, grade table; loaded from resources/rubrics/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field


class RubricError(ValueError):
    """A rubric file is malformed; the message names the file, line and problem (Chinese)."""


@dataclass(frozen=True, slots=True)
class RubricItem:
    id: str
    title: str
    points: float
    rules: tuple[str, ...] = ()
    per_occurrence: float | None = None
    range: tuple[float, float] | None = None
    default: float | None = None
    veto: bool = False
    section: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    cap: float | None = None


@dataclass(frozen=True, slots=True)
class Rubric:
    id: str
    title: str
    version: str
    case_kinds: tuple[str, ...]
    items: tuple[RubricItem, ...]
    sections: tuple[Section, ...] = ()
    grades: tuple[tuple[str, float], ...] = (("优秀", 90.0), ("良好", 80.0), ("合格", 60.0))
    fail_grade: str = "不合格"
    max: float = 100.0
    path: str = field(default="", compare=False)


_EMPTY = Rubric(id="penalty", title="行政处罚案卷评查标准", version="0", case_kinds=("penalty",), items=())


def load_rubric(id_or_path: str) -> Rubric:
    return _EMPTY


def list_rubrics() -> list[Rubric]:
    return [_EMPTY]


def rubric_for_kind(case_kind: str) -> Rubric:
    return _EMPTY
