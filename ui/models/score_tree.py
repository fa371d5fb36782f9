"""Score sheet model: the rubric as a tree (category → item) over a ReviewDTO and the dossier's findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from scoring.types import Finding, Status

_Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the ReviewItemDTO of an item row (None for a category)

CATEGORY_NAMES = {"veto": "否决项"}
AUTO_TEXT = {Status.FAIL: "不符合", Status.UNKNOWN: "需人工核查", Status.PASS: "符合", Status.NA: "不适用"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScoreTreeModel", text)


@dataclass(frozen=True, slots=True)
class AutoResult:
    status: Status | None  # None: no rule feeds the item
    message: str
    findings: tuple[Finding, ...]


def auto_result(item: Any, findings: Mapping[str, Sequence[Finding]]) -> AutoResult:
    """Worst status among the findings of the item's rules: fail > unknown > pass > na."""
    found = tuple(f for rule in item.rules for f in findings.get(rule, ()))
    for status in (Status.FAIL, Status.UNKNOWN, Status.PASS, Status.NA):
        hits = [f for f in found if f.status == status]
        if hits:
            return AutoResult(status, "；".join(f.message for f in hits if f.message), found)
    return AutoResult(None, "", found)


def findings_by_rule(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f)
        if ":" in f.rule:  # missing_document:TYPE also feeds items listing "missing_document"
            out.setdefault(f.rule.split(":", 1)[0], []).append(f)
    return out


class ScoreTreeModel(QAbstractItemModel):
    COL_TITLE, COL_POINTS, COL_AUTO, COL_PROPOSED, COL_DEDUCTED, COL_REASON = range(6)
    HEADERS = ("评查项目", "分值", "自动结果", "建议", "扣分", "扣分理由")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cats: list[tuple[str, list[Any]]] = []
        self._findings: dict[str, list[Finding]] = {}

    def set_review(self, review: Any, findings: Sequence[Finding] = ()) -> None:
        """Rebuild (new review); use `update_review` for a new version of the same review."""
        self.beginResetModel()
        self._findings = findings_by_rule(findings)
        self._cats = self._group(review.items if review is not None else ())
        self.endResetModel()

    def update_review(self, review: Any) -> bool:
        """A new version of the same review: only the rows whose values changed are repainted (the score
        sheet is redrawn on every keystroke's save; repainting all 48 items each time took the window's
        event loop for 100–250 ms on a loaded two-core machine). True when the rows themselves changed
        (a reset: the view must expand its categories again)."""
        grouped = self._group(review.items)
        if [(c, [i.item for i in items]) for c, items in grouped] != [
            (c, [i.item for i in items]) for c, items in self._cats
        ]:
            self.beginResetModel()
            self._cats = grouped
            self.endResetModel()
            return True
        old, self._cats = self._cats, grouped
        last = self.columnCount() - 1
        for row, ((_, before), (_, after)) in enumerate(zip(old, grouped, strict=True)):
            changed = [r for r, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
            if not changed:
                continue
            cat = self.index(row, 0)
            self.dataChanged.emit(cat, self.index(row, last))  # the category's subtotal
            self.dataChanged.emit(self.index(changed[0], 0, cat), self.index(changed[-1], last, cat))
        return False

    @staticmethod
    def _group(items: Sequence[Any]) -> list[tuple[str, list[Any]]]:
        cats: dict[str, list[Any]] = {}
        for it in items:
            cats.setdefault(CATEGORY_NAMES.get(it.category, it.category) or _tr("其他"), []).append(it)
        return list(cats.items())

    def item_at(self, index: _Index) -> Any:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._cats[index.internalId() - 1][1][index.row()]

    def auto_of(self, item: Any) -> AutoResult:
        return auto_result(item, self._findings)

    def categories(self) -> list[tuple[str, list[Any]]]:
        return self._cats

    def index_of(self, item_id: str) -> QModelIndex:
        for c, (_, items) in enumerate(self._cats):
            for r, it in enumerate(items):
                if it.item == item_id:
                    return self.createIndex(r, 0, c + 1)
        return QModelIndex()

    # QAbstractItemModel ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._cats) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        items = self._cats[parent.row()][1]
        return self.createIndex(row, column, parent.row() + 1) if row < len(items) else QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._cats)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._cats[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        ok = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return _tr(self.HEADERS[section]) if ok and 0 <= section < len(self.HEADERS) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._category_data(index, role)
        item = self.item_at(index)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._item_text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            auto = self.auto_of(item)
            reason = _tr("扣分理由：{r}").format(r=item.reason) if item.reason else ""
            return "\n".join(t for t in (item.title, auto.message, reason) if t)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._item_color(item, index.column())
        if role == Qt.ItemDataRole.FontRole and item.overridden:
            font = QFont()
            font.setBold(index.column() == self.COL_DEDUCTED)
            return font
        return None

    def _category_data(self, index: _Index, role: int) -> Any:
        title, items = self._cats[index.row()]
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.COL_TITLE:
            return f"{index.row() + 1}. {title}"
        if col == self.COL_POINTS:
            return f"{sum(i.points for i in items):g}"
        if col == self.COL_PROPOSED:
            return f"{sum(i.auto_deducted for i in items):g}"
        if col == self.COL_DEDUCTED:
            return f"{sum(i.deducted for i in items):g}"
        return ""

    def _item_text(self, item: Any, col: int) -> str:
        if col == self.COL_TITLE:
            cat = self.index_of(item.item)
            mark = "✔ " if item.overridden else ""
            return f"{cat.row() + 1}) {mark}{item.title}"
        if col == self.COL_POINTS:
            return f"{item.points:g}" + (_tr("（否决）") if item.veto else "")
        if col == self.COL_AUTO:  # the message is in the tooltip and the item editor
            auto = self.auto_of(item)
            return _tr(AUTO_TEXT[auto.status]) if auto.status else _tr("—")
        if col == self.COL_PROPOSED:
            return f"{item.auto_deducted:g}" if item.auto_deducted else ""
        if col == self.COL_DEDUCTED:
            return f"{item.deducted:g}" if item.overridden or item.deducted else ""
        return str(item.reason or "")

    def _item_color(self, item: Any, col: int) -> QColor | None:
        if col == self.COL_AUTO:
            status = self.auto_of(item).status
            return {Status.FAIL: QColor("#b91c1c"), Status.UNKNOWN: QColor("#b45309"),
                    Status.PASS: QColor("#15803d")}.get(status) if status else QColor("#6b7280")
        if col == self.COL_DEDUCTED and item.deducted and not (item.reason or "").strip():
            return QColor("#b91c1c")  # a deduction still missing its reason
        return None
