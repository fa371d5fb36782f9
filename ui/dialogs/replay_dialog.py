"""The offer to write back score edits that only the local journal holds (ui.autosave): one row per edit,
oldest first, so the reviewer sees exactly what would be written before saying yes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dates import show_datetime


def _when(at: str) -> str:
    return show_datetime(at)  # the one format of ui.dates: 2026-12-03 14:05:09


class ReplayDialog(QDialog):
    """Accepted: write them now (through the normal save with its version check); rejected: later."""

    def __init__(self, pending: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("有未写入数据库的评分"))
        self.pending = list(pending)
        files = sorted({e.file_name for e in self.pending})
        self.label = QLabel(self.tr(
            "本机日志中有 {n} 项评分修改没有写入数据库（{k} 份案卷）。上次可能是程序意外退出，或数据库文件被移走、"
            "替换。\n写入时会核对评查表的版本：评查表在此期间被修改过的，不会覆盖，而是列出来请您核对。").format(
            n=len(self.pending), k=len(files)))
        self.label.setWordWrap(True)
        self.table = QTableWidget(len(self.pending), 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("案卷"), self.tr("评查项"), self.tr("修改"), self.tr("扣分理由")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(self.pending):
            change = (self.tr("恢复自动评分") if entry.op == "clear"
                      else self.tr("扣 {d:g} 分").format(d=float(entry.deducted or 0.0)))
            for col, text in enumerate((_when(entry.at), entry.file_name, entry.title or entry.item, change,
                                        entry.reason)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        self.write_button = buttons.addButton(self.tr("写入数据库"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 360)
