"""Grades are listed in the rubric's own table: a three-grade standard (优秀/合格/不合格) shows no 良好 row."""

from __future__ import annotations

from dataclasses import replace

from app.stats import _grades
from app.vocab.grades import in_order
from scoring.rubric import load_rubric


def test_without_a_table_the_four_usual_grades_then_others() -> None:
    assert in_order(["合格", "基本合格"]) == ["优秀", "良好", "合格", "不合格", "基本合格"]


def test_a_three_grade_table_lists_only_its_grades() -> None:
    assert in_order(["合格"], ["优秀", "合格", "不合格"]) == ["优秀", "合格", "不合格"]


def test_stats_follow_the_rubric_grade_table() -> None:
    rubric = load_rubric("penalty")
    three = replace(rubric, grades=(("优秀", 90.0), ("合格", 60.0)))
    rows = [("甲局", "", "优秀", 2, 190.0, 93.0, 97.0), ("乙局", "", "合格", 1, 70.0, 70.0, 70.0)]
    table, reviewed, average = _grades(rows, three)
    assert [(g.grade, g.count) for g in table] == [("优秀", 2), ("合格", 1), ("不合格", 0)]
    assert (reviewed, average) == (3, 86.67)
    four, _, _ = _grades(rows, rubric)
    assert [g.grade for g in four] == ["优秀", "良好", "合格", "不合格"]
