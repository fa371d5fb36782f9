"""Models of the 合议定稿 dialog: the differing items with the supervisor's settled values, and the
agreement tables (一致性). Which files wait, and what finalising does, is ``app.services.reconcile``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDoubleSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.services.dto import ReviewItemDTO
from app.services.reconcile import AgreementReport, ItemDiff, Reconciliation, Settlement, taken

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_ITEM, COL_POINTS, COL_A, COL_A_REASON, COL_B, COL_B_REASON, COL_SETTLED, COL_REASON = range(8)
UNSETTLED = QColor("#fff4c2")


class DiffModel(QAbstractTableModel):
    """The differing items of one file with the supervisor's settled values (None = not yet settled)."""

    settled_changed = Signal()
    rejected = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.diffs: list[ItemDiff] = []
        self.names = ("A", "B")
        self.values: dict[str, float] = {}
        self.reasons: dict[str, str] = {}
        self.pages: dict[str, tuple[int, ...]] = {}

    def load(self, rec: Reconciliation | None) -> None:
        self.beginResetModel()
        self.diffs = list(rec.differences) if rec is not None else []
        self.names = (rec.first.reviewer, rec.second.reviewer) if rec is not None else ("A", "B")
        self.values, self.reasons, self.pages = {}, {}, {}
        self.endResetModel()
        self.settled_changed.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.diffs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        a, b = self.names
        return ("评查项目", "分值", f"A {a} 扣分", "A 理由", f"B {b} 扣分", "B 理由", "裁定扣分", "裁定理由")[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (COL_SETTLED, COL_REASON) else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d, col = self.diffs[index.row()], index.column()
        value = self.values.get(d.item)
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (d.title, "否决项" if d.veto_item else f"{d.points:g}", decision(d.first), d.first.reason,
                     decision(d.second), d.second.reason, "未裁定" if value is None else value_text(d, value),
                     self.reasons.get(d.item, ""))
            return cells[col]
        if role == Qt.ItemDataRole.EditRole:
            return (value or 0.0) if col == COL_SETTLED else self.reasons.get(d.item, "")
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_SETTLED and value is None:
            return UNSETTLED
        if role == Qt.ItemDataRole.ToolTipRole:
            texts = {COL_A_REASON: d.first.reason, COL_B_REASON: d.second.reason, COL_REASON: self.reasons.get(d.item)}
            return texts.get(col) or f"{d.first.category} · {d.item}\n{d.title}"
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        d = self.diffs[index.row()]
        if index.column() == COL_REASON:
            self.reasons[d.item] = str(value).strip()
        elif index.column() == COL_SETTLED:
            try:
                points = float(str(value).strip())
            except ValueError:
                self.rejected.emit(f"“{value}”不是数字：{d.title} 的裁定扣分应在 0 到 {d.points:g} 分之间")
                return False
            top = 1.0 if d.veto_item else d.points
            if not 0 <= points <= top + 1e-9 or (d.veto_item and points not in (0.0, 1.0)):
                allowed = "1（否决）或 0（不否决）" if d.veto_item else f"0 到 {d.points:g} 分之间"
                self.rejected.emit(f"{d.title} 的裁定应为 {allowed}，而不是 {points:g}")
                return False
            side = next((s for s in (d.first, d.second) if abs(s.decided - points) < 1e-6), None)
            self._settle(index.row(), points, side.reason if side else None, side.pages if side else None)
            return True
        else:
            return False
        self._changed(index.row())
        return True

    def take(self, row: int, side: int) -> None:
        """取A (side 0) or 取B (side 1): the decision, reason and pages of that reviewer."""
        d = self.diffs[row]
        s = taken(d.first if side == 0 else d.second)
        self._settle(row, s.deducted, s.reason, s.pages)

    def _settle(self, row: int, value: float, reason: str | None, pages: tuple[int, ...] | None) -> None:
        d = self.diffs[row]
        self.values[d.item] = value
        if reason is not None:
            self.reasons[d.item] = reason
        self.pages[d.item] = pages if pages is not None else tuple(sorted({*d.first.pages, *d.second.pages}))
        self._changed(row)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, 7))
        self.settled_changed.emit()

    def all_settled(self) -> bool:
        return all(d.item in self.values for d in self.diffs)

    def missing_reasons(self) -> list[str]:
        return [d.title for d in self.diffs if self.values.get(d.item, 0) > 0 and not self.reasons.get(d.item)]

    def settlements(self) -> dict[str, Settlement]:
        return {d.item: Settlement(self.values[d.item], self.reasons.get(d.item, ""), self.pages.get(d.item, ()))
                for d in self.diffs if d.item in self.values}


def decision(i: ReviewItemDTO) -> str:
    """A reviewer's decision on an item as the table shows it."""
    return ("否决" if i.veto else "不否决") if i.veto_item else f"{i.deducted:g}"


def value_text(d: ItemDiff, value: float) -> str:
    return ("否决" if value > 0 else "不否决") if d.veto_item else f"{value:g}"


class PointsDelegate(QStyledItemDelegate):
    """A spin box limited to 0..the item's points (a veto item: 0 or 1) for the settled value."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        model = index.model()
        if index.column() != COL_SETTLED or not isinstance(model, DiffModel):
            return super().createEditor(parent, option, index)
        d = model.diffs[index.row()]
        box = QDoubleSpinBox(parent)
        box.setRange(0.0, 1.0 if d.veto_item else d.points)
        box.setDecimals(0 if d.veto_item else 1)
        box.setSingleStep(1.0 if d.veto_item else 0.5)
        return box

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QDoubleSpinBox):
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)



def _item(text: str, sort: float | str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(text if sort is None else sort, SORT_ROLE)
    return item


def _kappa(value: float | None) -> QStandardItem:
    if value is None:
        return _item("—", -9.0)
    shown = round(value, 3) + 0.0  # no "-0.000"
    return _item(f"{shown:.3f}", value)


def _pct(share: float) -> QStandardItem:
    return _item(f"{share * 100:.1f}%", share)


def _num(value: float, fmt: str = "{:g}") -> QStandardItem:
    return _item(fmt.format(value), value)


def fill_item_agreement(model: QStandardItemModel, report: AgreementReport, titles: dict[str, str]) -> None:
    model.clear()
    model.setSortRole(SORT_ROLE)
    model.setHorizontalHeaderLabels(["评查项目", "编号", "案卷数", "一致率", "kappa"])
    for i in report.items:
        model.appendRow([_item(titles.get(i.item_id, i.item_id)), _item(i.item_id), _num(i.pairs),
                         _pct(i.equal_share), _kappa(i.kappa)])


def fill_reviewer_agreement(model: QStandardItemModel, report: AgreementReport) -> None:
    """One row per reviewer: agreement with the other reviewer of the same files, and strictness."""
    model.clear()
    model.setSortRole(SORT_ROLE)
    model.setHorizontalHeaderLabels(["评查人员", "双评案卷", "一致率", "kappa", "总分平均差", "评查份数", "平均扣分",
                                     "全体平均扣分", "严格度"])
    agreeing = {r.reviewer: r for r in report.reviewers}
    for s in report.strictness:
        a = agreeing.get(s.reviewer)
        model.appendRow([_item(s.reviewer), _num(a.files if a else 0),
                         _pct(a.equal_share) if a else _item("—", -1.0), _kappa(a.kappa if a else None),
                         _num(a.mean_total_difference, "{:+g}") if a else _item("—", -1e9), _num(s.reviews),
                         _num(s.mean_deduction), _num(s.campaign_mean), _num(s.difference, "{:+g}")])


SUPERVISOR_ROLES = ("supervisor", "admin")


def supervisor_hint(action: str) -> str:
    """Empty for a supervisor or admin; otherwise says, before any click, that ``action`` will be refused."""
    from app.services.users import role_label
    from ui.ops import runtime

    try:
        user = runtime().services.user
    except RuntimeError:
        return ""
    role = str(getattr(user, "role", "") or "")
    if not role or role in SUPERVISOR_ROLES:
        return ""
    return f"当前用户 {user.name}（{role_label(role)}）只能查看；{action}需要组织者或管理员。"
