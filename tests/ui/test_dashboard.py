"""The statistics dashboard (QtCharts) and the report dialog's print preview, offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChartView
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QMenu, QWidget

import app.services as api
from app.reports.model import ReportKind
from tests.e2e.test_reports_campaign import _insert_dossier, make_campaign, review_as_planned
from tests.ui.conftest import wait_idle
from ui.actions import STATS_MENU, install_entries
from ui.dashboard import DashboardDialog
from ui.reports_dialog import ReportsDialog


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
    assert dialog.masking.isChecked()
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
    assert not dialog.masking.isChecked()


def test_menu_entries(qapp: Any) -> None:
    class Win(QWidget):
        def current_campaign(self) -> None:
            return None

    win = Win()
    menu = QMenu()
    install_entries(win, menu, STATS_MENU)  # type: ignore[arg-type]  # a stand-in window
    assert [a.text() for a in menu.actions()] == ["统计看板…", "报表导出与打印…"]
    for action in menu.actions():
        action.trigger()  # no campaign open: nothing happens, nothing raises


def test_same_named_units_are_two_bars(qtbot: Any, runtime: Any, services: Any) -> None:
    """Two 市场监管局 under different 师市: two categories in the chart, not one (issue 15)."""
    from PySide6.QtCharts import QBarCategoryAxis

    store = services.store
    sup = api.ensure_user(store, "督查组长", role="supervisor")
    campaign = api.create_campaign(store, "同名单位", year=2024, rubric_id="penalty", user=sup)
    reviewer = api.ensure_user(store, "评查员丙")
    totals = {}
    for n, (unit, plan) in enumerate((("第一师/市场监管局", {"archiving.toc": 3.0}),
                                      ("第二师/市场监管局", {"law.discretion": 4.0, "evidence.chain": 3.0}))):
        did, _, _ = _insert_dossier(store, campaign.id, api.ensure_agency(store, unit).id, n + 1, finding=False)
        review_as_planned(store, did, reviewer, plan, n)
        totals[unit] = 100.0 - sum(plan.values())
    dialog = DashboardDialog(None, campaign)
    qtbot.addWidget(dialog)
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    views = dialog.findChildren(QChartView)
    axis = next(a for a in views[1].chart().axes() if isinstance(a, QBarCategoryAxis))
    assert sorted(axis.categories()) == sorted(totals)
    assert {a.agency: a.average for a in dialog.stats.agencies} == totals
