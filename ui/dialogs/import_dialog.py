"""Before an import: where it goes and the 被评查单位; after it: what was not imported and why.

The import itself runs in the background (ui.importer) with its progress in the main window's status bar
(ui.widgets.import_progress); neither dialog blocks the window while files are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.ops import Op

FOLDER_RULE = (
    "以已有单位命名的文件夹中的案卷归该单位，如“第八师/石河子市市场监督管理局/……”；文件夹名只与已有单位比对，"
    "不会新建单位；找不到单位的案卷不设单位，导入结束时列出。"
)
NONE, CHOSEN, FOLDERS = 0, 1, 2


class ImportOptionsDialog(QDialog):
    """Choose the 被评查单位 for a batch: none, one unit (existing or typed "师市/部门"), or by folder."""

    def __init__(self, parent: QWidget | None, *, paths: Sequence[Path], campaign: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入案卷 — {name}").format(name=campaign.name))
        self.paths = [Path(p) for p in paths]
        names = "、".join(p.name for p in self.paths[:3]) + ("……" if len(self.paths) > 3 else "")
        what = QLabel(
            self.tr("导入到评查活动“{c}”：{n} 项（{names}）").format(c=campaign.name, n=len(self.paths), names=names)
        )
        what.setWordWrap(True)
        self.none = QRadioButton(self.tr("不指定"))
        self.chosen = QRadioButton(self.tr("全部案卷属于："))
        self.folders = QRadioButton(self.tr("按文件夹确定"))
        self.group = QButtonGroup(self)
        for button, mode in ((self.none, NONE), (self.chosen, CHOSEN), (self.folders, FOLDERS)):
            self.group.addButton(button, mode)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        cast(QLineEdit, self.unit.lineEdit()).setPlaceholderText(
            self.tr("选择或输入，如 第八师/石河子市市场监督管理局")
        )
        self.unit.editTextChanged.connect(lambda _t: self.chosen.setChecked(True))
        rule = QLabel(self.tr(FOLDER_RULE))
        rule.setWordWrap(True)
        rule.setIndent(24)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #b00020")
        box = QGroupBox(self.tr("被评查单位"))
        inner = QVBoxLayout(box)
        for w in (self.none, self.chosen, self.unit, self.folders, rule):
            inner.addWidget(w)
        self.none.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始导入"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (what, box, self.hint, buttons):
            layout.addWidget(part)
        self.resize(560, 0)
        Op(self, lambda svc: [a.path for a in svc.list_units()]).success(self._fill_units).run()

    def _fill_units(self, paths: list[str]) -> None:
        typed = self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.addItems(paths)
        self.unit.setEditText(typed)
        self.unit.blockSignals(False)

    def mode(self) -> int:
        return self.group.checkedId()

    def agency(self) -> str | None:
        return self.unit.currentText().strip() or None if self.mode() == CHOSEN else None

    def by_folder(self) -> bool:
        return self.mode() == FOLDERS

    def _on_ok(self) -> None:
        if self.mode() == CHOSEN and not self.agency():
            self.hint.setText(self.tr("请选择或输入被评查单位，或选“不指定”。"))
            return
        self.accept()


class ImportResultDialog(QDialog):
    """The end of a batch: counts, the files not imported with their reasons, files left without a unit."""

    def __init__(self, parent: QWidget | None, report: Any, *, campaign: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入结果 — {name}").format(name=campaign))
        self.summary = QLabel(summary_text(self, report))
        self.summary.setWordWrap(True)
        rows = [(r.file, r.reason) for r in report.rejected]
        rows += [(name, self.tr("已导入，未能按文件夹确定被评查单位")) for name in getattr(report, "no_unit", ())]
        self.table = QTableWidget(len(rows), 2)  # a static read-only result list, not data we edit
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (file, reason) in enumerate(rows):
            name = QTableWidgetItem(Path(file).name)
            name.setToolTip(file)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.setVisible(bool(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.summary, self.table, buttons):
            layout.addWidget(w)
        self.resize(680, 420 if rows else 140)

    def rejected_rows(self) -> list[tuple[str, str]]:
        def text(row: int, col: int) -> str:
            item = self.table.item(row, col)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]


def summary_text(widget: QWidget, report: Any) -> str:
    cancelled = widget.tr("（已取消，已导入的案卷保留）") if report.cancelled else ""
    return widget.tr("已导入 {i} 份，重复 {d} 份（未重复导入），未导入 {r} 份{c}。").format(
        i=len(report.imported), d=len(report.duplicates), r=len(report.rejected), c=cancelled
    )
