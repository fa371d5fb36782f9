"""统计看板: grade distribution and averages by agency (QtCharts), Pareto of problems, rule acceptance,
progress; filters by agency, kind and reviewer. Figures come from app.stats (SQL aggregates)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import CampaignDTO, Changes
from app.stats import CampaignStats, Filters
from ui.charts import bar_chart
from ui.ops import Op, runtime
from ui.rule_titles import rule_title

if TYPE_CHECKING:
    from ui.main_window import MainWindow

KINDS = (("", "全部类型"), ("penalty", "行政处罚"), ("license", "行政许可"), ("enforcement", "行政强制"),
         ("inspection", "行政检查"))


def stats_html(s: CampaignStats) -> str:
    e = html.escape
    p = s.progress
    parts = [
        f"<p><b>进度</b>：案卷 {p.dossiers} 件，已分配 {p.assigned}，未评 {p.not_started}，评查中 {p.in_progress}，"
        f"已提交 {p.submitted}，已定稿 {p.final}。已评查 {s.reviewed} 件，平均 {s.average:g} 分。</p>",
        "<h3>师市平均分</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>师市</th><th>件数</th>"
        "<th>平均分</th><th>优秀</th><th>不合格</th></tr>"
        + "".join(
            f"<tr><td>{e(a.agency)}</td><td>{a.files}</td><td>{a.average:g}</td><td>{a.excellent}</td>"
            f"<td>{a.failed}</td></tr>"
            for a in s.parents
        )
        + "</table>",
        "<h3>常见问题（按评查项，帕累托）</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>评查项</th>"
        "<th>案卷数</th><th>扣分</th><th>累计占比</th></tr>"
        + "".join(
            f"<tr><td>{e(r.title)}</td><td>{r.files}</td><td>{r.deducted:g}</td><td>{r.cumulative:.1f}%</td></tr>"
            for r in s.by_item[:20]
        )
        + "</table>",
        "<h3>常见问题（按检查规则）</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>规则</th>"
        "<th>案卷数</th><th>累计占比</th></tr>"
        + "".join(
            f"<tr><td title='{e(r.key)}'>{e(rule_title(r.key))}</td><td>{r.files}</td><td>{r.cumulative:.1f}%</td></tr>"
            for r in s.by_rule[:20]
        )
        + "</table>",
        "<h3>自动检查规则采纳率</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>规则</th><th>发现</th>"
        "<th>采纳</th><th>改分</th><th>否定</th><th>采纳率</th></tr>"
        + "".join(
            f"<tr><td title='{e(a.rule)}'>{e(rule_title(a.rule))}</td>"
            f"<td>{a.findings}</td><td>{a.accepted}</td><td>{a.overridden}</td>"
            f"<td>{a.rejected}</td><td>{'—' if a.precision is None else f'{a.precision * 100:.1f}%'}</td></tr>"
            for a in s.acceptance
        )
        + "</table>",
    ]
    return "".join(parts)


class DashboardDialog(QDialog):
    """The statistics dashboard of one campaign."""

    def __init__(self, parent: QWidget | None, campaign: CampaignDTO) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.stats: CampaignStats | None = None
        self.setWindowTitle(self.tr("统计看板 — %s") % campaign.name)
        self.resize(1000, 760)
        self.agency = QLineEdit(placeholderText=self.tr("单位（师市/部门）或师市"))
        self.reviewer = QLineEdit(placeholderText=self.tr("评查人员"))
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(self.tr(label), value)
        self.refresh = QPushButton(self.tr("刷新"))
        self.refresh.clicked.connect(self.load)
        filters = QHBoxLayout()
        for w in (QLabel(self.tr("筛选：")), self.agency, self.kind, self.reviewer, self.refresh):
            filters.addWidget(w)
        charts = QWidget()
        self.charts = QHBoxLayout(charts)
        self.charts.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # many units: the chart keeps its bar height and scrolls
        scroll.setWidget(charts)
        scroll.setWidgetResizable(True)
        self.details = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.details)
        split.setSizes([420, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        runtime().signals.changes.connect(self._on_changes)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.reviews or changes.ledger or changes.dossiers:  # figures the dashboard shows moved
            self.load()

    def filters(self) -> Filters:
        return Filters(
            agency=self.agency.text().strip() or None,
            kind=self.kind.currentData() or None,
            reviewer=self.reviewer.text().strip() or None,
        )

    def load(self) -> None:
        campaign_id, filters = self.campaign.id, self.filters()
        self.refresh.setEnabled(False)
        Op(self, lambda svc: svc.dashboard(campaign_id, filters)).success(self.show_stats).run()

    def show_stats(self, stats: CampaignStats) -> None:
        self.stats = stats
        self.refresh.setEnabled(True)
        while self.charts.count():
            item = self.charts.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.charts.addWidget(
            bar_chart(
                self.tr("等次分布（件）"),
                [g.grade for g in stats.grades],
                [float(g.count) for g in stats.grades],
                counts=True,
            ),
            2,
        )
        top = stats.agencies[:15]
        self.charts.addWidget(
            bar_chart(self.tr("各单位平均分"), [a.agency for a in top], [a.average for a in top], y_max=100), 3
        )
        self.details.setHtml(stats_html(stats))


def open_dashboard(win: MainWindow) -> DashboardDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    dialog = DashboardDialog(win, campaign)
    dialog.show()
    dialog.load()
    return dialog
