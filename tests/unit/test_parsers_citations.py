"""find_citations: 《法》第X条第X款第X项 in every printed style, lists, ranges, laws without articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.extract.parsers.citations import find_citations
from scoring.statutes import load_statutes
from scoring.types import Provision
from tests.unit.test_parsers_numerals import fmt_cn

FOOD = "中华人民共和国食品安全法"
PENALTY = "中华人民共和国行政处罚法"


def cited(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(m.value.law, m.value.article, m.value.paragraph, m.value.item) for m in find_citations(text)]


def fmt_provision(article: int, paragraph: int | None, item: int | None, *, style: int) -> str:
    """One provision in one of the printed styles agencies use."""
    if style == 0:
        out = f"第{fmt_cn(article)}条"
        out += f"第{fmt_cn(paragraph)}款" if paragraph else ""
        return out + (f"第（{fmt_cn(item)}）项" if item else "")
    if style == 1:
        out = f"第{fmt_cn(article)}条"
        out += f"第{fmt_cn(paragraph)}款" if paragraph else ""
        return out + (f"第{fmt_cn(item)}项" if item else "")
    if style == 2:
        out = f"第{article}条"
        out += f"第{paragraph}款" if paragraph else ""
        return out + (f"第({item})项" if item else "")
    out = f"第 {fmt_cn(article)} 条"  # OCR spacing
    out += f" 第 {fmt_cn(paragraph)} 款" if paragraph else ""
    return out + (f" （{fmt_cn(item)}）" if item else "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《中华人民共和国食品安全法》第三十四条第（十）项", [(FOOD, 34, None, 10)]),
        ("《食品安全法》第一百二十四条第一款第五项", [(FOOD, 124, 1, 5)]),
        ("《食品安全法》第124条第1款第(5)项", [(FOOD, 124, 1, 5)]),
        ("依据《食品安全法》第一百二十四条第一款（五）项的规定", [(FOOD, 124, 1, 5)]),
        ("《某某法》第三十四条、第三十五条第二款", [("某某法", 34, None, None), ("某某法", 35, 2, None)]),
        (
            "违反了《产品质量法》第三十四条和《某某条例》第十二条第二款的规定",
            [("中华人民共和国产品质量法", 34, None, None), ("某某条例", 12, 2, None)],
        ),
        ("依据《中华人民共和国行政处罚法》的规定", [(PENALTY, None, None, None)]),
        ("违反《食品安全法》有关规定", [(FOOD, None, None, None)]),
        (
            "依据《食品安全法》第一百二十四条第一款第（五）项、第（六）项和第一百二十六条第一款第一项、第二项",
            [(FOOD, 124, 1, 5), (FOOD, 124, 1, 6), (FOOD, 126, 1, 1), (FOOD, 126, 1, 2)],
        ),
        ("《行政处罚法》第五十一条第一款、第二款", [(PENALTY, 51, 1, None), (PENALTY, 51, 2, None)]),
        (
            "《行政处罚法》第三十条至第三十二条",
            [(PENALTY, 30, None, None), (PENALTY, 31, None, None), (PENALTY, 32, None, None)],
        ),
        (
            "依据食品安全法第一百二十四条的规定，参照本法第一百二十五条",
            [(FOOD, 124, None, None), (FOOD, 125, None, None)],
        ),
        (
            "违反了《食品安全法》第三十四条第（十）项的规定，依据第一百二十四条",
            [(FOOD, 34, None, 10), (FOOD, 124, None, None)],
        ),
        ("《 中华人民共和国 食品 安全法 》 第 三十四 条 第 （ 十 ） 项", [(FOOD, 34, None, 10)]),
        (
            "《市场监督管理行政处罚程序规定（2022年修正）》第十八条",
            [("市场监督管理行政处罚程序规定", 18, None, None)],
        ),
        ("《广告法》第九条第（三）项第1目", [("中华人民共和国广告法", 9, None, 3)]),
        ("依据《行政处罚法》第三十二条第（一）（二）项", [(PENALTY, 32, None, 1), (PENALTY, 32, None, 2)]),
        (
            "违反《某某规定》第五条，依据本规定第二十条",
            [("某某规定", 5, None, None), ("某某规定", 20, None, None)],
        ),
        ("违反了《中华人民共和国食品安\n全法》第三十四\n条第（十）项", [(FOOD, 34, None, 10)]),
        ("《中华人民共和国食品安全法》（以下简称“食品安全法”）第三十四条", [(FOOD, 34, None, None)]),
        ("《中华人民共和国食品安全法（2021年修正）》第三十四条", [(FOOD, 34, None, None)]),
        ("《食品安全法》笫三十四條第（十）項", [(FOOD, 34, None, 10)]),
        (
            "《食品安全法》第三十四条第一款第十项、第二款",
            [(FOOD, 34, 1, 10), (FOOD, 34, 2, None)],
        ),  # OCR 笫, traditional 條/項
    ],
)
def test_find_citations(text: str, expected: list[tuple[str, int | None, int | None, int | None]]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据第124条第1款第(5)项", []),  # no law named in the sentence
        ("违反了《食品安全法》第三十四条。依据第一百二十四条", [(FOOD, 34, None, None)]),  # new sentence
        ("填写《询问笔录》第2页", []),
        ("处罚如下：（一）罚款5000元；（二）没收违法所得", []),
        # not 环境保护法: 海洋环境保护法 is a law of its own (in the catalogue since the 生态环境法典 versions)
        ("依据海洋环境保护法第七条", [("中华人民共和国海洋环境保护法", 7, None, None)]),
        ("统一元件第三条", []),
    ],
)
def test_what_is_not_a_citation(
    text: str, expected: list[tuple[str, int | None, int | None, int | None]]
) -> None:
    assert cited(text) == expected


def test_short_name_defined_in_the_text() -> None:
    text = "《某某自治区食品小作坊管理条例》（以下简称《条例》）规定……当事人违反了《条例》第三十条的规定。"
    assert cited(text) == [
        ("某某自治区食品小作坊管理条例", None, None, None),
        ("某某自治区食品小作坊管理条例", 30, None, None),
    ]


def test_raw_and_offsets() -> None:
    text = "违反了《食品安全法》第三十四条、第三十五条第二款的规定"
    found = find_citations(text)
    assert [m.raw for m in found] == ["《食品安全法》第三十四条", "第三十五条第二款"]
    assert [m.value.raw for m in found] == ["《食品安全法》第三十四条", "第三十五条第二款"]
    assert all(text[m.start : m.end] == m.raw for m in found)
    assert all(m.value.evidence == () for m in found)


LAWS = [law for law in load_statutes().laws if law.articles]


@given(
    law_index=st.integers(min_value=0, max_value=len(LAWS) - 1),
    use_alias=st.booleans(),
    article=st.integers(min_value=1, max_value=400),
    paragraph=st.none() | st.integers(min_value=1, max_value=6),
    item=st.none() | st.integers(min_value=1, max_value=20),
    style=st.integers(min_value=0, max_value=3),
)
def test_round_trip(
    law_index: int, use_alias: bool, article: int, paragraph: int | None, item: int | None, style: int
) -> None:
    law = LAWS[law_index]
    printed_name = law.aliases[0] if use_alias and law.aliases else law.name
    text = (
        f"当事人的行为违反了《{printed_name}》{fmt_provision(article, paragraph, item, style=style)}的规定。"
    )
    found = find_citations(text)
    assert [m.value.to_json() for m in found] == [
        Provision(law=law.name, article=article, paragraph=paragraph, item=item).to_json()
    ]


@given(st.integers(min_value=1, max_value=200), st.integers(min_value=1, max_value=200))
def test_two_articles_of_one_law(a: int, b: int) -> None:
    text = f"依据《食品安全法》第{fmt_cn(a)}条、第{fmt_cn(b)}条第二款之规定"
    assert cited(text) == [(FOOD, a, None, None), (FOOD, b, 2, None)]


CITATION_ALPHABET = "《》第条款项目之一二三十百零（）()、和及至的规定有关法条例。；本该 0123456789食品安全"


@given(st.text(max_size=80) | st.text(alphabet=CITATION_ALPHABET, max_size=80))
def test_never_raises(text: str) -> None:
    for m in find_citations(text):
        assert text[m.start : m.end] == m.raw
        assert m.value.law
