"""Application set-up: the None-refcount canary, the font, translations, no-display exit, error reporting."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from app.errors import ErrorCode, KnownError


def test_none_refcount_does_not_drift_over_1000_settext(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    label.setText("预热")
    before = sys.getrefcount(None)
    for n in range(1000):
        label.setText(f"案卷 {n}")
    assert abs(sys.getrefcount(None) - before) < 50


def test_bundled_font_is_the_application_font(qapp: Any) -> None:
    from ui.app import setup_application

    setup_application(qapp)
    assert qapp.font().family() == "WenQuanYi Micro Hei"


def test_qt_chinese_translation_is_installed(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.app import setup_application

    setup_application(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_no_display_prints_chinese_hint_and_exits_1(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from ui.main import run_gui

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert run_gui(db_url=None, demo=False) == 1
    err = capsys.readouterr().err
    assert "没有可用的图形显示" in err
    assert "xvfb-run -a uv run casereview" in err


def test_failing_op_reports_the_chinese_reason(qtbot: Any, runtime: Any) -> None:
    from ui import errors
    from ui.ops import Op

    def boom(_svc: Any) -> None:
        raise KnownError(ErrorCode.CORRUPT, "文件已损坏，无法读取", file="案卷九.pdf")

    Op(None, boom).run()
    qtbot.waitUntil(lambda: runtime.pending == 0)
    assert errors.recent[-1].reason == "案卷九.pdf: 文件已损坏，无法读取"
    assert errors.recent[-1].title == "操作失败"
    assert "KnownError" in errors.recent[-1].detail


def test_uncaught_exception_in_a_thread_reaches_the_error_log(qtbot: Any, runtime: Any) -> None:
    import threading

    from ui import errors
    from ui.app import install_excepthooks

    install_excepthooks()

    def worker() -> None:
        raise ValueError("坏数据")

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(errors.recent) == 1)
    assert errors.recent[0].reason == "程序内部错误（ValueError）。请把下面的详细信息发给维护人员。"
    assert "坏数据" in errors.recent[0].detail


def test_op_success_runs_on_the_main_thread(qtbot: Any, runtime: Any) -> None:
    import threading

    from ui.ops import Op

    seen: list[tuple[str, bool]] = []
    Op(None, lambda _svc: threading.current_thread().name).success(
        lambda name: seen.append((name, threading.current_thread() is threading.main_thread()))).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0].startswith("db")
    assert seen[0][1] is True
