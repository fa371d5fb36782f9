"""A date field that takes a date typed in full (2026-11-01), the app's one display format (ui.dates).

QDateEdit edits section by section: after the fourth digit of the year it moves to the month on its own, so
the "-" the reviewer types next moves once more, to the day, and "2026-11-01" came out as 2027-11-01 or
2026-01-11 depending on where the cursor was. Here a separator right after such an automatic move is
swallowed, and typing a digit over the whole (selected) text or at its start begins at the year.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from ui.dates import QT_DATE_FORMAT

SEPARATORS = frozenset("-/.年月日")


class DateField(QDateEdit):
    def __init__(self, date: QDate | dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(QT_DATE_FORMAT)
        self.setCalendarPopup(True)
        if date is not None:
            self.setDate(date if isinstance(date, QDate) else QDate(date.year, date.month, date.day))
        self._advanced = False  # the last digit completed a section and Qt moved on by itself

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        edit = self.lineEdit()
        if text and text in SEPARATORS and self._advanced:
            self._advanced = False
            event.accept()
            return
        if text.isdigit():
            whole = edit.hasSelectedText() and len(edit.selectedText()) == len(edit.text())
            if whole or edit.cursorPosition() == 0:
                self.setSelectedSection(QDateTimeEdit.Section.YearSection)
            before = self.currentSection()
            super().keyPressEvent(event)
            self._advanced = self.currentSection() != before
            return
        self._advanced = False
        super().keyPressEvent(event)
