"""Edit the phrase library of one rubric item (one phrase a line)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.phrases import PhraseLibrary


class PhraseDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, phrases: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("常用扣分理由 — {title}").format(title=title))
        self.edit = QPlainTextEdit("\n".join(phrases))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("每行一条；前 9 条可用 Ctrl+1 … Ctrl+9 一键填入，所有案卷共用。")))
        box.addWidget(self.edit)
        box.addWidget(buttons)
        self.resize(520, 320)

    def phrases(self) -> list[str]:
        return self.edit.toPlainText().splitlines()


def edit_phrases(parent: QWidget | None, library: PhraseLibrary, item: Any) -> bool:
    dlg = PhraseDialog(parent, title=item.title, phrases=library.own_phrases(item.item))
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return False
    library.set_phrases(item.item, dlg.phrases())
    return True
