"""Case list: a table model over DossierRow DTOs and the proxy that sorts and filters it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.vocab.states import LABELS, NOT_STARTED_LABEL, ReviewState, state_label
from scoring.config import CASE_KIND_LABELS

_Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

KIND_NAMES = {**CASE_KIND_LABELS, "other": "其他"}
STATUSES = (NOT_STARTED_LABEL, *LABELS.values())  # the progress labels in their order (filter, sorting)
STATUS_COLOURS = {NOT_STARTED_LABEL: "#6b7280", LABELS[ReviewState.DRAFT]: "#b45309",
                  LABELS[ReviewState.SUBMITTED]: "#1d4ed8"}


def attr(obj: Any, *names: str, default: Any = None) -> Any:
    """First present attribute among `names` (DTO field names differ slightly between versions)."""
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return default


def status_name(value: Any) -> str:
    """A row's progress as shown: the state's label (``app.vocab.states``); a label is kept as it is."""
    return value if value in STATUSES else state_label(value)


def _reviewers(row: Any) -> str:
    value = attr(row, "reviewers", "reviewer", default="")
    if isinstance(value, (list, tuple)):
        return "、".join(str(attr(v, "name", default=v)) for v in value)
    return str(attr(value, "name", default=value))


def _num(value: Any) -> str:
    return "" if value is None else f"{float(value):g}"


class CaseTableModel(QAbstractTableModel):
    COL_FILE, COL_NUMBER, COL_PARTY, COL_AGENCY, COL_KIND, COL_PAGES, COL_STATUS = range(7)
    COL_AUTO, COL_AUTO_GRADE, COL_TOTAL, COL_GRADE, COL_REVIEWER = range(7, 12)
    HEADERS = ("案卷文件", "文号", "当事人", "被评查单位", "案件类别", "页数", "评查进度", "自动预评分", "预评等次",
               "评查得分", "等次", "评查人")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Refreshes keep the view's selection and scroll position: the same dossiers in the same order only
        repaint the rows that changed, dossiers added at the end (an import running) are inserted; anything
        else resets the model. (The list is refreshed every second during an import; a reset each time
        re-measured every column of every row on the window's thread.)"""
        new = list(rows)
        old_ids, new_ids = self.ids(), [int(r.id) for r in new]
        if old_ids and new_ids[: len(old_ids)] == old_ids:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, new, strict=False)) if a != b]
            self._rows[: len(old_ids)] = new[: len(old_ids)]
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))
            if len(new) > len(old_ids):
                self.beginInsertRows(QModelIndex(), len(old_ids), len(new) - 1)
                self._rows.extend(new[len(old_ids):])
                self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def row_dto(self, row: int) -> Any:
        return self._rows[row]

    def ids(self) -> list[int]:
        return [int(r.id) for r in self._rows]

    def row_of(self, dossier_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if int(r.id) == dossier_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("CaseTableModel", self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return int(row.id)
        if role == SORT_ROLE:
            return self._raw(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_PAGES, self.COL_AUTO, self.COL_TOTAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_STATUS:
            return QColor(STATUS_COLOURS.get(status_name(attr(row, "status")), "#15803d"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_FILE:
            return str(attr(row, "file_name", "file", default=""))
        return None

    def _raw(self, row: Any, col: int) -> Any:
        if col == self.COL_PAGES:
            return int(attr(row, "pages", default=0))
        if col in (self.COL_AUTO, self.COL_TOTAL):
            value = attr(row, "auto_total") if col == self.COL_AUTO else attr(row, "total")
            return -1.0 if value is None else float(value)
        if col == self.COL_STATUS:
            return STATUSES.index(status_name(attr(row, "status"))) if status_name(
                attr(row, "status")) in STATUSES else 9
        return self._display(row, col)

    def _display(self, row: Any, col: int) -> str:
        values: dict[int, Callable[[], object]] = {
            self.COL_FILE: lambda: attr(row, "file_name", "file", default=""),
            self.COL_NUMBER: lambda: attr(row, "case_number", default=""),
            self.COL_PARTY: lambda: attr(row, "party_name", default=""),
            self.COL_AGENCY: lambda: attr(attr(row, "agency"), "name", default=attr(row, "agency", default="")),
            self.COL_KIND: lambda: KIND_NAMES.get(
                str(attr(row, "kind", "case_kind")), str(attr(row, "kind", default=""))
            ),
            self.COL_PAGES: lambda: str(attr(row, "pages", default="")),
            self.COL_STATUS: lambda: status_name(attr(row, "status")),
            self.COL_AUTO: lambda: _num(attr(row, "auto_total")),
            self.COL_AUTO_GRADE: lambda: attr(row, "auto_grade", default=""),
            self.COL_TOTAL: lambda: _num(attr(row, "total")),
            self.COL_GRADE: lambda: attr(row, "grade", default=""),
            self.COL_REVIEWER: lambda: _reviewers(row),
        }
        return str(values[col]())


class CaseFilterProxy(QSortFilterProxyModel):
    """Exact-match filters per column plus an optional set of dossier ids from full-text search."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._filters: dict[int, str] = {}
        self._ids: frozenset[int] | None = None

    def set_column_filter(self, column: int, value: str | None) -> None:
        self.beginFilterChange()
        if value:
            self._filters[column] = value
        else:
            self._filters.pop(column, None)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_id_filter(self, ids: frozenset[int] | None) -> None:
        self.beginFilterChange()
        self._ids = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if self._ids is not None and model.index(source_row, 0, source_parent).data(ID_ROLE) not in self._ids:
            return False
        for column, wanted in self._filters.items():
            value = model.index(source_row, column, source_parent).data(Qt.ItemDataRole.DisplayRole)
            if column == CaseTableModel.COL_REVIEWER:
                if wanted not in str(value).split("、"):
                    return False
            elif value != wanted:
                return False
        return True
