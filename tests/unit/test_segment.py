"""segment(): titles at the top of pages (prefixed, split, spaced, OCR-noisy), continuation, TOC."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import segment
from app.extract.segment import match_title
from app.extract.toc import read_toc
from app.ingest.types import Line, Page
from scoring.rules.completeness import compare_toc


def pages(*texts: str) -> list[Page]:
    out = []
    for n, text in enumerate(texts, start=1):
        lines = tuple(
            Line(t, (60.0, 50.0 + 18 * i, 520.0, 62.0 + 18 * i)) for i, t in enumerate(text.split("\n"))
        )
        out.append(Page(n, text, lines))
    return out


def types(*texts: str) -> list[tuple[str, tuple[int, ...]]]:
    return [(d.type, d.pages) for d in segment(pages(*texts))]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("行政处罚决定书", "penalty_decision"),
        ("第八师石河子市市场监督管理局 行政处罚决定书", "penalty_decision"),
        ("阿克苏市综合行政执法局行政处罚事先告知书", "penalty_notice"),
        ("行 政 处 罚 决 定 书", "penalty_decision"),
        ("行政处罸决定书", "penalty_decision"),  # OCR: 罚 read as 罸
        ("送达回正", "service_receipt"),  # OCR: one character wrong
        ("陈述（申辩）笔录", "statement_record"),
        ("立案/不予立案审批表", "filing_approval"),
        ("现场检查（勘验）笔录", "inspection_record"),
        ("重大复杂案件集体讨论笔录", "collective_discussion"),
        ("罚没款缴款凭证", "payment_receipt"),
        ("卷内文件目录", "toc"),
        ("备考表", "remarks"),
        ("行政处罚案件结案审批表", "closing_report"),
        ("法制审核意见书", "legal_review"),
        ("案件调查终结报告", "investigation_report"),
        ("听证笔录", "hearing"),
    ],
)
def test_title_lines_match_the_catalogue(line: str, expected: str) -> None:
    m = match_title(line)
    assert m is not None
    assert m.type == expected


@pytest.mark.parametrize(
    "line",
    [
        "现将行政处罚决定书送达你单位",  # a mention in running text
        "送达文书名称：行政处罚决定书",  # a label and its value
        "1.现场检查笔录",  # an item of an evidence list
        "行政处罚决定书师市监处罚〔2024〕15号",  # title and number in one 目录 cell
        "当事人于2024年4月12日收到行政处罚告知书",
    ],
)
def test_mentions_are_not_titles(line: str) -> None:
    assert match_title(line) is None


def test_pages_without_title_continue_the_document() -> None:
    got = types(
        "立案审批表\n当事人：甲公司",
        "询问笔录\n问：你的姓名？\n答：张某。",
        "问：还有补充吗？\n答：没有。",
        "宁夏某市生态环境局\n行政处罚决定书\n宁环罚〔2023〕7号",
        "如不服本决定，可以申请行政复议。\n宁夏某市生态环境局\n2023年6月1日",
    )
    assert got == [
        ("filing_approval", (1,)),
        ("inquiry_record", (2, 3)),
        ("penalty_decision", (4, 5)),
    ]


def test_title_split_over_two_lines() -> None:
    got = types("某县交通运输局\n行政处罚\n决定书\n交执罚〔2024〕3号")
    assert got == [("penalty_decision", (1,))]


def test_receipt_naming_the_decision_stays_a_receipt() -> None:
    got = types("送达回证\n送达文书\t行政处罚决定书\n受送达人\t甲公司\n送达时间\t2024年4月23日")
    assert got == [("service_receipt", (1,))]


def test_toc_listing_titles_is_one_toc_page() -> None:
    toc = "卷内文件目录\n序号\t题名\t页号\n1\t立案审批表\t1\n2\t行政处罚决定书\t2-3\n3\t送达回证\t4"
    got = types(toc, "立案审批表", "行政处罚决定书", "如不服……", "送达回证")
    assert got == [
        ("toc", (1,)),
        ("filing_approval", (2,)),
        ("penalty_decision", (3, 4)),
        ("service_receipt", (5,)),
    ]


def test_decision_body_mentioning_notice_is_not_a_notice() -> None:
    body = "本局已于2024年4月10日送达行政处罚告知书，当事人未陈述申辩。"
    got = types("行政处罚决定书\n当事人：乙公司", body + "\n行政处罚告知书中拟作出的处罚如下")
    assert got == [("penalty_decision", (1, 2))]


def test_hearing_notice_that_announces_the_penalty_is_the_notice() -> None:
    notice = "行政处罚听证告知书\n本局拟对你单位作出罚款三万元的行政处罚。你单位有权要求听证。"
    hearing = "听证告知书\n兹定于2024年5月6日9时举行听证。"
    assert types(notice, hearing) == [("penalty_notice", (1,)), ("hearing", (2,))]


def test_untitled_pages_use_content_cues() -> None:
    cover = "全宗号\t目录号\n案件名称：甲公司无照经营案\n保管期限：永久\n归档号：20240001"
    got = types(cover, "扫描不清的一页")
    assert got == [("cover", (1, 2))]
    assert types("扫描不清的一页") == [("other", (1,))]


def test_toc_is_read_and_compared() -> None:
    ps = pages(
        "卷内目录\n序号\t题名\t页号\n1\t立案审批表\t1\n2\t询问笔录\t2\n3\t行政处罚决定书\t5",
        "立案审批表",
        "询问笔录",
        "行政处罚决定书",
        "送达回证",
    )
    entries = read_toc(ps[:1])
    assert [(e.number, e.type, e.first_page) for e in entries] == [
        (1, "filing_approval", 1),
        (2, "inquiry_record", 2),
        (3, "penalty_decision", 5),
    ]
    warnings = compare_toc(entries, segment(ps))
    assert warnings == [
        "卷内目录第3项「行政处罚决定书」标注起始页 5，与识别出的文书不符",
        "第5页的「送达回证」未列入卷内目录",
    ]


def test_toc_rows_with_glued_cells_and_wrapped_dates() -> None:
    toc = pages(
        "卷内文件目录\n序号 文号\t责任者\t题名\t日期\t页号 备注\n"
        "1\t某卫罚（2023）016 卫生健康综合监 行政处罚决定书\t2023/5/22\t1\n号\t督执法局\n"
        "2\t应急管理局\t现场检查（勘验）笔录\t2023年9月13 2\n日\n"
        "3\t应急管理局\t送达回证\t4"
    )
    assert [(e.number, e.type, e.first_page) for e in read_toc(toc)] == [
        (1, "penalty_decision", 1),
        (2, "inspection_record", 2),
        (3, "service_receipt", 4),
    ]


_CHARS = st.sampled_from(list("行政处罚决定书告知送达回证目录卷宗封面询问笔录局：:\t\n 0123456789〔〕（）《》、，。"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(_CHARS, max_size=80), min_size=1, max_size=6))
def test_segment_covers_every_page_once_on_arbitrary_text(texts: list[str]) -> None:
    docs = segment(pages(*texts))
    assert [p for d in docs for p in d.pages] == list(range(1, len(texts) + 1))
    assert all(d.type in TYPES for d in docs)


TYPES = {
    "cover", "toc", "case_source", "filing_approval", "inspection_record", "inquiry_record", "evidence",
    "investigation_report", "legal_review", "collective_discussion", "penalty_notice", "statement_record",
    "hearing", "penalty_decision", "service_receipt", "payment_receipt", "closing_report", "remarks", "other",
}  # fmt: skip


def test_a_page_without_any_text_is_an_attachment() -> None:
    assert types("询问笔录\n问：……", "", "  ") == [("inquiry_record", (1,)), ("evidence", (2, 3))]


def test_a_sector_named_before_the_title() -> None:
    """Sector rules name their forms with the sector first (林业行政处罚决定书, 交通运输行政处罚决定书)."""
    from app.extract.segment import match_title

    for title in (
        "林业行政处罚决定书", "交通运输行政处罚决定书", "某县林业局林业行政处罚决定书", "税务行政处罚事先告知书"
    ):
        found = match_title(title)
        assert found is not None, title
        assert found.distance == 0, title
    found = match_title("林业行政处罚决定书")
    assert found is not None
    assert found.type == "penalty_decision"
    assert match_title("本人收到林业行政处罚决定书") is None
