"""整改台账: every problem of every reviewed file worked to 销号 (待整改 / 整改中 / 已整改待复核 / 已销号 / 无法整改
（已归档）; 逾期 derived from the deadline), with its 整改措施, 责任单位, 责任人, 整改情况 and 佐证材料.

The supervisor filters by unit, status and text, sets the status of the selected rows (with a note, and the
复核人 for 已销号), fills the 整改 columns of one row, attaches 佐证材料 to it, sets a deadline for all open rows
or one unit's, and exports the XLSX ledger with every column.
Each action is one use case of ``app.services.ledger`` / ``app.services.reports``; a change made from
rows someone else changed meanwhile is refused and the rows reloaded. Changes made elsewhere (a review
submitted, a file finalised, another ledger window) reload the rows (``AppSignals.changes``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, KnownError
from app.reports.model import Rectification, ReportKind
from app.services.dto import CampaignDTO, Changes
from app.services.ledger import SETTABLE, LedgerUpdate, LedgerView
from app.services.reports import ReportRequest
from ui import errors, file_dialogs
from ui.ops import Op, runtime
from ui.widgets.date_field import DateField
from ui.widgets.ledger_model import (
    COL_DEADLINE,
    COL_PAGES,
    COL_POINTS,
    COL_STATUS,
    COL_TEXT,
    LedgerFilter,
    LedgerModel,
)
from ui.widgets.ledger_model import agency_path as problem_agency
from ui.widgets.reconcile_models import supervisor_hint

if TYPE_CHECKING:
    from ui.main_window import MainWindow

WIDTHS = {0: 70, 1: 110, 2: 160, 3: 170, COL_TEXT: 280, COL_PAGES: 50, COL_POINTS: 45, COL_STATUS: 90,
          COL_DEADLINE: 90}


class LedgerWindow(QWidget):
    """Signals: loaded(int): the rows were (re)loaded; the number of rows."""

    loaded = Signal(int)

    def __init__(self, parent: QWidget | None, campaign: CampaignDTO) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.campaign = campaign
        self.data: LedgerView | None = None
        self.last_error: KnownError | None = None  # the last refusal shown (tests read it)
        self.setWindowTitle(self.tr("整改台账 — %s") % campaign.name)
        self.resize(1280, 720)
        self.model = LedgerModel(self)
        self.proxy = LedgerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self._setup_view()
        self.agency = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), "")
        for s in Rectification:
            self.status.addItem(str(s), str(s))
        self.text = QLineEdit(placeholderText=self.tr("查找：案号、单位、问题描述…"))
        self.text.setClearButtonEnabled(True)
        self.count = QLabel()
        self.new_status = QComboBox()
        for s in SETTABLE:
            self.new_status.addItem(str(s), str(s))
        self.note = QLineEdit(placeholderText=self.tr("说明：整改情况（报已整改待复核时）、无法整改的原因"))
        self.checker = QLineEdit(placeholderText=self.tr("复核人（销号时必填）"))
        self.measure = QLineEdit(placeholderText=self.tr("整改措施"))
        self.responsible_unit = QLineEdit(placeholderText=self.tr("责任单位"))
        self.responsible_person = QLineEdit(placeholderText=self.tr("责任人"))
        self.save_row = QPushButton(self.tr("保存所选行的整改信息"))
        self.attach = QPushButton(self.tr("添加佐证材料…"))
        self.apply_status = QPushButton(self.tr("设置所选行状态"))
        self.deadline = DateField(QDate.currentDate().addDays(30))  # takes 2026-11-01 typed in full
        self.scope = QComboBox()
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.apply_deadline = QPushButton(self.tr("设定整改期限"))
        self.masking = QCheckBox(self.tr("屏蔽个人信息"))
        self.masking.setChecked(True)
        self.export_button = QPushButton(self.tr("导出台账…"))
        self.reload_button = QPushButton(self.tr("刷新"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._layout()
        self._connect()
        runtime().signals.changes.connect(self._on_changes)

    def _setup_view(self) -> None:
        v = self.view
        v.setModel(self.proxy)
        v.setSortingEnabled(True)
        v.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setAlternatingRowColors(True)
        v.setWordWrap(False)
        v.verticalHeader().setVisible(False)
        v.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.verticalHeader().setDefaultSectionSize(24)
        header = v.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # 17 columns: the 问题描述 keeps its width, the table scrolls
        for column, width in WIDTHS.items():
            v.setColumnWidth(column, width)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        w: QWidget
        for w in (QLabel(self.tr("筛选：")), self.agency, self.status):
            filters.addWidget(w)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.count)
        status_row = QHBoxLayout()
        for w in (QLabel(self.tr("所选行改为：")), self.new_status):
            status_row.addWidget(w)
        status_row.addWidget(self.note, 1)
        status_row.addWidget(self.checker)
        status_row.addWidget(self.apply_status)
        row_edit = QHBoxLayout()
        row_edit.addWidget(QLabel(self.tr("所选一行：")))
        row_edit.addWidget(self.measure, 2)
        row_edit.addWidget(self.responsible_unit, 1)
        row_edit.addWidget(self.responsible_person)
        for w in (self.save_row, self.attach):
            row_edit.addWidget(w)
        status_row.addSpacing(24)
        for w in (QLabel(self.tr("整改期限：")), self.deadline, self.scope, self.apply_deadline):
            status_row.addWidget(w)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for w in (self.reload_button, self.masking, self.export_button):
            bottom.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(status_row)
        layout.addLayout(row_edit)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.agency.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self._timer.timeout.connect(self.apply_filters)
        self.apply_status.clicked.connect(self.set_selected_status)
        self.apply_deadline.clicked.connect(self.set_deadline)
        self.save_row.clicked.connect(self.save_selected_row)
        self.attach.clicked.connect(self.choose_evidence)
        self.export_button.clicked.connect(self.export)
        self.reload_button.clicked.connect(self.load)

    # loading ------------------------------------------------------------------------------------
    def load(self) -> None:
        campaign = self.campaign
        self._busy(True)
        self.say(self.tr("正在读取整改台账…"))
        Op(self, lambda svc: svc.read_ledger(campaign)).success(self.show_data).failure(self.fail).run()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and int(self.campaign.id) in changes.ledger:
            self.load()

    def show_data(self, data: LedgerView) -> None:
        first = self.data is None
        self.data = data
        self.model.set_rows(data.problems)
        if first or self._agencies_changed(data):
            self._fill_agencies(data)
        self._busy(False)
        self._update_count()
        self.say(data.note or self.tr("共 %d 条（与评查结果一致）；期限已过仍未整改的问题显示为“逾期”。")
                 % len(data.problems) + supervisor_hint(self.tr("更新整改状态和期限")), error=bool(data.note))
        self.loaded.emit(len(data.problems))

    def _agencies_changed(self, data: LedgerView) -> bool:
        have = {self.agency.itemData(i) for i in range(1, self.agency.count())}
        return have != self._agency_keys(data)

    @staticmethod
    def _agency_keys(data: LedgerView) -> set[str]:
        return {problem_agency(p) for p in data.problems} | {p.parent_agency for p in data.problems if p.parent_agency}

    def _fill_agencies(self, data: LedgerView) -> None:
        current = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(self.tr("全部单位"), "")
        paths = sorted({problem_agency(p) for p in data.problems})
        parents = sorted({p.parent_agency for p in data.problems if p.parent_agency})
        for parent in parents:
            self.agency.addItem(self.tr("%s（全部）") % parent, parent)
            for path in (x for x in paths if x.startswith(parent + "/")):
                self.agency.addItem("　" + path.split("/", 1)[1], path)
        for path in (x for x in paths if "/" not in x):
            self.agency.addItem(path, path)
        self.agency.setCurrentIndex(max(0, self.agency.findData(current)))
        self.agency.blockSignals(False)
        self.scope.clear()
        self.scope.addItem(self.tr("全部未整改的问题"), None)
        for path in paths:
            if path in data.units:
                self.scope.addItem(self.tr("仅 %s") % path, path)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.proxy.set_filters(agency=self.agency.currentData() or None, status=self.status.currentData() or None,
                               text=self.text.text())
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("显示 %d / 共 %d 条") % (self.proxy.rowCount(), self.model.rowCount()))

    # editing --------------------------------------------------------------------------------------
    def selected_rows(self) -> dict[int, int | None]:
        """The selected rows: id -> the version shown (a row changed meanwhile makes the change a conflict)."""
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        problems = [self.model.problem(r) for r in sorted(rows)]
        return {p.row_id: p.version for p in problems if p.row_id is not None}

    def selected_ids(self) -> list[int]:
        return list(self.selected_rows())

    def set_selected_status(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.say(self.tr("请先在表中选择要设置的问题行（可按住 Ctrl 或 Shift 多选）。"), error=True)
            return
        status, note, checker = Rectification(self.new_status.currentData()), self.note.text(), self.checker.text()
        self._busy(True)
        Op(self, lambda svc: svc.set_ledger_status(rows, status=status, note=note, checker=checker)).success(
            lambda done: self._after_edit(done, self.tr("已将 %d 行设为“%s”。") % (len(rows), status))).failure(
            self.fail).run()

    def _one_row(self) -> tuple[int, int | None] | None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.say(self.tr("请在表中只选择一行。"), error=True)
            return None
        return next(iter(rows.items()))

    def save_selected_row(self) -> None:
        """整改措施, 责任单位 and 责任人 of the one selected row (empty boxes leave a column as it is)."""
        one = self._one_row()
        fields = {
            k: w.text().strip()
            for k, w in (
                ("measure", self.measure),
                ("responsible_unit", self.responsible_unit),
                ("responsible_person", self.responsible_person),
            )
            if w.text().strip()
        }
        if one is None or not fields:
            if one is not None:
                self.say(self.tr("请填写整改措施、责任单位或责任人。"), error=True)
            return
        row_id, version = one
        self._busy(True)
        Op(self, lambda svc: svc.edit_ledger_row(row_id, version, **fields)).success(
            lambda done: self._after_edit(done, self.tr("已保存第 %d 行的整改信息。") % row_id)
        ).failure(self.fail).run()

    def choose_evidence(self) -> None:
        one = self._one_row()
        if one is not None:
            for name in file_dialogs.open_file_names(self, self.tr("添加佐证材料")):
                self.attach_evidence(Path(name), *one)

    def attach_evidence(self, path: Path, row_id: int, version: int | None) -> None:
        self._busy(True)
        Op(self, lambda svc: svc.attach_ledger_evidence(row_id, path, version)).success(
            lambda done: self._after_edit(done, self.tr("已保存佐证材料：%s") % path.name)
        ).failure(self.fail).run()

    def set_deadline(self) -> None:
        day = self.deadline.date().toPython()
        assert isinstance(day, dt.date)
        unit, cid = self.scope.currentData(), self.campaign.id
        scope = self.scope.currentText()
        self._busy(True)
        Op(self, lambda svc: svc.set_ledger_deadline(cid, day, unit=unit)).success(
            lambda done: self._after_edit(
                done, self.tr("%s：%d 行整改期限设为 %s。") % (scope, done.rows, day.isoformat())
            )
        ).failure(self.fail).run()

    def _after_edit(self, done: LedgerUpdate, message: str) -> None:
        self.model.update(done.problems)
        self._busy(False)
        self._update_count()
        self.say(message)

    def export(self) -> None:
        name = f"{self.campaign.name}_问题整改详细台账.xlsx"
        target = file_dialogs.save_file_name(self, self.tr("导出台账"), name, "Excel (*.xlsx)")
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> None:
        req = ReportRequest(int(self.campaign.id), ReportKind.LEDGER, "xlsx", mask=self.masking.isChecked())
        self._busy(True)
        Op(self, lambda svc: svc.export_report(req, path)).success(self._exported).failure(self.fail).run()

    def _exported(self, paths: list[Path]) -> None:
        self._busy(False)
        self.say(self.tr("已导出：%s") % "、".join(str(p) for p in paths))

    # messages -----------------------------------------------------------------------------------
    def fail(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, KnownError):
            self.last_error = exc
            self.say(self.tr("操作未完成：%s") % exc, error=True)
            if isinstance(exc, ConflictError):  # someone changed these rows: show them as they are now
                campaign = self.campaign
                Op(self, lambda svc: svc.read_ledger(campaign)).success(self._reloaded).failure(self.fail).run()
        else:
            errors.report_exception(exc, parent=self)
            self.say(errors.describe(exc), error=True)

    def _reloaded(self, data: LedgerView) -> None:
        self.data = data
        self.model.set_rows(data.problems)
        self._update_count()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)

    def _busy(self, busy: bool) -> None:
        for w in (
            self.apply_status,
            self.apply_deadline,
            self.export_button,
            self.reload_button,
            self.save_row,
            self.attach,
        ):
            w.setEnabled(not busy)


def open_ledger(win: MainWindow) -> LedgerWindow | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    window = LedgerWindow(win, campaign)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.load()
    return window
