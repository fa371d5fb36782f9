"""Grades (等次) in their order, best first, and the two the reports single out (优秀, 不合格).

A rubric file names its own grade table (``scoring.rubric``); every standard we ship uses these four.
"""

from __future__ import annotations

from collections.abc import Iterable

EXCELLENT = "优秀"
GOOD = "良好"
PASS = "合格"
FAIL = "不合格"
GRADES: tuple[str, ...] = (EXCELLENT, GOOD, PASS, FAIL)


def in_order(grades: Iterable[str]) -> list[str]:
    """The four grades in their order, then any other grade a custom rubric uses, sorted."""
    extra = sorted(set(grades) - set(GRADES))
    return [*GRADES, *extra]
