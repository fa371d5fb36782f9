"""The XLSX writers: frozen header, filter over every row, widths, streamed body rows read back exactly."""

from __future__ import annotations

import datetime as dt
import io

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
        _problem(2, status=Rectification.DONE),
        _problem(3, deducted=2.0, pages=()),
    )
    data = ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), rows))
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == list(LEDGER_HEADER)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:L4"
    got = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert got[0][7] == "含<尖括号>&和号␇及控制符"  # a control character shown as its visible stand-in
    assert got[0][11] is None
    assert got[1][10] == "已整改"
    assert got[1][11] == dt.datetime(2025, 1, 31)
    assert ws["L3"].number_format == "yyyy-mm-dd"
    assert got[2][8] is None  # no pages
    assert got[2][9] == 2.0
    assert [r[0] for r in got] == [1, 2, 3]
    assert ws.column_dimensions["H"].width >= 20
    assert ws["H2"].alignment.wrap_text
    assert ws["B4"].border.left.style == "thin"


def test_empty_ledger_is_a_valid_workbook() -> None:
    ws = load_workbook(io.BytesIO(ledger_xlsx(Ledger("活动", dt.date(2025, 1, 1), ())))).active
    assert ws.max_row == 1
    assert [c.value for c in ws[1]][:3] == ["序号", "单位", "所属师市"]
