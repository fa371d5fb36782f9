"""Blocking questions in one place, so tests can answer them (monkeypatch `confirm`/`inform`)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import errors


def confirm(parent: QWidget | None, *, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, *, title: str, text: str) -> None:
    """A warning the user must read; non-blocking (recorded like errors for tests and the log)."""
    global last_inform
    errors.recent.append(errors.ShownError(title, text, ""))
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()
    last_inform = box


last_inform: QMessageBox | None = None
