"""Working days as 行政处罚法 art. 85 counts them, against the State Council's holiday notices."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring.calendar import OutsideCalendar, load_calendar, parse_calendar

D = dt.date
CAL = load_calendar()


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (D(2019, 5, 3), False),   # 劳动节 extended to 4 days in 2019
        (D(2019, 5, 5), True),    # Sunday 调休
        (D(2020, 1, 31), False),  # 春节 extended to 2-02 for COVID-19
        (D(2020, 2, 1), False),   # the 2-01 make-up day fell inside the extension
        (D(2020, 2, 3), True),
        (D(2021, 9, 18), True),   # Saturday before 中秋
        (D(2022, 4, 2), True),    # Saturday before 清明
        (D(2023, 10, 7), True),   # Saturday after 中秋国庆
        (D(2023, 9, 29), False),
        (D(2024, 2, 4), True),    # Sunday before 春节
        (D(2024, 2, 12), False),
        (D(2024, 6, 10), False),  # 端午 Monday
        (D(2025, 1, 26), True),
        (D(2025, 2, 4), False),
        (D(2025, 10, 8), False),
        (D(2026, 2, 14), True),
        (D(2026, 2, 23), False),
        (D(2026, 1, 4), True),
        (D(2024, 3, 9), False),   # an ordinary Saturday
        (D(2024, 3, 11), True),   # an ordinary Monday
    ],
)
def test_is_workday(day: dt.date, workday: bool) -> None:
    assert CAL.is_workday(day) is workday


def test_working_days_between_skips_holidays_and_counts_make_up_days() -> None:
    # 2024-09-27 (Fri) → 2024-10-09: 9-29 (调休), 9-30, 10-08, 10-09
    assert CAL.working_days_between(D(2024, 9, 27), D(2024, 10, 9)) == 4
    assert CAL.working_days_between(D(2024, 10, 9), D(2024, 9, 27)) == -4
    assert CAL.working_days_between(D(2024, 3, 4), D(2024, 3, 4)) == 0


def test_add_working_days() -> None:
    assert CAL.add_working_days(D(2024, 9, 27), 7) == D(2024, 10, 12)
    assert CAL.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)


def test_outside_the_table_is_an_error_with_the_date() -> None:
    with pytest.raises(OutsideCalendar, match=r"2018-12-28.*2019–2026"):
        CAL.is_workday(D(2018, 12, 28))
    with pytest.raises(OutsideCalendar, match="2027-01-04"):
        CAL.working_days_between(D(2026, 12, 30), D(2027, 1, 4))


def test_parse_calendar_from_data() -> None:
    cal = parse_calendar({"years": [2030], "calendar": {2030: {
        "holidays": [D(2030, 1, 1), [D(2030, 2, 2), D(2030, 2, 8)]], "work": [D(2030, 1, 26)]}}})
    assert [cal.is_workday(d) for d in (D(2030, 1, 1), D(2030, 2, 4), D(2030, 1, 26), D(2030, 1, 25))] == [
        False, False, True, True]
