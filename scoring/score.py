"""score(rubric, findings, overrides): the automatic pre-score, with reviewer overrides kept apart."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from scoring.rubric import Rubric, RubricItem
from scoring.types import Finding, ItemScore, Override, Score, Status


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
    )


def _grade(rubric: Rubric, total: float) -> str:
    for name, minimum in rubric.grades:
        if total >= minimum:
            return name
    return rubric.fail_grade


def score(rubric: Rubric, findings: Sequence[Finding], overrides: Sequence[Override] = ()) -> Score:
    """Total, grade, veto flag and per-item deductions.

    A failed rule deducts from each item naming it (shape per item; ``each`` uses Finding.count);
    an ``unknown`` finding only marks the item ``needs_review``. An override always wins:
    ``deducted`` is the override, ``auto_deducted`` stays the automatic value. On a veto item an
    override with ``deducted > 0`` confirms the veto and ``0`` clears it. Section caps and the floor
    bound the total; a veto makes the grade 不合格 (and the total 0 when the rubric says so).
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
    if veto:
        return Score(total=0.0 if rubric.veto_zero else total, max=rubric.max, grade=rubric.fail_grade,
                     veto=True, items=items)
    return Score(total=total, max=rubric.max, grade=_grade(rubric, total), veto=False, items=items)
