"""Generated-corpus fixtures: one corpus per session (text PDFs, DOCX, a few scans) and the bad inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.corpus import CaseTruth, generate_corpus, make_bad_inputs

TEXT_FORMATS = ("pdf", "docx")
SCAN_FORMATS = ("scan_pdf", "images", "tiff")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[CaseTruth]]:
    """(dir, truths) of the default corpus; CASEREVIEW_CORPUS_N overrides its size (e.g. for a quick run)."""
    out = tmp_path_factory.mktemp("corpus")
    n = int(os.environ.get("CASEREVIEW_CORPUS_N", "36"))
    scans = int(os.environ.get("CASEREVIEW_CORPUS_SCANS", "6"))
    return out, generate_corpus(out, n=n, seed=2024, scans=min(scans, n))


def text_cases(cases: list[CaseTruth]) -> list[CaseTruth]:
    """The cases whose file has a text layer (text PDF, DOCX)."""
    return [c for c in cases if c.fmt in TEXT_FORMATS]


def scan_cases(cases: list[CaseTruth]) -> list[CaseTruth]:
    """The cases that need OCR (image-only PDF, folder of page images, multi-page TIFF)."""
    return [c for c in cases if c.fmt in SCAN_FORMATS]


@pytest.fixture(scope="session")
def text_corpus(corpus: tuple[Path, list[CaseTruth]]) -> tuple[Path, list[CaseTruth]]:
    return corpus[0], text_cases(corpus[1])


@pytest.fixture(scope="session")
def scan_corpus(corpus: tuple[Path, list[CaseTruth]]) -> tuple[Path, list[CaseTruth]]:
    return corpus[0], scan_cases(corpus[1])


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files that must be refused with a typed error (see tests.corpus.bad)."""
    return make_bad_inputs(tmp_path_factory.mktemp("bad"))
