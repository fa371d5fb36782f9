"""The submit dialog (Ctrl+Enter): submitting means "I looked".

It says how many items are confirmed, lists the unconfirmed ones by title and offers only what can be
done: with every item confirmed, 提交评查 (the default button); otherwise 转到未确认项 (the default:
Enter never submits and never silently cancels) and, when only items with no automatic deduction and no
需人工核查 mark are left, the one named step "其余 N 项确认为不扣分并提交" (recorded in the audit log
as ``review.confirm_rest``). Automatic deductions and 需人工核查 items are confirmed one by one.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.review_flow import LookedCheck, check_looked


class Choice(Enum):
    SUBMIT = "submit"
    CONFIRM_REST = "confirm_rest"
    GO_TO = "go_to"
    BACK = "back"


class SubmitDialog(QDialog):
    def __init__(self, review: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("提交评查"))
        self.check: LookedCheck = check_looked(review)
        self.choice = Choice.BACK
        unconfirmed = self.check.unconfirmed
        total = len(review.items)
        summary = self.tr("得分 {total:g}，等次 {grade}。已确认 {done}/{count} 项。").format(
            total=review.total, grade=review.grade, done=total - len(unconfirmed), count=total)
        box = QVBoxLayout(self)
        self.summary = QLabel(summary)
        box.addWidget(self.summary)
        self.items = QListWidget()
        self.items.setWordWrap(True)  # whole titles: the reviewer reads what was not looked at
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.first_item: str | None = None
        self._fill(box)
        buttons = QDialogButtonBox()
        self.submit_btn: QPushButton | None = None
        self.rest_btn: QPushButton | None = None
        self.go_btn: QPushButton | None = None
        if self.check.ready:
            box.addWidget(QLabel(self.tr("提交后本评查表将被锁定，不能再修改。")))
            self.submit_btn = self._button(buttons, self.tr("提交评查"), Choice.SUBMIT)
        else:
            self.go_btn = self._button(buttons, self.tr("转到第一个未确认项"), Choice.GO_TO)
            if not self.check.one_by_one and not self.check.no_reason:
                self.rest_btn = self._button(buttons, self.tr("其余 {n} 项确认为不扣分并提交").format(
                    n=len(self.check.rest)), Choice.CONFIRM_REST)
        back = self._button(buttons, self.tr("返回评查"), Choice.BACK)
        default = self.submit_btn or self.go_btn or back
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(b is default)
                b.setDefault(b is default)
        box.addWidget(buttons)
        default.setFocus()
        self.resize(640, 460 if unconfirmed else 160)

    def _fill(self, box: QVBoxLayout) -> None:
        c = self.check
        if not (c.unconfirmed or c.no_reason):
            return
        lines: list[tuple[str, str]] = []
        lines += [(i.item, self.tr("{t}（自动扣 {n:g} 分，请逐项确认）").format(t=i.title, n=i.auto_deducted)
                   if not i.veto else self.tr("{t}（否决项适用，请逐项确认）").format(t=i.title)) for i in c.automatic]
        lines += [(i.item, self.tr("{t}（需人工核查，请逐项确认）").format(t=i.title)) for i in c.undecided]
        lines += [(i.item, self.tr("{t}（扣 {n:g} 分，缺少扣分理由）").format(t=i.title, n=i.deducted))
                  for i in c.no_reason]
        lines += [(i.item, i.title) for i in c.rest]
        head = self.tr("尚有 {n} 项未确认，不能提交：").format(n=len(c.unconfirmed)) if c.unconfirmed else \
            self.tr("以下扣分项缺少扣分理由，不能提交：")
        box.addWidget(QLabel(head))
        for _item, text in lines:
            self.items.addItem(text)
        self.first_item = lines[0][0]
        box.addWidget(self.items, 1)
        if c.one_by_one:
            box.addWidget(QLabel(self.tr("自动扣分和需人工核查的项须逐项确认（Enter 接受建议，数字键改扣分）。")))

    def _button(self, buttons: QDialogButtonBox, text: str, choice: Choice) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        assert button is not None
        button.clicked.connect(lambda _c=False: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice is not Choice.BACK else QDialog.DialogCode.Rejected)
