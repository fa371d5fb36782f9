"""score(): shapes of deduction, caps, floor, veto, grade table, overrides (examples + hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import OverrideError, score
from scoring.rubric import RubricItem, list_rubrics, load_rubric, parse_rubric
from scoring.types import Finding, Override, Status
from tests.unit.test_rubric import GOOD

TINY = parse_rubric(GOOD.encode(), path="tiny.yaml")  # max 10; section a cap 6 (items 4 each/1 + 4 range)
PENALTY = load_rubric("penalty")


def fail(rule: str, count: int = 1) -> Finding:
    return Finding(rule, Status.FAIL, "x", count=count)


def items(s: object) -> dict[str, tuple[float, float, bool]]:
    return {i.item: (i.auto_deducted, i.deducted, i.needs_review) for i in s.items}  # type: ignore[attr-defined]


def test_no_findings_is_no_automatic_grade() -> None:
    """Nothing checked is no 优秀 (issue 11: an unrecognised decision got 100 优秀 with no finding)."""
    s = score(TINY, [], [])
    assert (s.total, s.max, s.grade, s.veto) == (10.0, 10.0, "不可自动评分", False)
    assert (s.auto_scorable, s.needs_review, s.coverage) == (False, True, 0.0)
    assert {i.item: i.status for i in s.items} == {"a.one": "not_checked", "a.two": "not_checked",
                                                   "b.one": "not_checked", "veto.x": "not_checked"}


def test_all_checks_pass_full_marks_with_coverage() -> None:
    passed = [Finding(r, Status.PASS, "ok") for r in ("officer_without_cert", "dates_out_of_order")]
    s = score(TINY, [*passed, Finding("missing_document:legal_review", Status.NA, "非重大")], [])
    assert (s.total, s.grade, s.auto_scorable, s.needs_review) == (10.0, "优秀", True, False)
    assert {i.item: i.status for i in s.items} == {"a.one": "pass", "a.two": "pass", "b.one": "na",
                                                   "veto.x": "not_checked"}
    assert s.checked_points == 10.0  # section a: 8 points checked, capped at 6; b: 4
    assert s.to_json()["coverage"] == 1.0


def test_coverage_counts_only_checked_items() -> None:
    s = score(TINY, [Finding("officer_without_cert", Status.PASS, "ok"),
                     Finding("dates_out_of_order", Status.UNKNOWN, "未读到日期")], [])
    assert {i.item: (i.status, i.checked) for i in s.items if i.item != "veto.x"} == {
        "a.one": ("pass", True), "a.two": ("unknown", False), "b.one": ("not_checked", False)}
    assert (s.checked_points, s.coverage, s.grade, s.needs_review) == (4.0, 0.4, "优秀", True)
    assert s.review_reasons == ("1 个评查项需人工核查",)


def test_missing_main_document_is_never_an_automatic_grade() -> None:
    """The decision not found: the pre-score says 不可自动评分; a reviewer's own scoring grades it."""
    findings = [Finding("missing_document:penalty_decision", Status.UNKNOWN, "未识别出行政处罚决定书"),
                Finding("officer_without_cert", Status.PASS, "ok")]
    auto = score(PENALTY, findings, [])
    assert (auto.grade, auto.auto_scorable, auto.needs_review) == ("不可自动评分", False, True)
    assert auto.review_reasons[0].startswith("未识别出行政处罚决定书，不可自动评分")
    reviewed = score(PENALTY, findings, [Override("documents.templates", 0.5, "人工评查")])
    assert (reviewed.grade, reviewed.auto_scorable) == ("优秀", False)
    submitted = score(PENALTY, findings, [], reviewed=True)  # submitted with every automatic value accepted
    assert (submitted.total, submitted.grade, submitted.auto_scorable) == (100.0, "优秀", False)


def test_each_range_and_whole_item() -> None:
    s = score(
        TINY, [fail("officer_without_cert", 3), fail("dates_out_of_order"), fail("missing_document:legal_review")], []
    )
    assert items(s)["a.one"] == (3.0, 3.0, False)
    assert items(s)["a.two"] == (1.0, 1.0, False)
    assert items(s)["b.one"] == (4.0, 4.0, False)
    # section a: 3 + 1 = 4 (cap 6), b: 4 → 10 - 8
    assert (s.total, s.grade) == (2.0, "不合格")


def test_section_cap_limits_the_deduction() -> None:
    s = score(TINY, [fail("officer_without_cert", 9)], [Override("a.two", 2.0, "证据链不完整", (3,))])
    assert items(s)["a.one"][1] == 4.0
    assert items(s)["a.two"][1] == 2.0
    assert s.total == 4.0  # section a deducts min(6, 4 + 2) = 6


def test_unknown_marks_review_without_deducting() -> None:
    s = score(TINY, [Finding("dates_out_of_order", Status.UNKNOWN, "未读到日期")], [])
    assert items(s)["a.two"] == (0.0, 0.0, True)
    assert s.total == 10.0


def test_veto_forces_fail_and_zero() -> None:
    s = score(TINY, [fail("limitation_period_exceeded")], [])
    assert (s.total, s.grade, s.veto) == (0.0, "不合格", True)
    cleared = score(TINY, [fail("limitation_period_exceeded")], [Override("veto.x", 0, "复核：发现日期在时效内")])
    assert (cleared.total, cleared.veto) == (10.0, False)
    confirmed = score(TINY, [], [Override("veto.x", 1, "复核：超过时效")])
    assert confirmed.veto


def test_override_wins_and_is_kept_apart() -> None:
    s = score(TINY, [fail("missing_document:legal_review")], [Override("b.one", 1.0, "有审核意见但未签字")])
    one = next(i for i in s.items if i.item == "b.one")
    assert (one.auto_deducted, one.deducted, one.override is not None) == (4.0, 1.0, True)
    assert s.total == 9.0


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (Override("b.one", 1.0, "  "), "须填写理由"),
        (Override("b.one", 5.0, "太多"), "超出 0–4 分"),
        (Override("zz", 1.0, "x"), "没有评查项 “zz”"),
        (Override("a.two", 0.2, "略有瑕疵"), "扣分须为 0 或在 0.5–2 分之间"),
    ],
)
def test_bad_overrides(override: Override, message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        score(TINY, [], [override])


def test_penalty_rubric_rules_behind_a_deduction() -> None:
    s = score(PENALTY, [fail("decision_over_90_days"), Finding("dates_out_of_order", Status.PASS, "ok")], [])
    item = next(i for i in s.items if i.item == "procedure.decision_time_limit")
    assert (item.deducted, item.rules) == (3.0, ("decision_over_90_days",))
    assert (s.total, s.grade) == (97.0, "优秀")


def test_grade_boundaries() -> None:
    grades = []
    for deduct in (10.0, 10.5, 20.0, 20.5, 40.0, 40.5):
        overrides = _spread(deduct)
        grades.append(score(PENALTY, [], overrides).grade)
    assert grades == ["优秀", "良好", "良好", "合格", "合格", "不合格"]


def _spread(total: float) -> list[Override]:
    out = []
    for item in PENALTY.items:
        if total <= 0:
            break
        if item.veto:
            continue
        take = min(item.points, total)
        out.append(Override(item.id, take, "测试"))
        total -= take
    return out


RUBRICS = list_rubrics()
RULES = sorted({r for rub in RUBRICS for i in rub.items for r in i.rules})
finding_st = st.builds(
    Finding,
    rule=st.sampled_from(RULES),
    status=st.sampled_from(list(Status)),
    message=st.just("m"),
    count=st.integers(1, 6),
)


def _allowed(item: RubricItem) -> st.SearchStrategy[float]:
    if item.range is not None:
        return st.just(0.0) | st.floats(*item.range)
    return st.floats(0, item.points)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), findings=st.lists(finding_st, max_size=25))
def test_properties(data: st.DataObject, findings: list[Finding]) -> None:
    rubric = data.draw(st.sampled_from(RUBRICS))
    scored = [i for i in rubric.items if not i.veto]
    chosen = data.draw(st.lists(st.sampled_from(scored), unique_by=lambda i: i.id, max_size=8))
    overrides = [Override(i.id, data.draw(_allowed(i)), "复核") for i in chosen]
    s = score(rubric, findings, overrides)
    assert rubric.floor <= s.total <= rubric.max
    by_id = {i.item: i for i in s.items}
    for o in overrides:
        assert by_id[o.item].deducted == o.deducted  # overrides win
    for sec in rubric.sections:
        in_sec = [by_id[i.id].deducted for i in rubric.items if i.section == sec.id]
        assert all(d >= 0 for d in in_sec)
    for i in rubric.items:
        assert 0 <= by_id[i.id].auto_deducted <= i.points or i.veto
    if s.veto:
        assert s.grade == rubric.fail_grade
        assert s.total == 0.0
    if any(f.status is Status.FAIL and any(f.rule in it.rules for it in rubric.items if it.veto) for f in findings):
        assert s.veto
        assert s.grade == "不合格"
    deducted = sum(
        min(sum(by_id[i.id].deducted for i in rubric.items if i.section == sec.id), sec.cap or 0)
        for sec in rubric.sections
    )
    if not s.veto:
        assert s.total == round(max(rubric.floor, rubric.max - deducted), 2)
