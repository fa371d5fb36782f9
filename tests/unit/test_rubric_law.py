"""The shipped rubrics against the law: model status and sources, grade tables, the statutory vetoes, the
行政执法监督条例 第十八条 items, rules that apply to the rubric's cases, and the share of points checks cover."""

from __future__ import annotations

import re

import pytest

from scoring import score
from scoring.coverage import coverage, table
from scoring.rubric import RubricError, list_rubrics, load_rubric, parse_rubric
from scoring.rules import RULES
from scoring.types import Evidence, Finding, Status

ARTICLE = re.compile(r"第[一二三四五六七八九十百千零]+条|国发〔20\d\d〕\d+号|国办发〔20\d\d〕\d+号")


@pytest.mark.parametrize("rubric", list_rubrics(), ids=lambda r: r.id)
def test_shipped_rubrics_are_labelled_model_standards_with_sources(rubric: object) -> None:
    from scoring.rubric import Rubric

    assert isinstance(rubric, Rubric)
    assert rubric.status == "示范"
    assert "示范" in rubric.title
    assert len(rubric.sources) >= 3
    assert "行政执法监督条例" in rubric.basis or any("行政执法监督条例" in s for s in rubric.sources)
    assert rubric.grades  # the grade table is in the file itself


@pytest.mark.parametrize("rubric", list_rubrics(), ids=lambda r: r.id)
def test_rules_named_apply_to_the_rubrics_cases(rubric: object) -> None:
    from scoring.rubric import Rubric

    assert isinstance(rubric, Rubric)
    kinds = {r.id: r.kinds for r in RULES}
    for item in rubric.items:
        for rule_id in item.rules:
            assert all(k in kinds[rule_id.split(":")[0]] for k in rubric.case_kinds), (item.id, rule_id)


def test_penalty_vetoes_include_those_the_law_sets() -> None:
    """第五十八条, 第五十七条第二款, 第四十五条第二款, 第三十三条第二款, 管辖, 第二十九条, 国发 cancellations,
    第六十四条（四）."""
    vetoes = {i.id: i for i in load_rubric("penalty").items if i.veto}
    expected = {
        "veto.legal_review": "第五十八条",
        "veto.collective_discussion": "第五十七条第二款",
        "veto.heavier_after_statement": "第四十五条第二款",
        "veto.no_fault": "第三十三条第二款",
        "veto.jurisdiction": "第二十二条",
        "veto.double_fine": "第二十九条",
        "veto.cancelled_fine": "国发〔2023〕20号",
        "veto.conflict_of_roles": "第六十四条第（四）项",
    }
    for veto_id, article in expected.items():
        assert article in vetoes[veto_id].basis, veto_id
    assert all(ARTICLE.search(v.basis) for v in vetoes.values())
    assert "missing_document:legal_review" in vetoes["veto.legal_review"].rules
    assert "cited_law_not_in_force" in vetoes["veto.legal_basis"].rules


def test_penalty_items_cite_their_article() -> None:
    items = [i for i in load_rubric("penalty").items if not i.veto]
    assert [i.id for i in items if not ARTICLE.search(i.basis)] == []


@pytest.mark.parametrize("rubric_id", ["penalty", "inspection", "license", "enforcement"])
def test_every_rubric_has_the_article_18_items(rubric_id: str) -> None:
    """条例第十八条: 合法、过罚相当、文书规范、证据真实完整 — an explicit evidence item in each, 过罚相当 where a
    sanction is."""
    items = [i for i in load_rubric(rubric_id).items if not i.veto]
    evidence = [i for i in items if "证据真实" in i.title and "第十八条" in i.basis]
    assert evidence, rubric_id
    if rubric_id == "penalty":
        assert [i.id for i in items if "过罚相当" in i.title and "第十八条" in i.basis] == ["law.proportionality"]


def test_coverage_share_per_rubric() -> None:
    shares = {c.rubric: c for c in (coverage(r) for r in list_rubrics())}
    assert shares["penalty"].share > 0.70
    assert all(c.share > 0.70 for c in shares.values())
    penalty = load_rubric("penalty")
    assert shares["penalty"].covered == sum(i.points for i in penalty.items if i.rules and not i.veto)
    assert set(shares["penalty"].uncovered) == {i.id for i in penalty.items if not i.veto and not i.rules}
    rows = table()
    assert len(rows) == 2 + len(shares)
    assert any(f"{shares['penalty'].share:.0%}" in row for row in rows)


def test_a_legal_review_missing_vetoes_the_file() -> None:
    """第五十八条 "未经法制审核或者审核未通过的，不得作出决定" → 否决: total 0, 不合格."""
    rubric = load_rubric("penalty")
    finding = Finding(
        "missing_document:legal_review",
        Status.FAIL,
        "卷内缺少法制审核意见",
        "第五十八条",
        (Evidence(1, "卷内文件目录"),),
    )
    result = score(rubric, [finding])
    assert (result.veto, result.total, result.grade) == (True, 0.0, "不合格")
    vetoed = [i for i in result.items if i.veto]
    assert [(i.item, i.rules) for i in vetoed] == [("veto.legal_review", ("missing_document:legal_review",))]


THREE = """\
id: three
title: 三等次标准
case_kinds: [penalty]
max: 10
grades: [[优秀, 9], [合格, 6]]
fail_grade: 不合格
sections:
  - id: a
    title: 甲
    items:
      - id: a.one
        title: 一
        points: 10
        deduct: {each: 1}
        rules: [officer_without_cert]
"""


@pytest.mark.parametrize(("failures", "grade"), [(0, "优秀"), (1, "优秀"), (2, "合格"), (4, "合格"), (5, "不合格")])
def test_three_grade_table(failures: int, grade: str) -> None:
    rubric = parse_rubric(THREE.encode(), path="three.yaml")
    findings = (
        [Finding("officer_without_cert", Status.FAIL, "x", "", (Evidence(1, "x"),), count=failures)]
        if failures
        else [Finding("officer_without_cert", Status.PASS, "ok")]
    )  # no finding at all is 不可自动评分
    assert rubric.grades == (("优秀", 9.0), ("合格", 6.0))
    assert score(rubric, findings).grade == grade


def test_grade_table_must_be_in_the_file() -> None:
    with pytest.raises(RubricError, match="缺少必填项 “grades”"):
        parse_rubric(THREE.replace("grades: [[优秀, 9], [合格, 6]]\n", "").encode(), path="three.yaml")
