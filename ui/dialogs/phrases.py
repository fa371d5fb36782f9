"""Edit the phrase library of one rubric item: the shipped phrases (fixed numbers) and the reviewer's own."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.phrases import PhraseLibrary


class PhraseDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, shipped: list[str], phrases: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("常用扣分理由 — {title}").format(title=title))
        fixed = "".join(f"<br/>{n}. {html.escape(p)}" for n, p in enumerate(shipped, 1))
        head = QLabel(self.tr("内置常用语（编号固定）：{list}").format(list=fixed or self.tr("（无）")))
        head.setWordWrap(True)
        self.edit = QPlainTextEdit("\n".join(phrases))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(head)
        box.addWidget(
            QLabel(self.tr("我的常用语（每行一条，编号接在内置常用语之后；前 9 条可用 Ctrl+1 … Ctrl+9 填入）："))
        )
        box.addWidget(self.edit)
        box.addWidget(buttons)
        self.resize(560, 380)

    def phrases(self) -> list[str]:
        return self.edit.toPlainText().splitlines()


def edit_phrases(parent: QWidget | None, library: PhraseLibrary, item: Any, *, rubric: str = "") -> bool:
    shipped = library.shipped(item.item, rubric=rubric)
    dlg = PhraseDialog(parent, title=item.title, shipped=shipped, phrases=library.own_phrases(item.item))
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return False
    library.set_phrases(item.item, dlg.phrases())
    return True
