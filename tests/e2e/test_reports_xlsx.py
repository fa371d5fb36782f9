"""The XLSX writers: frozen header, filter over every row, widths, streamed body rows read back exactly."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook

from app.reports.model import Ledger, Problem, Rectification
from app.reports.xlsx_out import LEDGER_HEADER, ledger_xlsx


def _problem(i: int, **kw: object) -> Problem:
    base: dict[str, object] = dict(
        row_id=i, agency="市场监管局", parent_agency="第一师", dossier_id=i, case_number=f"罚〔2024〕{i}号",
        file_name=f"卷{i}.pdf", item_id="law.discretion", item_title="正确适用裁量基准", category="法律适用",
        description=f"问题 {i}", pages=(3, 5), deducted=1.5, deadline=dt.date(2025, 1, 31))
    base.update(kw)
    return Problem(**base)  # type: ignore[arg-type]


def test_streamed_rows_read_back_exactly() -> None:
    rows = (
        _problem(1, deadline=None, description="含<尖括号>&和号\x07及控制符"),
        _problem(2, status=Rectification.AWAITING, measure="修订模板", responsible_person="王科长",
                 completed_on=dt.date(2025, 1, 20), evidence=("报告.pdf（0123456789ab）", "照片.jpg（ba9876543210）")),
        _problem(3, deducted=2.0, pages=(), status=Rectification.CLOSED, checker="李复核",
                 closed_on=dt.date(2025, 1, 25), updated_at=dt.datetime(2025, 1, 25, 9, 30)),
    )
    book = load_workbook(io.BytesIO(ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), rows))))
    ws = book["详细台账"]
    assert [c.value for c in ws[1]] == list(LEDGER_HEADER)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:P4"
    got = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    col = {h: i for i, h in enumerate(LEDGER_HEADER)}
    assert got[0][col["问题"]] == "含<尖括号>&和号␇及控制符"  # a control character shown as its visible stand-in
    assert got[0][col["期限"]] is None
    assert [r[col["整改状态"]] for r in got] == ["待整改", "已整改待复核", "已销号"]
    assert got[1][col["期限"]] == dt.datetime(2025, 1, 31)
    assert (got[1][col["整改措施"]], got[1][col["责任人"]], got[1][col["完成日期"]]) == (
        "修订模板", "王科长", dt.datetime(2025, 1, 20))
    assert got[1][col["佐证材料"]] == "报告.pdf（0123456789ab）\n照片.jpg（ba9876543210）"
    assert (got[2][col["复核人"]], got[2][col["销号日期"]]) == ("李复核", dt.datetime(2025, 1, 25))
    assert got[0][col["责任单位"]] == "第一师/市场监管局"  # none set: the unit reviewed
    assert [r[0] for r in got] == [1, 2, 3]
    assert ws["E2"].alignment.wrap_text
    assert ws["B4"].border.left.style == "thin"
    full = book["全部字段"]
    head = [c.value for c in full[1]]
    last = dict(zip(head, next(full.iter_rows(min_row=4, values_only=True)), strict=True))
    assert (last["台账行号"], last["存储状态"], last["扣分"], last["页码"]) == (3, "已销号", 2.0, None)
    assert last["更新时间"] == dt.datetime(2025, 1, 25, 9, 30)


def test_every_database_column_of_the_ledger_is_exported(tmp_path: Path) -> None:
    from sqlalchemy import inspect

    from app.reports.xlsx_out import DB_COLUMNS, FULL_COLS
    from app.services import open_store

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    columns = {c["name"] for c in inspect(store.engine).get_columns("correction")}
    evidence = {c["name"] for c in inspect(store.engine).get_columns("correction_evidence")}
    assert columns | {"correction_evidence"} == set(DB_COLUMNS)  # a new column must get a header
    assert {"file_name", "sha256"} <= evidence
    assert set(DB_COLUMNS.values()) <= {c.header for c in FULL_COLS}


def test_row_heights_follow_the_wrapped_text() -> None:
    from app.reports.xlsx_print import BODY_PT, LINE, PAD_PT

    long = "行政处罚决定书未载明裁量基准。" * 6  # 15 CJK characters = 30 units, six times: 180 units
    rows = (_problem(1, description="短"), _problem(2, description=long))
    ws = load_workbook(io.BytesIO(ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), rows))))["详细台账"]
    width = ws.column_dimensions["E"].width
    assert width == 26
    lines = -(-180 // (width - 1))  # ceil(180 / 25) = 8 lines in the 问题 column
    assert ws.row_dimensions[3].height == round(lines * BODY_PT * LINE + PAD_PT, 1)
    assert ws.row_dimensions[2].height < ws.row_dimensions[3].height
    assert ws.print_title_rows == "$1:$1"
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (8, "landscape")  # A3
    assert BODY_PT * int(ws.page_setup.scale) / 100 >= 8


def test_empty_ledger_is_a_valid_workbook() -> None:
    ws = load_workbook(io.BytesIO(ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), ())))).active
    assert ws.max_row == 1
    assert [c.value for c in ws[1]][:3] == ["序号", "单位", "案号"]


def _printed(tmp_path: Path, data: bytes, name: str) -> list[tuple[float, float, float, str]]:
    """Each page printed by LibreOffice: (width pt, height pt, smallest font pt, text without spaces)."""
    import shutil
    import subprocess

    import pymupdf
    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the printed pages cannot be checked")
    src = tmp_path / f"{name}.xlsx"
    src.write_bytes(data)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True,
                   timeout=180)
    pages = []
    for page in pymupdf.open(tmp_path / f"{name}.pdf"):
        sizes = [
            s["size"] for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]
        ]
        pages.append((page.rect.width, page.rect.height, min(sizes), "".join(page.get_text().split())))
    return pages


def test_libreoffice_prints_the_ledger_readable_with_every_word(tmp_path: Path) -> None:
    texts = [
        ("行政处罚决定书未载明适用的裁量基准条款，也未说明从轻处罚的理由；" * (1 + i % 5)) + f"第{i}卷止"
        for i in range(1, 15)
    ]
    rows = tuple(
        _problem(
            i,
            description=t,
            measure="组织执法人员学习裁量基准，修订处罚决定书模板" * (i % 3),
            legal_basis="《中华人民共和国行政处罚法》第三十四条；《行政执法监督条例》第十二条",
        )
        for i, t in enumerate(texts, 1)
    )
    pages = _printed(tmp_path, ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), rows)), "ledger")
    ledger_pages = [p for p in pages if "评查项目问题依据" in p[3]]  # the 详细台账 sheet: its header on each page
    assert ledger_pages
    assert all((round(w), round(h)) == (1191, 842) for w, h, _, _ in pages)  # A3 landscape
    assert min(size for _, _, size, _ in pages) >= 7.95  # 8 pt, as LibreOffice rounds the scaled font
    printed = "".join(t for *_, t in ledger_pages)
    for text in texts:  # every word of every wrapped cell printed: no row cut short, nothing overprinted
        assert text in printed
    assert len(ledger_pages) == sum(t.count("评查项目问题依据") for *_, t in ledger_pages)  # once per page


def test_libreoffice_prints_the_problem_list_on_one_page_width(tmp_path: Path) -> None:
    from app.reports.model import CommonProblem, ProblemList
    from app.reports.xlsx_out import problems_xlsx

    rows = tuple(
        CommonProblem(
            f"item.{i}",
            f"问题{i}",
            "《中华人民共和国行政处罚法》第四十四条",
            3,
            25.0,
            ("第一师/市场监管局", "第二师/交通运输局"),
            "第一师/市场监管局（罚〔2024〕1号）：告知书未写明陈述申辩权" * 2,
            "程序",
            None,
            "逐卷补正告知书并修订模板",
            ("第一师/市场监管局",),
            dt.date(2025, 3, 31),
        )
        for i in range(1, 6)
    )
    pages = _printed(tmp_path, problems_xlsx(ProblemList("活动", dt.date(2025, 1, 1), rows)), "problems")
    assert len(pages) == 1
    assert min(size for _, _, size, _ in pages) >= 7.95
    assert "整改措施责任单位时限" in pages[0][3]
    assert pages[0][3].count("逐卷补正告知书并修订模板") == 5
    assert "2025-03-31" in pages[0][3]
