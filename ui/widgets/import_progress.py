"""The import's progress in the main window's status bar: `n / N`, stage and file, 取消; then the result.

The reviewer keeps reading and scoring meanwhile: nothing here is modal, and the import has its own
thread and database connection (ui.importer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.dialogs.import_dialog import ImportResultDialog, summary_text
from ui.importer import ImportJob, ImportState, stage_text


class ImportProgressArea(QWidget):
    """Signals:
    closed(): the user dismissed the finished import's summary.
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: ImportJob | None = None
        self.queued = 0
        self.result_dialog: ImportResultDialog | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(200)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止导入：正在保存的案卷保存完，其余不导入（不会留下半条记录）"))
        self.cancel_button.clicked.connect(self.cancel)
        self.details_button = QPushButton(self.tr("详情…"))
        self.details_button.clicked.connect(self.show_details)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        for w in (self.bar, self.cancel_button, self.details_button, self.close_button):
            layout.addWidget(w)
        self.hide()

    def attach(self, job: ImportJob) -> None:
        self.job = job
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.details_button.hide()
        self.close_button.hide()
        self.label.setText(self.tr("导入“{c}”：准备中（{n} 项）").format(c=job.campaign.name, n=len(job.paths)))
        self.show()

    def _on_progress(self, state: ImportState) -> None:
        if self.job is None or self.job.cancelling:
            return
        set_value_later(self.bar, round(state.fraction * 1000))
        count = self.tr("{n} / {total}").format(n=state.done, total=state.total) if state.total else ""
        file = Path(state.file).name if state.file else ""
        stage = stage_text(state.stage)
        text = self.tr("导入 {count}　{stage}").format(count=count, stage=f"{stage}：{file}" if file else stage)
        if self.queued:
            text += self.tr("（另有 {n} 批等待）").format(n=self.queued)
        self.label.setText(text)
        self.label.setToolTip(state.file)

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("正在取消导入……（已导入的案卷会保留，未完成的不会留下半条记录）"))

    def _finish(self, text: str) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.label.setText(text)
        self.show()

    def _on_finished(self, report: Any) -> None:
        self._finish(self.tr("导入结束：") + summary_text(self, report))
        self.details_button.setVisible(bool(report.rejected or getattr(report, "no_unit", ())))

    def _on_failed(self, exc: BaseException) -> None:
        from ui import errors

        self._finish(self.tr("导入失败：{reason}").format(reason=errors.describe(exc)))
        self.details_button.hide()

    def show_details(self) -> None:
        job = self.job
        if job is None or job.report is None:
            return
        self.result_dialog = ImportResultDialog(self.window(), job.report, campaign=job.campaign.name)
        self.result_dialog.show()

    def _dismiss(self) -> None:
        if self.job is not None and not self.job.running:
            self.hide()
            self.closed.emit()


def set_value_later(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue repaints at once (synchronously) whenever the bar moves by a pixel, and a
    synchronous paint flushes every pending paint of the window with it (the score sheet, the page): that
    took the reviewer's event loop for 20–200 ms per step during an import. Set the value with painting held
    and let the next normal paint show it."""
    bar.setUpdatesEnabled(False)
    try:
        bar.setValue(value)
    finally:
        bar.setUpdatesEnabled(True)
    bar.update()
