"""parse_date / find_dates: every printed style, OCR noise, impossible dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.parsing.dates import find_dates, parse_date
from tests.unit.test_parsers_numerals import FULL_WIDTH, fmt_cn, fmt_positional

D = dt.date


def fmt_arabic(d: D) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_padded(d: D) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def fmt_cn_upper(d: D, zero: str = "〇") -> str:
    return f"{fmt_positional(d.year, zero)}年{fmt_cn(d.month)}月{fmt_cn(d.day)}日"


def fmt_sep(d: D, sep: str, *, pad: bool) -> str:
    return f"{d.year}{sep}{d.month:02d}{sep}{d.day:02d}" if pad else f"{d.year}{sep}{d.month}{sep}{d.day}"


def fmt_ocr_spaced(d: D) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def fmt_full_width(d: D) -> str:
    return fmt_arabic(d).translate(FULL_WIDTH)


WRITERS = [
    fmt_arabic,
    fmt_padded,
    fmt_cn_upper,
    lambda d: fmt_cn_upper(d, "零"),
    lambda d: fmt_cn_upper(d, "○"),
    lambda d: fmt_cn_upper(d, "0"),
    lambda d: fmt_cn_upper(d, "O"),
    lambda d: fmt_sep(d, ".", pad=False),
    lambda d: fmt_sep(d, ".", pad=True),
    lambda d: fmt_sep(d, "-", pad=True),
    lambda d: fmt_sep(d, "/", pad=False),
    fmt_ocr_spaced,
    fmt_full_width,
]

dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月4日", D(2024, 3, 4)),
        ("2024年03月04日", D(2024, 3, 4)),
        ("二〇二四年三月四日", D(2024, 3, 4)),
        ("二0二四年十二月三十一日", D(2024, 12, 31)),
        ("二○二四年二月二十九日", D(2024, 2, 29)),
        ("二零二四年十月十日", D(2024, 10, 10)),
        ("2O24年3月4日", D(2024, 3, 4)),
        ("2024.3.4", D(2024, 3, 4)),
        ("2024-03-04", D(2024, 3, 4)),
        ("2024/3/4", D(2024, 3, 4)),
        ("2024 年 3 月 4 日", D(2024, 3, 4)),
        ("２０２４年３月４日", D(2024, 3, 4)),
        ("  2024年3月4日。", D(2024, 3, 4)),
        ("2024年3月4号", D(2024, 3, 4)),
        ("2024年3月\n4日", D(2024, 3, 4)),
        ("二〇二四年三月廿三日", D(2024, 3, 23)),
        ("二〇二四年\n十二月一日", D(2024, 12, 1)),
    ],
)
def test_parse_date_reads(text: str, expected: D) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月30日",
        "2023年2月29日",
        "2024年13月1日",
        "3月4日",
        "2024-3/4",
        "12024.3.4",
        "",
        "日期：",
        "1800年1月1日",
        "NO.2024-03-04-001",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_in_running_text() -> None:
    text = "本局于2024年3月4日立案，2024.03.05送达，二〇二四年四月一日作出决定；3月9日复核；编号2024-13-01。"
    found = find_dates(text)
    assert [m.value for m in found] == [D(2024, 3, 4), D(2024, 3, 5), D(2024, 4, 1)]
    assert [m.raw for m in found] == ["2024年3月4日", "2024.03.05", "二〇二四年四月一日"]
    assert all(text[m.start : m.end] == m.raw for m in found)


def test_numbered_codes_are_not_dates() -> None:
    assert find_dates("编号2024-03-04-001，批次2024.03.04.2") == []


def test_find_dates_skips_impossible_and_keeps_the_rest() -> None:
    found = find_dates("2024年2月30日 与 2024年2月29日")
    assert [m.value for m in found] == [D(2024, 2, 29)]


@given(dates, st.sampled_from(range(len(WRITERS))))
def test_round_trip(d: D, writer: int) -> None:
    printed = WRITERS[writer](d)
    assert parse_date(printed) == d
    text = f"落款日期：{printed}（盖章）"
    found = find_dates(text)
    assert [m.value for m in found] == [d]
    assert found[0].raw == printed
    assert text[found[0].start : found[0].end] == printed


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parse_date(text)
    for m in find_dates(text):
        assert text[m.start : m.end] == m.raw
