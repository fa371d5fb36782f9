"""组织 → 异议登记与答复…: the campaign's objections (异议) of reviewed agencies; record one against an item of a
final result (reason, attachments) and answer it (成立 with an optional new deduction / 不成立). A thin caller of
``app.services.objections``: every call runs off the UI thread (``Op``); refusals show their Chinese reason."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import CampaignDTO
from app.services.objections import ObjectionDTO
from ui import file_dialogs
from ui.ops import Op

if TYPE_CHECKING:
    from ui.main_window import MainWindow

HEADERS = ("编号", "单位", "案号", "评查项", "原扣分", "状态", "异议理由", "答复")


class ObjectionDialog(QDialog):
    def __init__(self, parent: QWidget | None, campaign: CampaignDTO) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.objections: list[ObjectionDTO] = []
        self.attachments: list[Path] = []
        self.setWindowTitle(self.tr("异议登记与答复 — %1").replace("%1", campaign.name))
        self.resize(980, 640)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        forms = QHBoxLayout()
        forms.addWidget(self._add_box())
        forms.addWidget(self._answer_box())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(forms)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # --- the two forms ------------------------------------------------------------------------------------

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("登记异议（被评查单位对定稿结果某一评查项的异议）"))
        form = QFormLayout(box)
        self.dossier = QSpinBox()
        self.dossier.setRange(1, 2_000_000_000)
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("评查项编号或名称，如 law.discretion"))
        self.raised_by = QLineEdit()
        self.raised_by.setPlaceholderText(self.tr("默认：案卷所属单位"))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(60)
        self.files_label = QLabel(self.tr("无附件"))
        attach = QPushButton(self.tr("添加附件…"))
        attach.clicked.connect(self._choose_files)
        self.add_button = QPushButton(self.tr("登记"))
        self.add_button.clicked.connect(self.add)
        form.addRow(self.tr("案卷编号"), self.dossier)
        form.addRow(self.tr("评查项"), self.item)
        form.addRow(self.tr("提出单位"), self.raised_by)
        form.addRow(self.tr("异议理由"), self.reason)
        row = QHBoxLayout()
        row.addWidget(self.files_label, 1)
        row.addWidget(attach)
        form.addRow(self.tr("附件"), row)
        form.addRow(self.add_button)
        return box

    def _answer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("答复所选异议"))
        form = QFormLayout(box)
        self.upheld = QRadioButton(self.tr("异议成立"))
        self.not_upheld = QRadioButton(self.tr("异议不成立"))
        self.not_upheld.setChecked(True)
        verdict = QHBoxLayout()
        verdict.addWidget(self.upheld)
        verdict.addWidget(self.not_upheld)
        self.change = QCheckBox(self.tr("改动该项扣分为"))
        self.new_deduction = QDoubleSpinBox()
        self.new_deduction.setRange(0, 100)
        self.new_deduction.setDecimals(1)
        self.new_deduction.setSingleStep(0.5)
        change = QHBoxLayout()
        change.addWidget(self.change)
        change.addWidget(self.new_deduction)
        self.answer_text = QPlainTextEdit()
        self.answer_text.setFixedHeight(60)
        self.answer_button = QPushButton(self.tr("答复"))
        self.answer_button.setEnabled(False)
        self.answer_button.clicked.connect(self.answer)
        self.upheld.toggled.connect(self._verdict_changed)
        self._verdict_changed(False)
        form.addRow(self.tr("结论"), verdict)
        form.addRow(self.tr("扣分"), change)
        form.addRow(self.tr("答复意见"), self.answer_text)
        form.addRow(self.answer_button)
        return box

    def _verdict_changed(self, upheld: bool) -> None:
        self.change.setEnabled(upheld)
        self.new_deduction.setEnabled(upheld)
        if not upheld:
            self.change.setChecked(False)

    def _choose_files(self) -> None:
        names = file_dialogs.open_file_names(self, self.tr("选择异议附件"))
        if names:
            self.set_attachments([Path(n) for n in names])

    def set_attachments(self, paths: list[Path]) -> None:
        self.attachments = paths
        self.files_label.setText("、".join(p.name for p in paths) or self.tr("无附件"))

    # --- calls ----------------------------------------------------------------------------------------------

    def load(self) -> None:
        cid = self.campaign.id
        Op(self, lambda svc: svc.list_objections(cid)).success(self.show_objections).run()

    def show_objections(self, rows: list[ObjectionDTO]) -> None:
        self.objections = rows
        self.table.setRowCount(len(rows))
        for r, o in enumerate(rows):
            answer = o.answer + (self.tr("（改扣 %1 分）").replace("%1", f"{o.deducted_after:g}") if o.changed else "")
            cells = (str(o.id), o.unit, o.case_number or o.file_name, o.item_title, f"{o.deducted_before:g}",
                     o.status_label, o.reason, answer)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        pending = sum(o.status == "pending" for o in rows)
        self.say(self.tr("共 %1 件异议，待答复 %2 件。").replace("%1", str(len(rows))).replace("%2", str(pending)))
        self._selected()

    def selected(self) -> ObjectionDTO | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.objections[rows.pop()] if len(rows) == 1 else None

    def select_objection(self, objection_id: int) -> None:
        row = next(n for n, o in enumerate(self.objections) if o.id == objection_id)
        self.table.selectRow(row)

    def _selected(self) -> None:
        o = self.selected()
        self.answer_button.setEnabled(o is not None and o.status == "pending")
        if o is not None:
            self.new_deduction.setValue(o.deducted_before)

    def add(self) -> None:
        dossier, item, reason = self.dossier.value(), self.item.text(), self.reason.toPlainText()
        by, files = self.raised_by.text(), list(self.attachments)

        def call(svc: Any) -> ObjectionDTO:
            added: ObjectionDTO = svc.add_objection(dossier, item, reason=reason, raised_by=by, attachments=files)
            return added

        Op(self, call).success(self._added).failure(self._failed).run()

    def _added(self, o: ObjectionDTO) -> None:
        self.reason.clear()
        self.set_attachments([])
        self.load()
        self.say(self.tr("已登记异议 %1。").replace("%1", str(o.id)))

    def answer(self) -> None:
        o = self.selected()
        if o is None:
            return
        upheld, text = self.upheld.isChecked(), self.answer_text.toPlainText()
        value = self.new_deduction.value() if upheld and self.change.isChecked() else None

        def call(svc: Any) -> ObjectionDTO:
            answered: ObjectionDTO = svc.answer_objection(o.id, upheld=upheld, answer=text, deducted=value,
                                                          expected_version=o.version)
            return answered

        Op(self, call).success(self._answered).failure(self._failed).run()

    def _answered(self, o: ObjectionDTO) -> None:
        self.answer_text.clear()
        self.load()
        self.say(self.tr("已答复异议 %1：%2。").replace("%1", str(o.id)).replace("%2", o.status_label))

    def _failed(self, exc: BaseException) -> None:
        self.say(str(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)


def open_objections(win: MainWindow) -> ObjectionDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    dialog = ObjectionDialog(win, campaign)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.load()
    return dialog
