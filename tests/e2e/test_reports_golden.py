"""Golden checks: stats, circular, opinion, problem list, ledger and score sheets agree with figures
computed independently from the planned reviews; files reopen; no ID number leaks when masked."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pymupdf
import pytest
from docx import Document
from openpyxl import load_workbook

from app.reports.layouts import fmt
from app.reports.model import ReportKind
from app.services.ledger import list_problems, set_deadline, set_status
from app.services.report_data import context
from app.services.reports import ReportRequest, export_report
from app.stats import Filters, campaign_stats
from tests.e2e.test_reports_campaign import CAMPAIGN, OFFICER, PERSON_ID, Campaign, make_campaign

ISSUED = dt.date(2024, 12, 20)
DEADLINE = dt.date(2025, 1, 31)


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    c = make_campaign(tmp_path_factory.mktemp("golden") / "db.sqlite")
    set_deadline(c.store, c.campaign_id, DEADLINE, user=c.supervisor)
    return c


def write(c: Campaign, kind: ReportKind, fmt: str, out: Path, *, mask: bool, issued: dt.date | None = None,
          deadline: dt.date | None = None, split: bool = False) -> list[Path]:
    req = ReportRequest(CAMPAIGN, kind, fmt, mask, split, issued=issued, deadline=deadline)
    return export_report(c.store, req, out, user=c.supervisor)


def _expected(c: Campaign) -> dict[str, object]:
    grades: dict[str, int] = defaultdict(int)
    by_agency: dict[str, list[float]] = defaultdict(list)
    by_parent: dict[str, list[float]] = defaultdict(list)
    item_files: dict[str, int] = defaultdict(int)
    for p in c.plans:
        grades[p.grade] += 1
        by_agency[p.unit].append(p.total)
        by_parent[p.parent].append(p.total)
        for item in p.deductions:
            item_files[item] += 1
    totals = [p.total for p in c.plans]
    return {
        "grades": dict(grades), "average": round(sum(totals) / len(totals), 2),
        "agency_avg": {a: round(sum(v) / len(v), 2) for a, v in by_agency.items()},
        "parent_avg": {a: round(sum(v) / len(v), 2) for a, v in by_parent.items()},
        "item_files": dict(item_files), "ledger_rows": sum(len(p.deductions) for p in c.plans),
    }


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_stats_equal_independent_figures(golden: Campaign) -> None:
    exp = _expected(golden)
    ctx = context(golden.store, CAMPAIGN)
    s = campaign_stats(golden.store, golden.campaign_id, name=CAMPAIGN, rubric=ctx.rubric)
    assert s.reviewed == len(golden.plans) == 14
    assert s.average == exp["average"]
    assert {g.grade: g.count for g in s.grades if g.count} == exp["grades"]
    assert {a.agency: a.average for a in s.agencies} == exp["agency_avg"]
    assert {a.agency: a.average for a in s.parents} == exp["parent_avg"]
    assert {r.key: r.files for r in s.by_item} == exp["item_files"]
    assert s.by_item[-1].cumulative == 100.0
    (officers,) = [a for a in s.acceptance if a.rule == "officers_fewer_than_two"]
    with_finding = [p for p in golden.plans if p.officers_finding]
    kept = [p for p in with_finding if p.deductions.get("subject.officers", 0) > 0]
    assert officers.findings == len(with_finding)
    assert officers.accepted == len(kept)
    assert officers.rejected == len(with_finding) - len(kept)
    assert s.progress.dossiers == 14
    assert s.progress.submitted == 14
    market = campaign_stats(golden.store, golden.campaign_id, filters=Filters(agency="市场监管局"))
    assert market.reviewed == sum(1 for p in golden.plans if p.agency == "市场监管局")
    first = campaign_stats(golden.store, golden.campaign_id, filters=Filters(agency="第一师"))
    assert first.reviewed == sum(1 for p in golden.plans if p.parent == "第一师")
    by_reviewer = campaign_stats(golden.store, golden.campaign_id, filters=Filters(reviewer="评查员乙"))
    assert by_reviewer.reviewed == sum(1 for p in golden.plans if p.reviewer == "评查员乙")


def test_cli_stats_json_matches(golden: Campaign, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    url = golden.store.url
    assert main(["--db", url, "stats", "--campaign", CAMPAIGN, "--format", "json", "--agreement"]) == 0
    data = json.loads(capsys.readouterr().out)
    exp = _expected(golden)
    assert data["average"] == exp["average"]
    assert {g["grade"]: g["count"] for g in data["grades"] if g["count"]} == exp["grades"]
    assert "agreement" in data
    assert main(["--db", url, "stats", "--campaign", "没有这个活动"]) == 1


def test_ledger_xlsx_rows_and_masking(golden: Campaign, tmp_path: Path) -> None:
    (path,) = write(golden, ReportKind.LEDGER, "xlsx", tmp_path / "ledger.xlsx", mask=True, issued=ISSUED)
    book = load_workbook(path)
    ws = book.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:P{_expected(golden)['ledger_rows'] + 1}"  # type: ignore[operator]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == _expected(golden)["ledger_rows"]
    full = list(book["全部字段"].iter_rows(min_row=2, values_only=True))  # 案号 5, 评查项目编号 7, 扣分 12
    planned = {(p.case_number, item): ded for p in golden.plans for item, ded in p.deductions.items()}
    got = {(r[5], r[7]): r[12] for r in full}
    assert got == planned
    assert {r[10] for r in rows} == {"待整改"}
    text = " ".join(str(v) for r in (*rows, *full) for v in r)
    assert PERSON_ID not in text
    assert OFFICER not in text
    assert "王某某" in text
    assert "浙江省杭州市西湖区***" in text


def test_problems_xlsx_counts(golden: Campaign, tmp_path: Path) -> None:
    (path,) = write(golden, ReportKind.PROBLEMS, "xlsx", tmp_path / "problems.xlsx", mask=True, issued=ISSUED)
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[2]: r[4] for r in rows} == _expected(golden)["item_files"]
    assert PERSON_ID not in " ".join(str(v) for r in rows for v in r)
    officers = next(r for r in rows if r[2] == "subject.officers")
    assert "第四十二条" in str(officers[3])  # legal basis from the rule table


def test_circular_docx_and_pdf_contain_the_figures(golden: Campaign, tmp_path: Path) -> None:
    exp = _expected(golden)
    (docx_path,) = write(
        golden, ReportKind.CIRCULAR, "docx", tmp_path / "c.docx", mask=True, issued=ISSUED, deadline=DEADLINE
    )
    (pdf_path,) = write(
        golden, ReportKind.CIRCULAR, "pdf", tmp_path / "c.pdf", mask=True, issued=ISSUED, deadline=DEADLINE
    )
    doc = Document(str(docx_path))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    with pymupdf.open(pdf_path) as pdf:
        pdf_text = _flat("".join(page.get_text() for page in pdf))
        assert pdf.page_count >= 2
        assert pdf[0].get_text().count("— 1 —") == 1  # GB/T 9704 7.5 page number
    headline = f"本次共评查行政执法案卷 14 件，平均得分 {fmt(exp['average'])} 分"  # type: ignore[arg-type]
    assert headline in body
    assert _flat(headline) in pdf_text
    for grade, count in exp["grades"].items():  # type: ignore[attr-defined]
        share = f"{100 * count / 14:.2f}%"
        assert f"{grade} {count} 件，占 {share}" in body
        assert _flat(f"{grade}{count}件，占{share}") in pdf_text
    for agency, avg in exp["agency_avg"].items():  # type: ignore[attr-defined]
        assert agency in cells
        assert fmt(avg) in cells
        assert _flat(agency) in pdf_text
    assert len(doc.inline_shapes) == 2  # the two charts
    assert PERSON_ID not in body + cells
    assert PERSON_ID not in pdf_text


def test_opinion_docx_per_agency(golden: Campaign, tmp_path: Path) -> None:
    (path,) = write(
        golden, ReportKind.OPINION, "docx", tmp_path / "o.docx", mask=True, issued=ISSUED, deadline=DEADLINE
    )
    doc = Document(str(path))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert body.count("行政执法监督意见书") == 3
    assert body.count("于 2025年1月31日 前将纠正情况") == 3  # the ledger's deadline
    market = [p for p in golden.plans if p.agency == "市场监管局"]
    assert "第一师/市场监管局：" in body  # 主送 names the unit by its path
    avg = round(sum(p.total for p in market) / len(market), 2)
    assert f"对你单位 {len(market)} 件行政执法案卷进行了评查，平均得分 {fmt(avg)} 分" in body
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert PERSON_ID not in cells
    header = doc.tables[0].rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader")


def test_casesheet_pdf_and_docx(golden: Campaign, tmp_path: Path) -> None:
    (pdf_path,) = write(golden, ReportKind.CASESHEET, "pdf", tmp_path / "all.pdf", mask=False, issued=ISSUED)
    with pymupdf.open(pdf_path) as pdf:
        text = _flat("".join(p.get_text() for p in pdf))
        assert pdf.page_count >= 14
    for p in golden.plans:
        assert _flat(f"得分{fmt(p.total)}分，评查等次：{p.grade}") in text
        assert _flat(p.case_number) in text
    big = next(p for p in golden.plans if p.grade == "不合格")
    assert hashlib_of(big) in text
    assert PERSON_ID in text  # the per-case sheet is not masked by default
    (docx_path,) = write(golden, ReportKind.CASESHEET, "docx", tmp_path / "all.docx", mask=True, issued=ISSUED)
    doc = Document(str(docx_path))
    assert "得分 55 分" in "\n".join(p.text for p in doc.paragraphs) or any(
        "得分 55" in c.text for t in doc.tables for r in t.rows for c in r.cells
    )


def hashlib_of(p: object) -> str:
    import hashlib

    n = int(re.search(r"(\d+)\.pdf", p.file_name).group(1)) - 1  # type: ignore[attr-defined, union-attr]
    return hashlib.sha256(f"dossier-{n}".encode()).hexdigest()


def test_correction_status_and_overdue(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    set_deadline(c.store, c.campaign_id, dt.date(2024, 12, 31), user=c.supervisor)
    rows = list_problems(c.store, c.campaign_id, today=dt.date(2024, 12, 1))
    assert {r.status for r in rows} == {"待整改"}
    done = set_status(
        c.store, {rows[0].row_id or 0: rows[0].version}, status="已整改", user=c.supervisor, note="已补正"
    )
    assert [p.status for p in done.problems] == ["已整改待复核"]  # 已整改 (the word before rev 0015) awaits 复核
    later = list_problems(c.store, c.campaign_id, today=dt.date(2025, 1, 2))
    assert sorted(r.status for r in later) == ["已整改待复核"] + ["逾期"] * (len(rows) - 1)  # derived, never stored
    with pytest.raises(Exception, match="整改状态"):
        set_status(c.store, {rows[0].row_id or 0: None}, status="完成", user=c.supervisor)
    (path,) = write(c, ReportKind.LEDGER, "xlsx", tmp_path / "ledger.xlsx", mask=True, issued=dt.date(2025, 1, 2))
    statuses = [r[10] for r in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert sorted(statuses) == ["已整改待复核"] + ["逾期"] * (len(rows) - 1)
    files = write(
        c, ReportKind.CASESHEET, "pdf", tmp_path / "split", mask=False, split=True, issued=dt.date(2025, 1, 2)
    )
    assert sorted(f.name for f in files) == sorted(
        f"评查表_师市监罚〔2024〕{n}号_{p.dossier_id}.pdf" for n, p in enumerate(c.plans, 1)
    )


ID_PATTERN = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        with pymupdf.open(path) as pdf:
            return "".join(p.get_text() for p in pdf)
    if path.suffix == ".docx":
        doc = Document(str(path))
        return "\n".join(p.text for p in doc.paragraphs) + " ".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells
        )
    ws = load_workbook(path).active
    return " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r)


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [("opinion", "pdf"), ("problems", "pdf"), ("ledger", "pdf"), ("casesheet", "docx"), ("circular", "pdf")],
)
def test_masked_exports_carry_no_id_number(golden: Campaign, tmp_path: Path, kind: str, fmt: str) -> None:
    (path,) = write(golden, ReportKind(kind), fmt, tmp_path / f"out.{fmt}", mask=True, issued=ISSUED)
    text = _text_of(path)
    assert PERSON_ID not in text
    assert not ID_PATTERN.search(text)
    assert OFFICER not in text


def test_cli_report_writes_files_and_rejects_bad_formats(
    golden: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    out = tmp_path / "台账.xlsx"
    args = ["--db", golden.store.url, "report", "--campaign", CAMPAIGN, "--kind", "ledger", "--format", "xlsx"]
    assert main([*args, "-o", str(out), "--date", "2024-12-20"]) == 0
    assert str(out) in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == _expected(golden)["ledger_rows"]
    assert PERSON_ID not in " ".join(str(v) for r in rows for v in r)
    assert (
        main(
            [
                "--db",
                golden.store.url,
                "report",
                "--campaign",
                CAMPAIGN,
                "--kind",
                "ledger",
                "--format",
                "docx",
                "-o",
                str(tmp_path / "x.docx"),
            ]
        )
        == 2
    )
    assert "只能导出为 xlsx、pdf" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "no" / "such" / "dir" / "x.xlsx")]) == 0  # folders are created
