"""Excel workbooks (openpyxl): 突出问题清单 and 详细台账 with frozen header, auto-filter, widths, row heights
for wrapped cells and a print setup that stays readable (:mod:`app.reports.xlsx_print`).

The 台账 workbook has two sheets: 详细台账, the columns a 司法局 prints and works to 销号 (landscape A3 at
≥ 8 pt), and 全部字段, every column the database holds for each row (:data:`DB_COLUMNS`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.borders import Side
from openpyxl.utils import get_column_letter

from app.reports.layouts import pages_text
from app.reports.masking import Mask, plain
from app.reports.model import Ledger, Problem, ProblemList
from app.reports.xlsx_print import BODY_PT, HEAD_PT, apply_plan, display_width, print_plan, row_height
from app.reports.xlsx_stream import Body, replace_bodies, sample_row
from app.textsafe import printable

FONT = "宋体"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"

__all__ = ["LEDGER_HEADER", "PROBLEM_HEADER", "display_width", "ledger_xlsx", "problems_xlsx"]


@dataclass(frozen=True, slots=True)
class Col:
    header: str
    cap: int  # widest the column grows, character units
    wrap: bool = False


LEDGER_COLS = (
    Col("序号", 5), Col("单位", 12, True), Col("案号", 12, True), Col("评查项目", 12, True), Col("问题", 26, True),
    Col("依据", 16, True), Col("整改措施", 20, True), Col("责任单位", 12, True), Col("责任人", 7, True),
    Col("期限", 11), Col("整改状态", 9, True), Col("整改情况", 20, True), Col("完成日期", 11),
    Col("佐证材料", 14, True), Col("复核人", 7, True), Col("销号日期", 11),
)
LEDGER_HEADER = tuple(c.header for c in LEDGER_COLS)
# every column of the correction table (and its 佐证材料) -> its header on the 全部字段 sheet
DB_COLUMNS = {
    "id": "台账行号", "campaign_id": "评查活动", "dossier_id": "案卷编号", "item": "评查项目编号",
    "description": "问题描述", "pages": "页码", "deducted": "扣分", "status": "存储状态", "deadline": "整改期限",
    "done_at": "办结时间", "note": "说明", "updated_at": "更新时间", "version": "版本", "measure": "整改措施",
    "responsible_unit": "责任单位", "responsible_person": "责任人", "progress": "整改情况", "completed_on": "完成日期",
    "checker": "复核人", "closed_on": "销号日期", "correction_evidence": "佐证材料",
}
FULL_COLS = (
    Col("台账行号", 8), Col("评查活动", 16, True), Col("案卷编号", 8), Col("单位", 14, True), Col("所属师市", 10, True),
    Col("案号", 16, True), Col("案卷文件", 20, True), Col("评查项目编号", 16, True), Col("评查项目", 16, True),
    Col("类别", 10, True), Col("问题描述", 30, True), Col("页码", 8, True), Col("扣分", 6), Col("法律依据", 20, True),
    Col("整改状态", 10, True), Col("存储状态", 10, True), Col("整改期限", 11), Col("整改措施", 20, True),
    Col("责任单位", 14, True), Col("责任人", 8, True), Col("整改情况", 20, True), Col("完成日期", 11),
    Col("佐证材料", 20, True), Col("复核人", 8, True), Col("销号日期", 11), Col("说明", 16, True),
    Col("办结时间", 16), Col("更新时间", 16), Col("版本", 6),
)
PROBLEM_COLS = (
    Col("序号", 6), Col("问题", 20, True), Col("评查项目编号", 12, True), Col("法律依据", 20, True), Col("案卷数", 7),
    Col("占评查案卷比例(%)", 10, True), Col("涉及单位数", 7, True), Col("涉及单位", 16, True),
    Col("典型案例", 28, True), Col("类别", 8, True), Col("整改措施", 20, True), Col("责任单位", 14, True),
    Col("时限", 11),
)
PROBLEM_HEADER = tuple(c.header for c in PROBLEM_COLS)


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


def _widths(cols: Sequence[Col], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column as wide as its widest value or header, at most its cap (wider text wraps)."""
    out = []
    for i, col in enumerate(cols):
        widest = max((display_width(r[i]) for r in rows), default=0)
        out.append(min(col.cap, max(display_width(col.header) + 2, widest + 2)))
    return out


def _sheet(wb: Workbook, title: str, cols: Sequence[Col], rows: Sequence[Sequence[Any]], *,
           title_cols: str | None = None) -> Body:
    """A write-only sheet (fast for tens of thousands of rows) with one shared style object per kind of cell,
    written with one sample row; returns the body (rows and heights) to stream in."""
    ws = wb.create_sheet(title)
    widths = _widths(cols, rows)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, len(rows) + 1)}"
    apply_plan(ws, print_plan(widths), title_cols=title_cols)
    head_font, body_font = Font(name=FONT, bold=True, size=HEAD_PT), Font(name=FONT, size=BODY_PT)
    head = _template(ws, font=head_font, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
                     fill=HEAD_FILL)
    ws.append([_like(ws, head, c.header) for c in cols])
    body = [_template(ws, font=body_font, alignment=Alignment(vertical="top", wrap_text=c.wrap)) for c in cols]
    date = _template(ws, font=body_font, alignment=Alignment(vertical="top"), number_format=DATE)
    stamp = _template(ws, font=body_font, alignment=Alignment(vertical="top"), number_format=DATETIME)
    if rows:
        sample = sample_row(rows, len(cols))
        ws.append([_like(ws, stamp if _is_time(v) else date if _is_day(v) else t, v)
                   for v, t in zip(sample, body, strict=True)])
    wrap = [i for i, c in enumerate(cols) if c.wrap]
    return Body(rows, [row_height(r, widths, wrap) for r in rows],
                row_height([c.header for c in cols], widths, range(len(cols)), font_pt=HEAD_PT))


def _is_day(v: Any) -> bool:
    return isinstance(v, dt.date)


def _is_time(v: Any) -> bool:
    return isinstance(v, dt.datetime)


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _clean(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Control characters (pasted from other programs, in file names) are not allowed in a worksheet:
    shown as visible stand-ins (ESC → ␛)."""
    return tuple(ILLEGAL_CHARACTERS_RE.sub("", printable(v)) if isinstance(v, str) else v for v in row)


def ledger_rows(led: Ledger, mask: Mask = plain) -> list[tuple[Any, ...]]:
    """The 详细台账 sheet: the columns worked to 销号."""
    return [
        _clean((i, r.unit_path, r.case_number or r.file_name, r.item_title, mask(r.description, r.dossier_id),
                r.legal_basis, mask(r.measure, r.dossier_id), r.responsible_unit or r.unit_path,
                mask(r.responsible_person, r.dossier_id), r.deadline, str(r.status), mask(r.progress, r.dossier_id),
                r.completed_on, "\n".join(r.evidence), r.checker, r.closed_on))
        for i, r in enumerate(led.rows, 1)
    ]


def _full(led: Ledger, r: Problem, mask: Mask) -> tuple[Any, ...]:
    return _clean((r.row_id, led.campaign, r.dossier_id, r.agency, r.parent_agency, r.case_number, r.file_name,
                   r.item_id, r.item_title, r.category, mask(r.description, r.dossier_id), pages_text(r.pages),
                   r.deducted, r.legal_basis, str(r.status), r.stored_status or str(r.status), r.deadline,
                   mask(r.measure, r.dossier_id), r.responsible_unit, mask(r.responsible_person, r.dossier_id),
                   mask(r.progress, r.dossier_id), r.completed_on, "\n".join(r.evidence), r.checker, r.closed_on,
                   mask(r.note, r.dossier_id), r.done_at, r.updated_at, r.version))


def ledger_xlsx(led: Ledger, mask: Mask = plain) -> bytes:
    """openpyxl writes the frame with one styled sample row per sheet; the rows themselves are streamed in."""
    rows = ledger_rows(led, mask)
    full = [_full(led, r, mask) for r in led.rows]
    wb = Workbook(write_only=True)
    bodies = {"xl/worksheets/sheet1.xml": _sheet(wb, "详细台账", LEDGER_COLS, rows, title_cols="A:C"),
              "xl/worksheets/sheet2.xml": _sheet(wb, "全部字段", FULL_COLS, full, title_cols="A:A")}
    wb.properties.title = printable(f"{led.campaign} 问题整改详细台账", single_line=True)
    wb.properties.creator = "案卷评查工作站"
    return replace_bodies(_save(wb), bodies)


def problems_xlsx(p: ProblemList, mask: Mask = plain) -> bytes:
    rows = [
        _clean((i, r.item_title, r.item_id, r.legal_basis, r.files, round(r.share, 2), len(r.agencies),
                "、".join(r.agencies), mask(r.example, r.example_dossier), r.category, r.measures,
                "、".join(r.responsible), r.deadline))
        for i, r in enumerate(p.rows, 1)
    ]
    wb = Workbook(write_only=True)
    body = _sheet(wb, "突出问题清单", PROBLEM_COLS, rows, title_cols="A:B")
    wb.properties.title = printable(f"{p.campaign} 突出问题清单", single_line=True)
    wb.properties.creator = "案卷评查工作站"
    return replace_bodies(_save(wb), {"xl/worksheets/sheet1.xml": body})
