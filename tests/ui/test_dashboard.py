"""The statistics dashboard (QtCharts) and the report dialog's print preview, offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChartView
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QMenu, QWidget

import app.services as api
from app.reports.model import ReportKind
from tests.e2e.test_reports_campaign import make_campaign
from tests.ui.conftest import wait_idle
from ui.dashboard import DashboardDialog
from ui.dashboard import install_menu as dashboard_menu
from ui.reports_dialog import ReportsDialog
from ui.reports_dialog import install_menu as reports_menu


def _campaign(tmp_path: Path) -> Any:
    c = make_campaign(tmp_path / "review.sqlite", files=6)  # the same file the ui `services` fixture opened
    return c, api.get_campaign(c.store, c.campaign_id)


def test_dashboard_shows_sql_figures(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c, campaign = _campaign(tmp_path)
    dialog = DashboardDialog(None, campaign)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.stats is not None
    assert dialog.stats.reviewed == 6
    expected = round(sum(p.total for p in c.plans) / 6, 2)
    assert dialog.stats.average == expected
    assert len(dialog.findChildren(QChartView)) == 2
    assert f"平均 {expected:g} 分" in dialog.details.toPlainText()
    dialog.agency.setText("第二师")
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.stats.reviewed == sum(1 for p in c.plans if p.parent == "第二师")


def test_print_preview_of_the_circular(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    _, campaign = _campaign(tmp_path)
    dialog = ReportsDialog(None, campaign)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.CIRCULAR))
    assert dialog.mask.isChecked()
    assert [dialog.format.itemText(i) for i in range(dialog.format.count())] == ["docx", "pdf"]
    dialog.preview()
    wait_idle(qtbot, runtime, timeout=30000)
    preview = dialog.last_preview
    assert preview is not None
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 1, timeout=10000)
    assert "通报" in preview.document.toPlainText()  # type: ignore[attr-defined]
    preview.close()
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.CASESHEET))
    assert not dialog.mask.isChecked()


def test_menu_hooks_add_entries(qapp: Any) -> None:
    class Win(QWidget):
        def current_campaign(self) -> None:
            return None

    win = Win()
    menu = QMenu()
    dashboard_menu(win, menu)
    reports_menu(win, menu)
    assert [a.text() for a in menu.actions()] == ["统计看板…", "报表导出与打印…"]
    for action in menu.actions():
        action.trigger()  # no campaign open: nothing happens, nothing raises
