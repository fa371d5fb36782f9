"""Undo commands for reviewer edits: each holds old and new values and calls the core through a session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QUndoCommand


@dataclass(frozen=True, slots=True)
class ItemState:
    """A reviewer's decision on one item: None deducted means "no decision (automatic value)"."""

    deducted: float | None
    reason: str = ""


class ItemWriter(Protocol):
    def write_item(self, item: str, state: ItemState) -> None: ...


class ScoreItemCommand(QUndoCommand):
    """Set, change or clear one item's score; undo restores the previous decision."""

    def __init__(self, writer: ItemWriter, item: str, *, old: ItemState, new: ItemState, text: str) -> None:
        super().__init__(text)
        self.writer = writer
        self.item = item
        self.old = old
        self.new = new

    def redo(self) -> None:
        self.writer.write_item(self.item, self.new)

    def undo(self) -> None:
        self.writer.write_item(self.item, self.old)
