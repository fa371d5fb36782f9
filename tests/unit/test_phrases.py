"""The phrase library: shipped starter reasons per rubric item with fixed numbers, learned ones after them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.rubric import load_rubric
from ui.phrases import MAX_LEARNED, PhraseLibrary, shipped_library

RUBRICS = ("penalty", "license", "inspection", "enforcement")


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_every_item_of_every_shipped_rubric_has_starter_phrases(rubric_id: str) -> None:
    rubric = load_rubric(rubric_id)
    shipped = shipped_library(rubric_id)
    assert sorted(shipped) == sorted(i.id for i in rubric.items)  # no item without, no stale key
    for item, phrases in shipped.items():
        assert 1 <= len(phrases) <= 9, item  # each reachable with Ctrl+1 … 9
        assert len(set(phrases)) == len(phrases), item
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in phrases), item  # Chinese reasons


def test_learned_reasons_append_and_never_renumber(tmp_path: Path) -> None:
    item = "procedure.decision_time_limit"
    shipped = list(shipped_library("penalty")[item])
    lib = PhraseLibrary(tmp_path / "phrases.json")
    before = lib.phrases(item, rubric="penalty")
    assert before == shipped  # a fresh install: Ctrl+1 … already answer
    lib.remember(item, "延期审批表未经负责人签批", rubric="penalty")
    lib.remember(item, "超期 29 日", rubric="penalty")
    lib.remember(item, shipped[0], rubric="penalty")  # a shipped phrase is not learned twice
    after = PhraseLibrary(tmp_path / "phrases.json").phrases(item, rubric="penalty")
    assert after[: len(before)] == before
    assert after[len(before):] == ["延期审批表未经负责人签批", "超期 29 日"]


def test_learning_stops_at_the_cap_rather_than_shift_numbers(tmp_path: Path) -> None:
    lib = PhraseLibrary(tmp_path / "phrases.json")
    for n in range(MAX_LEARNED + 5):
        lib.remember("x.item", f"理由 {n}")
    assert lib.phrases("x.item") == [f"理由 {n}" for n in range(MAX_LEARNED)]


def test_a_custom_rubric_or_a_path_has_no_shipped_phrases() -> None:
    assert shipped_library("no-such-rubric") == {}
    assert shipped_library("../rubrics/penalty") == {}
