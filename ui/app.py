"""QApplication set-up: bundled CJK font, Chinese translations, exception hooks, Qt log routing."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui import errors

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONT_PATH = RESOURCES / "fonts" / "wqy-microhei.ttc"
TRANSLATIONS = RESOURCES / "translations"  # casereview_zh_CN.ts/.qm: scripts/translations.py
ORG_NAME = "casereview"
APP_NAME = "casereview"

_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def has_display() -> bool:
    """False on Linux without X/Wayland and without an explicit QT_QPA_PLATFORM (Qt would abort)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


NO_DISPLAY_MESSAGE = (
    "casereview: 没有可用的图形显示（未设置 DISPLAY / WAYLAND_DISPLAY）。\n"
    "请在桌面会话中运行 `uv run casereview`，或在无界面的服务器上使用虚拟显示：\n"
    "    xvfb-run -a uv run casereview\n"
    "命令行功能（extract / check / import / stats / report）不需要图形界面。"
)


def register_font() -> str | None:
    """Register the vendored TrueType CJK font; return its family (None if the file is missing)."""
    if not FONT_PATH.exists():
        log.warning("bundled font missing: %s", FONT_PATH)
        return None
    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load font %s", FONT_PATH)
        return None
    return families[0]


def install_translators(app: QCoreApplication) -> None:
    """Qt's own zh_CN catalogue (standard dialogs: buttons, the file dialog) and ours (resources/translations)."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_dir), ("qtbase_extra_zh_CN", str(TRANSLATIONS)),
                         ("casereview_zh_CN", str(TRANSLATIONS))):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            _translators.append(tr)
        else:
            log.debug("translation %s not found in %s", name, folder)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    if "propagateSizeHints" in message:  # harmless offscreen-plugin noise
        level = logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)


def _sys_hook(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    detail = "".join(traceback.format_exception(kind, value, tb))
    errors.report_exception(value, detail=detail)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    detail = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    errors.report_exception(args.exc_value, detail=detail)


def install_excepthooks() -> None:
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook


def setup_application(app: QApplication) -> None:
    """Everything a fresh QApplication needs before the first window (idempotent)."""
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "案卷评查工作站"))
    app.setStyle("Fusion")
    qInstallMessageHandler(_qt_message)
    family = register_font()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    if not _translators:
        install_translators(app)
    install_excepthooks()


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    setup_application(app)
    return app
