"""Printings realistic dossiers have (issue 11): 文号 serials and wraps, citations after quotations and with
OCR stray dots, 裁量基准, officers' transliterated names, IDs cut by a line wrap, signature dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.extract import extract
from app.extract.dating import standalone
from app.extract.parsers.case_numbers import find_case_numbers
from app.extract.parsers.citations import find_citations
from app.ingest.types import Dossier, Line, Page
from scoring.parsing.dates import find_dates
from tests.unit.test_parsers_numerals import fmt_cn

PREFIX_CHARS = "师市监处罚石综执环交生京朝沪浦粤新疆兵团农管城卫健药应急消防林草水务文旅商巴库乌"
CODES = st.one_of(
    st.just(""), st.text("abkxyzABKXZ", min_size=1, max_size=3), st.sampled_from(["事故", "简", "非现场"])
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("沪浦市监案处字〔2024〕第k-39号", "沪浦市监案处字〔2024〕第k-39号"),
        ("巴环罚〔2024〕092（非） 号", "巴环罚〔2024〕092（非）号"),
        ("新应急罚〔2023〕事故-5号", "新应急罚〔2023〕事故-5号"),
        ("行政处罚决定文书号沪市监处〔2024〕12号", "沪市监处〔2024〕12号"),  # a table label glued on
        ("文号：石市监\n罚〔2024〕8号", "石市监罚〔2024〕8号"),  # wrapped inside the abbreviation
        ("石市监罚〔2024〕\n8号", "石市监罚〔2024〕8号"),
        ("石市监罚〔2024〕1\n2号", "石市监罚〔2024〕12号"),
        ("乌鲁木齐市天山区市场监督管理局\n乌天市监处罚〔2024〕15号", "乌天市监处罚〔2024〕15号"),  # organ line above
        ("送达文书\n沪市监处〔2024〕12号", "沪市监处〔2024〕12号"),  # a label line above
    ],
)
def test_case_number_printings(text: str, value: str) -> None:
    found = find_case_numbers(text)
    assert [m.value for m in found] == [value]
    assert all(text[m.start : m.end] == m.raw for m in found)


@given(
    prefix=st.text(alphabet=PREFIX_CHARS, min_size=2, max_size=8),
    year=st.integers(min_value=1990, max_value=2099),
    code=CODES,
    dash=st.sampled_from(["", "-"]),
    serial=st.integers(min_value=1, max_value=9999),
    note=st.sampled_from(["", "（非）", "(简)"]),
    label=st.sampled_from(["", "行政处罚决定文书号", "决定书文号：", "文号\t"]),
    wrap=st.integers(min_value=0, max_value=3),
)
def test_case_number_round_trip(
    prefix: str, year: int, code: str, dash: str, serial: int, note: str, label: str, wrap: int
) -> None:
    parts = [prefix, f"〔{year}〕", f"{code}{dash if code else ''}{serial}{note}", "号"]
    number = "".join(parts)
    printed = "".join(p + ("\n" if i == wrap - 1 and wrap < 3 and i > 0 else "") for i, p in enumerate(parts))
    found = find_case_numbers(f"{label}{printed}\n当事人：某某公司")
    assert [m.value for m in found] == [number]


@settings(deadline=None)
@given(
    law=st.sampled_from(["中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国广告法"]),
    article=st.integers(min_value=10, max_value=199),
    cut=st.integers(min_value=1, max_value=6),
    dot=st.sampled_from([".", "．", "·"]),
)
def test_stray_dot_inside_an_article_number(law: str, article: int, cut: int, dot: str) -> None:
    numeral = fmt_cn(article)
    cut = min(cut, len(numeral) - 1) if len(numeral) > 1 else 0
    printed = numeral[:cut] + dot + numeral[cut:] if cut else numeral
    found = find_citations(f"依据《{law}》第{printed}条的规定")
    assert [(m.value.law, m.value.article) for m in found] == [(law, article)]


@given(quote=st.text(alphabet="禁止生产经营下列食品。；：（十）超过保质期的", min_size=5, max_size=120))
def test_second_law_after_a_quotation(quote: str) -> None:
    text = f"违反了《中华人民共和国食品安全法》第三十四条“{quote}”和《中华人民共和国产品质量法》第三十九条的规定"
    laws = [(m.value.law, m.value.article) for m in find_citations(text)]
    assert laws[0] == ("中华人民共和国食品安全法", 34)
    assert laws[-1] == ("中华人民共和国产品质量法", 39)


@pytest.mark.parametrize(
    "name",
    [
        "《新疆维吾尔自治区市场监管行政处罚裁量基准》",
        "《某市生态环境行政处罚自由裁量标准》",
        "《行政处罚裁量权适用规则》",
    ],
)
def test_discretion_standards_are_no_provisions(name: str) -> None:
    text = f"依据《中华人民共和国食品安全法》第一百二十四条和{name}第五条的规定"
    assert [(m.value.law, m.value.article) for m in find_citations(text)] == [("中华人民共和国食品安全法", 124)]


SYLLABLES = ["艾力", "沙吾提", "阿迪力", "买买提", "古丽", "吐尔逊", "热合曼", "阿依", "努尔", "阿不都"]


def _officers(line: str) -> list[tuple[str, str | None]]:
    text = f"询问笔录\n询问时间：2024年3月4日\n{line}\n问：你好。\n答：好。"
    pages = (Page(1, text, tuple(Line(t) for t in text.split("\n"))),)
    facts = extract(Dossier(Path("x.docx"), "x.docx", "0" * 64, "docx", pages)).facts
    return [(o.name, o.cert_no) for o in facts.officers]


@settings(deadline=None)
@given(
    first=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=2),
    second=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=2),
    dots=st.lists(st.sampled_from(["·", "•", "・", " "]), min_size=2, max_size=2),
)
def test_transliterated_officer_names(first: list[str], second: list[str], dots: list[str]) -> None:
    assume(first != second)
    a, b = dots[0].join(first), dots[1].join(second)
    got = _officers(f"执法人员：{a} 65010012345，{b} 65010012346")
    assert got == [("·".join(first), "65010012345"), ("·".join(second), "65010012346")]


def test_a_one_character_part_with_a_dot() -> None:
    assert _officers("执法人员：阿不都•江（执法证号：65010012345）、王五（执法证号：65010012346）") == [
        ("阿不都·江", "65010012345"),
        ("王五", "65010012346"),
    ]


def test_two_han_names_with_their_numbers_stay_two() -> None:
    assert _officers("执法人员：张三 李四 65010012345 65010012346") == [
        ("张三", "65010012345"),
        ("李四", "65010012346"),
    ]
    assert _officers("执法人员：张三、李四") == [("张三", None), ("李四", None)]


@settings(deadline=None)
@given(cut=st.integers(min_value=1, max_value=17))
def test_id_number_cut_by_a_line_wrap(cut: int) -> None:
    pid = "650102198503120019"
    text = f"行政处罚决定书\n当事人：张三，男，汉族，公民身份号码：{pid[:cut]}\n{pid[cut:]}。\n经查，当事人……"
    pages = (Page(1, text, tuple(Line(t) for t in text.split("\n"))),)
    facts = extract(Dossier(Path("x.docx"), "x.docx", "0" * 64, "docx", pages)).facts
    assert facts.party_id is not None
    assert facts.party_id.value == pid


@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    beside=st.sampled_from(["", "日期：", "张建国 ", "（印章）", "同意结案。 张建国 "]),
)
def test_signature_dates_stand_alone(day: dt.date, beside: str) -> None:
    text = f"负责人意见\n{beside}{day.year}年{day.month}月{day.day}日\n"
    (m,) = find_dates(text)
    assert standalone(text, m)


@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    before=st.sampled_from(["本局于", "经查，当事人于", "当事人已于"]),
    after=st.sampled_from(["对当事人立案调查。", "购进饮料12瓶。", "缴纳罚款"]),
)
def test_dates_inside_sentences_are_no_signature(day: dt.date, before: str, after: str) -> None:
    text = f"{before}{day.year}年{day.month}月{day.day}日{after}\n"
    (m,) = find_dates(text)
    assert not standalone(text, m)
