"""`casereview check` on generated dossiers (real PDF and DOCX) against the law as it stands.

* A 300,000 元 fine decided without a 法制审核 (行政处罚法 第五十八条: "未经法制审核或者审核未通过的，不得作出决定")
  is graded 不合格 by veto, with the reason shown.
* Clean generated files fail none of the new rules; a DOCX edited the way real files go wrong fails the rule
  that names the provision (行政诉讼法 第四十六条 六个月; 笔录起止时间; 送达回证文号).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from app.cli import main
from app.pipeline import analyse
from scoring.types import Status
from tests.corpus import generate_case
from tests.corpus.plan import make_plan

NEW_RULES = {
    "remedy_organ_wrong", "remedy_prior_review_missing", "cited_law_not_in_force", "cancelled_fine_item",
    "legal_basis_inconsistent", "penalty_heavier_after_statement", "investigator_in_conflicting_role",
    "legal_review_not_passed", "legal_review_after_decision", "collective_discussion_incomplete",
    "record_time_missing", "record_officers_not_signed", "record_party_not_signed", "notice_content_incomplete",
    "statement_not_reviewed", "notice_not_served", "hearing_notice_late", "service_receipt_mismatch",
    "service_method_unproven", "fine_outside_statutory_range", "fine_at_statutory_maximum", "discretion_not_reasoned",
    "investigation_before_filing", "filing_not_timely", "head_approval_after_decision", "toc_mismatch",
    "cover_fields_incomplete", "identity_proof_missing", "copies_not_certified", "investigation_records_missing",
    "publicity_late", "av_record_missing", "payment_not_to_treasury", "closed_before_payment", "surcharge_over_fine",
    "court_enforcement_late",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("law")


@pytest.mark.slow  # 27.6 s on an idle machine (generates and checks a whole dossier in-process)
def test_a_300000_fine_without_legal_review_is_vetoed(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    defect = ("missing_document:legal_review",)
    assert make_plan(55, "市场监管", defect).fine == 300000.0
    case = generate_case(out, seed=55, sector="市场监管", fmt="pdf", defects=defect)
    assert main(["check", str(out / case.file), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["extraction"]["fields"]["fine_amount"] == 300000.0
    s = result["score"]
    assert (s["grade"], s["veto"], s["total"]) == ("不合格", True, 0.0)
    vetoes = [i for i in s["items"] if i["veto"]]
    assert [(i["item"], i["rules"]) for i in vetoes] == [("veto.legal_review", ["missing_document:legal_review"])]
    review = [f for f in result["findings"] if f["rule"] == "missing_document:legal_review"]
    assert [f["status"] for f in review] == ["fail"]
    assert "第五十八条" in review[0]["legal_basis"]
    assert main(["check", str(out / case.file), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "等次：不合格（触发否决项）" in text
    assert "否决：依法应当进行法制审核而未经法制审核，或审核未通过即作出决定（卷内缺少法制审核意见" in text


@pytest.fixture(scope="module")
def clean_files(out: Path) -> list[Path]:
    cases = [generate_case(out, seed=seed, sector=sector, fmt=fmt)
             for seed, sector, fmt in ((61, "市场监管", "docx"), (62, "交通运输", "pdf"), (64, "应急管理", "docx"))]
    return [out / c.file for c in cases]


@pytest.mark.slow
def test_clean_files_fail_no_new_rule(clean_files: list[Path]) -> None:
    for path in clean_files:
        findings = analyse(path).findings
        fails = [(f.rule, f.message) for f in findings if f.rule in NEW_RULES and f.status is Status.FAIL]
        assert fails == [], path.name
        passed = {f.rule for f in findings if f.status is Status.PASS}
        assert {"record_time_missing", "notice_content_incomplete", "service_receipt_mismatch",
                "legal_basis_inconsistent", "cited_law_not_in_force"} <= passed, path.name


def _edit(src: Path, dst: Path, old: str, new: str) -> int:
    """Replace text in the DOCX's paragraphs and table cells; the number of paragraphs changed."""
    doc = Document(str(src))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    changed = 0
    for p in paragraphs:
        if old in p.text and p.runs:
            joined = p.text.replace(old, new)
            p.runs[0].text = joined
            for run in p.runs[1:]:
                run.text = ""
            changed += 1
    doc.save(str(dst))
    return changed


@pytest.mark.slow
@pytest.mark.parametrize(("old", "new", "rule"), [
    ("在六个月内", "在三个月内", "no_remedy_notice"),  # 行政诉讼法 第四十六条
    ("至15时25分", "", "record_time_missing"),  # 询问笔录起止时间
])
def test_a_real_docx_edited_fails_the_rule(clean_files: list[Path], out: Path, old: str, new: str, rule: str) -> None:
    src = clean_files[0]
    dst = out / f"edited-{rule}.docx"
    assert _edit(src, dst, old, new) >= 1
    findings = {f.rule: f for f in analyse(dst).findings}
    assert findings[rule].status is Status.FAIL, findings[rule].message
    assert findings[rule].evidence
    assert {f.rule for f in analyse(src).findings if f.status is Status.FAIL} == set()


@pytest.mark.slow
def test_a_receipt_naming_another_number_fails(clean_files: list[Path], out: Path) -> None:
    """民事诉讼法 第八十七条: the 送达回证 must name the document served; here its 文号 is off by one."""
    src = clean_files[0]
    plan = make_plan(61, "市场监管")
    number = plan.case_number
    wrong = number.replace(f"{plan.dates.filing.year}", f"{plan.dates.filing.year - 1}")
    dst = out / "edited-receipt.docx"
    assert _edit(src, dst, f"《行政处罚决定书》{number}", f"《行政处罚决定书》{wrong}") == 1
    finding = {f.rule: f for f in analyse(dst).findings}["service_receipt_mismatch"]
    assert finding.status is Status.FAIL, finding.message
