"""extract() over the generated corpus: per-field exact-match rates and page-level document types.

`pytest -s tests/e2e/test_extract_accuracy.py` prints the per-field table. Thresholds: every field
≥ 98 % on text files (PDF, DOCX), ≥ 90 % on scans (OCR); page types ≥ 95 %.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.extract import extract
from app.ingest import read
from tests.corpus import CaseTruth
from tests.plugins.corpus import scan_cases, text_cases

FIELDS = (
    "case_number", "case_title", "agency", "party_name", "party_type", "party_id", "officers",
    "filing_date", "notice_date", "decision_date", "service_date", "closing_date", "penalty_types",
    "fine_amount", "confiscation_amount", "violated_provisions", "penalty_provisions",
)  # fmt: skip
TEXT_MIN, SCAN_MIN, PAGE_MIN = 0.98, 0.90, 0.95


def _provision_key(p: dict[str, Any]) -> tuple[str, int, int, int]:
    return (p["law"], p["article"] or 0, p["paragraph"] or 0, p["item"] or 0)


def same(field: str, got: Any, want: Any) -> bool:
    """Exact match in the contract's normal form (lists whose order the contract leaves open as sets)."""
    if field in ("fine_amount", "confiscation_amount"):
        return (got is None) == (want is None) and (got is None or abs(float(got) - float(want)) < 0.005)
    if field == "penalty_types":
        return sorted(got or []) == sorted(want or [])
    if field.endswith("_provisions"):
        return sorted(map(_provision_key, got)) == sorted(map(_provision_key, want))
    return bool(got == want)


Result = tuple[CaseTruth, dict[str, Any]]


def run_cases(root: Path, cases: list[CaseTruth]) -> list[Result]:
    return [(c, extract(read(root / c.file)).to_contract()) for c in cases]


def field_rates(results: list[Result]) -> dict[str, tuple[int, int]]:
    """field -> (matches, cases)."""
    return {
        f: (sum(same(f, got["fields"][f], truth.fields[f]) for truth, got in results), len(results))
        for f in FIELDS
    }


def page_rate(results: list[Result]) -> tuple[int, int]:
    ok = total = 0
    for truth, got in results:
        found = {p: d["type"] for d in got["documents"] for p in d["pages"]}
        for number, want in enumerate(truth.page_types, start=1):
            ok += found.get(number) == want
            total += 1
    return ok, total


def mismatches(results: list[Result]) -> list[str]:
    out = []
    for truth, got in results:
        for f in FIELDS:
            if not same(f, got["fields"][f], truth.fields[f]):
                out.append(f"{truth.file} {f}: got {got['fields'][f]!r} want {truth.fields[f]!r}")
        found = {p: d["type"] for d in got["documents"] for p in d["pages"]}
        for number, want in enumerate(truth.page_types, start=1):
            if found.get(number) != want:
                out.append(f"{truth.file} page {number}: got {found.get(number)} want {want}")
    return out


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}: {len(results)} dossiers")
    print(f"{'field':<22}{'exact':>8}{'rate':>9}")
    for f, (ok, n) in field_rates(results).items():
        print(f"{f:<22}{ok:>4}/{n:<3}{ok / n:>9.1%}")
    ok, n = page_rate(results)
    print(f"{'page document type':<22}{ok:>4}/{n:<3}{ok / n:>9.1%}")
    for line in mismatches(results)[:40]:
        print("  ✗", line)


@pytest.fixture(scope="module")
def text_results(corpus: tuple[Path, list[CaseTruth]]) -> list[Result]:
    root, cases = corpus
    return run_cases(root, text_cases(cases))


@pytest.fixture(scope="module")
def scan_results(corpus: tuple[Path, list[CaseTruth]]) -> list[Result]:
    root, cases = corpus
    return run_cases(root, scan_cases(cases))


def _check(results: list[Result], title: str, minimum: float) -> None:
    assert results, "the corpus holds no dossier of this kind"
    print_table(title, results)
    low = {f: ok / n for f, (ok, n) in field_rates(results).items() if ok / n < minimum}
    assert low == {}, f"fields under {minimum:.0%}: {low}"
    ok, n = page_rate(results)
    assert ok / n >= PAGE_MIN


def test_text_dossiers_field_accuracy(text_results: list[Result]) -> None:
    _check(text_results, "text PDF / DOCX", TEXT_MIN)


@pytest.mark.slow
def test_scanned_dossiers_field_accuracy(scan_results: list[Result]) -> None:
    _check(scan_results, "scans (OCR)", SCAN_MIN)


CONTRACT_TYPES = {
    "cover", "toc", "case_source", "filing_approval", "inspection_record", "inquiry_record", "evidence",
    "investigation_report", "legal_review", "collective_discussion", "penalty_notice", "statement_record",
    "hearing", "penalty_decision", "service_receipt", "payment_receipt", "closing_report", "remarks", "other",
}  # fmt: skip


def _well_formed(got: dict[str, Any]) -> bool:
    pages = sorted(p for d in got["documents"] for p in d["pages"])
    return pages == list(range(1, got["pages"] + 1)) and all(d["type"] in CONTRACT_TYPES for d in got["documents"])


def test_every_page_gets_a_contract_type(text_results: list[Result]) -> None:
    assert [truth.file for truth, got in text_results if not _well_formed(got)] == []
