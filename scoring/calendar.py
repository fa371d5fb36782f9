"""Working days as 行政处罚法 art. 85 counts them: weekends and public holidays excluded, 调休 days included.

The holiday table is data (resources/calendar/cn_holidays.yaml). A date outside the covered
years cannot be classified: the functions raise `OutsideCalendar`, and rules turn that into
an `unknown` finding with a message naming the date.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import yaml

from scoring.resources import resource


class OutsideCalendar(ValueError):
    """The date lies outside the years the holiday table covers."""

    def __init__(self, day: dt.date, years: tuple[int, ...]) -> None:
        span = f"{min(years)}–{max(years)}" if years else "（空）"
        super().__init__(f"日期 {day.isoformat()} 不在节假日表覆盖范围（{span} 年）内，无法计算工作日")
        self.day = day


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    years: tuple[int, ...]
    off: frozenset[dt.date]
    work: frozenset[dt.date]

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_workday(self, day: dt.date) -> bool:
        if not self.covers(day):
            raise OutsideCalendar(day, self.years)
        if day in self.work:
            return True
        if day in self.off:
            return False
        return day.weekday() < 5

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the start day is not counted (期间开始之日不计算在内).

        Negative when end is before start.
        """
        if end < start:
            return -self.working_days_between(end, start)
        self.is_workday(start)  # raise early, naming the date, when an end is outside the table
        self.is_workday(end)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date on which a limit of `days` working days counted from `start` ends."""
        day = start
        left = days
        self.is_workday(start)
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day


def _dates(raw: Any) -> set[dt.date]:
    out: set[dt.date] = set()
    for entry in raw or ():
        if isinstance(entry, list):
            first, last = entry
            day = first
            while day <= last:
                out.add(day)
                day += dt.timedelta(days=1)
        else:
            out.add(entry)
    return out


def parse_calendar(data: dict[str, Any]) -> WorkCalendar:
    years = tuple(int(y) for y in data["years"])
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    for block in (data.get("calendar") or {}).values():
        off |= _dates(block.get("holidays"))
        work |= _dates(block.get("work"))
    return WorkCalendar(years=years, off=frozenset(off), work=frozenset(work))


@functools.cache
def load_calendar() -> WorkCalendar:
    text = resource("calendar", "cn_holidays.yaml").read_text(encoding="utf-8")
    return parse_calendar(yaml.safe_load(text))
