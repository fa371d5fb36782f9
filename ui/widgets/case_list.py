"""Case list page: the campaign's dossiers with filters (agency, kind, status, grade, reviewer, text, my work).

Rows the current user reviews blind (盲评) show the agency hidden (ui.blind).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.sampling import MyWork
from ui.blind import my_work, redact_row
from ui.models.cases import ID_ROLE, CaseFilterProxy, CaseTableModel
from ui.ops import Op

SIZE_SAMPLE_ROWS = 40  # rows QHeaderView looks at to size a column (Qt measures 1000 by default)

_FILTERS = (
    (CaseTableModel.COL_AGENCY, "全部单位"),
    (CaseTableModel.COL_KIND, "全部类别"),
    (CaseTableModel.COL_STATUS, "全部进度"),
    (CaseTableModel.COL_GRADE, "全部等次"),
    (CaseTableModel.COL_REVIEWER, "全部评查人"),
)


class _MyWorkProxy(CaseFilterProxy):
    """The column and search filters, plus "only the dossiers assigned to me"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mine: frozenset[int] | None = None

    def set_mine(self, ids: frozenset[int] | None) -> None:
        self.beginFilterChange()
        self._mine = ids
        self.endFilterChange(CaseFilterProxy.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:
        mine = self._mine
        if mine is not None and self.sourceModel().index(source_row, 0, source_parent).data(ID_ROLE) not in mine:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class CaseListWidget(QWidget):
    """Signals:
    open_requested(int): the reviewer opened a dossier (Enter or double click).
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign: Any = None
        self.model = CaseTableModel(self)
        self.proxy = _MyWorkProxy(self)
        self.work = MyWork()
        self._mine_touched = False  # the user ticked or cleared "只看分配给我的" in this campaign
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(CaseTableModel.COL_FILE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseTableModel.COL_PARTY, QHeaderView.ResizeMode.Stretch)
        # column widths from the rows around the visible ones, not all of them: every refresh during an
        # import re-measured each cell of a 500-row campaign on the window's thread
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.view.verticalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.view.activated.connect(self._on_activated)
        self.combos: dict[int, QComboBox] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("全文检索（页面文字，回车）"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda t: self.proxy.set_id_filter(None) if not t else None)
        self.mine = QCheckBox(self.tr("只看分配给我的"))
        self.mine.setEnabled(False)
        self.mine.toggled.connect(self._on_mine)
        self.mine.clicked.connect(lambda _c: setattr(self, "_mine_touched", True))
        self.title = QLabel()
        self.count_label = QLabel()
        self._layout()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        for column, all_text in _FILTERS:
            combo = QComboBox()
            combo.addItem(self.tr(all_text), "")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i, c=column, w=combo: self._on_filter(c, w))
            self.combos[column] = combo
            bar.addWidget(combo)
        bar.addWidget(self.mine)
        bar.addWidget(self.search, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        box.addWidget(self.count_label)

    # data -----------------------------------------------------------------------------
    def set_campaign(self, campaign: Any) -> None:
        self.campaign = campaign
        self._mine_touched = False
        self.title.setText(f"<b>{campaign.name}</b>" if campaign else self.tr("（未选择评查活动）"))
        self.refresh()

    def refresh(self, *, then: Any = None) -> None:
        if self.campaign is None:
            self.set_rows([])
            return
        cid = int(self.campaign.id)

        def done(result: tuple[list[Any], MyWork]) -> None:
            self.set_rows(result[0], work=result[1])
            if then is not None:
                then()

        Op(self, lambda svc: (svc.list_dossiers(cid), my_work(svc, cid))).success(done).run()

    def set_rows(self, rows: Sequence[Any], *, work: MyWork | None = None) -> None:
        current = self.current_id()
        self.work = work or MyWork()
        self.model.set_rows([redact_row(r) if int(r.id) in self.work.blind else r for r in rows])
        self._apply_work()
        for column, combo in self.combos.items():
            self._fill_combo(column, combo)
        self._update_count()
        if current is not None:
            self.select(current)
        elif self.proxy.rowCount():
            self.view.selectRow(0)

    def _fill_combo(self, column: int, combo: QComboBox) -> None:
        chosen = combo.currentData()
        values: set[str] = set()
        for r in range(self.model.rowCount()):
            text = str(self.model.index(r, column).data() or "")
            values.update(text.split("、") if column == CaseTableModel.COL_REVIEWER else [text])
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for v in sorted(v for v in values if v):
            combo.addItem(v, v)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def _apply_work(self) -> None:
        """Enable "只看分配给我的" when the campaign has assignments; on by default for a reviewer."""
        work = self.work
        self.mine.setEnabled(work.any_assigned)
        self.mine.setToolTip(self.tr("本评查活动已分配给您 {n} 份案卷").format(n=len(work.assigned))
                             if work.any_assigned else self.tr("本评查活动尚未抽样分配"))
        self.mine.blockSignals(True)
        if not work.any_assigned:
            self.mine.setChecked(False)
        elif not self._mine_touched:
            self.mine.setChecked(work.role == "reviewer")
        self.mine.blockSignals(False)
        self._on_mine(self.mine.isChecked())

    def _on_mine(self, checked: bool) -> None:
        self.proxy.set_mine(self.work.assigned if checked else None)
        self._update_count()

    def _on_filter(self, column: int, combo: QComboBox) -> None:
        self.proxy.set_column_filter(column, combo.currentData() or None)
        self._update_count()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.proxy.set_id_filter(None)
            self._update_count()
            return
        cid = int(self.campaign.id) if self.campaign else None

        def done(hits: list[Any]) -> None:
            self.proxy.set_id_filter(frozenset(int(h.dossier_id) for h in hits))
            self._update_count(hits=len(hits))

        Op(self, lambda svc: svc.search_text(text, campaign_id=cid)).success(done).run()

    def _update_count(self, hits: int | None = None) -> None:
        text = self.tr("显示 {shown} / 共 {total} 份案卷").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount())
        if hits is not None:
            text += self.tr("（全文检索命中 {n} 处）").format(n=hits)
        self.count_label.setText(text)

    # selection -------------------------------------------------------------------------
    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return int(idx.data(ID_ROLE)) if idx.isValid() else None

    def select(self, dossier_id: int) -> bool:
        row = self.model.row_of(dossier_id)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            return False
        if idx == self.view.currentIndex():  # a refresh that kept the row: scrolling would re-measure every row
            return True
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def neighbour(self, dossier_id: int, delta: int) -> int | None:
        """The dossier `delta` rows away in the current sort and filter."""
        row = self.model.row_of(dossier_id)
        idx = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        target = (idx.row() if idx.isValid() else -1) + delta
        if 0 <= target < self.proxy.rowCount():
            return int(self.proxy.index(target, 0).data(ID_ROLE))
        return None

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            QTimer.singleShot(0, lambda: self.open_requested.emit(int(index.data(ID_ROLE))))

    def open_current(self) -> None:
        dossier_id = self.current_id()
        if dossier_id is not None:
            self.open_requested.emit(dossier_id)
