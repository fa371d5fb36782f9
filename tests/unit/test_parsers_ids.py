"""统一社会信用代码 and 公民身份号码: candidates found in text, check characters via python-stdnum."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from app.extract.parsers.ids import find_id_numbers, find_uscc, is_valid_id_number, is_valid_uscc
from tests.unit.test_parsers_numerals import FULL_WIDTH

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
AREAS = ["110101", "110105", "110108", "310101", "310104"]  # valid for births since 1930

VALID_USCC = "91110000600037341L"
VALID_ID = "11010519491231002X"


def make_uscc(body: str) -> str:
    return body + uscc.calc_check_digit(body)


def make_id(area: str, birth: dt.date, *, seq: int) -> str:
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


uscc_bodies = st.builds(
    lambda a, b, area, org: a + b + area + org,
    st.sampled_from("123456789ANY"),
    st.sampled_from("123459"),
    st.sampled_from(AREAS),
    st.text(alphabet=USCC_CHARS, min_size=9, max_size=9),
)
id_numbers = st.builds(
    make_id,
    st.sampled_from(AREAS),
    st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
)


def test_known_valid_codes() -> None:
    assert is_valid_uscc(VALID_USCC)
    assert is_valid_uscc(VALID_USCC.lower())
    assert is_valid_uscc("9111 0000 6000 3734 1L")
    assert not is_valid_uscc("91110000600037341A")
    assert not is_valid_uscc("")
    assert is_valid_uscc(make_uscc("N2110105ABCDEFGH1"))  # GB 32100: the registering body may be a letter
    assert is_valid_id_number(VALID_ID)
    assert is_valid_id_number(VALID_ID.lower())
    assert not is_valid_id_number("110105194912310021")
    assert not is_valid_id_number("11010519491331002X")  # month 13


def test_find_in_a_decision() -> None:
    text = (
        f"当事人：某某商贸有限公司，统一社会信用代码：{VALID_USCC}；"
        f"法定代表人：张三，身份证号：{VALID_ID}；联系电话13800138000。"
    )
    assert [m.value for m in find_uscc(text)] == [VALID_USCC]
    assert [m.value for m in find_id_numbers(text)] == [VALID_ID]


def test_candidates_with_wrong_check_are_still_found() -> None:
    assert [m.value for m in find_uscc("代码91110000600037341A。")] == ["91110000600037341A"]
    assert [m.value for m in find_id_numbers("身份证110105194912310021")] == ["110105194912310021"]


def test_ocr_noise() -> None:
    text = "代码：9 1 1 1 0 0 0 0 6 0 0 0 3 7 3 4 1 l，另：９１１１００００６０００３７３４１Ｌ"
    found = find_uscc(text)
    assert [m.value for m in found] == [VALID_USCC, VALID_USCC]
    assert all(text[m.start : m.end] == m.raw for m in found)


def test_ocr_letters_for_digits_are_repaired_only_when_the_check_fits() -> None:
    assert [m.value for m in find_uscc("代码：9111OOOO6OOO37341L")] == [VALID_USCC]
    assert [m.value for m in find_id_numbers("身份证：IIO1O519491231OO2X")] == [VALID_ID]
    assert find_uscc("代码：9111OOOO6OOO37341A") == []  # repaired, but the check fails


@pytest.mark.parametrize("text", ["91110000600037341", "911100006000373411L", "ABC", "电话13800138000"])
def test_wrong_length_is_no_candidate(text: str) -> None:
    assert find_uscc(text) == []
    assert find_id_numbers(text) == []


@given(uscc_bodies)
def test_uscc_round_trip(body: str) -> None:
    code = make_uscc(body)
    assert is_valid_uscc(code)
    text = f"统一社会信用代码：{code}。"
    assert [m.value for m in find_uscc(text)] == [code]
    assert [m.value for m in find_uscc(text.lower())] == [code]
    assert [m.value for m in find_uscc(text.translate(FULL_WIDTH))] == [code]
    wrong = code[:-1] + next(c for c in USCC_CHARS if c != code[-1])
    assert not is_valid_uscc(wrong)


@given(id_numbers)
def test_id_round_trip(code: str) -> None:
    assert is_valid_id_number(code)
    text = f"公民身份号码 {code} ，住址"
    assert [m.value for m in find_id_numbers(text)] == [code]
    if not is_valid_uscc(code):  # 1 in 31 ID numbers also passes the credit-code check
        assert find_uscc(text) == []  # a valid ID number is not offered as a credit code
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not is_valid_id_number(wrong)


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    for m in find_uscc(text) + find_id_numbers(text):
        assert len(m.value) == 18
        assert text[m.start : m.end] == m.raw
    is_valid_uscc(text)
    is_valid_id_number(text)
