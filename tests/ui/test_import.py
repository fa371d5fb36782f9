"""Import through the window: a batch with one bad file, drag and drop, first start offers the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.ui.conftest import wait_idle


def test_import_batch_with_one_bad_file(qtbot: Any, runtime: Any, window: Any, campaign: Any,
                                        dossier_dir: Path) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    dialog = window.start_import([dossier_dir])
    assert dialog is not None
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        pass
    wait_idle(qtbot, runtime)
    assert dialog.rejected_rows() == [("坏文件.pdf", "文件名是 .pdf，但内容是纯文本")]
    assert dialog.rejected_table.isVisible()
    assert dialog.summary.text() == "已导入 2 份，重复 0 份（未重复导入），未导入 1 份。"
    assert dialog.bar.value() == 1000
    names = sorted(window.case_list.model.index(r, 0).data() for r in range(window.case_list.model.rowCount()))
    assert names == ["案卷一-超期.pdf", "案卷二.pdf"]
    assert window.campaign_combo.currentText() == "二〇二四年度评查（2 份）"


def test_second_import_reports_duplicates(qtbot: Any, runtime: Any, window: Any, campaign: Any,
                                          imported: dict[str, int], imported_batch: Path) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    dialog = window.start_import([imported_batch / "案卷二.pdf"])
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        pass
    assert dialog.summary.text() == "已导入 0 份，重复 1 份（未重复导入），未导入 0 份。"
    assert not dialog.rejected_table.isVisibleTo(dialog)


def test_drop_of_files_starts_an_import(qtbot: Any, runtime: Any, window: Any, campaign: Any,
                                        dossier_dir: Path) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dossier_dir / "案卷二.pdf"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.import_dialog is not None)
    with qtbot.waitSignal(window.import_dialog.imported, timeout=30000):
        pass
    wait_idle(qtbot, runtime)
    assert window.case_list.model.rowCount() == 1


def test_empty_database_offers_the_demo_campaign(qtbot: Any, runtime: Any, window: Any) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    assert window.demo_offer is not None
    assert window.demo_offer.isVisible()
    assert "演示评查活动" in window.demo_offer.text()


def test_settings_keep_geometry_and_recent_campaigns(qtbot: Any, runtime: Any, window: Any, campaign: Any) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    window.resize(760, 540)  # within the offscreen screen (800×600): restoreGeometry clamps
    window.close()
    assert window.recent_campaigns() == ["二〇二四年度评查"]
    assert window.settings.value("window/geometry") is not None
    from ui.main_window import MainWindow

    again = MainWindow(settings=window.settings)
    qtbot.addWidget(again)
    assert again.height() == 540
    assert [a.text() for a in again.recent_menu.actions()] == ["二〇二四年度评查"]


def test_first_start_fills_most_of_the_screen(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication

    from ui.main_window import MainWindow

    fresh = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)  # no saved geometry
    win = MainWindow(settings=fresh)
    qtbot.addWidget(win)
    area = QGuiApplication.primaryScreen().availableGeometry()
    # the offscreen screen (800×600) is smaller than 1280×760: the whole of it; a large one: 85 %
    assert (win.width(), win.height()) == (min(area.width(), max(1280, int(area.width() * 0.85))),
                                           min(area.height(), max(760, int(area.height() * 0.85))))
    assert area.contains(win.geometry().center())


def test_menus_follow_desktop_conventions(window: Any) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "评查(&R)", "组织(&O)", "统计(&S)", "帮助(&H)"]
    shortcuts = {name: window.acts[name].shortcut().toString() for name in ("import", "print", "undo", "help")}
    assert shortcuts == {"import": "Ctrl+O", "print": "Ctrl+P", "undo": "Ctrl+Z", "help": "F1"}
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.acts["redo"].shortcuts()]
    # ui.dashboard and ui.reports_dialog add their entries through install_menu(window, menu)
    assert [a.text() for a in window.stats_menu.actions()] == ["统计看板…", "报表导出与打印…"]


def test_stats_menu_shows_a_hint_when_no_plugin_is_installed(window: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMenu

    from ui import actions

    monkeypatch.setattr(actions, "STATS_HOOKS", ("ui.not_installed_plugin",))
    menu = QMenu()
    actions.install_stats_hooks(window, menu)
    assert [(a.text(), a.isEnabled()) for a in menu.actions()] == [("统计看板与报表（未安装）", False)]


def test_cancel_stops_the_batch_and_keeps_nothing_half_done(qtbot: Any, runtime: Any, window: Any, campaign: Any,
                                                            dossier_dir: Path) -> None:
    import threading

    from ui.ops import Op

    window.load_campaigns()
    wait_idle(qtbot, runtime)
    gate = threading.Event()
    Op(None, lambda _svc: gate.wait(10)).run()  # hold the db executor so Cancel lands before the import starts
    dialog = window.start_import([dossier_dir], campaign=campaign)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.current.text().startswith("正在取消")
    gate.set()
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        pass
    wait_idle(qtbot, runtime)
    assert dialog.report.cancelled is True
    assert dialog.report.imported == ()
    assert dialog.current.text() == "导入结束（已取消）"
    assert window.case_list.model.rowCount() == 0
