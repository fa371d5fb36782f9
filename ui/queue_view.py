"""组织 → 导入作业队列…: the campaign's shared import queue and who is working on it (read-only).

Refreshes every few seconds off the UI thread (`Op`); works on the team's PostgreSQL database,
where `casereview import --queue` fills the queue and `casereview worker` processes on any
workstation empty it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.jobs.status import STATE_LABELS, QueueStatus
from ui.ops import Op

REFRESH_MS = 3000


class QueueDialog(QDialog):
    def __init__(self, parent: QWidget | None, campaign_id: int, campaign_name: str) -> None:
        super().__init__(parent)
        self.campaign_id = campaign_id
        self.setWindowTitle(self.tr("导入作业队列 — %1").replace("%1", campaign_name))
        self.resize(760, 480)
        self.summary = QLabel(self.tr("正在读取队列……"))
        self.summary.setWordWrap(True)
        self.workers = self._table([self.tr("作业进程"), self.tr("计算机"), self.tr("状态"), self.tr("已完成"),
                                    self.tr("正在处理")])
        self.problems = self._table([self.tr("文件"), self.tr("结果"), self.tr("原因")])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("作业进程（各工作站运行 casereview worker）：")))
        layout.addWidget(self.workers)
        layout.addWidget(QLabel(self.tr("未能导入的文件：")))
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self._busy = False
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        cid = self.campaign_id
        Op(self, lambda svc: (svc.is_sqlite, svc.queue_status(cid))).success(self.show_status).run()

    def show_status(self, result: tuple[bool, QueueStatus]) -> None:
        self._busy = False
        sqlite, status = result
        if sqlite:
            self.summary.setText(self.tr("作业队列只用于团队的 PostgreSQL 数据库；本机 SQLite 数据库请直接导入。"))
            self.timer.stop()
            return
        counts = "，".join(f"{self.tr(label)} {status.counts.get(key, 0)}" for key, label in STATE_LABELS.items())
        self.summary.setText(self.tr("共 %1 个文件，已完成 %2 个：").replace("%1", str(status.total))
                             .replace("%2", str(status.finished)) + counts)
        self._fill(self.workers, [[w.name, w.host, self.tr("在线") if w.alive else self.tr("离线"), str(w.done),
                                   w.current or ""] for w in status.workers])
        self._fill(self.problems, [[p.file, self.tr(STATE_LABELS.get(p.state, p.state)), p.reason]
                                   for p in status.problems])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()


def open_queue(win: Any) -> QueueDialog | None:
    campaign = getattr(win, "campaign", None)
    if campaign is None:
        return None
    dialog = QueueDialog(win, int(campaign.id), str(campaign.name))
    dialog.show()
    return dialog
