"""cn_to_int: Chinese and Arabic numerals; the writers here are reused by the other parser tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.parsing.numerals import cn_to_int

LOWER_DIGITS = "零一二三四五六七八九"
UPPER_DIGITS = "零壹贰叁肆伍陆柒捌玖"
LOWER_UNITS = ("", "十", "百", "千")
UPPER_UNITS = ("", "拾", "佰", "仟")
BIG_UNITS = ("", "万", "亿")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _group(g: int, digits: str, *, units: tuple[str, ...]) -> str:
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        d = g // 10**pos % 10
        if d == 0:
            zero = zero or bool(out)
        else:
            if zero:
                out += digits[0]
                zero = False
            out += digits[d] + units[pos]
    return out


def fmt_cn(n: int, *, upper: bool = False, short_ten: bool = True) -> str:
    """Write 0 ≤ n < 10**12 the way Chinese documents do: 一百零五, 十二, 壹万贰仟叁佰肆拾伍."""
    digits, units = (UPPER_DIGITS, UPPER_UNITS) if upper else (LOWER_DIGITS, LOWER_UNITS)
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    out, pending_zero = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out += digits[0]
        out += _group(g, digits, units=units) + BIG_UNITS[i]
        pending_zero = False
    if short_ten and not upper and out.startswith("一十"):
        out = out[1:]
    return out


def fmt_positional(n: int, zero: str = "〇") -> str:
    """Digit by digit, as years are printed: 2024 → 二〇二四."""
    return "".join(zero if c == "0" else LOWER_DIGITS[int(c)] for c in str(n))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三十四", 34),
        ("一百二十四", 124),
        ("十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("两", 2),
        ("两千", 2000),
        ("〇", 0),
        ("零", 0),
        ("○", 0),
        ("124", 124),
        ("１２４", 124),
        ("一百零五", 105),
        ("一千零一十", 1010),
        ("二〇二四", 2024),
        ("二0二四", 2024),
        ("二O二四", 2024),
        ("壹万贰仟叁佰肆拾伍", 12345),
        ("伍仟", 5000),
        ("十万", 100_000),
        ("二十万零三千", 203_000),
        ("一亿零五百万", 105_000_000),
        ("一百二", 120),
        ("三 十 四", 34),
        ("廿三", 23),
        ("卅一", 31),
    ],
)
def test_cn_to_int_reads(text: str, expected: int) -> None:
    assert cn_to_int(text) == expected


@pytest.mark.parametrize(
    "text", ["", "  ", "abc", "三四十", "百", "零十", "十百", "万", "一万万", "12a", "第三"]
)
def test_cn_to_int_rejects(text: str) -> None:
    assert cn_to_int(text) is None


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_lower(n: int) -> None:
    assert cn_to_int(fmt_cn(n)) == n
    assert cn_to_int(fmt_cn(n, short_ten=False)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_upper(n: int) -> None:
    assert cn_to_int(fmt_cn(n, upper=True)) == n


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["〇", "零", "○", "0"]))
def test_round_trip_positional_and_arabic(n: int, zero: str) -> None:
    assert cn_to_int(str(n)) == n
    assert cn_to_int(str(n).translate(FULL_WIDTH)) == n
    assert cn_to_int(fmt_positional(n, zero)) == n


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    value = cn_to_int(text)
    assert value is None or value >= 0
