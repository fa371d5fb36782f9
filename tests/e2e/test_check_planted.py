"""The whole pipeline on the generated corpus: exactly the planted defects fail, clean files raise no alarm.

Each generated dossier (tests.corpus) carries ``defects``: the rule ids it was built to break
(``[]`` for a clean one). The files with a text layer (PDF, DOCX) are held to this bar; the scanned
ones cost ~2 minutes each of OCR on CI's two cores and are measured by the extraction tests instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.pipeline import Analysis, analyse
from scoring.types import Status
from tests.corpus import CaseTruth

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analysed(text_corpus: tuple[Path, list[CaseTruth]]) -> list[tuple[CaseTruth, Analysis]]:
    folder, cases = text_corpus
    return [(case, analyse(folder / case.file)) for case in cases]


def _fails(a: Analysis) -> set[str]:
    return {f.rule for f in a.findings if f.status is Status.FAIL}


def test_exactly_the_planted_findings(analysed: list[tuple[CaseTruth, Analysis]]) -> None:
    wrong = {
        case.file: {
            "missed": sorted(set(case.defects) - _fails(a)),
            "false alarms": sorted(_fails(a) - set(case.defects)),
        }
        for case, a in analysed
        if _fails(a) != set(case.defects)
    }
    assert wrong == {}


def test_clean_files_have_no_failures(analysed: list[tuple[CaseTruth, Analysis]]) -> None:
    clean = [(case, a) for case, a in analysed if not case.defects]
    assert clean, "the corpus has clean dossiers"
    assert {case.file: sorted(_fails(a)) for case, a in clean if _fails(a)} == {}


def test_every_fail_has_evidence_with_a_page(analysed: list[tuple[CaseTruth, Analysis]]) -> None:
    for case, a in analysed:
        pages = a.extraction.pages
        for f in a.findings:
            if f.status is Status.FAIL:
                assert f.evidence, f"{case.file}: {f.rule} has no evidence"
                assert all(1 <= e.page <= pages and e.text for e in f.evidence), (case.file, f.rule, f.evidence)


def test_planted_defects_cost_points(analysed: list[tuple[CaseTruth, Analysis]]) -> None:
    for case, a in analysed:
        assert a.rubric.id == "penalty"
        if not case.defects:
            assert not a.score.veto, case.file
        else:
            cited = {r for i in a.score.items if i.deducted or i.veto for r in i.rules}
            assert set(case.defects) <= cited, (case.file, case.defects)
