"""整改台账 table: a model over ledger rows (app.reports.model.Problem) and the proxy that filters it.

Sorting is done on the Python list in the source model (one key function, no per-comparison
calls into Python), filtering on precomputed keys, so tens of thousands of rows stay smooth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from app.reports.model import Problem, Rectification

_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("师市", "单位", "案号", "评查项目", "问题描述", "页码", "扣分", "整改状态", "期限", "整改措施", "责任单位",
           "责任人", "整改情况", "完成日期", "佐证材料", "复核人", "销号日期")
COL_PARENT, COL_AGENCY, COL_CASE, COL_ITEM, COL_TEXT, COL_PAGES, COL_POINTS, COL_STATUS, COL_DEADLINE = range(9)
COL_MEASURE, COL_UNIT, COL_PERSON, COL_PROGRESS, COL_COMPLETED, COL_EVIDENCE, COL_CHECKER, COL_CLOSED = range(9, 17)
FINISHED = (Rectification.AWAITING, Rectification.CLOSED, Rectification.ARCHIVED)  # shown grey

OVERDUE_COLOUR = QColor("#c62828")
DONE_COLOUR = QColor("#8a8a8a")


def agency_path(p: Problem) -> str:
    """The unit's path "师市/单位" (just the unit when it has no 师市 above it)."""
    return p.unit_path


def pages_text(pages: Sequence[int]) -> str:
    return "、".join(str(n) for n in pages)


def search_key(p: Problem) -> str:
    return " ".join((p.parent_agency, p.agency, p.case_number, p.file_name, p.item_title, p.description, p.measure,
                     p.responsible_unit, p.responsible_person, p.checker)).casefold()


_CELLS: tuple[Callable[[Problem], str], ...] = (
    lambda r: r.parent_agency,
    lambda r: r.agency,
    lambda r: r.case_number or r.file_name,
    lambda r: r.item_title,
    lambda r: r.description,
    lambda r: pages_text(r.pages),
    lambda r: f"{r.deducted:g}",
    lambda r: str(r.status),
    lambda r: r.deadline.isoformat() if r.deadline else "",
    lambda r: r.measure,
    lambda r: r.responsible_unit,
    lambda r: r.responsible_person,
    lambda r: r.progress,
    lambda r: r.completed_on.isoformat() if r.completed_on else "",
    lambda r: "、".join(r.evidence),
    lambda r: r.checker,
    lambda r: r.closed_on.isoformat() if r.closed_on else "",
)


def _cell(p: Problem, column: int) -> str:
    return _CELLS[column](p)


def _sort_key(column: int) -> Callable[[Problem], Any]:
    if column == COL_POINTS:
        return lambda r: r.deducted
    if column == COL_PAGES:
        return lambda r: r.pages[0] if r.pages else 0
    if column == COL_DEADLINE:
        return lambda r: r.deadline or dt.date.max
    return _CELLS[column]


class LedgerModel(QAbstractTableModel):
    """Ledger rows, one per problem per file; the row id (correction id) is in ``ID_ROLE``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Problem] = []
        self.keys: list[str] = []  # lower-cased search text of each row, kept in step with ``rows``

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TEXT, COL_ITEM, COL_CASE):
            return f"{row.item_title}\n{row.description}\n{row.file_name}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == Rectification.OVERDUE and column in (COL_STATUS, COL_DEADLINE):
                return OVERDUE_COLOUR
            if row.status in FINISHED:
                return DONE_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and row.status == Rectification.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_POINTS, COL_PAGES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.row_id
        return None

    def set_rows(self, rows: Sequence[Problem]) -> None:
        """Replace the rows; when the same rows come back in the same order, update them in place
        (selection and scroll position stay)."""
        new = list(rows)
        if [r.row_id for r in new] == [r.row_id for r in self.rows] and new:
            self._replace(new)
            return
        self.beginResetModel()
        self.rows, self.keys = new, [search_key(r) for r in new]
        self.endResetModel()

    def _replace(self, rows: list[Problem]) -> None:
        self.rows, self.keys = rows, [search_key(r) for r in rows]
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def update(self, rows: Sequence[Problem]) -> None:
        """Replace the rows that came back (by row id), keeping the order, the others and the selection."""
        fresh = {r.row_id: r for r in rows}
        if not set(fresh) <= {r.row_id for r in self.rows}:  # rows this model never had: start again
            self.set_rows(rows)
            return
        self._replace([fresh.get(r.row_id, r) for r in self.rows])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[i.row()].row_id for i in old]
        key = _sort_key(column)
        pairs = sorted(zip(self.rows, self.keys, strict=True), key=lambda rk: key(rk[0]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows, self.keys = [r for r, _ in pairs], [k for _, k in pairs]
        where = {r.row_id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(old, [self.index(where[i], o.column()) for i, o in zip(ids, old, strict=True)])
        self.layoutChanged.emit()

    def problem(self, row: int) -> Problem:
        return self.rows[row]


class LedgerFilter(QSortFilterProxyModel):
    """Filters by agency path, status and free text; sorting is passed to the source model."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.agency: str | None = None
        self.status: str | None = None
        self.text = ""

    def _source(self) -> LedgerModel:
        model = self.sourceModel()
        assert isinstance(model, LedgerModel)
        return model

    def set_filters(self, *, agency: str | None = None, status: str | None = None, text: str = "") -> None:
        self.beginFilterChange()
        self.agency, self.status, self.text = agency or None, status or None, text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self.agency is None and self.status is None and not self.text:
            return True
        model = self._source()
        p = model.rows[source_row]
        if self.agency is not None and p.parent_agency != self.agency and agency_path(p) != self.agency:
            return False
        if self.status is not None and p.status != self.status:
            return False
        return not self.text or self.text in model.keys[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source().sort(column, order)
