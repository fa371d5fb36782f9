"""Dashboard charts readable (issue 14, "Seen"): unit averages as horizontal bars with whole labels and a
height that grows with the units, count axes in whole numbers, rule titles instead of rule ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QChartView, QHorizontalBarSeries, QValueAxis

import app.services as api
from tests.e2e.test_reports_campaign import make_campaign
from tests.ui.conftest import wait_idle
from ui.charts import BAR_PX, bar_chart
from ui.dashboard import DashboardDialog
from ui.rule_titles import rule_title


def test_long_unit_labels_make_a_horizontal_chart_that_grows(qapp: Any) -> None:
    units = [f"第{n}师/市场监督管理局" for n in "一二三四五六七八九十"]
    view = bar_chart("各单位平均分", units, [90.0 - n for n in range(10)], y_max=100)
    chart = view.chart()
    assert isinstance(chart.series()[0], QHorizontalBarSeries)
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == units  # the whole path, not "…"
    assert view.minimumHeight() >= 10 * BAR_PX
    view.resize(700, view.minimumHeight())
    view.show()
    qapp.processEvents()
    assert chart.plotArea().height() / 10 >= 20  # each bar row has room for a line of text
    assert chart.plotArea().left() > 100  # the labels got their margin


def test_count_axis_has_whole_number_ticks(qapp: Any) -> None:
    for top in (2.0, 3.0, 7.0, 23.0):
        view = bar_chart("等次分布（件）", ["优秀", "良好", "合格", "不合格"], [top, 1.0, 0.0, 0.0], counts=True)
        axis = next(a for a in view.chart().axes() if isinstance(a, QValueAxis))
        assert axis.labelFormat() == "%d"
        assert axis.tickInterval() == int(axis.tickInterval()) >= 1
        assert axis.max() == int(axis.max()) >= top
        assert axis.max() % axis.tickInterval() == 0


def test_rule_titles_not_ids() -> None:
    assert rule_title("missing_document:legal_review") == "缺少法制审核意见"
    assert rule_title("decision_over_90_days") == "立案之日起九十日内作出决定"
    assert rule_title("no_such_rule") == "no_such_rule"  # unknown stays visible rather than vanish


def test_dashboard_reads_rule_titles(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "review.sqlite", files=6)
    dialog = DashboardDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.stats is not None
    keys = [r.key for r in dialog.stats.by_rule] + [a.rule for a in dialog.stats.acceptance]
    assert keys  # the campaign has findings: the tables are not empty
    text = dialog.details.toPlainText()
    for key in keys:
        assert rule_title(key) in text
        if rule_title(key) != key:
            assert key not in text
    grade_axis = next(a for a in dialog.findChildren(QChartView)[0].chart().axes() if isinstance(a, QValueAxis))
    assert grade_axis.labelFormat() == "%d"
