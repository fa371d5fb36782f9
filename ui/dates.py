"""The one date format a person reads in the window: YYYY-MM-DD (GB/T 7408 / ISO 8601), e.g. 2026-12-03.

Every date shown in ui/ goes through here; times of day add HH:MM:SS.
"""

from __future__ import annotations

import datetime as dt

QT_DATE_FORMAT = "yyyy-MM-dd"  # QDateEdit / QDate.toString spelling of DATE_FORMAT
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def show_date(value: dt.date | dt.datetime | str | None) -> str:
    """A date (or the date part of an ISO timestamp) as 2026-12-03; "" for None."""
    if value is None or value == "":
        return ""
    day: dt.date
    if isinstance(value, str):
        try:
            day = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.strftime(DATE_FORMAT)


def show_datetime(value: dt.datetime | str | None) -> str:
    """A moment as 2026-12-03 14:05:09 (local time as stored); "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    return moment.strftime(DATETIME_FORMAT)
