"""评查表 content (issue 15.5): one result per sheet with its own signers (an un-reconciled file never lists two
reviewers over one's scores), the case facts, the overall comment, 不符合评查条件 (no score, not averaged),
objections with answers, the SHA-256; rendered to PDF and DOCX. Expected values come from the plans."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf
import pytest
from docx import Document

from app.reports.model import ReportKind
from app.services import ensure_user, list_reviews, open_review, submit_review
from app.services.ledger import list_problems
from app.services.objections import add_objection, answer_objection
from app.services.reconcile import Side, compare, finalise, settle
from app.services.report_data import build_casesheets, context
from app.services.reports import ReportRequest, dashboard, export_report
from app.services.review_result import set_comment, set_unreviewable, unreviewable_files
from app.store.models import Dossier, Review
from tests.e2e.test_reports_campaign import CAMPAIGN, OFFICER, Campaign, make_campaign, review_as_planned

A = {"archiving.toc": 1.0, "documents.templates": 1.0, "law.discretion": 4.0}
B = {"archiving.toc": 2.0}
FACTS = {"filing_date": "2024-03-04", "closing_date": "2024-05-20", "penalty_types": ["警告", "罚款"],
         "fine_amount": 5000.0, "officers": [{"name": OFFICER, "cert_no": "66010012345"}, {"name": "李四"}]}


def _flat(text: str) -> str:
    return "".join(text.split())


def _redo(c: Campaign, dossier_id: int, plans: dict[str, dict[str, float]]) -> None:
    with c.store.write() as session:
        session.query(Review).filter(Review.dossier_id == dossier_id).delete()
    for name, plan in plans.items():
        review_as_planned(c.store, dossier_id, ensure_user(c.store, name), plan, 1)


def test_unreconciled_sheet_prints_one_review_and_names_only_its_reviewer(db_url: str) -> None:
    c = make_campaign(db_url, files=2)
    d = c.plans[1].dossier_id
    _redo(c, d, {"评查员丁": A, "评查员戊": B})
    ctx = context(c.store, c.campaign_id)
    (latest,) = build_casesheets(ctx, dossier_ids=[d])
    assert (latest.signers, latest.total) == (("评查员戊",), round(100 - sum(B.values()), 2))
    assert "未定稿" in latest.status
    (named,) = build_casesheets(ctx, dossier_ids=[d], reviewer="评查员丁")
    assert (named.signers, named.total, named.finaliser) == (("评查员丁",), round(100 - sum(A.values()), 2), "")
    finalise(c.store, d, settled=settle(compare(c.store, d), {}, take=Side.A), user=c.supervisor)
    (final,) = build_casesheets(ctx, dossier_ids=[d])
    assert (final.signers, final.finaliser, final.total) == (("评查员丁", "评查员戊"), "督查组长", named.total)


def _facts(c: Campaign, dossier_id: int) -> None:
    with c.store.write() as session:
        d = session.get(Dossier, dossier_id)
        assert d is not None
        d.extraction = {**d.extraction, "fields": {**d.extraction["fields"], **FACTS}}


def test_sheet_carries_facts_comment_objection_and_renders(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=4)
    plan = c.plans[3]  # law.discretion 4, evidence.chain 3, procedure.legal_review 4
    _facts(c, plan.dossier_id)
    finalise(c.store, plan.dossier_id, settled={}, user=c.supervisor)
    (review,) = list_reviews(c.store, plan.dossier_id)
    set_comment(c.store, review.id, "案卷整体规范，裁量说理不足", user=c.supervisor, expected_version=review.version)
    letter = tmp_path / "异议书.pdf"
    letter.write_bytes(b"%PDF-1.4 objection")
    obj = add_objection(c.store, plan.dossier_id, "law.discretion", reason="已说明从轻理由", attachments=[letter],
                        user=c.supervisor)
    answer_objection(c.store, obj.id, upheld=True, answer="理由成立", deducted=1.0, user=c.supervisor,
                     expected_version=obj.version)
    (s,) = build_casesheets(context(c.store, c.campaign_id), dossier_ids=[plan.dossier_id])
    expected_total = round(plan.total + 4.0 - 1.0, 2)
    assert (s.filed.isoformat(), s.closed.isoformat()) == ("2024-03-04", "2024-05-20")  # type: ignore[union-attr]
    assert (s.officers, s.outcome, s.amounts) == (
        (f"{OFFICER}（66010012345）", "李四"),
        "警告、罚款",
        (("罚款", 5000.0),),
    )
    assert (s.total, s.comment, s.signers) == (expected_total, "案卷整体规范，裁量说理不足", (plan.reviewer,))
    (o,) = s.objections
    assert (o.status, o.deducted_before, o.deducted_after) == ("异议成立", 4.0, 1.0)
    (pdf_path,) = export_report(
        c.store, ReportRequest(CAMPAIGN, ReportKind.CASESHEET, "pdf"), tmp_path / "s.pdf", user=c.supervisor
    )
    with pymupdf.open(pdf_path) as pdf:
        text = _flat("".join(p.get_text() for p in pdf))
    sha = hashlib.sha256(b"%PDF-1.4 objection").hexdigest()[:16]
    for want in (
        "立案日期",
        "2024年3月4日",
        "2024年5月20日",
        f"{OFFICER}（66010012345）",
        "警告、罚款；罚款5000元",
        "异议及答复",
        "已说明从轻理由",
        f"异议书.pdf（SHA-256{sha}…）",
        "异议成立（督查组长）：理由成立；扣分由4改为1",
        f"得分{expected_total:g}分",
        "总体评价：案卷整体规范，裁量说理不足",
        f"评查人（签名）：____________（{plan.reviewer}）",
    ):
        assert _flat(want) in text, want
    (docx_path,) = export_report(
        c.store, ReportRequest(CAMPAIGN, ReportKind.CASESHEET, "docx"), tmp_path / "s.docx", user=c.supervisor
    )
    doc = Document(str(docx_path))
    words = _flat(
        "\n".join(p.text for p in doc.paragraphs)
        + "".join(cell.text for t in doc.tables for r in t.rows for cell in r.cells)
    )
    for want in (
        "2024年3月4日",
        "异议成立（督查组长）：理由成立；扣分由4改为1",
        f"评查人（签名）：____________（{plan.reviewer}）",
    ):
        assert _flat(want) in words, want


def test_unreviewable_has_no_score_and_is_not_averaged(db_url: str, tmp_path: Path) -> None:
    c = make_campaign(db_url, files=4)
    plan = c.plans[3]
    with c.store.write() as session:
        session.query(Review).filter(Review.dossier_id == plan.dossier_id).delete()
    reviewer = c.reviewers[plan.reviewer]
    draft = open_review(c.store, plan.dossier_id, reviewer=reviewer)
    with pytest.raises(Exception, match="须写明理由"):
        set_unreviewable(c.store, draft.id, " ", user=reviewer, expected_version=draft.version)
    version = set_unreviewable(
        c.store, draft.id, "卷内仅有处罚决定书，缺立案至结案材料", user=reviewer, expected_version=draft.version
    )
    submit_review(c.store, draft.id, user=reviewer, expected_version=version)
    assert unreviewable_files(c.store, c.campaign_id) == {plan.dossier_id: "卷内仅有处罚决定书，缺立案至结案材料"}
    others = [p for p in c.plans if p.dossier_id != plan.dossier_id]
    stats = dashboard(c.store, c.campaign_id, user=c.supervisor)
    assert stats.reviewed == len(others)
    assert stats.average == round(sum(p.total for p in others) / len(others), 2)
    assert not [p for p in list_problems(c.store, c.campaign_id) if p.dossier_id == plan.dossier_id]
    (s,) = build_casesheets(context(c.store, c.campaign_id), dossier_ids=[plan.dossier_id])
    assert s.unreviewable == "卷内仅有处罚决定书，缺立案至结案材料"
    export_report(
        c.store, ReportRequest(CAMPAIGN, ReportKind.CASESHEET, "pdf", split=True), tmp_path / "split", user=c.supervisor
    )
    pages = {p.name: p for p in (tmp_path / "split").iterdir()}
    mine = next(p for name, p in pages.items() if name.endswith(f"_{plan.dossier_id}.pdf"))
    with pymupdf.open(mine) as pdf:
        text = _flat("".join(p.get_text() for p in pdf))
    assert _flat("本案卷不符合评查条件：卷内仅有处罚决定书，缺立案至结案材料。不评分") in text
    assert "评查项目与扣分" not in text
    assert "得分" not in text
