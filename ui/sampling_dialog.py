"""组织 → 抽样与分配…: draw N files or P % per agency with a shown seed, preview the draw and the assignment
(回避: never a reviewer of the file's own agency), then save. Both are one call of ``app.services.sampling``
(through the window's services): what the preview shows is what saving writes."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services.dto import CampaignDTO
from app.services.sampling import Draw, DrawRequest, new_seed
from app.services.users import role_label
from ui import dialogs_api
from ui.dialogs.users_dialog import AddUserDialog, UserEntry, unit_choices, user_entries
from ui.errors import describe
from ui.ops import Op

if TYPE_CHECKING:
    from ui.main_window import MainWindow

BLIND_HELP = ("盲评：评查人员在案卷列表、要素、问题和标题中看不到被评查单位和执法人员姓名（显示为执法人员甲/乙）。"
              "案卷扫描页本身是证据，照常显示——页面上的抬头、印章和签名不会被遮盖。")
SEED_NOTE = "同一种子、同一批案卷、同样的设置，抽样和分配结果完全相同：请把种子记入工作底稿，任何人都可据此复核。"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def draw_html(draw: Draw) -> str:
    total: Counter[str] = Counter(c.agency for c in draw.candidates)
    files: dict[str, list[str]] = defaultdict(list)
    for c in draw.drawn:
        files[c.agency].append(c.file_name or str(c.dossier_id))
    by_id = {c.dossier_id: c for c in draw.drawn}
    head = f"<h3>已保存分配（种子 {draw.seed}）</h3>" if draw.saved else f"<h3>预览（种子 {draw.seed}，尚未保存）</h3>"
    parts = [
        head,
        f"<p>共 {len(draw.candidates)} 份案卷，抽取 {len(draw.drawn)} 份。</p>",
        _table(
            ("被评查单位", "抽取 / 总数", "抽中的案卷"),
            [(a, f"{len(files[a])} / {n}", "、".join(files[a]) or "—") for a, n in sorted(total.items())],
        ),
    ]
    if draw.problem:
        parts.append(f"<p style='color:#b91c1c'><b>不能分配：</b>{html.escape(draw.problem)}</p>")
    else:
        load: Counter[str] = Counter(name for a in draw.assignments for name in a.reviewers)
        parts += [
            "<h3>分配</h3>",
            _table(
                ("案卷", "被评查单位", "评查人员"),
                [
                    (by_id[a.dossier_id].file_name, by_id[a.dossier_id].agency, "、".join(a.reviewers))
                    for a in draw.assignments
                ],
            ),
            "<p>每人件数：" + html.escape("，".join(f"{n} {k} 份" for n, k in sorted(load.items()))) + "</p>",
        ]
    if draw.existing and not draw.saved:
        parts.append(f"<p>本评查活动已有 {draw.existing} 条分配；确定分配会在其上追加，已有的分配不变。</p>")
    return "".join(parts)


class SamplingDialog(QDialog):
    """Preview and save a draw. Saving is broadcast (``AppSignals.changes``): the case list refreshes."""

    def __init__(self, parent: QWidget | None, campaign: CampaignDTO) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.draw: Draw | None = None
        self.users: list[UserEntry] = []
        self.add_dialog: AddUserDialog | None = None
        self.setWindowTitle(self.tr("抽样与分配 — {name}").format(name=campaign.name))
        self.resize(1180, 700)
        self.preview_view = QTextBrowser()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QVBoxLayout()
        for widget in (self._sample_box(), self._seed_box(), self._reviewer_box(), self._options_box()):
            left.addWidget(widget)
        left.addStretch(1)
        self.preview_button = QPushButton(self.tr("预览"))
        self.save_button = QPushButton(self.tr("确定分配"))
        close = QPushButton(self.tr("关闭"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.preview_button.setDefault(True)  # Enter previews; saving is always a deliberate click
        for b in (self.save_button, close, self.reseed, self.add_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.preview_button, self.save_button, close):
            buttons.addWidget(b)
        main = QHBoxLayout()
        main.addLayout(left, 0)
        main.addWidget(self.preview_view, 1)
        box = QVBoxLayout(self)
        box.addLayout(main, 1)
        box.addLayout(buttons)

    # the form ----------------------------------------------------------------------------
    def _sample_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("抽样（按被评查单位分层，单位内按案件类别分配）"))
        self.by_count = QRadioButton(self.tr("每单位抽取"))
        self.by_percent = QRadioButton(self.tr("每单位按比例"))
        self.by_count.setChecked(True)
        self.mode = QButtonGroup(group)
        self.mode.addButton(self.by_count)
        self.mode.addButton(self.by_percent)
        self.count = QSpinBox(minimum=1, maximum=100000, value=3, suffix=self.tr(" 件"))
        self.percent = QDoubleSpinBox(minimum=0.1, maximum=100.0, value=10.0, decimals=1, suffix=" %")
        self.by_count.toggled.connect(self._sync_mode)
        grid = QGridLayout(group)
        grid.addWidget(self.by_count, 0, 0)
        grid.addWidget(self.count, 0, 1)
        grid.addWidget(self.by_percent, 1, 0)
        grid.addWidget(self.percent, 1, 1)
        self._sync_mode()
        return group

    def _sync_mode(self) -> None:
        self.count.setEnabled(self.by_count.isChecked())
        self.percent.setEnabled(not self.by_count.isChecked())

    def _seed_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("随机种子"))
        self.seed = QLineEdit(str(new_seed()))
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{1,18}"), self.seed))
        font = QFont(self.seed.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.seed.setFont(font)
        self.seed.setToolTip(self.tr("可复制；输入以前的种子即可重现当时的抽样"))
        self.reseed = QPushButton(self.tr("换一个"))
        self.reseed.clicked.connect(lambda: self.seed.setText(str(new_seed())))
        note = QLabel(self.tr(SEED_NOTE))
        note.setWordWrap(True)
        note.setStyleSheet("color: #4b5563")
        row = QHBoxLayout()
        row.addWidget(self.seed, 1)
        row.addWidget(self.reseed)
        box = QVBoxLayout(group)
        box.addLayout(row)
        box.addWidget(note)
        return group

    def _reviewer_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("评查人员（勾选参加本次评查的人员）"))
        self.reviewer_list = QListWidget()
        self.reviewer_list.setMinimumHeight(120)
        self.add_button = QPushButton(self.tr("添加评查人员…"))
        self.add_button.clicked.connect(self.add_reviewer)
        box = QVBoxLayout(group)
        box.addWidget(self.reviewer_list)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        return group

    def _options_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("分配"))
        self.per_file = QComboBox()
        self.per_file.addItem(self.tr("每卷 1 人"), 1)
        self.per_file.addItem(self.tr("每卷 2 人（交叉评查，之后合议定稿）"), 2)
        self.blind = QCheckBox(self.tr("盲评（对评查人员隐藏被评查单位和执法人员姓名）"))
        help_text = QLabel(self.tr(BLIND_HELP))
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #4b5563")
        box = QVBoxLayout(group)
        box.addWidget(self.per_file)
        box.addWidget(self.blind)
        box.addWidget(help_text)
        group.setMaximumWidth(470)
        return group

    # users -------------------------------------------------------------------------------
    def load_users(self, *, check: str | None = None) -> None:
        Op(self, user_entries).success(lambda users: self.show_users(users, check=check)).failure(self._failed).run()

    def show_users(self, users: list[UserEntry], *, check: str | None = None) -> None:
        keep = set(self.chosen()) | ({check} if check else set())
        self.users = users
        self.reviewer_list.clear()
        for u in users:
            item = QListWidgetItem(u.label)
            item.setData(Qt.ItemDataRole.UserRole, u.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.name in keep else Qt.CheckState.Unchecked)
            item.setToolTip(
                self.tr("{role}，所属单位：{unit}").format(role=role_label(u.role), unit=u.unit or self.tr("无"))
            )
            self.reviewer_list.addItem(item)
        if not users:
            self.message.setText(self.tr("数据库中还没有用户：请先点“添加评查人员…”。"))

    def chosen(self) -> list[str]:
        items = (self.reviewer_list.item(i) for i in range(self.reviewer_list.count()))
        return [str(it.data(Qt.ItemDataRole.UserRole)) for it in items if it.checkState() == Qt.CheckState.Checked]

    def set_chosen(self, names: Sequence[str]) -> None:
        for i in range(self.reviewer_list.count()):
            item = self.reviewer_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def add_reviewer(self) -> AddUserDialog:
        dialog = AddUserDialog(self, units=[])
        Op(self, unit_choices).success(lambda units: dialog.unit.addItems(units)).run()
        dialog.created.connect(lambda entry: self.load_users(check=entry.name))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    # preview and save ----------------------------------------------------------------------
    def request(self) -> DrawRequest | None:
        text = self.seed.text().strip()
        if not text.isdigit():
            self.message.setText(self.tr("请填写随机种子（数字），或点“换一个”。"))
            return None
        by_count = self.by_count.isChecked()
        return DrawRequest(
            int(self.campaign.id),
            tuple(self.chosen()),
            int(text),
            self.count.value() if by_count else None,
            None if by_count else self.percent.value(),
            int(self.per_file.currentData()),
            self.blind.isChecked(),
        )

    def preview(self) -> None:
        req = self.request()
        if req is None:
            return
        self.message.clear()
        self._busy(True)
        Op(self, lambda svc: svc.preview_draw(req)).success(self.show_draw).failure(self._failed).run()

    def show_draw(self, draw: Draw) -> None:
        self._busy(False)
        self.draw = draw
        self.preview_view.setHtml(draw_html(draw))
        if draw.problem:
            self.message.setText(self.tr("请在左侧勾选评查人员。") if not draw.request.reviewers else draw.problem)

    def save(self) -> None:
        req = self.request()
        if req is None:
            return
        if not req.reviewers:
            self.message.setText(self.tr("请先勾选评查人员。"))
            return
        question = self.tr(
            "按种子 {seed} 抽样并分配给 {n} 名评查人员{blind}？\n保存后写入审计日志，已保存的分配不能在此撤销。"
        ).format(seed=req.seed, n=len(req.reviewers), blind=self.tr("（盲评）") if req.blind else "")
        if not dialogs_api.confirm(self, title=self.tr("确定分配"), text=question):
            return
        self.message.clear()
        self._busy(True)
        Op(self, lambda svc: svc.save_draw(req)).success(self._saved).failure(self._failed).run()

    def _saved(self, draw: Draw) -> None:
        self._busy(False)
        self.draw = draw
        self.preview_view.setHtml(draw_html(draw))
        self.message.setStyleSheet("color: #15803d")
        self.message.setText(
            self.tr("已保存：抽取 {n} 份，种子 {seed}（已记入审计日志）。").format(n=len(draw.drawn), seed=draw.seed)
        )

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.setStyleSheet("color: #b91c1c")
        reason = exc.message if isinstance(exc, KnownError) else describe(exc)
        self.message.setText(self.tr("未能完成：{reason}").format(reason=reason))

    def _busy(self, busy: bool) -> None:
        self.message.setStyleSheet("color: #b91c1c")
        for b in (self.preview_button, self.save_button):
            b.setEnabled(not busy)


# --- the 组织 menu ----------------------------------------------------------------------------------


def open_sampling(win: MainWindow) -> SamplingDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    dialog = SamplingDialog(win, campaign)
    dialog.show()
    dialog.load_users()
    return dialog
