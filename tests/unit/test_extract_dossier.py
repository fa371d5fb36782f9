"""Whole dossiers from real PDF and DOCX files: issue 11's misses in kind, and look-alike clean cases.

The dossier (tests/unit/dossier_texts.py) is clean: every check must pass or say what it cannot see —
no fail. Its variants (an approved extension, a written waiver, a hearing held, a warning only) are
clean too, though each looks like a defect to a careless check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.pipeline import Analysis, analyse
from scoring.types import Status
from tests.unit import dossier_texts as dx
from tests.unit.dossier_files import write_docx, write_pdf

D = dt.date
WRITERS = {"pdf": write_pdf, "docx": write_docx}

FIELDS: dict[str, Any] = {
    "case_number": dx.DECISION_NO,  # the decision's, not the filing approval's 立案 number
    "case_title": f"{dx.PARTY}销售超过保质期食品案",
    "agency": dx.AGENCY,
    "party_name": dx.PARTY,
    "party_type": "organization",
    "party_id": dx.USCC,
    "officers": [
        {"name": "艾力·沙吾提", "cert_no": "65010012345"},
        {"name": "阿迪力·买买提", "cert_no": "65010012346"},
    ],
    "filing_date": "2024-03-04",
    "notice_date": "2024-04-10",
    "decision_date": "2024-04-22",
    "service_date": "2024-04-23",
    "closing_date": "2024-05-20",
    "penalty_types": ["罚款"],
    "fine_amount": 5000.0,
    "confiscation_amount": None,
    # the second law after the long quotation is kept
    "violated_provisions": [
        {"law": "中华人民共和国食品安全法", "article": 34, "paragraph": None, "item": 10},
        {"law": "中华人民共和国食品安全法实施条例", "article": 22, "paragraph": None, "item": None},
    ],
    # 第一百.二十四条 read through the stray dot; no 程序规定 (立案), 第六十七条 (payment), 裁量基准
    "penalty_provisions": [{"law": "中华人民共和国食品安全法", "article": 124, "paragraph": 1, "item": 5}],
}


def _analyse(tmp_path: Path, fmt: str, variant: dx.Variant) -> Analysis:
    texts, sealed = dx.pages(variant)
    return analyse(WRITERS[fmt](tmp_path / f"dossier.{fmt}", texts, sealed=sealed))


def _fails(a: Analysis) -> dict[str, str]:
    return {f.rule: f.message for f in a.findings if f.status is Status.FAIL}


def _status(a: Analysis, rule: str) -> Status:
    found = [f.status for f in a.findings if f.rule == rule]
    assert len(found) == 1, (rule, found)
    return found[0]


@pytest.fixture(scope="module", params=["pdf", "docx"])
def clean(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return _analyse(tmp_path_factory.mktemp("clean"), request.param, dx.Variant())


def test_fields_exact(clean: Analysis) -> None:
    out = clean.extraction.to_contract()
    assert out["scope"] == "dossier"
    assert out["fields"] == FIELDS


def test_document_types(clean: Analysis) -> None:
    types = [d["type"] for d in clean.extraction.to_contract()["documents"]]
    assert types == [
        "cover",
        "toc",
        "filing_approval",
        "inspection_record",
        "inquiry_record",
        "evidence",
        "investigation_report",
        "penalty_notice",
        "service_receipt",
        "penalty_decision",
        "service_receipt",
        "closing_report",
    ]


def test_documents_dated_from_their_sign_off(clean: Analysis) -> None:
    """The 调查终结报告 and the 结案报告 narrate earlier days; their own date is by the 落款."""
    dates = {d.type: d.fields["date"].value for d in clean.extraction.facts.documents if "date" in d.fields}
    assert dates["investigation_report"] == D(2024, 4, 2)
    assert dates["closing_report"] == D(2024, 5, 20)
    assert dates["filing_approval"] == D(2024, 3, 4)


def test_clean_dossier_raises_no_fail(clean: Analysis) -> None:
    assert _fails(clean) == {}
    for rule in (
        "dates_out_of_order",
        "officers_fewer_than_two",
        "officer_without_cert",
        "provision_not_specific",
        "case_number_mismatch",
        "toc_mismatch",
        "decision_lacks_party",
        "decision_lacks_facts",
    ):
        assert _status(clean, rule) is Status.PASS, rule
    assert clean.score.grade == "优秀"
    assert clean.score.auto_scorable


def test_every_value_has_a_confidence(clean: Analysis) -> None:
    conf = clean.extraction.to_contract()["field_confidence"]
    assert set(conf) == set(FIELDS)
    assert conf["confiscation_amount"] == {"confidence": 0.0, "how": "not_found", "reason": "未找到"}
    found = {k: v for k, v in conf.items() if k != "confiscation_amount"}
    assert all(0.6 <= v["confidence"] <= 1 and v["reason"] for v in found.values())
    assert (conf["party_name"]["how"], conf["service_date"]["how"]) == ("label", "label")
    assert (conf["filing_date"]["how"], conf["decision_date"]["how"]) == ("position", "position")  # 落款
    assert all(0 <= f.to_json()["confidence"] <= 1 for f in clean.findings)


LOOK_ALIKES = {
    # 119 days from 立案 to decision, with the extension approved in writing
    "extension approved": dx.Variant(
        notice=D(2024, 6, 20),
        decision=D(2024, 7, 1),
        served=D(2024, 7, 2),
        closing=D(2024, 7, 25),
        extension=D(2024, 5, 30),
    ),
    # decided 2 working days after the notice, the party having waived in writing
    "rights waived in writing": dx.Variant(decision=D(2024, 4, 12), served=D(2024, 4, 15), waiver=D(2024, 4, 11)),
    # a hearing requested and held (with the 法制审核 and 集体讨论 it makes necessary)
    "hearing held": dx.Variant(hearing=D(2024, 4, 18)),
    # a warning only: no fine, nothing to pay
    "warning only": dx.Variant(fine="警告", notice_fine="警告"),
}


@pytest.mark.parametrize("name", list(LOOK_ALIKES))
def test_look_alike_clean_cases_pass(tmp_path: Path, name: str) -> None:
    a = _analyse(tmp_path, "pdf", LOOK_ALIKES[name])
    assert _fails(a) == {}
    expected = {
        "extension approved": ("decision_over_90_days", Status.PASS),
        "rights waived in writing": ("notice_to_decision_under_5_days", Status.PASS),
        "hearing held": ("missing_document:hearing", Status.PASS),
        "warning only": ("decision_lacks_performance_terms", Status.NA),
    }[name]
    assert _status(a, expected[0]) is expected[1]


def test_a_real_defect_still_fails(tmp_path: Path) -> None:
    """The same dossier decided on the 3rd working day after the notice, with no waiver: a fail."""
    a = _analyse(tmp_path, "pdf", dataclasses.replace(dx.Variant(), decision=D(2024, 4, 15), served=D(2024, 4, 16)))
    assert set(_fails(a)) == {"notice_to_decision_under_5_days"}


def test_toc_that_lists_a_missing_document(tmp_path: Path) -> None:
    texts, sealed = dx.pages(dx.Variant())
    texts = [t for t in texts if not t.startswith("案件调查终结报告")]  # listed in the 目录, not in the file
    a = analyse(write_pdf(tmp_path / "gap.pdf", texts, sealed={n - (n > 6) for n in sealed}))
    finding = next(f for f in a.findings if f.rule == "toc_mismatch")
    # a text file, read as printed: the 目录 promises a document the file does not hold, so every later row's
    # page is off by one — a fail citing the 目录's rows (on a scan it would be unknown)
    assert finding.status is Status.FAIL
    assert finding.message.startswith("卷内目录与卷内文书不符：第6项《行政处罚告知书》标注第8页，实际从第7页起")
    assert finding.evidence[0].page == 2
