"""Personal-data masking used by every export outside the per-case sheet."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reports.masking import Masker, mask_name, mask_text

ID_RE = re.compile(r"\d{17}[\dXx]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证号330102199001011234。", "身份证号330102************。"),
        ("身份证：11010519491231002X", "身份证：110105************"),
        ("旧证号 330102900101123 有效", "旧证号 330102********* 有效"),
        ("联系电话13812345678", "联系电话138****5678"),
        ("座机0571-88886666", "座机0571-****6666"),
        ("账号6222021234567890123", "账号***************0123"),
        ("住址：浙江省杭州市西湖区文三路100号3幢201室，", "住址：浙江省杭州市西湖区***，"),
        ("统一社会信用代码91330100MA27XYZ12K", "统一社会信用代码91330100MA27XYZ12K"),
        ("案号新市监罚〔2024〕15号，罚款5000元", "案号新市监罚〔2024〕15号，罚款5000元"),
    ],
)
def test_mask_text_table(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_names_other_than_party() -> None:
    text = "当事人张三，证人李四、欧阳小明在场"
    assert mask_text(text, names=["张三", "李四", "欧阳小明"], keep=["张三"]) == "当事人张三，证人李某、欧阳某某在场"
    assert mask_name("王五") == "王某"


def test_masker_off_passes_through() -> None:
    text = "身份证号330102199001011234"
    assert Masker(enabled=False)(text) == text
    assert Masker(enabled=True)(text) == "身份证号330102************"


@given(
    st.text(alphabet="当事人住址号码，。 ", max_size=10),
    st.from_regex(r"[1-6]\d{5}(19[5-9]\d|200\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}[\dX]", fullmatch=True),
    st.text(alphabet="当事人住址号码，。 ", max_size=10),
)
def test_no_id_number_survives(before: str, pid: str, after: str) -> None:
    out = mask_text(before + pid + after)
    assert pid not in out
    assert not ID_RE.search(out)
