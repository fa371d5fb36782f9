"""score(rubric, findings, overrides): the automatic pre-score, with reviewer overrides kept apart."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from scoring import doctypes
from scoring.rubric import Rubric, RubricItem
from scoring.types import NEEDS_REVIEW_GRADE, Finding, ItemScore, ItemStatus, Override, Score, Status


class OverrideError(ValueError):
    """A reviewer override is not acceptable (no reason, unknown item, points out of range)."""


def _linked(item: RubricItem, findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if any(fnmatch.fnmatchcase(f.rule, pattern) for pattern in item.rules)]


def _check_override(item: RubricItem | None, o: Override) -> None:
    if item is None:
        raise OverrideError(f"评查标准中没有评查项 “{o.item}”")
    if not o.reason.strip():
        raise OverrideError(f"评查项 “{item.title}” 的人工调整须填写理由")
    if item.veto:
        return
    if not 0 <= o.deducted <= item.points:
        raise OverrideError(f"评查项 “{item.title}” 扣分 {o.deducted:g} 超出 0–{item.points:g} 分")
    if item.range is not None and o.deducted and not item.range[0] <= o.deducted <= item.range[1]:
        low, high = item.range
        raise OverrideError(f"评查项 “{item.title}” 扣分须为 0 或在 {low:g}–{high:g} 分之间，而不是 {o.deducted:g}")


def _status(item: RubricItem, linked: Sequence[Finding]) -> ItemStatus:
    if not item.rules:
        return ItemStatus.NO_RULE
    statuses = {f.status for f in linked}
    if not statuses:
        return ItemStatus.NOT_CHECKED
    for status, item_status in ((Status.FAIL, ItemStatus.FAIL), (Status.UNKNOWN, ItemStatus.UNKNOWN)):
        if status in statuses:
            return item_status
    return ItemStatus.NA if statuses == {Status.NA} else ItemStatus.PASS


def _item_score(item: RubricItem, findings: Sequence[Finding], override: Override | None) -> ItemScore:
    linked = _linked(item, findings)
    fails = [f for f in linked if f.status is Status.FAIL]
    auto = item.auto_deduction(sum(f.count for f in fails)) if fails else 0.0
    triggered = bool(fails) and item.veto
    if override is not None and item.veto:
        triggered = override.deducted > 0
    return ItemScore(
        item=item.id,
        title=item.title,
        points=item.points,
        auto_deducted=auto,
        deducted=auto if override is None or item.veto else float(override.deducted),
        rules=tuple(dict.fromkeys(f.rule for f in fails)) or item.rules,
        override=override,
        veto=triggered,
        needs_review=any(f.status is Status.UNKNOWN for f in linked),
        status=_status(item, linked),
    )


def _grade(rubric: Rubric, total: float) -> str:
    for name, minimum in rubric.grades:
        if total >= minimum:
            return name
    return rubric.fail_grade


def _review_reasons(rubric: Rubric, findings: Sequence[Finding], items: Sequence[ItemScore]) -> tuple[str, ...]:
    """Why the automatic score cannot stand alone; the first ones make it not auto-scorable."""
    out: list[str] = []
    mains = {t for kind in rubric.case_kinds for t in doctypes.main_for(kind)}
    required = {t for kind in rubric.case_kinds for t in doctypes.required_for(kind)} - mains
    for f in findings:
        kind = f.rule.removeprefix("missing_document:")
        if kind in mains and f.status is not Status.PASS:
            out.append(f"未识别出{doctypes.label(kind)}，不可自动评分：{f.message}")
        elif kind in required and f.status is Status.UNKNOWN:  # a lone decision: no case file to score
            out.append(f"无法判断卷内是否有{doctypes.label(kind)}，不可自动评分：{f.message}")
    if not findings:
        out.append("没有任何自动检查结果（文件未被识别为本类案卷），不可自动评分")
    return tuple(dict.fromkeys(out))


def _pending(items: Sequence[ItemScore]) -> str:
    unknown = [i for i in items if i.status is ItemStatus.UNKNOWN]
    return f"{len(unknown)} 个评查项需人工核查" if unknown else ""


def _checked_points(rubric: Rubric, items: Sequence[ItemScore]) -> float:
    """Points of the items checked automatically, each section counted up to its cap."""
    total = 0.0
    for section in rubric.sections:
        points = sum(
            s.points for s, i in zip(items, rubric.items, strict=True) if i.section == section.id and s.checked
        )
        total += min(points, section.cap) if section.cap is not None else points
    return round(min(total, rubric.max), 2)


def score(
    rubric: Rubric, findings: Sequence[Finding], overrides: Sequence[Override] = (), *, reviewed: bool = False
) -> Score:
    """Total, grade, veto flag and per-item deductions.

    A failed rule deducts from each item naming it (shape per item; ``each`` uses Finding.count);
    an ``unknown`` finding only marks the item ``needs_review``. An override always wins:
    ``deducted`` is the override, ``auto_deducted`` stays the automatic value. On a veto item an
    override with ``deducted > 0`` confirms the veto and ``0`` clears it. Section caps and the floor
    bound the total; a veto makes the grade 不合格 (and the total 0 when the rubric says so).

    Each item says what the automatic check found (``status``: pass, fail, na, unknown, not_checked,
    no_rule); ``checked_points`` sums the points of items checked automatically. When the main
    document of the rubric's case kind is not found (``missing_document:<main>`` not a pass), when
    whether a required document is in the file cannot be told (a lone decision is no case file), or
    when no rule ran at all, the score is not auto-scorable: its grade is 不可自动评分 until a reviewer
    scores an item or submits the review (``reviewed``: a submitted or final review has been looked at
    item by item, so its grade is the grade of its total).
    """
    by_item = {o.item: o for o in overrides}
    for o in overrides:
        _check_override(rubric.item(o.item), o)
    items = tuple(_item_score(i, findings, by_item.get(i.id)) for i in rubric.items)
    deducted = 0.0
    for section in rubric.sections:
        in_section = sum(s.deducted for s, i in zip(items, rubric.items, strict=True) if i.section == section.id)
        deducted += min(in_section, section.cap) if section.cap is not None else in_section
    total = round(max(rubric.floor, rubric.max - deducted), 2)
    veto = any(s.veto for s in items)
    blockers = _review_reasons(rubric, findings, items)
    reasons = tuple(r for r in (*blockers, _pending(items)) if r)
    checked = _checked_points(rubric, items)
    if veto:
        total = 0.0 if rubric.veto_zero else total
    grade = rubric.fail_grade if veto else _grade(rubric, total)
    if blockers and not overrides and not reviewed:
        grade = NEEDS_REVIEW_GRADE  # never an automatic 优秀 on a file whose main document was not read
    return Score(
        total=total,
        max=rubric.max,
        grade=grade,
        veto=veto,
        items=items,
        checked_points=checked,
        auto_scorable=not blockers,
        review_reasons=reasons,
    )
