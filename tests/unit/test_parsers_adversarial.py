"""Long and degenerate inputs: every parser returns (no exception, no quadratic blow-up).

A regex that backtracks quadratically would make this module take minutes, not a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.extract.parsers.case_numbers import case_number_key, find_case_numbers
from app.extract.parsers.citations import find_citations
from app.extract.parsers.ids import find_id_numbers, find_uscc, is_valid_id_number, is_valid_uscc
from app.extract.parsers.money import find_amounts, parse_money
from scoring.parsing.dates import find_dates, parse_date
from scoring.parsing.numerals import cn_to_int

N = 20_000
INPUTS = {
    "cjk numerals": "一" * N,
    "capital numerals": "壹万" * N,
    "digits": "1" * N,
    "spaced digits": " ".join(["5"] * N),
    "spaced digits then 元": " ".join(["5"] * N) + "元",
    "commas then 元": "1," * N + "元",
    "book marks": "《" * N,
    "第": "第" * N,
    "articles": "第一条" * (N // 3),
    "laws": "《食品安全法》" * (N // 7),
    "brackets": "师〔" * N,
    "years": "2024年" * (N // 5),
    "items": "（一）" * (N // 3),
    "alphanumerics": "A1 " * N,
}
PARSERS: list[Callable[[str], Any]] = [
    find_amounts,
    parse_money,
    find_case_numbers,
    case_number_key,
    find_citations,
    find_dates,
    parse_date,
    find_uscc,
    find_id_numbers,
    is_valid_uscc,
    is_valid_id_number,
    cn_to_int,
]


@pytest.mark.parametrize("name", INPUTS)
def test_long_inputs_return(name: str) -> None:
    for parse in PARSERS:
        parse(INPUTS[name])


def test_huge_numbers_are_not_values() -> None:
    assert cn_to_int("1" * 5000) is None
    assert cn_to_int("一" * 5000) is None
    assert parse_money("1" * 50) is None
    assert find_amounts("1" * 50 + "元") == []
