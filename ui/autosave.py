"""The window's autosave state: the local journal, whether the database can still be trusted, what the
status bar says, and the offer to write journalled edits back (at start and when the database is back).

The rules (core in app.services.autosave / journal): "已自动保存 HH:MM:SS" only after a commit another
connection reads back from the files at the database's paths; when the database file, its WAL or its
identity changes under the window, saving stops (edits go to the journal only), the window says so in
plain words, and the journal is offered for replay.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services import autosave as core
from ui.dialogs.replay_dialog import ReplayDialog
from ui.ops import Op, runtime

log = logging.getLogger(__name__)

CHECK_MS = 3000  # how often the database files are looked at while nothing is being saved

# what happened, in the reviewer's words
PROBLEM_TEXT = {
    core.DB_MISSING: "数据库文件已被删除或移走",
    core.DB_REPLACED: "数据库文件已被另一个文件替换（例如有人恢复了备份或同步软件覆盖了它）",
    core.WAL_MISSING: "数据库的日志文件（-wal）已被删除，之后写入的内容其他程序读不到",
    core.WAL_REPLACED: "数据库的日志文件（-wal）已被替换，之后写入的内容其他程序读不到",
    core.LOCKS_LOST: "数据库文件锁已丢失",
    core.NOT_VISIBLE: "刚保存的评分无法从数据库中读回",
    core.DB_ERROR: "数据库拒绝写入",
    core.OFFLINE: "评分已停止写入数据库",
}
# what to do
ADVICE_TEXT = {
    core.DB_MISSING: "请把数据库文件放回原处，程序会自动继续保存；或关闭程序后重新打开",
}
DEFAULT_ADVICE = "请关闭程序后重新打开，启动时会提示把暂存的修改写回数据库"


def problem_text(code: str) -> str:
    return QCoreApplication.translate("autosave", PROBLEM_TEXT.get(code, PROBLEM_TEXT[core.OFFLINE]))


def advice_text(code: str) -> str:
    return QCoreApplication.translate("autosave", ADVICE_TEXT.get(code, DEFAULT_ADVICE))


_current: Autosave | None = None


def current() -> Autosave | None:
    """The window's autosave (None in tests that build a review page without the main window)."""
    return _current


class Autosave(QObject):
    """Signals:
    state_changed(): saving stopped or resumed, or the number of journalled edits changed.
    resumed(): the database is usable again and the journal was offered: open reviews should reload.
    """

    state_changed = Signal()
    resumed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _current
        services = runtime().services
        make = getattr(services, "journal", None)
        self.journal: core.Journal | None = make() if callable(make) else None
        self.offline = False  # read by the save jobs on the db executor: set there as soon as a save fails
        self.code = ""
        self.detail = ""
        self.unsaved = 0  # edits made since saving stopped (all in the journal)
        self.warning: QMessageBox | None = None
        self.offer: ReplayDialog | None = None
        self.result_box: QMessageBox | None = None
        self.replay_report: Any = None
        self._checking = False
        self._resuming = False
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        if self.journal is not None:
            self.timer.start()
        _current = self

    @property
    def active(self) -> bool:
        return self.journal is not None

    # state --------------------------------------------------------------------------------
    def go_offline(self, code: str, detail: str = "", *, edit: bool = False) -> None:
        """Saving stops (the first problem is the one named); `edit`: one more edit is only in the journal."""
        self.unsaved += int(edit)
        self.offline = True
        if not self.code:
            log.error("autosave stopped: %s %s", code, detail)
            self.code, self.detail = code, detail
            self._warn()
        self.state_changed.emit()

    def status_text(self) -> str:
        if not self.offline:
            return ""
        return self.tr("未保存：{problem}。评分不再写入数据库，{n} 项修改已暂存在本机。{advice}。").format(
            problem=problem_text(self.code), n=self.unsaved, advice=advice_text(self.code))

    def _warn(self) -> None:
        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("评分没有保存到数据库"), self.tr(
            "{problem}。\n\n为防止评分写进一个别人看不到的文件，程序已停止向数据库保存。您可以继续评分，"
            "所有修改都暂存在本机的日志文件中，不会丢失。\n\n{advice}。").format(
            problem=problem_text(self.code), advice=advice_text(self.code)), parent=parent)
        if self.detail:
            box.setDetailedText(self.detail)
        self.warning = box
        box.open()

    def check(self) -> None:
        """Look at the database files (on the db executor); offline -> healthy offers the replay."""
        if self._checking or not self.active:
            return
        try:
            runtime()
        except RuntimeError:  # the window outlived the runtime (shutting down)
            return
        self._checking = True
        Op(None, lambda svc: svc.database_health()).success(self._on_health).failure(self._on_check_failed).run()

    def _on_check_failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("database check failed: %s", exc)

    def _on_health(self, health: Any) -> None:
        self._checking = False
        if not health.ok:
            if not self.offline or not self.code:
                self.go_offline(health.code, health.detail)
            return
        if self.offline and self.code in (core.DB_MISSING, core.LOCKS_LOST) and not self._resuming:
            log.warning("the database files are back as they were: autosave resumes after the replay offer")
            self._resuming = True
            self.offer_replay(self._window(), then=self._resume)

    def _resume(self) -> None:
        self._resuming = False
        self.offline, self.code, self.detail, self.unsaved = False, "", "", 0
        self.state_changed.emit()
        self.resumed.emit()

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # replay -------------------------------------------------------------------------------
    def offer_replay(self, parent: QWidget | None, *, then: Any = None) -> None:
        """If the journal holds edits the database has not got, list them and ask to write them now;
        `then` runs once the reviewer answered (or at once if there is nothing to offer)."""
        journal = self.journal
        if journal is None:
            if then is not None:
                then()
            return
        Op(parent, lambda _svc: journal.pending()).success(lambda pending: self._ask(parent, pending, then)).run()

    def _ask(self, parent: QWidget | None, pending: list[Any], then: Any) -> None:
        if not pending or self.offer is not None:
            if then is not None:
                then()
            return
        dialog = ReplayDialog(pending, parent)
        self.offer = dialog

        def answered(result: int) -> None:
            self.offer = None
            if result == ReplayDialog.DialogCode.Accepted:
                self.replay(parent, then=then)
            elif then is not None:
                then()

        dialog.finished.connect(answered)
        dialog.open()

    def replay(self, parent: QWidget | None, *, then: Any = None) -> None:
        journal = self.journal
        if journal is None:
            return

        def done(report: Any) -> None:
            self._replayed(parent, report)
            if then is not None:
                then()

        Op(parent, lambda svc: svc.replay_journal(journal)).success(done).run()

    def _replayed(self, parent: QWidget | None, report: Any) -> None:
        self.replay_report = report
        lines = [self.tr("已写入数据库 {a} 项；{b} 项数据库中已有。").format(a=report.applied, b=report.already)]
        if report.conflicts:
            lines.append(self.tr("{n} 项没有写入：这份评查表在数据库中已被修改（另一台工作站或恢复的备份），"
                                 "为免覆盖，请核对后重新评分。").format(n=report.conflicts))
        for entry, reason in report.failed[:8]:
            lines.append(self.tr("未能写入：{file}　{item}：{reason}").format(
                file=entry.file_name, item=entry.title or entry.item, reason=reason))
        box = QMessageBox(QMessageBox.Icon.Information if not report.failed else QMessageBox.Icon.Warning,
                          self.tr("写回数据库"), "\n".join(lines), parent=parent)
        if report.failed:
            give_up = box.addButton(self.tr("放弃未能写入的修改"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("保留在本机日志中"), QMessageBox.ButtonRole.RejectRole)
            failed = [e for e, _r in report.failed]
            journal = self.journal
            box.buttonClicked.connect(
                lambda b: core.discard(journal, failed) if b is give_up and journal is not None else None)
        self.result_box = box
        box.open()
        self.state_changed.emit()
