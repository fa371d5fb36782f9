"""Reviewer accounts for the sampling dialog: the list of users with their units, and 添加评查人员…"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorCode, KnownError
from app.services.users import ROLE_LABELS, role_label
from ui.errors import describe
from ui.ops import Op

if TYPE_CHECKING:
    from ui.services import Services

ROLE_NAMES = ROLE_LABELS


@dataclass(frozen=True, slots=True)
class UserEntry:
    """One account as the dialogs show it."""

    id: int
    name: str
    role: str
    unit: str  # agency path "师市/部门", "" without a unit

    @property
    def label(self) -> str:
        role = role_label(self.role)
        return f"{self.name}（{self.unit or '无所属单位'}，{role}）"


def user_entries(svc: Services) -> list[UserEntry]:
    """Every account with its unit's path, by name (runs on the db executor)."""
    paths = {a.id: a.path for a in svc.list_units()}
    users = sorted(svc.list_users(), key=lambda u: u.name)
    return [UserEntry(u.id, u.name, u.role, paths.get(u.agency_id, "") if u.agency_id else "") for u in users]


def unit_choices(svc: Services) -> list[str]:
    return [a.path for a in svc.list_units()]


def create_user(svc: Services, name: str, *, role: str, unit: str) -> UserEntry:
    """A new account with its unit (created as a path if missing); an existing name is refused."""
    name = name.strip()
    if any(u.name == name for u in svc.list_users()):
        raise KnownError(ErrorCode.USAGE, f"用户“{name}”已存在，请直接在名单中勾选")
    user = svc.add_user(name, role=role, unit=unit.strip() or None)
    return next(u for u in user_entries(svc) if u.id == user.id)


class AddUserDialog(QDialog):
    """Name, role and unit of a new reviewer. Signals: created(UserEntry)."""

    created = Signal(object)

    def __init__(self, parent: QWidget | None, *, units: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加评查人员"))
        self.name = QLineEdit(placeholderText=self.tr("姓名（登录名）"))
        self.role = QComboBox()
        for value, label in ROLE_NAMES.items():
            self.role.addItem(self.tr(label), value)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(["", *units])
        edit = self.unit.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("师市/部门，如 第八师/市场监督管理局；律师等可留空"))
        self.unit.setMinimumWidth(320)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名："), self.name)
        form.addRow(self.tr("角色："), self.role)
        form.addRow(self.tr("所属单位："), self.unit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(QLabel(self.tr("回避按所属单位判断：不会把案卷分配给与被评查单位相同单位的人员。")))
        box.addWidget(self.message)
        box.addWidget(buttons)

    def submit(self) -> None:
        name, role, unit = self.name.text().strip(), str(self.role.currentData()), self.unit.currentText().strip()
        if not name:
            self.message.setText(self.tr("请填写姓名。"))
            return
        self.buttons.setEnabled(False)
        Op(self, lambda svc: create_user(svc, name, role=role, unit=unit)).success(self._done).failure(
            self._failed).run()

    def _done(self, entry: UserEntry) -> None:
        self.buttons.setEnabled(True)
        self.created.emit(entry)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe(exc))
