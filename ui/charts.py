"""Bar charts of the dashboard (QtCharts): readable labels, integer count axes, a height that fits the bars.

Labels that are unit paths (第一师/市场监管局) are long: charts with long labels lay their bars horizontally so
each label has the chart's whole left margin instead of a bar's width, and the chart grows with the number
of bars (BAR_PX each) instead of squeezing them.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

BAR_PX = 30  # height per bar of a horizontal chart
CHART_MIN_PX = 260
LONG_LABEL = 6  # characters: longer category labels make the chart horizontal


def count_axis(axis: QValueAxis, top: float) -> None:
    """An axis of counts: whole-number ticks only (0, 1, 2… or 0, 5, 10…), never 0.575."""
    step = max(1, math.ceil(top / 6))
    upper = max(step, math.ceil(top / step) * step)
    axis.setRange(0, upper)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)
    axis.setLabelFormat("%d")


def score_axis(axis: QValueAxis, top: float) -> None:
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(20 if top >= 60 else max(1, math.ceil(top / 5)))
    axis.setLabelFormat("%d")


def bar_chart(title: str, labels: list[str], values: list[float], *, counts: bool = False,
              y_max: float | None = None) -> QChartView:
    """One bar per label; `counts` makes the value axis whole numbers; `y_max` fixes its top (scores: 100)."""
    horizontal = any(len(label) > LONG_LABEL for label in labels)
    bar_set = QBarSet(title)
    for v in values:
        bar_set.append(v)
    series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().hide()
    categories = QBarCategoryAxis()
    categories.append(labels)
    values_axis = QValueAxis()
    top = y_max if y_max is not None else max([1.0, *values]) * (1.0 if counts else 1.15)
    count_axis(values_axis, top) if counts else score_axis(values_axis, top)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values_axis)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(max(CHART_MIN_PX, 90 + BAR_PX * len(labels)) if horizontal else CHART_MIN_PX)
    return view
