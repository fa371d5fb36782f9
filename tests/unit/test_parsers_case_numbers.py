"""find_case_numbers / case_number_key: bracket styles, 第, zero padding, OCR spacing, lead-in words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.extract.parsers.case_numbers import case_number_key, find_case_numbers

BRACKETS = [("〔", "〕"), ("[", "]"), ("［", "］"), ("(", ")"), ("（", "）"), ("【", "】")]
# Characters agencies build abbreviations from (none of them is a lead-in word such as 的/了/为).
PREFIX_CHARS = "师市监处罚石综执环交生京朝沪浦粤穗新疆兵团农管城卫健药应急消防林草水务文旅商"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("师市监处罚〔2024〕15号", "师市监处罚〔2024〕15号"),
        ("石综执罚[2023]第0012号", "石综执罚[2023]第0012号"),
        ("生环罚(2024)8号", "生环罚(2024)8号"),
        ("交执罚字〔2024〕第3号", "交执罚字〔2024〕第3号"),
        ("根据师市监处罚【2024】15号行政处罚决定书", "师市监处罚【2024】15号"),
        ("文号：师市监处罚〔2024〕15号", "师市监处罚〔2024〕15号"),
        ("作出了师 市 监 处 罚 〔 2024 〕 1 5 号", "师市监处罚〔2024〕15号"),
        ("决定书 京朝市监罚（２０２４）第００１２号。", "京朝市监罚（２０２４）第００１２号"),
        ("本局于2024年3月4日作出师市监处罚〔2024〕15号", "师市监处罚〔2024〕15号"),
        ("行政处罚决定书\n师市监处罚〔2024〕15-2号", "师市监处罚〔2024〕15-2号"),
        ("师市监处罚〔2024〕\n15号", "师市监处罚〔2024〕15号"),
        ("石市监罚｛2023｝8号", "石市监罚｛2023｝8号"),
    ],
)
def test_find_case_numbers(text: str, value: str) -> None:
    found = find_case_numbers(text)
    assert [m.value for m in found] == [value]
    assert text[found[0].start : found[0].end] == found[0].raw


@pytest.mark.parametrize("text", ["共（2024）3号", "2024年3号", "〔2024〕15号", "第15号", "师市监处罚15号"])
def test_not_case_numbers(text: str) -> None:
    assert find_case_numbers(text) == []


def test_keys_match_across_printings() -> None:
    key = case_number_key("石综执罚〔2023〕12号")
    assert key == "石综执罚〔2023〕12号"
    for printed in [
        "石综执罚[2023]第0012号",
        "石综执罚（２０２３）12号",
        "石综执罚 【2023】 第12 号",
        "石综执罚〔2023〕笫12號",
    ]:
        assert case_number_key(printed) == key
    assert case_number_key("石综执罚〔2023〕13号") != key
    assert case_number_key("石综执罚〔2024〕12号") != key


@given(
    prefix=st.text(alphabet=PREFIX_CHARS, min_size=2, max_size=8),
    year=st.integers(min_value=1990, max_value=2099),
    serial=st.integers(min_value=1, max_value=9999),
    brackets=st.sampled_from(BRACKETS),
    di=st.booleans(),
    pad=st.integers(min_value=0, max_value=4),
    spaced=st.booleans(),
)
def test_round_trip(
    prefix: str, year: int, serial: int, brackets: tuple[str, str], di: bool, pad: int, spaced: bool
) -> None:
    number = f"{prefix}{brackets[0]}{year}{brackets[1]}{'第' if di else ''}{serial:0{pad}d}号"
    printed = " ".join(number) if spaced else number
    text = f"行政处罚决定书  文号：{printed}\n当事人：某某公司"
    found = find_case_numbers(text)
    assert [m.value for m in found] == [number]
    assert found[0].raw == printed
    assert case_number_key(number) == f"{prefix}〔{year}〕{serial}号"


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    for m in find_case_numbers(text):
        assert text[m.start : m.end] == m.raw
    case_number_key(text)
