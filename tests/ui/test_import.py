"""Import through the window: a batch with one bad file, drag and drop, first start offers the demo."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import wait_idle
from ui.importer import PROGRESS_MS


def _finish(qtbot: Any, job: Any, timeout: int = 60000) -> Any:
    if job.running:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass
    return job.report


def test_import_batch_with_one_bad_file(qtbot: Any, runtime: Any, window: Any, campaign: Any,
                                        dossier_dir: Path) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    job = window.start_import([dossier_dir], ask=False)
    assert job is not None
    assert window.import_area.isVisible()
    report = _finish(qtbot, job)
    wait_idle(qtbot, runtime)
    area = window.import_area
    assert area.label.text() == "导入结束：已导入 2 份，重复 0 份（未重复导入），未导入 1 份。"
    assert area.details_button.isVisible()
    assert not area.cancel_button.isVisible()
    area.details_button.click()
    assert area.result_dialog.rejected_rows() == [("坏文件.pdf", "文件名是 .pdf，但内容是纯文本")]
    assert not area.result_dialog.isModal()
    assert len(report.imported) == 2
    names = sorted(window.case_list.model.index(r, 0).data() for r in range(window.case_list.model.rowCount()))
    assert names == ["案卷一-超期.pdf", "案卷二.pdf"]
    assert window.campaign_combo.currentText() == "二〇二四年度评查（2 份）"


def test_progress_area_shows_n_of_n_the_stage_and_the_file(qtbot: Any, runtime: Any, window: Any,
                                                          campaign: Any, dossier_dir: Path) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    job = window.start_import([dossier_dir], ask=False)
    seen: list[tuple[str, float]] = []
    job.progressed.connect(lambda _s: seen.append((window.import_area.label.text(), time.monotonic())))
    _finish(qtbot, job)
    every = [  # workers=0 in the UI tests: one file after another, in name order
        "导入 0 / 3　计算校验值：坏文件.pdf",
        "导入 1 / 3　计算校验值：案卷一-超期.pdf",
        "导入 2 / 3　计算校验值：案卷二.pdf",
        "导入 0 / 3　分析：坏文件.pdf",
        "导入 1 / 3　完成：坏文件.pdf",
        "导入 1 / 3　分析：案卷一-超期.pdf",
        "导入 1 / 3　保存：案卷一-超期.pdf",
        "导入 2 / 3　完成：案卷一-超期.pdf",
        "导入 2 / 3　分析：案卷二.pdf",
        "导入 2 / 3　保存：案卷二.pdf",
        "导入 3 / 3　完成：案卷二.pdf",
        "导入 3 / 3　全部完成",
    ]
    texts = [text for text, _t in seen]
    # stages in between may be skipped (the area repaints at most every PROGRESS_MS), never reordered;
    # each finished file and the end are always shown
    positions = [every.index(text) for text in texts]
    assert positions == sorted(positions)
    assert [t for t in texts if "完成" in t] == [t for t in every if "完成" in t]
    assert texts[0] == every[0]
    throttled = [b[1] - a[1] for a, b in itertools.pairwise(seen) if "完成" not in b[0]]
    assert all(gap >= PROGRESS_MS / 1000 * 0.9 for gap in throttled), throttled


def test_second_import_reports_duplicates(
    qtbot: Any, runtime: Any, window: Any, campaign: Any, imported: dict[str, int], imported_batch: Path
) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    job = window.start_import([imported_batch / "案卷二.pdf"], ask=False)
    _finish(qtbot, job)
    assert window.import_area.label.text() == "导入结束：已导入 0 份，重复 1 份（未重复导入），未导入 0 份。"
    assert not window.import_area.details_button.isVisible()


def test_drop_of_files_asks_for_the_unit_then_imports(
    qtbot: Any, runtime: Any, window: Any, campaign: Any, dossier_dir: Path
) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dossier_dir / "案卷二.pdf"))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.import_options is not None and window.import_options.isVisible())
    options = window.import_options
    assert options.none.isChecked()
    options.unit.setEditText("第八师/石河子市市场监督管理局")  # typing picks "全部案卷属于"
    assert options.chosen.isChecked()
    options.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(window.import_jobs))
    report = _finish(qtbot, window.import_jobs[0])
    wait_idle(qtbot, runtime)
    assert [f.unit for f in report.imported] == ["第八师/石河子市市场监督管理局"]
    model = window.case_list.model
    assert model.rowCount() == 1
    assert model.index(0, model.COL_AGENCY).data() == "第八师/石河子市市场监督管理局"


def test_options_dialog_needs_a_unit_when_one_is_chosen(
    qtbot: Any, runtime: Any, window: Any, campaign: Any, dossier_dir: Path
) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    assert window.start_import([dossier_dir]) is None  # asks first
    options = window.import_options
    options.chosen.setChecked(True)
    options.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert options.isVisible()
    assert options.hint.text() == "请选择或输入被评查单位，或选“不指定”。"
    options.folders.setChecked(True)
    options.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not options.isVisible()
    job = window.import_jobs[0]
    assert (job.agency, job.by_folder) == (None, True)
    report = _finish(qtbot, job)
    assert report.no_unit == ("batch/案卷一-超期.pdf", "batch/案卷二.pdf")


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
    assert (win.width(), win.height()) == (
        min(area.width(), max(1280, int(area.width() * 0.85))),
        min(area.height(), max(760, int(area.height() * 0.85))),
    )
    assert area.contains(win.geometry().center())


def test_menus_follow_desktop_conventions(window: Any) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "评查(&R)", "组织(&O)", "统计(&S)", "帮助(&H)"]
    shortcuts = {name: window.acts[name].shortcut().toString() for name in ("import", "print", "undo", "help")}
    assert shortcuts == {"import": "Ctrl+O", "print": "Ctrl+P", "undo": "Ctrl+Z", "help": "F1"}
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.acts["redo"].shortcuts()]
    # ui.dashboard and ui.reports_dialog add their entries through install_menu(window, menu)
    assert [a.text() for a in window.stats_menu.actions()] == ["统计看板…", "报表导出与打印…"]


def test_cancel_stops_the_batch_and_keeps_nothing_half_done(
    qtbot: Any, runtime: Any, window: Any, campaign: Any, dossier_dir: Path
) -> None:
    import threading

    from ui.ops import Op

    window.load_campaigns()
    wait_idle(qtbot, runtime)
    gate = threading.Event()
    Op(None, lambda _svc: gate.wait(10), lane="import").run()  # hold the import lane: Cancel lands first
    job = window.start_import([dossier_dir], campaign=campaign, ask=False)
    window.import_area.cancel_button.click()
    assert window.import_area.label.text().startswith("正在取消")
    gate.set()
    report = _finish(qtbot, job)
    wait_idle(qtbot, runtime)
    assert report.cancelled is True
    assert report.imported == ()
    assert (
        window.import_area.label.text()
        == "导入结束：已导入 0 份，重复 0 份（未重复导入），未导入 0 份（已取消，已导入的案卷保留）。"
    )
    assert window.case_list.model.rowCount() == 0


def test_the_reviewer_scores_while_an_import_runs(
    qtbot: Any, runtime: Any, window: Any, campaign: Any, imported: dict[str, int], dossier_dir: Path, services: Any
) -> None:
    """The import has its own lane: a save on the db executor does not wait for the batch."""
    import threading

    import app.services as api
    from ui.ops import Op

    window.load_campaigns()
    wait_idle(qtbot, runtime)
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(imported["案卷一-超期.pdf"])
    wait_idle(qtbot, runtime)
    gate = threading.Event()
    Op(None, lambda _svc: gate.wait(30), lane="import").run()  # a long batch ahead of ours
    job = window.start_import([dossier_dir], campaign=campaign, ask=False)
    assert job.running
    sheet = window.review_page.sheet
    window.focus_score_sheet()
    item = "procedure.decision_time_limit"
    sheet.tree.setCurrentIndex(sheet.model.index_of(item))
    qtbot.keyClick(sheet.tree, str(sheet.model.index_of(item).row() + 1))
    review_id = window.review_page.session.review_id
    qtbot.waitUntil(lambda: api.get_review(services.store, review_id).item(item).overridden, timeout=2000)
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已自动保存"), timeout=2000)
    assert job.running  # the import had not even started
    gate.set()
    _finish(qtbot, job)
