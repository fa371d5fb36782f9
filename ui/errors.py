"""The error dialog: a Chinese reason plus copyable detail; logs only when CASEREVIEW_NO_ERR_DIALOGS=1."""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import ConflictError, KnownError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ShownError:
    title: str
    reason: str
    detail: str


# The last errors reported, newest last (the in-app log view and the tests read it).
recent: deque[ShownError] = deque(maxlen=200)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def dialogs_enabled() -> bool:
    return os.environ.get("CASEREVIEW_NO_ERR_DIALOGS", "") not in ("1", "true", "yes")


def describe(exc: BaseException) -> str:
    """The reason a user should read, in Chinese."""
    if isinstance(exc, KnownError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return _tr("内存不足，操作未完成。")
    if isinstance(exc, OSError):
        name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return _tr("文件或系统错误：") + f"{name}{exc.strerror or exc}"
    return _tr("程序内部错误（{kind}）。请把下面的详细信息发给维护人员。").format(kind=type(exc).__name__)


def show_error(parent: QWidget | None, *, title: str, reason: str, detail: str = "") -> None:
    """Record, log and (unless disabled) show a non-blocking error dialog."""
    recent.append(ShownError(title, reason, detail))
    log.error("%s: %s\n%s", title, reason, detail)
    if not dialogs_enabled() or QApplication.instance() is None:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(reason)
    if detail:
        box.setDetailedText(detail)  # the detail pane is selectable and copyable
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class _Bridge(QObject):
    """Moves reports from worker threads to the main thread."""

    report = Signal(object, str)


_bridge: _Bridge | None = None


def init_bridge() -> None:
    """Create the bridge in the main thread (called once the QApplication exists)."""
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()
        _bridge.report.connect(lambda exc, detail: report_exception(exc, detail=detail))


def report_exception(exc: BaseException, *, detail: str = "", parent: QWidget | None = None) -> None:
    """Show an unexpected or failed-operation exception; safe to call from any thread."""
    if not detail:
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    app = QApplication.instance()
    off_main = app is not None and QThread.currentThread() is not app.thread()
    off_main = off_main or (app is None and threading.current_thread() is not threading.main_thread())
    if off_main and _bridge is not None:
        _bridge.report.emit(exc, detail)
        return
    title = _tr("数据冲突") if isinstance(exc, ConflictError) else _tr("操作失败")
    show_error(parent, title=title, reason=describe(exc), detail=detail)
