"""One date format in the window, and date fields that take a date typed in full (issue 14, "Seen":
typing 2026-11-01 in the ledger's date field gave 2027-11-01)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from ui.dates import show_date, show_datetime


def _type_date(qtbot: Any, field: Any, keys: str, *, select_all: bool) -> dt.date:
    field.setDate(QDate(2027, 1, 2))  # the ledger's default, today (2026-12-03) + 30 days
    field.setFocus(Qt.FocusReason.TabFocusReason)
    if select_all:
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, keys)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    day = field.date().toPython()
    assert isinstance(day, dt.date)
    return day


@pytest.mark.parametrize("keys", ["2026-11-01", "2026/11/01", "20261101"])
@pytest.mark.parametrize("select_all", [True, False])
def test_ledger_deadline_takes_a_date_typed_in_full(qtbot: Any, runtime: Any, campaign: Any, keys: str,
                                                    select_all: bool) -> None:
    from ui.ledger_window import LedgerWindow

    window = LedgerWindow(None, campaign)
    qtbot.addWidget(window)
    window.show()
    assert _type_date(qtbot, window.deadline, keys, select_all=select_all) == dt.date(2026, 11, 1)
    assert window.deadline.text() == "2026-11-01"


def test_reports_deadline_takes_a_date_typed_in_full(qtbot: Any, runtime: Any, campaign: Any) -> None:
    from ui.reports_dialog import ReportsDialog

    dialog = ReportsDialog(None, campaign)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _type_date(qtbot, dialog.deadline, "2026-11-01", select_all=True) == dt.date(2026, 11, 1)


def test_typing_only_the_day_changes_only_the_day(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDateTimeEdit

    from ui.widgets.date_field import DateField

    field = DateField(QDate(2027, 1, 2))
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    field.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(field, "15")
    assert field.date().toPython() == dt.date(2027, 1, 15)


def test_one_display_format() -> None:
    assert show_date(dt.date(2026, 12, 3)) == "2026-12-03"
    assert show_date("2026-12-03T14:05:09") == "2026-12-03"
    assert show_datetime("2026-12-03T14:05:09.123") == "2026-12-03 14:05:09"
    assert show_date(None) == ""


def test_dossier_fields_and_replay_times_use_the_one_format() -> None:
    from ui.dialogs.replay_dialog import _when
    from ui.models.dossier import _field_text

    assert _field_text("filing_date", "2024-03-04") == "2024-03-04"
    assert _field_text("decision_date", "2024-07-01T00:00:00") == "2024-07-01"
    assert _when("2026-12-03T14:05:09.5") == "2026-12-03 14:05:09"  # was "12-03 14:05:09"
