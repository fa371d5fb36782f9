"""Stratified, reproducible sampling and 回避-respecting assignment."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.sampling import (
    BLIND_AGENCY,
    Candidate,
    Reviewer,
    SamplingError,
    assign,
    display_agency,
    draw_sample,
)

AGENCIES = ("市场监管局", "生态环境局", "交通运输局")


def _candidates() -> list[Candidate]:
    out = []
    i = 0
    for agency, n_penalty, n_license in (("市场监管局", 20, 10), ("生态环境局", 9, 3), ("交通运输局", 2, 0)):
        for kind, n in (("penalty", n_penalty), ("license", n_license)):
            for _ in range(n):
                i += 1
                out.append(Candidate(i, agency, kind, f"f{i}.pdf"))
    return out


def test_same_seed_same_sample_other_seed_other_sample() -> None:
    a = draw_sample(_candidates(), seed=424242, count=6)
    b = draw_sample(list(reversed(_candidates())), seed=424242, count=6)
    c = draw_sample(_candidates(), seed=1, count=6)
    assert [x.dossier_id for x in a] == [x.dossier_id for x in b]
    assert [x.dossier_id for x in a] != [x.dossier_id for x in c]


def test_count_per_agency_and_kind_strata() -> None:
    drawn = draw_sample(_candidates(), seed=7, count=6)
    per = Counter((c.agency, c.kind) for c in drawn)
    # 30 files 2:1 penalty:license -> 4 + 2; 12 files 3:1 -> 4.5/1.5 -> largest remainder by name; 2 files -> all
    assert per[("市场监管局", "penalty")] == 4
    assert per[("市场监管局", "license")] == 2
    assert per[("生态环境局", "penalty")] + per[("生态环境局", "license")] == 6
    assert per[("生态环境局", "license")] >= 1
    assert per[("交通运输局", "penalty")] == 2
    assert len({c.dossier_id for c in drawn}) == len(drawn) == 14


def test_percent_rounds_up_and_at_least_one() -> None:
    drawn = draw_sample(_candidates(), seed=3, percent=10)
    per = Counter(c.agency for c in drawn)
    assert per == {"市场监管局": 3, "生态环境局": 2, "交通运输局": 1}


@pytest.mark.parametrize(
    ("count", "percent"), [(None, None), (3, 10.0), (0, None), (None, 0.0), (None, 120.0)]
)
def test_bad_spec_is_a_typed_error(count: int | None, percent: float | None) -> None:
    with pytest.raises(SamplingError) as err:
        draw_sample(_candidates(), seed=1, count=count, percent=percent)
    assert "抽样" in err.value.message


REVIEWERS = [
    Reviewer("王一", "市场监管局"),
    Reviewer("赵二", "生态环境局"),
    Reviewer("钱三", "交通运输局"),
    Reviewer("孙四", None),
]


def test_assignment_avoids_own_agency_and_balances() -> None:
    drawn = draw_sample(_candidates(), seed=11, count=6)
    by_id = {c.dossier_id: c for c in drawn}
    home = {r.name: r.agency for r in REVIEWERS}
    result = assign(drawn, REVIEWERS, seed=11, per_file=2)
    assert len(result) == len(drawn)
    load: Counter[str] = Counter()
    for a in result:
        assert len(set(a.reviewers)) == 2
        for name in a.reviewers:
            assert home[name] != by_id[a.dossier_id].agency
            load[name] += 1
    assert max(load.values()) - min(load.values()) <= 2
    assert assign(drawn, REVIEWERS, seed=11, per_file=2) == result


def test_assignment_impossible_names_the_file() -> None:
    drawn = [Candidate(1, "市场监管局", "penalty", "卷一.pdf")]
    with pytest.raises(SamplingError) as err:
        assign(drawn, [Reviewer("王一", "市场监管局"), Reviewer("孙四")], seed=1, per_file=2)
    assert "卷一.pdf" in err.value.message
    assert "回避" in err.value.message


def test_blind_display() -> None:
    assert display_agency("市场监管局", blind=True) == BLIND_AGENCY
    assert display_agency("市场监管局", blind=False) == "市场监管局"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(AGENCIES), st.sampled_from(["penalty", "license"])), max_size=40),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=0, max_value=10**6),
)
def test_sample_properties(files: list[tuple[str, str]], count: int, seed: int) -> None:
    cands = [Candidate(i, a, k) for i, (a, k) in enumerate(files)]
    drawn = draw_sample(cands, seed=seed, count=count)
    per = Counter(c.agency for c in drawn)
    have = Counter(c.agency for c in cands)
    assert all(per[a] == min(count, have[a]) for a in have)
    assert drawn == draw_sample(cands, seed=seed, count=count)
    result = assign(drawn, REVIEWERS, seed=seed, per_file=1)
    home = {r.name: r.agency for r in REVIEWERS}
    agency_of = {c.dossier_id: c.agency for c in drawn}
    assert all(home[a.reviewers[0]] != agency_of[a.dossier_id] for a in result)


def test_assignment_does_not_depend_on_the_order_reviewers_are_named() -> None:
    """The dialog lists reviewers by name, the CLI as typed: the same seed must assign the same way."""
    from app.services.sampling import Candidate, Reviewer, assign

    files = [Candidate(i, ("第一师/甲局", "第二师/乙局")[i % 2]) for i in range(1, 9)]
    people = [Reviewer("张三", "第一师/甲局"), Reviewer("李四", "第二师/乙局"), Reviewer("王五"), Reviewer("赵六")]
    first = assign(files, people, seed=11, per_file=2)
    assert assign(files, list(reversed(people)), seed=11, per_file=2) == first
    assert assign(files, people[1:] + people[:1], seed=11, per_file=2) == first
