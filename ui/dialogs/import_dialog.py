"""Import dialog: progress bar, current file, Cancel, then the rejected files with their reasons."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.ops import Op, ProgressRelay

CODE_TEXT = {
    "reading": "读取", "ocr": "文字识别（OCR）", "extracting": "提取要素", "checking": "规则检查",
    "hashing": "计算校验值", "saving": "保存", "file_done": "完成", "done": "全部完成",
}


class ImportDialog(QDialog):
    """Runs one import batch off the UI thread.

    Signals:
        imported(object): the ImportReport when the batch ended (also after Cancel).
    """

    imported = Signal(object)

    def __init__(self, parent: QWidget | None, *, paths: Sequence[Path], campaign: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入案卷 — {name}").format(name=campaign.name))
        self.paths = [Path(p) for p in paths]
        self.campaign = campaign
        self.report: Any = None
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._on_progress)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.current = QLabel(self.tr("准备导入 {n} 项……").format(n=len(self.paths)))
        self.current.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rejected_table = QTableWidget(0, 2)  # a static read-only result list, not data we edit
        self.rejected_table.setHorizontalHeaderLabels([self.tr("未导入的文件"), self.tr("原因")])
        self.rejected_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rejected_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.rejected_table.verticalHeader().setVisible(False)
        self.rejected_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rejected_table.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.rejected.connect(self._on_cancel)
        box = QVBoxLayout(self)
        for w in (self.current, self.bar, self.summary, self.rejected_table):
            box.addWidget(w)
        box.addWidget(self.buttons)
        self.resize(640, 200)
        self.running = False

    def start(self) -> None:
        campaign, paths, relay = self.campaign, self.paths, self.relay
        self.running = True
        Op(self, lambda svc: svc.import_paths(paths, campaign=campaign, progress=relay,
                                              cancel=relay.cancelled)).success(self._on_done).failure(
            self._on_failed).run()

    def _on_progress(self, fraction: float, code: str, params: dict[str, Any]) -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        file = Path(str(params.get("file", ""))).name
        step = self.tr(CODE_TEXT.get(code, code))
        page = self.tr("（第 {page}/{pages} 页）").format(**params) if "page" in params and "pages" in params else ""
        self.current.setText(f"{step}：{file}{page}" if file else step)

    def _on_cancel(self) -> None:
        if self.running:
            self.relay.cancel_event.set()
            self.current.setText(self.tr("正在取消……（已导入的案卷会保留，未完成的不会留下半条记录）"))
            self.buttons.setEnabled(False)
        else:
            self.reject()

    def _on_done(self, report: Any) -> None:
        self.running = False
        self.report = report
        self.bar.setValue(1000)
        cancelled = self.tr("（已取消）") if getattr(report, "cancelled", False) else ""
        self.current.setText(self.tr("导入结束{c}").format(c=cancelled))
        self.summary.setText(self.tr("已导入 {i} 份，重复 {d} 份（未重复导入），未导入 {r} 份。").format(
            i=len(report.imported), d=len(report.duplicates), r=len(report.rejected)))
        self._show_rejected(report.rejected)
        self._finish_buttons()
        self.imported.emit(report)

    def _on_failed(self, exc: BaseException) -> None:
        from ui import errors

        self.running = False
        self.current.setText(self.tr("导入失败：{reason}").format(reason=errors.describe(exc)))
        self._finish_buttons()
        errors.report_exception(exc, parent=self)

    def _show_rejected(self, rejected: Sequence[Any]) -> None:
        if not rejected:
            return
        self.rejected_table.setRowCount(len(rejected))
        for row, r in enumerate(rejected):
            name = QTableWidgetItem(Path(r.file).name)
            name.setToolTip(r.file)
            self.rejected_table.setItem(row, 0, name)
            self.rejected_table.setItem(row, 1, QTableWidgetItem(r.reason))
        self.rejected_table.show()
        self.resize(self.width(), 420)

    def _finish_buttons(self) -> None:
        self.buttons.setEnabled(True)
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(self.accept)
        close.setFocus()

    def rejected_rows(self) -> list[tuple[str, str]]:
        def text(row: int, col: int) -> str:
            item = self.rejected_table.item(row, col)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.rejected_table.rowCount())]

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.running:
            self._on_cancel()
            return
        super().keyPressEvent(event)
