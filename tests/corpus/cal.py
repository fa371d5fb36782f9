"""Our own Chinese public-holiday table (2019–2026) and working-day arithmetic for the corpus.

Kept independent of the product's calendar on purpose: the corpus must not share tables with the code it
measures.  Source: the State Council's yearly 节假日安排 notices (法定节假日 and 调休 make-up working days).
"""

from __future__ import annotations

import datetime as dt

# (first day, last day) of each public-holiday block, and the make-up working days (调休上班).
_BLOCKS: dict[int, tuple[list[tuple[str, str]], list[str]]] = {
    2019: (
        [("01-01", "01-01"), ("02-04", "02-10"), ("04-05", "04-07"), ("05-01", "05-04"),
         ("06-07", "06-09"), ("09-13", "09-15"), ("10-01", "10-07")],
        ["02-02", "02-03", "04-28", "05-05", "09-29", "10-12"],
    ),
    2020: (
        [("01-01", "01-01"), ("01-24", "02-02"), ("04-04", "04-06"), ("05-01", "05-05"),
         ("06-25", "06-27"), ("10-01", "10-08")],
        ["01-19", "04-26", "05-09", "06-28", "09-27", "10-10"],
    ),
    2021: (
        [("01-01", "01-03"), ("02-11", "02-17"), ("04-03", "04-05"), ("05-01", "05-05"),
         ("06-12", "06-14"), ("09-19", "09-21"), ("10-01", "10-07")],
        ["02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"],
    ),
    2022: (
        [("01-01", "01-03"), ("01-31", "02-06"), ("04-03", "04-05"), ("04-30", "05-04"),
         ("06-03", "06-05"), ("09-10", "09-12"), ("10-01", "10-07")],
        ["01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"],
    ),
    2023: (
        [("01-01", "01-02"), ("01-21", "01-27"), ("04-05", "04-05"), ("04-29", "05-03"),
         ("06-22", "06-24"), ("09-29", "10-06")],
        ["01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"],
    ),
    2024: (
        [("01-01", "01-01"), ("02-10", "02-17"), ("04-04", "04-06"), ("05-01", "05-05"),
         ("06-10", "06-10"), ("09-15", "09-17"), ("10-01", "10-07")],
        ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"],
    ),
    2025: (
        [("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"), ("05-01", "05-05"),
         ("05-31", "06-02"), ("10-01", "10-08")],
        ["01-26", "02-08", "04-27", "09-28", "10-11"],
    ),
    2026: (
        [("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"),
         ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07")],
        ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
    ),
}


def _expand() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    holidays: set[dt.date] = set()
    makeup: set[dt.date] = set()
    for year, (blocks, work) in _BLOCKS.items():
        for first, last in blocks:
            day = dt.date.fromisoformat(f"{year}-{first}")
            end = dt.date.fromisoformat(f"{year}-{last}")
            while day <= end:
                holidays.add(day)
                day += dt.timedelta(days=1)
        makeup.update(dt.date.fromisoformat(f"{year}-{d}") for d in work)
    return frozenset(holidays), frozenset(makeup)


HOLIDAYS, MAKEUP_WORKDAYS = _expand()


def is_workday(day: dt.date) -> bool:
    """True on a working day: Monday–Friday that is no public holiday, or a 调休 make-up day."""
    if day in MAKEUP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def next_workday(day: dt.date) -> dt.date:
    """The first working day on or after ``day``."""
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``day`` (the start day itself not counted)."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        day += dt.timedelta(days=step)
        if is_workday(day):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: how many working days ``end`` lies after ``start``."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_workday(day)
    return count
