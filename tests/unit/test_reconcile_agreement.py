"""Agreement maths: Cohen's kappa, per-item / per-reviewer agreement, strictness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reports.agreement import (
    ReviewScores,
    cohen_kappa,
    item_agreement,
    pair_reviews,
    reviewer_agreement,
    strictness,
)

A = [True, True, False, False, True, False, False, False, False, True]
B = [True, False, False, False, True, False, True, False, False, True]


def test_kappa_hand_computed() -> None:
    # p_o = 8/10, p_e = .4*.4 + .6*.6 = .52, kappa = .28/.48
    assert cohen_kappa(zip(A, B, strict=True)) == pytest.approx(0.28 / 0.48)
    assert round(cohen_kappa(zip(A, B, strict=True)) or 0, 4) == 0.5833


def test_kappa_degenerate_and_empty() -> None:
    assert cohen_kappa([]) is None
    assert cohen_kappa([(False, False)] * 5) is None
    assert cohen_kappa([(True, False), (False, True)]) == pytest.approx(-1.0)
    assert cohen_kappa([(True, True), (False, False)]) == pytest.approx(1.0)


bools = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60)


@given(bools)
def test_kappa_bounds_and_symmetry(pairs: list[tuple[bool, bool]]) -> None:
    k = cohen_kappa(pairs)
    swapped = cohen_kappa([(b, a) for a, b in pairs])
    if k is None:
        assert swapped is None
        return
    assert -1.0 - 1e-9 <= k <= 1.0 + 1e-9
    assert swapped == pytest.approx(k)


@given(st.lists(st.booleans(), min_size=2, max_size=60))
def test_identical_raters_agree_fully(xs: list[bool]) -> None:
    k = cohen_kappa([(x, x) for x in xs])
    assert k is None if len(set(xs)) == 1 else k == pytest.approx(1.0)


def _review(rid: int, dossier: int, who: str, ded: dict[str, float]) -> ReviewScores:
    return ReviewScores(rid, dossier, who, 100 - sum(ded.values()), ded)


def _pairs() -> list[ReviewScores]:
    reviews = []
    for i, (a, b) in enumerate(zip(A, B, strict=True)):
        reviews.append(_review(2 * i + 1, i, "甲", {"p1": 2.0 if a else 0.0, "p2": 1.0}))
        reviews.append(_review(2 * i + 2, i, "乙", {"p1": 2.0 if b else 0.0, "p2": 0.5 if i < 5 else 1.0}))
    return reviews


def test_item_and_reviewer_agreement_exact() -> None:
    pairs = pair_reviews(_pairs())
    assert len(pairs) == 10
    by_item = {a.item_id: a for a in item_agreement(pairs, ["p1", "p2"])}
    assert by_item["p1"].pairs == 10
    assert by_item["p1"].equal_share == 0.8
    assert by_item["p1"].kappa == 0.5833
    assert by_item["p2"].equal_share == 0.5  # both deducted, different points in 5 files
    assert by_item["p2"].kappa is None  # both always deducted: kappa undefined
    rev = {r.reviewer: r for r in reviewer_agreement(pairs, ["p1", "p2"])}
    assert rev["甲"].files == 10
    assert rev["甲"].equal_share == 0.65  # 13 of 20 item judgements equal
    # totals: 甲 deducts 2.5 on 5 files more (p2 0.5 difference) and p1 differs on 2 files (+2 / -2)
    assert rev["甲"].mean_total_difference == -0.25
    assert rev["乙"].mean_total_difference == 0.25


def test_strictness() -> None:
    reviews = [
        _review(1, 1, "甲", {"a": 4.0}),
        _review(2, 2, "甲", {"a": 2.0}),
        _review(3, 3, "乙", {"a": 0.0}),
    ]
    s = {x.reviewer: x for x in strictness(reviews)}
    assert s["甲"].mean_deduction == 3.0
    assert s["甲"].campaign_mean == 2.0
    assert s["甲"].difference == 1.0
    assert s["乙"].difference == -2.0
    assert strictness([]) == []


def test_pair_reviews_ignores_same_reviewer_twice() -> None:
    reviews = [_review(1, 7, "甲", {}), _review(2, 7, "甲", {}), _review(3, 8, "乙", {})]
    assert pair_reviews(reviews) == []
