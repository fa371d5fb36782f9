"""Grades (等次) in their order, best first, and the two the reports single out (优秀, 不合格).

A rubric file names its own grade table (``scoring.rubric``); every standard we ship uses these four. The
words live in ``scoring.grades`` (scoring cannot import app); this module is their face inside app.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoring.grades import EXCELLENT, FAIL, GOOD, GRADES, PASS

__all__ = ["EXCELLENT", "FAIL", "GOOD", "GRADES", "PASS", "in_order"]


def in_order(grades: Iterable[str], table: Iterable[str] | None = None) -> list[str]:
    """The grades of ``table`` (a rubric's own grade table, best first, its fail grade last) or, without one,
    the four usual grades; then any other grade found, sorted. A three-grade rubric lists no 良好."""
    base = tuple(table) if table is not None else GRADES
    extra = sorted(set(grades) - set(base))
    return [*base, *extra]
