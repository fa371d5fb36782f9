"""The small date reader the rules use on page text (Arabic, Chinese numerals, dotted/dashed forms)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from scoring.rules.base import dates_in

DIGITS = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _styles(d: dt.date) -> list[str]:
    year_cn = "".join(DIGITS[int(c)] for c in str(d.year))
    return [
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year} 年 {d.month:02d} 月 {d.day:02d} 日",
        f"{d.year}.{d.month}.{d.day}",
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{year_cn}年{_cn_small(d.month)}月{_cn_small(d.day)}日",
        f"{year_cn.replace('〇', '零')}年{_cn_small(d.month)}月{_cn_small(d.day)}日",
    ]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2029, 12, 31)))
def test_every_style_reads_back(day: dt.date) -> None:
    for text in _styles(day):
        assert dates_in(f"落款：{text}，执法人员在检查中发现") == [day], text


def test_impossible_dates_are_skipped() -> None:
    assert dates_in("2024年2月30日 与 2024年2月29日") == [dt.date(2024, 2, 29)]
