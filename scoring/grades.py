"""Grades (等次): the words, best first, and the table a rubric uses when its file names none.

The one home of these words; ``app.vocab.grades`` re-exports them with the ordering helpers for reports.
"""

from __future__ import annotations

EXCELLENT = "优秀"
GOOD = "良好"
PASS = "合格"
FAIL = "不合格"
GRADES: tuple[str, ...] = (EXCELLENT, GOOD, PASS, FAIL)
# (grade, lowest total) best first; a total below the last is FAIL
DEFAULT_TABLE: tuple[tuple[str, float], ...] = ((EXCELLENT, 90.0), (GOOD, 80.0), (PASS, 60.0))
