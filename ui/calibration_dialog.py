"""组织 → 评查校准…: the gold set's comparison and drift. A reviewer sees their own submitted gold files item by
item against the gold result (with the gold reasons) and their agreement per week; a supervisor sees every
reviewer's, marks the current dossier (by number) as gold and assigns the gold set to a reviewer. A thin
caller of ``app.services.calibration``; every call runs off the UI thread (``Op``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.calibration import CalibrationResult, DriftPoint
from app.services.dto import CampaignDTO
from ui import ops
from ui.ops import Op

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RESULT_HEADERS = ("案卷", "评查人员", "本人得分", "金标准得分", "一致率")
DIFF_HEADERS = ("评查项", "本人扣分", "金标准扣分", "金标准理由", "本人理由")
DRIFT_HEADERS = ("评查人员", "时段", "件数", "与金标准一致率", "与定稿一致率", "与定稿总分平均差")
Loaded = tuple[list[CalibrationResult], list[DriftPoint], int]


def share(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _table(parent: QWidget, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels([parent.tr(h) for h in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class CalibrationDialog(QDialog):
    def __init__(self, parent: QWidget | None, campaign: CampaignDTO, *, supervisor: bool) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.results: list[CalibrationResult] = []
        self.setWindowTitle(self.tr("评查校准 — %1").replace("%1", campaign.name))
        self.resize(980, 680)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.result_table = _table(self, RESULT_HEADERS)
        self.result_table.itemSelectionChanged.connect(self._show_selected)
        self.diff_table = _table(self, DIFF_HEADERS)
        self.drift_table = _table(self, DRIFT_HEADERS)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if supervisor:
            layout.addLayout(self._supervisor_row())
        layout.addWidget(QLabel(self.tr("已提交的金标准案卷（选中一行查看逐项差异）：")))
        layout.addWidget(self.result_table, 2)
        layout.addWidget(QLabel(self.tr("与金标准不同的评查项及金标准理由：")))
        layout.addWidget(self.diff_table, 3)
        layout.addWidget(QLabel(self.tr("评查尺度漂移（按周）：")))
        layout.addWidget(self.drift_table, 2)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _supervisor_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.gold_dossier = QSpinBox()
        self.gold_dossier.setRange(1, 2_000_000_000)
        mark = QPushButton(self.tr("设为金标准"))
        mark.clicked.connect(self.mark)
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText(self.tr("评查人员姓名"))
        assign = QPushButton(self.tr("分配金标准案卷"))
        assign.clicked.connect(self.assign)
        for w in (
            QLabel(self.tr("案卷编号")),
            self.gold_dossier,
            mark,
            QLabel(self.tr("新评查人员")),
            self.reviewer,
            assign,
        ):
            row.addWidget(w)
        return row

    def load(self) -> None:
        cid = self.campaign.id

        def call(svc: Any) -> Loaded:
            result: Loaded = svc.calibration_overview(cid)
            return result

        Op(self, call).success(self.show_loaded).failure(self._failed).run()

    def show_loaded(self, loaded: Loaded) -> None:
        self.results, points, gold = loaded
        self.summary.setText(
            self.tr("金标准案卷 %1 件，已提交的校准评查 %2 份。")
            .replace("%1", str(gold))
            .replace("%2", str(len(self.results)))
        )
        _fill(
            self.result_table,
            [
                (
                    f"{r.dossier_id} {r.file_name}",
                    r.reviewer,
                    f"{r.total:g}（{r.grade}）",
                    f"{r.gold_total:g}（{r.gold_grade}）",
                    share(r.agreement),
                )
                for r in self.results
            ],
        )
        _fill(
            self.drift_table,
            [
                (
                    p.reviewer,
                    p.period,
                    str(p.reviews),
                    share(p.gold_agreement),
                    share(p.final_agreement),
                    "—" if p.total_gap is None else f"{p.total_gap:g}",
                )
                for p in points
            ],
        )
        if self.results:
            self.result_table.selectRow(0)
        else:
            _fill(self.diff_table, [])

    def _show_selected(self) -> None:
        rows = {i.row() for i in self.result_table.selectedIndexes()}
        if len(rows) != 1:
            return
        r = self.results[rows.pop()]
        _fill(
            self.diff_table,
            [
                (
                    d.title,
                    f"{d.mine:g}",
                    f"{d.gold:g}",
                    d.gold_reason or self.tr("（无）"),
                    d.my_reason or self.tr("（无）"),
                )
                for d in r.differences
            ],
        )

    def mark(self) -> None:
        cid, dossier = self.campaign.id, self.gold_dossier.value()
        Op(self, lambda svc: svc.mark_gold(cid, dossier)).success(
            lambda gold: self._done(self.tr("金标准案卷现有 %1 件。").replace("%1", str(len(gold))))
        ).failure(self._failed).run()

    def assign(self) -> None:
        cid, name = self.campaign.id, self.reviewer.text().strip()

        def call(svc: Any) -> list[int]:
            ids: list[int] = svc.assign_gold(cid, name)
            return ids

        Op(self, call).success(
            lambda ids: self._done(self.tr("已分配 %1 件金标准案卷。").replace("%1", str(len(ids))))
        ).failure(self._failed).run()

    def _done(self, text: str) -> None:
        self.say(text)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self.say(str(exc).strip("'\""), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)


class GoldComparisonDialog(QDialog):
    """Shown after a reviewer submits a gold dossier: where they differ from the gold result, and why."""

    def __init__(self, parent: QWidget | None, result: CalibrationResult) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("校准对照 — %1").replace("%1", result.file_name))
        self.resize(900, 480)
        summary = QLabel(
            self.tr("本案卷是金标准案卷。您的得分 %1（%2），金标准 %3（%4）；%5 项中 %6 项与金标准不同，一致率 %7。")
            .replace("%1", f"{result.total:g}")
            .replace("%2", result.grade)
            .replace("%3", f"{result.gold_total:g}")
            .replace("%4", result.gold_grade)
            .replace("%5", str(len(result.items)))
            .replace("%6", str(len(result.differences)))
            .replace("%7", share(result.agreement))
        )
        summary.setWordWrap(True)
        self.table = _table(self, DIFF_HEADERS)
        _fill(
            self.table,
            [
                (
                    d.title,
                    f"{d.mine:g}",
                    f"{d.gold:g}",
                    d.gold_reason or self.tr("（无）"),
                    d.my_reason or self.tr("（无）"),
                )
                for d in result.differences
            ],
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def offer_gold_comparison(parent: QWidget, review_id: int) -> None:
    """After a submit: if the file is a gold dossier, show the comparison (nothing otherwise)."""

    def show(result: CalibrationResult | None) -> None:
        if result is not None:
            dialog = GoldComparisonDialog(parent, result)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()

    Op(parent, lambda svc: svc.gold_comparison(review_id)).success(show).failure(lambda _exc: None).run()


def open_calibration(win: MainWindow) -> CalibrationDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    user = ops.runtime().services.user if ops.has_runtime() else None
    dialog = CalibrationDialog(win, campaign, supervisor=getattr(user, "role", "") in ("supervisor", "admin"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.load()
    return dialog
