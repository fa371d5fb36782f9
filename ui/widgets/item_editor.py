"""The current item's editor at the foot of the 评分表 tab.

It holds the widgets only (title and automatic result, deduction, reason with the phrase list, buttons,
the key hint); ui.widgets.score_sheet wires them to the review.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KEYS_HELP = ("Enter 接受建议并到下一未确认项 · 0–9 扣分并下一项 · Ctrl+1…9 常用语作理由并下一项 · +/- 半分 · "
             "Del 恢复自动值 · N 下一未确认 · F 下一自动发现 · 空格 看证据 · R 写理由 · Ctrl+Enter 提交")


class ItemEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_label = QLabel()
        self.item_label.setWordWrap(True)
        self.item_label.setTextFormat(Qt.TextFormat.RichText)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.5)
        self.spin.setSuffix(self.tr(" 分"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.setMinimumContentsLength(12)
        self.reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        edit = self.reason.lineEdit()
        assert edit is not None  # an editable combo box always has one
        edit.setPlaceholderText(self.tr("扣分理由（Ctrl+1…9 常用语，回车保存并到下一项）"))
        self.confirm_btn = self._button(self.tr("确认 (Enter)"))
        self.clear_btn = self._button(self.tr("恢复自动值 (Del)"))
        self.phrases_btn = self._button(self.tr("常用语…"))
        self.submit_btn = self._button(self.tr("提交评查 (Ctrl+Enter)"))
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #b45309;")
        self.help_label = QLabel(self.tr(KEYS_HELP))
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #6b7280;")
        self._layout()

    def _button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keyboard where it was
        return button

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("扣分")))
        row.addWidget(self.spin)
        row.addWidget(self.reason, 1)
        buttons = QHBoxLayout()
        for b in (self.confirm_btn, self.clear_btn, self.phrases_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_btn)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 2, 4, 2)
        box.setSpacing(3)
        box.addWidget(self.item_label)
        box.addLayout(row)
        box.addLayout(buttons)
        box.addWidget(self.hint_label)
        box.addWidget(self.help_label)

    def set_enabled_for(self, *, locked: bool) -> None:
        for w in (self.spin, self.reason, self.confirm_btn, self.clear_btn, self.submit_btn):
            w.setEnabled(not locked)
