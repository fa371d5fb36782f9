"""Excel workbooks (openpyxl): 突出问题清单 and 详细台账 with frozen header, auto-filter and widths."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.reports.layouts import pages_text
from app.reports.masking import Mask, plain
from app.reports.model import Ledger, ProblemList
from app.reports.xlsx_stream import replace_body, sample_row
from app.textsafe import printable

FONT = "宋体"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")

LEDGER_HEADER = ("序号", "单位", "所属师市", "案号", "案卷文件", "评查项目编号", "评查项目", "问题描述", "页码",
                 "扣分", "整改状态", "整改期限")
PROBLEM_HEADER = ("序号", "问题", "评查项目编号", "法律依据", "案卷数", "占评查案卷比例(%)", "涉及单位数",
                  "涉及单位", "典型案例", "类别")


def display_width(value: Any) -> int:
    """Width in Excel character units: CJK characters count twice."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _template(ws: Any, *, font: Font, alignment: Alignment, fill: PatternFill | None = None,
              number_format: str | None = None) -> WriteOnlyCell:
    """A styled cell whose style array is copied to every cell like it (assigning style objects to each
    cell hashes them every time: minutes for a 30,000-row ledger)."""
    cell = WriteOnlyCell(ws)
    cell.font, cell.alignment, cell.border = font, alignment, BORDER
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    return cell


def _like(ws: Any, template: WriteOnlyCell, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text: openpyxl would store "=HYPERLINK(…)" from a name as a formula
    cell._style = copy(template._style)
    return cell


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           *, wrap: Sequence[int], max_width: int = 50, write: Sequence[Sequence[Any]] | None = None) -> None:
    """A write-only sheet (fast for tens of thousands of rows) with one shared style object per kind of cell."""
    ws = wb.create_sheet(title)
    for i in range(len(header)):
        widest = max((display_width(r[i]) for r in rows), default=0)
        width = min(max_width, max(display_width(header[i]) + 2, widest + 2))
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    head_font, body_font = Font(name=FONT, bold=True, size=11), Font(name=FONT, size=10.5)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped, plain = Alignment(vertical="top", wrap_text=True), Alignment(vertical="top")
    head = _template(ws, font=head_font, alignment=head_align, fill=HEAD_FILL)
    ws.append([_like(ws, head, h) for h in header])
    body = [_template(ws, font=body_font, alignment=wrapped if i in wrap else plain) for i in range(len(header))]
    date = _template(ws, font=body_font, alignment=plain, number_format="yyyy-mm-dd")
    for row in rows if write is None else write:
        ws.append([_like(ws, date if isinstance(v, dt.date) else t, v) for v, t in zip(row, body, strict=True)])


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _clean(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Control characters (pasted from other programs, in file names) are not allowed in a worksheet:
    shown as visible stand-ins (ESC → ␛)."""
    return tuple(ILLEGAL_CHARACTERS_RE.sub("", printable(v)) if isinstance(v, str) else v for v in row)


def ledger_rows(led: Ledger, mask: Mask = plain) -> list[tuple[Any, ...]]:
    return [
        _clean((i, r.agency, r.parent_agency, r.case_number, r.file_name, r.item_id, r.item_title,
                mask(r.description, r.dossier_id), pages_text(r.pages), r.deducted, str(r.status), r.deadline))
        for i, r in enumerate(led.rows, 1)
    ]


def ledger_xlsx(led: Ledger, mask: Mask = plain) -> bytes:
    """openpyxl writes the frame with one styled sample row; the rows themselves are streamed in."""
    rows = ledger_rows(led, mask)
    wb = Workbook(write_only=True)
    sample = [sample_row(rows, len(LEDGER_HEADER))] if rows else []
    _sheet(wb, "详细台账", LEDGER_HEADER, rows, wrap=(7,), write=sample)
    wb.properties.title = printable(f"{led.campaign} 问题整改详细台账", single_line=True)
    wb.properties.creator = "案卷评查工作站"
    return replace_body(_save(wb), rows) if rows else _save(wb)


def problems_xlsx(p: ProblemList, mask: Mask = plain) -> bytes:
    rows = [
        _clean((i, r.item_title, r.item_id, r.legal_basis, r.files, round(r.share, 2), len(r.agencies),
                "、".join(r.agencies), mask(r.example, r.example_dossier), r.category))
        for i, r in enumerate(p.rows, 1)
    ]
    wb = Workbook(write_only=True)
    _sheet(wb, "突出问题清单", PROBLEM_HEADER, rows, wrap=(1, 3, 7, 8), max_width=40)
    wb.properties.title = printable(f"{p.campaign} 突出问题清单", single_line=True)
    wb.properties.creator = "案卷评查工作站"
    return _save(wb)
