"""Working days as 行政处罚法 第八十五条 counts them, from the 国务院办公厅 holiday notices 2023–2026.

Written from the notices themselves (国办发明电〔2022〕16号, 〔2023〕7号, 〔2024〕12号 and the
notice of 2025-11-04), not from any calendar file of the product.
"""

from __future__ import annotations

import datetime as dt


def _span(start: str, end: str) -> set[dt.date]:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# 放假调休 days (no work), per notice
HOLIDAYS: set[dt.date] = set().union(
    # 2023 (国办发明电〔2022〕16号)
    _span("2022-12-31", "2023-01-02"), _span("2023-01-21", "2023-01-27"), _span("2023-04-05", "2023-04-05"),
    _span("2023-04-29", "2023-05-03"), _span("2023-06-22", "2023-06-24"), _span("2023-09-29", "2023-10-06"),
    # 2024 (国办发明电〔2023〕7号)
    _span("2024-01-01", "2024-01-01"), _span("2024-02-10", "2024-02-17"), _span("2024-04-04", "2024-04-06"),
    _span("2024-05-01", "2024-05-05"), _span("2024-06-10", "2024-06-10"), _span("2024-09-15", "2024-09-17"),
    _span("2024-10-01", "2024-10-07"),
    # 2025 (国办发明电〔2024〕12号)
    _span("2025-01-01", "2025-01-01"), _span("2025-01-28", "2025-02-04"), _span("2025-04-04", "2025-04-06"),
    _span("2025-05-01", "2025-05-05"), _span("2025-05-31", "2025-06-02"), _span("2025-10-01", "2025-10-08"),
    # 2026 (国务院办公厅 2025-11-04)
    _span("2026-01-01", "2026-01-03"), _span("2026-02-15", "2026-02-23"), _span("2026-04-04", "2026-04-06"),
    _span("2026-05-01", "2026-05-05"), _span("2026-06-19", "2026-06-21"), _span("2026-09-25", "2026-09-27"),
    _span("2026-10-01", "2026-10-07"),
)

# 调休上班 days (weekend days that are working days)
MAKEUP_WORKDAYS: set[dt.date] = {
    dt.date.fromisoformat(d)
    for d in (
        "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08",
        "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
        "2024-10-12",
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    )
}

FIRST, LAST = dt.date(2023, 1, 1), dt.date(2026, 12, 31)


def is_workday(day: dt.date) -> bool:
    if not FIRST <= day <= LAST:
        raise ValueError(f"{day} is outside the holiday notices 2023–2026")
    if day in MAKEUP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The n-th working day after ``day`` (n >= 0; n == 0 gives ``day`` itself or the next working day)."""
    cur = day
    if n == 0:
        while not is_workday(cur):
            cur += dt.timedelta(days=1)
        return cur
    count = 0
    while count < n:
        cur += dt.timedelta(days=1)
        if is_workday(cur):
            count += 1
    return cur


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    n, cur = 0, start
    while cur < end:
        cur += dt.timedelta(days=1)
        if is_workday(cur):
            n += 1
    return n


def next_workday(day: dt.date) -> dt.date:
    return add_workdays(day, 0)


def holiday_eves() -> list[dt.date]:
    """Last working day before each holiday block of 3+ days: where working-day limits stretch."""
    out = []
    for day in sorted(HOLIDAYS):
        prev = day - dt.timedelta(days=1)
        block = sum(1 for k in range(8) if day + dt.timedelta(days=k) in HOLIDAYS)
        if prev not in HOLIDAYS and block >= 3 and prev >= FIRST and is_workday(prev):
            out.append(prev)
    return out
