"""合议定稿: the supervisor settles the items on which two reviewers differ and finalises the file (已定稿);
a second tab shows agreement per rubric item and per reviewer (一致性).

Left, the files waiting (two submitted reviews, or the one submitted review of a single-reviewed file);
right, the differing items only. Nothing is prefilled: the supervisor takes A (key A), takes B (key B)
or types a value within 0..points; the reason comes from the chosen side and stays editable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, KnownError
from app.services.dto import CampaignDTO, Changes
from app.services.reconcile import AgreementReport, Finalised, Waiting, WaitKind
from ui import errors
from ui.ops import Op, runtime
from ui.widgets.reconcile_models import (
    COL_A_REASON,
    COL_B_REASON,
    COL_ITEM,
    COL_REASON,
    DiffModel,
    PointsDelegate,
    fill_item_agreement,
    fill_reviewer_agreement,
    supervisor_hint,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.services import Services


def load_agreement(svc: Services, campaign: CampaignDTO) -> tuple[AgreementReport, dict[str, str]]:
    return svc.agreement(campaign.id), svc.rubric_titles(campaign)


def _table(*, sortable: bool = True) -> QTableView:
    view = QTableView()
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ReconcileDialog(QWidget):
    """The files waiting for 定稿 and the settling of one. Finalising is broadcast (``AppSignals.changes``);
    reviews submitted or finalised elsewhere (the main window, another dialog) reload the list."""

    def __init__(self, parent: QWidget | None, campaign: CampaignDTO, *,
                 open_dossier: Callable[[int], None] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.campaign = campaign
        self.open_dossier_cb = open_dossier
        self.waiting: list[Waiting] = []
        self.others_waiting = 0  # files whose second reviewer has not submitted yet
        self.current: Waiting | None = None
        self.report: AgreementReport | None = None
        self.last_error: KnownError | None = None
        self.setWindowTitle(self.tr("合议定稿 — %s") % campaign.name)
        self.resize(1280, 720)
        self.files = QTableWidget(0, 5)
        self.files.setHorizontalHeaderLabels([self.tr(t) for t in ("案卷", "单位", "评查人", "分歧项", "总分差")])
        self.diff_model = DiffModel(self)
        self.diff_view = _table(sortable=False)
        self.title = QLabel()
        self.take_a = QPushButton(self.tr("取A（A）"))
        self.take_b = QPushButton(self.tr("取B（B）"))
        self.view_button = QPushButton(self.tr("查看案卷证据"))
        self.reload_button = QPushButton(self.tr("重新载入"))
        self.finalise_button = QPushButton(self.tr("定稿"))
        self.message = QLabel()
        self.items_model, self.reviewers_model = QStandardItemModel(self), QStandardItemModel(self)
        self.items_view, self.reviewers_view = _table(), _table()
        self.agreement_title = QLabel()
        self.tabs = QTabWidget()
        self._build()
        self._connect()
        runtime().signals.changes.connect(self._on_changes)

    def _build(self) -> None:
        f = self.files
        f.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        f.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        f.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        f.verticalHeader().setVisible(False)
        f.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        f.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        f.setSortingEnabled(True)
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setItemDelegate(PointsDelegate(self.diff_view))
        self.diff_view.setWordWrap(True)
        header = self.diff_view.horizontalHeader()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        self.diff_view.setColumnWidth(COL_ITEM, 220)
        for col in (COL_A_REASON, COL_B_REASON, COL_REASON):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.diff_model.dataChanged.connect(lambda *_a: self.diff_view.resizeRowsToContents())
        self.title.setWordWrap(True)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for b in (self.take_a, self.take_b, self.view_button, self.reload_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.finalise_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.title)
        rl.addWidget(self.diff_view, 1)
        rl.addLayout(buttons)
        split = QSplitter()
        split.addWidget(f)
        split.addWidget(right)
        split.setSizes([500, 860])
        self.items_view.setModel(self.items_model)
        self.reviewers_view.setModel(self.reviewers_model)
        agree = QWidget()
        al = QVBoxLayout(agree)
        al.addWidget(self.agreement_title)
        tables = QSplitter(Qt.Orientation.Vertical)
        for caption, view in ((self.tr("按评查项目（默认按一致率升序：分歧最多的在前）"), self.items_view),
                              (self.tr("按评查人员（严格度 = 本人平均扣分 − 全体平均扣分，正数为偏严）"),
                               self.reviewers_view)):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.addWidget(QLabel(caption))
            bl.addWidget(view, 1)
            tables.addWidget(box)
        tables.setSizes([440, 200])
        al.addWidget(tables, 1)
        self.tabs.addTab(split, self.tr("合议定稿"))
        self.tabs.addTab(agree, self.tr("一致性"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    def _connect(self) -> None:
        self.files.itemSelectionChanged.connect(self._file_chosen)
        self.take_a.clicked.connect(lambda: self.take(0))
        self.take_b.clicked.connect(lambda: self.take(1))
        for key, side in (("A", 0), ("B", 1)):
            QShortcut(QKeySequence(key), self.diff_view, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(
                lambda s=side: self.take(s, advance=True))
        self.view_button.clicked.connect(self.view_dossier)
        self.reload_button.clicked.connect(
            lambda: self.load(select=self.current.dossier_id if self.current is not None else None))
        self.finalise_button.clicked.connect(self.finalise)
        self.diff_model.settled_changed.connect(self._update_buttons)
        self.diff_model.rejected.connect(lambda text: self.say(text, error=True))

    # loading --------------------------------------------------------------------------------
    def load(self, *, keep_message: bool = False, select: int | None = None) -> None:
        cid, campaign = self.campaign.id, self.campaign
        if not keep_message:
            self.say(self.tr("正在读取待定稿的案卷…"))
        Op(self, lambda svc: svc.waiting_list(cid)).success(
            lambda waiting: self.show_waiting(waiting, keep_message=keep_message, select=select)).failure(
            self.load_failed).run()
        Op(self, lambda svc: load_agreement(svc, campaign)).success(self.show_agreement).failure(self.load_failed).run()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and (changes.reviews or changes.dossiers):
            self.load(keep_message=True, select=self.current.dossier_id if self.current is not None else None)

    def show_waiting(self, waiting: list[Waiting], *, keep_message: bool = False, select: int | None = None) -> None:
        self.others_waiting = sum(1 for w in waiting if w.kind == WaitKind.WAITING)
        waiting = [w for w in waiting if w.kind != WaitKind.WAITING]  # those can be settled now
        self.waiting = waiting
        f = self.files
        f.setSortingEnabled(False)
        f.setRowCount(len(waiting))
        for r, w in enumerate(waiting):
            cells = (w.file_name, w.unit, "、".join(w.reviewers) + ("" if w.rec else self.tr("（单人）")),
                     w.differing, abs(w.total_difference))
            for c, value in enumerate(cells):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value if not isinstance(value, float) else round(value, 2))
                item.setData(Qt.ItemDataRole.UserRole, w.dossier_id)
                f.setItem(r, c, item)
        f.setSortingEnabled(True)
        doubles = sum(1 for w in waiting if w.rec is not None)
        if not keep_message:
            later = self.tr("另有 %d 件等待第二人提交。") % self.others_waiting if self.others_waiting else ""
            self.say(
                self.tr("待定稿 %d 件：双人评查 %d 件，单人评查 %d 件。")
                % (len(waiting), doubles, len(waiting) - doubles)
                + later
                + supervisor_hint(self.tr("定稿"))
            )
        f.blockSignals(True)  # one _show below, even when the same row stays selected (fresh data)
        f.clearSelection()
        if select is not None and any(w.dossier_id == select for w in waiting):
            self.select_dossier(select)
        elif waiting:
            f.selectRow(0)
        f.blockSignals(False)
        self._file_chosen()

    def _file_chosen(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        item = self.files.item(rows[0].row(), 0) if rows else None
        dossier_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._show(next((w for w in self.waiting if w.dossier_id == dossier_id), None))

    def select_dossier(self, dossier_id: int) -> None:
        for r in range(self.files.rowCount()):
            item = self.files.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == dossier_id:
                self.files.selectRow(r)

    def _show(self, w: Waiting | None) -> None:
        self.current = w
        self.diff_model.load(w.rec if w is not None else None)
        if w is None:
            self.title.setText(self.tr("没有待定稿的案卷。"))
        elif w.rec is not None:
            a, b = w.rec.first, w.rec.second
            note = "".join(f"\n{n}" for n in dict.fromkeys(r.rubric_note for r in (a, b) if r.rubric_note))
            self.title.setText(
                self.tr(
                    "%s：A %s 合计 %g 分（%s），B %s 合计 %g 分（%s）；%d 项不一致（含否决项），逐项裁定后定稿"
                    "（A / B 键取该评查人的意见，双击“裁定”可输入分值，否决项为 1 否决、0 不否决）。"
                )
                % (w.file_name, a.reviewer, a.total, a.grade, b.reviewer, b.total, b.grade, w.differing)
                + note
            )
        elif w.submitted is not None:
            r = w.submitted
            self.title.setText(
                self.tr("%s：单人评查（%s），合计 %g 分（%s），无需合议；确认后定稿。")
                % (w.file_name, r.reviewer, r.total, r.grade)
                + (f"\n{r.rubric_note}" if r.rubric_note else "")
            )
        self.diff_view.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current is not None
        self.finalise_button.setEnabled(has and self.diff_model.all_settled())
        for b in (self.take_a, self.take_b):
            b.setEnabled(bool(self.diff_model.diffs))
        self.view_button.setEnabled(has and self.open_dossier_cb is not None)

    def show_agreement(self, result: tuple[AgreementReport, dict[str, str]]) -> None:
        report, titles = result
        self.report = report
        self.agreement_title.setText(
            self.tr(
                "双人评查案卷 %d 件。kappa 为“扣分 / 不扣分”判断的 Cohen's kappa，两人始终同一判断时无定义，显示为“—”。"
            )
            % report.pairs
        )
        fill_item_agreement(self.items_model, report, titles)
        fill_reviewer_agreement(self.reviewers_model, report)
        self.items_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items_view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.reviewers_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # settling ---------------------------------------------------------------------------------
    def take(self, side: int, *, advance: bool = False) -> None:
        rows = sorted({i.row() for i in self.diff_view.selectionModel().selectedRows()})
        current = self.diff_view.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        for row in rows:
            self.diff_model.take(row, side)
        if advance and len(rows) == 1 and rows[0] + 1 < self.diff_model.rowCount():
            self.diff_view.selectRow(rows[0] + 1)

    def view_dossier(self) -> None:
        if self.current is not None and self.open_dossier_cb is not None:
            self.open_dossier_cb(self.current.dossier_id)

    def finalise(self) -> None:
        w = self.current
        if w is None or not self.diff_model.all_settled():
            return
        missing = self.diff_model.missing_reasons()
        if missing:
            self.say(self.tr("请填写裁定理由（扣分的项目须写明理由）：%s") % "、".join(missing), error=True)
            return
        settled = self.diff_model.settlements()
        self.finalise_button.setEnabled(False)
        Op(self, lambda svc: svc.finalise(w, settled)).success(lambda done: self._finalised(w, done)).failure(
            lambda exc: self._finalise_failed(w, exc)
        ).run()

    def _finalise_failed(self, w: Waiting, exc: BaseException) -> None:
        self.fail(exc)
        if isinstance(exc, ConflictError):  # the reviews changed: show them as they are now
            self.load(keep_message=True, select=w.dossier_id)

    def _finalised(self, w: Waiting, done: Finalised) -> None:
        rest = [x for x in self.waiting if x.dossier_id != w.dossier_id]
        self.show_waiting(rest, keep_message=True)
        review = done.review
        self.say(self.tr("已定稿：%s，最终得分 %g 分（%s）。") % (w.file_name, review.total, review.grade))
        campaign = self.campaign
        Op(self, lambda svc: load_agreement(svc, campaign)).success(self.show_agreement).run()

    def load_failed(self, exc: BaseException) -> None:
        self.fail(exc, prefix=self.tr("未能读取："))

    def fail(self, exc: BaseException, *, prefix: str = "") -> None:
        self._update_buttons()
        if isinstance(exc, KnownError):
            self.last_error = exc
            self.say((prefix or self.tr("未能定稿：")) + str(exc), error=True)
        else:
            errors.report_exception(exc, parent=self)
            self.say(errors.describe(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)


def open_reconcile(win: MainWindow) -> ReconcileDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None

    def opener(dossier_id: int) -> None:  # the review page shows the file; bring the main window forward
        win.open_dossier(dossier_id)
        win.raise_()
        win.activateWindow()

    dialog = ReconcileDialog(win, campaign, open_dossier=opener)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.load()
    return dialog
