"""Models of the 合议定稿 dialog: the files waiting, the differing items with the supervisor's settled
values, and the agreement tables (一致性). The functions taking ``svc`` run on the db executor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDoubleSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.errors import ConflictError, KnownError
from app.services import list_dossiers, list_reviews
from app.services.campaigns import load_rubric_known
from app.services.dto import STATUS_SUBMITTED, ReviewDTO
from app.services.reconcile import (
    AgreementReport,
    ItemDiff,
    Reconciliation,
    Settlement,
    agreement,
    differences,
    finalise,
    finalise_single,
    pending,
)

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_ITEM, COL_POINTS, COL_A, COL_A_REASON, COL_B, COL_B_REASON, COL_SETTLED, COL_REASON = range(8)
UNSETTLED = QColor("#fff4c2")


@dataclass(frozen=True, slots=True)
class Waiting:
    """A file waiting for 定稿: two reviews to reconcile (``rec``) or the one submitted review of a
    single-reviewed file to confirm (``single``: its reviewer; ``total`` and ``grade`` are that review's)."""

    dossier_id: int
    file_name: str
    agency: str
    rec: Reconciliation | None = None
    single: str | None = None
    total: float = 0.0
    grade: str = ""

    @property
    def reviewers(self) -> tuple[str, ...]:
        if self.rec is not None:
            return (self.rec.first.reviewer, self.rec.second.reviewer)
        return (self.single,) if self.single is not None else ()

    @property
    def differing(self) -> int:
        return len(self.rec.differences) if self.rec is not None else 0

    @property
    def total_difference(self) -> float:
        return abs(self.rec.total_difference) if self.rec is not None else 0.0



def load_waiting(svc: Any, campaign_id: int) -> list[Waiting]:
    """Runs on the db executor: the campaign's files waiting for 定稿. A file is single-reviewed when its
    progress is 已提交 and nobody but one reviewer (and the supervisor, who may have looked) is assigned to
    or has a review of it; only double-reviewed files are read item by item."""
    store, me = svc.store, svc.user.name
    double = set(pending(store, campaign_id))
    out = []
    for row in list_dossiers(store, campaign_id, status=STATUS_SUBMITTED):
        agency = row.agency or "（未指定单位）"
        if row.id in double:
            out.append(Waiting(row.id, row.file_name, agency, rec=differences(store, row.id)))
            continue
        others = list(dict.fromkeys(n for n in row.reviewers if n != me))
        if len(others) == 1:
            out.append(Waiting(row.id, row.file_name, agency, single=others[0], total=row.total or 0.0,
                               grade=row.grade or ""))
    return out


def finalise_waiting(svc: Any, w: Waiting, settled: dict[str, Settlement]) -> ReviewDTO:
    """Finalise after checking that the reviews are still those the dialog showed."""
    store = svc.store
    subs = [r for r in list_reviews(store, w.dossier_id) if r.status == "submitted"]
    if w.rec is not None:
        shown = {(r.id, r.version) for r in (w.rec.first, w.rec.second)}
        same = shown <= {(r.id, r.version) for r in subs}
    else:
        same = len(subs) == 1 and subs[0].reviewer == w.single and abs(subs[0].total - w.total) < 1e-6
    if not same:
        raise ConflictError(f"案卷“{w.file_name}”的评查在此期间被修改或重新提交，请重新载入后再合议")
    if w.rec is None:
        return finalise_single(store, subs[0].id, user=svc.user)
    return finalise(store, w.dossier_id, settled=settled, user=svc.user)


def load_agreement(svc: Any, campaign: Any) -> tuple[AgreementReport, dict[str, str]]:
    report = agreement(svc.store, campaign.id)
    try:
        titles = {i.id: i.title for i in load_rubric_known(campaign.rubric_id).items}
    except KnownError:  # "auto": each file has its own standard
        titles = {}
    return report, titles


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
            cells = (d.title, f"{d.points:g}", f"{d.first.deducted:g}", d.first.reason, f"{d.second.deducted:g}",
                     d.second.reason, "未裁定" if value is None else f"{value:g}", self.reasons.get(d.item, ""))
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
            if not 0 <= points <= d.points + 1e-9:
                self.rejected.emit(f"{d.title} 的裁定扣分应在 0 到 {d.points:g} 分之间，而不是 {points:g}")
                return False
            side = next((s for s in (d.first, d.second) if abs(s.deducted - points) < 1e-6), None)
            self._settle(index.row(), points, side.reason if side else None, side.pages if side else None)
            return True
        else:
            return False
        self._changed(index.row())
        return True

    def take(self, row: int, side: int) -> None:
        """取A (side 0) or 取B (side 1): value, reason and pages of that reviewer."""
        d = self.diffs[row]
        chosen = d.first if side == 0 else d.second
        self._settle(row, chosen.deducted, chosen.reason, chosen.pages)

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


class PointsDelegate(QStyledItemDelegate):
    """A spin box limited to 0..the item's points for the settled deduction."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        model = index.model()
        if index.column() != COL_SETTLED or not isinstance(model, DiffModel):
            return super().createEditor(parent, option, index)
        box = QDoubleSpinBox(parent)
        box.setRange(0.0, model.diffs[index.row()].points)
        box.setDecimals(1)
        box.setSingleStep(0.5)
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
