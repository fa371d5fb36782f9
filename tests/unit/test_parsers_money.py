"""parse_money / find_amounts: Arabic, capital and 万元 amounts; markers required; twins counted once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.extract.parsers.money import find_amounts, parse_money
from tests.unit.test_parsers_numerals import FULL_WIDTH, UPPER_DIGITS, fmt_cn


def fmt_capital(cents: int) -> str:
    """人民币 capital writing: 壹万贰仟叁佰肆拾伍元陆角柒分 / 伍仟元整 / 伍元零柒分."""
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    out = fmt_cn(yuan, upper=True) + "元"
    if not rest:
        return out + "整"
    if jiao:
        out += UPPER_DIGITS[jiao] + "角"
    if fen:
        out += ("零" if not jiao else "") + UPPER_DIGITS[fen] + "分"
    return out


def _yuan(cents: int) -> str:
    return str(Decimal(cents) / 100)


WRITERS = [
    lambda c: f"{_yuan(c)}元",
    lambda c: f"{c / 100:,.2f}元",
    lambda c: f"¥{c / 100:,.2f}",
    lambda c: f"￥{c / 100:.2f}",
    lambda c: f"人民币{_yuan(c)}元",
    lambda c: f"人民币 {c / 100:,.2f} 元",
    lambda c: f"{c / 100:.2f}元".translate(FULL_WIDTH),
    lambda c: f"人民币{fmt_capital(c)}",
    fmt_capital,
    lambda c: f"{fmt_capital(c)}（¥{c / 100:,.2f}）",
    lambda c: f"{c / 100:.2f}元（大写：{fmt_capital(c)}）",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5000元", 5000.0),
        ("5,000元", 5000.0),
        ("5，000元", 5000.0),
        ("5000.00元", 5000.0),
        ("¥5,000.00", 5000.0),
        ("￥5000", 5000.0),
        ("人民币伍仟元整", 5000.0),
        ("壹万贰仟叁佰肆拾伍元陆角柒分", 12345.67),
        ("伍元零柒分", 5.07),
        ("叁佰贰拾元伍角", 320.5),
        ("五千元", 5000.0),
        ("0.5万元", 5000.0),
        ("3.2万元", 32000.0),
        ("人民币5000元", 5000.0),
        ("人民币：伍仟元整", 5000.0),
        ("伍仟元（¥5000.00）", 5000.0),
        ("5 000元", 5000.0),
        ("5 0 0 0 元", 5000.0),
        ("5千元", 5000.0),
        ("3000\n元", 3000.0),
        ("5000.00", 5000.0),  # a whole string may be a bare number (a cell labelled 罚款金额)
    ],
)
def test_parse_money_reads(text: str, expected: float) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "元", "罚款", "五万人", "5万", "第5000号", "伍仟元和叁仟元", "5,00元"])
def test_parse_money_rejects(text: str) -> None:
    assert parse_money(text) is None


def test_find_amounts_in_a_decision() -> None:
    text = "决定：1.没收违法所得320.5元；2.罚款人民币伍仟元整（¥5000.00），合计5320.5元。涉案2024件，5万人。"
    found = find_amounts(text)
    assert [m.value for m in found] == [320.5, 5000.0, 5320.5]
    assert [m.raw for m in found] == ["320.5元", "人民币伍仟元整（¥5000.00）", "5320.5元"]


def test_find_amounts_needs_a_marker() -> None:
    assert find_amounts("共计5000，编号123456，2024年") == []
    assert find_amounts("2024元旦，元件10元件，3元素，一元化，三元牛奶") == []
    assert [m.value for m in find_amounts("罚款五元整，伍元，人民币五元")] == [5.0, 5.0, 5.0]


def test_twins_with_different_values_stay_two() -> None:
    assert [m.value for m in find_amounts("伍仟元（¥6000.00）")] == [5000.0, 6000.0]


def test_badly_joined_number_keeps_the_amount() -> None:
    assert [(m.value, m.raw) for m in find_amounts("数量3，5000元")] == [(5000.0, "5000元")]


@given(st.integers(min_value=1, max_value=10**10), st.sampled_from(range(len(WRITERS))))
def test_round_trip(cents: int, writer: int) -> None:
    printed = WRITERS[writer](cents)
    assert parse_money(printed) == cents / 100
    text = f"处以罚款{printed}，限十五日内缴纳。"
    found = find_amounts(text)
    assert [m.value for m in found] == [cents / 100]
    assert found[0].raw == printed


@given(st.integers(min_value=1, max_value=10**6))
def test_round_trip_wan(hundreds: int) -> None:
    printed = f"{Decimal(hundreds) / 100}万元"
    assert parse_money(printed) == hundreds * 100.0


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parse_money(text)
    for m in find_amounts(text):
        assert text[m.start : m.end] == m.raw
        assert m.value >= 0
