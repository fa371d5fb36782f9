"""Agreement between two reviewers of the same files, and each reviewer's strictness (pure maths).

* share of equal items: the share of (file, item) pairs where both reviewers deducted the same points;
* Cohen's kappa on the binary judgement "deducted / not deducted" per (file, item);
* mean difference of totals: reviewer's total minus the other reviewer's total, averaged over files;
* strictness: a reviewer's mean deduction per review against the mean of the whole campaign.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

EPS = 1e-9


@dataclass(frozen=True, slots=True)
class ReviewScores:
    """One submitted review reduced to what agreement needs."""

    review_id: int
    dossier_id: int
    reviewer: str
    total: float
    deductions: Mapping[str, float]  # item id -> points deducted (missing = 0)
    max_points: float = 100.0

    @property
    def deducted(self) -> float:
        """Points lost in all (a veto that zeroes the total counts as losing everything)."""
        return round(self.max_points - self.total, 4)


@dataclass(frozen=True, slots=True)
class ItemAgreement:
    item_id: str
    pairs: int
    equal_share: float  # 0..1
    kappa: float | None  # None when undefined (both reviewers always gave the same single category)


@dataclass(frozen=True, slots=True)
class ReviewerAgreement:
    reviewer: str
    files: int
    equal_share: float
    kappa: float | None
    mean_total_difference: float  # this reviewer's total minus the other's


@dataclass(frozen=True, slots=True)
class Strictness:
    reviewer: str
    reviews: int
    mean_deduction: float
    campaign_mean: float
    difference: float  # mean_deduction - campaign_mean (positive = stricter)


def cohen_kappa(pairs: Iterable[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two raters on a yes/no judgement; None if undefined (p_e = 1) or no data."""
    n = a1 = b1 = agree = 0
    for a, b in pairs:
        n += 1
        a1 += a
        b1 += b
        agree += a == b
    if n == 0:
        return None
    po = agree / n
    pa, pb = a1 / n, b1 / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if abs(1 - pe) < EPS:
        return None
    return (po - pe) / (1 - pe)


def pair_reviews(reviews: Sequence[ReviewScores]) -> list[tuple[ReviewScores, ReviewScores]]:
    """Pairs of reviews of the same dossier by two different reviewers (first two by review id)."""
    by_file: dict[int, list[ReviewScores]] = defaultdict(list)
    for r in sorted(reviews, key=lambda r: r.review_id):
        if all(o.reviewer != r.reviewer for o in by_file[r.dossier_id]):
            by_file[r.dossier_id].append(r)
    return [(rs[0], rs[1]) for _, rs in sorted(by_file.items()) if len(rs) >= 2]


def _items(a: ReviewScores, b: ReviewScores, items: Sequence[str]) -> Sequence[str]:
    return items or sorted(set(a.deductions) | set(b.deductions))


def _same(x: float, y: float) -> bool:
    return abs(x - y) < 1e-6


def item_agreement(
    pairs: Sequence[tuple[ReviewScores, ReviewScores]], items: Sequence[str]
) -> list[ItemAgreement]:
    """Agreement per rubric item over all double-reviewed files."""
    out = []
    for item in items:
        judged = [(a.deductions.get(item, 0.0), b.deductions.get(item, 0.0)) for a, b in pairs]
        equal = sum(_same(x, y) for x, y in judged)
        kappa = cohen_kappa((x > 0, y > 0) for x, y in judged)
        share = equal / len(judged) if judged else 0.0
        out.append(ItemAgreement(item, len(judged), round(share, 4), _round(kappa)))
    return out


def reviewer_agreement(
    pairs: Sequence[tuple[ReviewScores, ReviewScores]], items: Sequence[str] = ()
) -> list[ReviewerAgreement]:
    """Agreement of each reviewer with whoever reviewed the same files."""
    judged: dict[str, list[tuple[float, float]]] = defaultdict(list)
    diffs: dict[str, list[float]] = defaultdict(list)
    for a, b in pairs:
        for me, other in ((a, b), (b, a)):
            for item in _items(a, b, items):
                judged[me.reviewer].append((me.deductions.get(item, 0.0), other.deductions.get(item, 0.0)))
            diffs[me.reviewer].append(me.total - other.total)
    out = []
    for reviewer in sorted(judged):
        rows = judged[reviewer]
        share = sum(_same(x, y) for x, y in rows) / len(rows) if rows else 0.0
        kappa = cohen_kappa((x > 0, y > 0) for x, y in rows)
        d = diffs[reviewer]
        out.append(
            ReviewerAgreement(reviewer, len(d), round(share, 4), _round(kappa), round(sum(d) / len(d), 2))
        )
    return out


def strictness(reviews: Sequence[ReviewScores]) -> list[Strictness]:
    """Mean deduction per review of each reviewer against the campaign mean."""
    if not reviews:
        return []
    campaign_mean = sum(r.deducted for r in reviews) / len(reviews)
    mine: dict[str, list[float]] = defaultdict(list)
    for r in reviews:
        mine[r.reviewer].append(r.deducted)
    out = []
    for reviewer in sorted(mine):
        values = mine[reviewer]
        mean = sum(values) / len(values)
        out.append(
            Strictness(reviewer, len(values), round(mean, 2), round(campaign_mean, 2), round(mean - campaign_mean, 2))
        )
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
