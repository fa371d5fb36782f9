"""Rubric files: the four shipped ones load and add up; bad files name the file, line and problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scoring.rubric import RubricError, list_rubrics, load_rubric, parse_rubric, rubric_for_kind

GOOD = """\
id: tiny
title: 小标准
case_kinds: [penalty]
max: 10
sections:
  - id: a
    title: 甲
    cap: 6
    items:
      - id: a.one
        title: 一
        points: 4
        deduct: {each: 1}
        rules: [officer_without_cert]
      - id: a.two
        title: 二
        points: 4
        deduct: {range: [0.5, 2], default: 1}
        rules: [dates_out_of_order]
  - id: b
    title: 乙
    items:
      - id: b.one
        title: 三
        points: 4
        rules: ["missing_document:legal_review"]
vetoes:
  - id: veto.x
    title: 否决
    rules: [limitation_period_exceeded]
grades: [[优秀, 9], [良好, 8], [合格, 6]]
"""


def test_shipped_rubrics_load_and_total_100() -> None:
    rubrics = {r.id: r for r in list_rubrics()}
    assert sorted(rubrics) == ["enforcement", "inspection", "license", "penalty"]
    for r in rubrics.values():
        assert r.max == 100.0
        assert sum(s.cap or 0 for s in r.sections) == 100.0
        assert sum(i.points for i in r.items) == 100.0
        assert any(i.veto for i in r.items)
    penalty = rubrics["penalty"]
    assert 50 <= len(penalty.items) <= 60
    assert len([i for i in penalty.items if i.veto]) == 17
    assert penalty.grades == (("优秀", 90.0), ("良好", 80.0), ("合格", 60.0))  # the model table, stated in the file


def test_version_is_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_rubric(path).version == hashlib.sha256(GOOD.encode()).hexdigest()[:12]
    path.write_text(GOOD.replace("title: 一", "title: 一一"), encoding="utf-8")
    assert load_rubric(path).version != hashlib.sha256(GOOD.encode()).hexdigest()[:12]


def test_item_shapes(tmp_path: Path) -> None:
    r = parse_rubric(GOOD.encode(), path="tiny.yaml")
    one, two, three, veto = r.items
    assert (one.per_occurrence, one.auto_deduction(3), one.auto_deduction(9)) == (1.0, 3.0, 4.0)
    assert (two.range, two.auto_deduction(1)) == ((0.5, 2.0), 1.0)
    assert three.auto_deduction(1) == 4.0
    assert (veto.veto, veto.points) == (True, 0.0)
    assert r.sections[0].cap == 6.0


def test_rubric_for_kind() -> None:
    assert [rubric_for_kind(k).id for k in ("penalty", "license", "enforcement", "inspection", "other")] == [
        "penalty", "license", "enforcement", "inspection", "penalty"]


def test_unknown_rubric_id_lists_the_available_ones() -> None:
    with pytest.raises(RubricError, match="未找到评查标准 “nope”；可用：enforcement、inspection、license、penalty"):
        load_rubric("nope")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        rules: [dates_out_of_order]",
            "        rules: [no_such_rule]",
            "第 19 行：未知的检查规则 “no_such_rule”",
        ),
        ("        points: 4\n        deduct: {each: 1}", "        deduct: {each: 1}", "第 10 行：缺少必填项 “points”"),
        (
            "{range: [0.5, 2], default: 1}",
            "{range: [0.5, 2], default: 3}",
            "第 18 行：评查项 a.two 的默认扣分 3 不在幅度",
        ),
        ("{range: [0.5, 2], default: 1}", "{range: [3, 2]}", "第 18 行：评查项 a.two 的扣分幅度 3–2"),
        ("{each: 1}", "{half: 1}", "第 13 行：评查项 a.one 的 deduct 须为 each、range 或 fixed 之一"),
        ("max: 10", "max: 12", "第 1 行：各分部分值合计 10 与总分 12 不符"),
        ("    cap: 6", "    cap: 9", "第 6 行：分部 a 的上限 9 大于其各项分值之和 8"),
        ("      - id: b.one", "      - id: a.one", "评查项编号 a.one 重复"),
        (
            '        points: 4\n        rules: ["missing',
            '        points: 四\n        rules: ["missing',
            "第 25 行：“points” 的值 '四' 类型不对",
        ),
        ("title: 小标准", "title: [小标准", "第 3 行：YAML 格式错误"),
        ("[合格, 6]]", "[合格, 8.5]]", "等次表须按最低分从高到低排列"),
    ],
)
def test_loader_errors_name_file_line_and_problem(old: str, new: str, message: str) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    with pytest.raises(RubricError) as info:
        parse_rubric(text.encode(), path="rubrics/tiny.yaml")
    assert str(info.value).startswith("评查标准文件 rubrics/tiny.yaml")
    assert message in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RubricError, match="不是 UTF-8"):
        load_rubric(path)
    with pytest.raises(RubricError, match="无法读取"):
        load_rubric(tmp_path / "missing.yaml")
