"""How a worksheet prints: row heights for wrapped cells (lines estimated from the text's CJK width per
column), the paper (A4 or A3, landscape), and fit-to-width only where the body font stays ≥ 8 pt.

Widths are Excel character units (the default font's digit width, 7 px at 96 dpi); a CJK character is
two units wide. A column ``w`` units wide is ``w * 7 + 5`` px, so ``(w * 7 + 5) * 25.4 / 96`` mm."""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BODY_PT = 10.5
HEAD_PT = 11.0
MIN_PT = 8.0  # the smallest print a reader is asked to read
LINE = 1.3  # line height / font size (宋体 in Excel and LibreOffice: 13.5–14 pt at 10.5 pt)
PAD_PT = 4.0  # cell padding above and below
MARGIN_IN = 0.3  # left and right page margins, inches
PAPERS = {"A4": (9, 297.0), "A3": (8, 420.0)}  # openpyxl paperSize, long side in mm (landscape width)
# A column prints wider where the client lacks the workbook's default font: LibreOffice 7.4 with DejaVu for
# Calibri printed our 详细台账 1.29 times as wide as Excel's metric (fit-to-width then shrank 10.5 pt to
# 7.7 pt). Plans assume the wider metric and set an explicit scale, so no client shrinks the print below it.
WIDE = 1.3


def display_width(value: Any) -> int:
    """Width in Excel character units: CJK (wide and fullwidth) characters count twice."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    return len(text) if text.isascii() else _width(text)


@functools.lru_cache(maxsize=65536)
def _width(text: str) -> int:  # ledgers repeat their texts (units, items, bases): each is measured once
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_in(value: Any, width: float) -> int:
    """Lines a wrapped cell ``width`` units wide needs for ``value`` (each paragraph wraps on its own;
    one unit of the width goes to the cell's padding)."""
    per_line = max(1.0, width - 1.0)
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    return sum(max(1, math.ceil(_width(part) / per_line)) for part in text.split("\n"))


def row_height(row: Sequence[Any], widths: Sequence[float], wrap: Sequence[int], *, font_pt: float = BODY_PT) -> float:
    """Points: the tallest wrapped cell of the row (unwrapped cells stay one line)."""
    lines = max((lines_in(row[i], widths[i]) for i in wrap if i < len(row)), default=1)
    return round(lines * font_pt * LINE + PAD_PT, 1)


def column_mm(width: float) -> float:
    return (width * 7 + 5) * 25.4 / 96


@dataclass(frozen=True, slots=True)
class PrintPlan:
    paper: str  # A4 | A3 (landscape)
    fit_width: bool  # scaled down to one page wide (an explicit scale, never the client's fit-to-page)
    scale: int  # percent the sheet prints at (100 when not fitted)
    font_pt: float  # the body font as printed

    @property
    def paper_size(self) -> int:
        return PAPERS[self.paper][0]


def print_plan(widths: Sequence[float], *, papers: Sequence[str] = ("A4", "A3")) -> PrintPlan:
    """The smallest paper on which the sheet fits one page wide with its body font ≥ 8 pt; where none
    does, the largest paper at 100 % (columns then continue on further pages; the print titles repeat)."""
    total = sum(column_mm(w) for w in widths) * WIDE
    for paper in papers:
        printable = PAPERS[paper][1] - 2 * MARGIN_IN * 25.4
        scale = min(100, math.floor(100 * printable / total)) if total else 100
        if BODY_PT * scale / 100 >= MIN_PT:
            return PrintPlan(paper, scale < 100, scale, round(BODY_PT * scale / 100, 2))
    return PrintPlan(papers[-1], False, 100, BODY_PT)


def apply_plan(ws: Any, plan: PrintPlan, *, title_cols: str | None = None) -> None:
    """Landscape on the plan's paper, header row repeated on every page, fitted or at 100 %."""
    ws.print_title_rows = "1:1"
    if title_cols and not plan.fit_width:
        ws.print_title_cols = title_cols
    ws.page_setup.paperSize = plan.paper_size
    ws.page_setup.orientation = "landscape"
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.page_setup.scale = plan.scale  # explicit: fit-to-page lets a client shrink the print below 8 pt
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
