"""extract() on wordings and layouts agencies vary: table rows, list styles, labels, amounts, dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.extract import extract
from app.extract.docfields import find_numbers
from app.ingest.types import Dossier, Line, Page


def fields(*texts: str) -> dict[str, Any]:
    pages = tuple(
        Page(n, t, tuple(Line(x) for x in t.split("\n"))) for n, t in enumerate(texts, start=1)
    )
    result: dict[str, Any] = extract(Dossier(Path("v.docx"), "v.docx", "0" * 64, "docx", pages)).to_contract()
    return result["fields"]


def decision(body: str, *, head: str = "某市市场监督管理局\n行政处罚决定书\n某市监罚〔2024〕5号") -> str:
    return f"{head}\n{body}\n某市市场监督管理局\n2024年8月1日"


@pytest.mark.parametrize(
    ("body", "types", "fine", "seized"),
    [
        (
            "依据《中华人民共和国广告法》第五十八条第一款的规定，决定处罚如下：\n（一）责令停止发布广告；\n（二）处以罚款人民币叁万元整（￥30,000.00）。",
            ["罚款"],
            30000.0,
            None,
        ),
        (
            "根据《中华人民共和国产品质量法》第四十九条，本局决定：没收违法生产的产品120件，没收违法所得2,350.00元，并处货值金额等值罚款6000元。",
            ["罚款", "没收违法所得", "没收非法财物"],
            6000.0,
            2350.0,
        ),
        (
            "依照《中华人民共和国食品安全法》第一百三十五条，决定给予当事人吊销食品经营许可证的行政处罚，并处罚款5万元。",
            ["罚款", "吊销许可证件"],
            50000.0,
            None,
        ),
        (
            "按照《安全生产违法行为行政处罚办法》第四十五条的规定，对当事人作出警告、责令停产停业整顿的行政处罚。",
            ["警告", "责令停产停业"],
            None,
            None,
        ),
    ],
)
def test_penalty_contents(body: str, types: list[str], fine: float | None, seized: float | None) -> None:
    f = fields(decision("当事人：某公司\n" + body))
    assert sorted(f["penalty_types"]) == sorted(types)
    assert f["fine_amount"] == fine
    assert f["confiscation_amount"] == seized


def test_notice_fine_is_read_from_the_intended_penalty() -> None:
    notice = """行政处罚告知书
某公司：
你单位违反了《价格法》第十三条第一款的规定，依据《价格法》第四十二条的规定，本局拟对你单位处以罚款人民币捌仟元整。
根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位可在收到本告知书之日起五日内提出陈述和申辩。
某市市场监督管理局
2024年7月20日"""
    f = fields(notice)
    assert f["notice_date"] == "2024-07-20"
    assert f["fine_amount"] == 8000.0  # no decision in the file: the notice's intended penalty
    assert f["penalty_provisions"] == [{"law": "中华人民共和国价格法", "article": 42, "paragraph": None, "item": None}]


def test_officers_in_a_table_row_and_inquiry_labels() -> None:
    inspection = (
        "现场检查笔录\n检查时间\t2024年5月2日\n执法人员\t王强\t证号\t65001001\t李娜\t证号\t65001002\n记录人\t赵敏"
    )
    inquiry = "询问笔录\n询问人：李娜  执法证号：65001002  记录人：周杰  执法证号：65001009\n问：……"
    f = fields(inspection, inquiry)
    assert f["officers"] == [
        {"name": "王强", "cert_no": "65001001"},
        {"name": "李娜", "cert_no": "65001002"},
    ]


def test_officer_without_cert_is_kept_without_one() -> None:
    f = fields("询问笔录\n执法人员：马军（执法证号：65002001）、何平\n记录人：马军")
    assert f["officers"] == [{"name": "马军", "cert_no": "65002001"}, {"name": "何平", "cert_no": None}]


def test_dates_after_labels_in_filing_receipt_and_closing() -> None:
    filing = "行政处罚立案审批表\n立案时间：2024年3月4日\n承办人意见：建议立案 2024年3月1日\n负责人：同意 2024年3月4日"
    receipt_notice = "送达回证\n送达文书名称、文号\t行政处罚告知书\n收到日期\t2024年4月2日"
    receipt = "送达回证\n送达文书名称、文号\t行政处罚决定书 某市监罚〔2024〕5号\n收到日期\t2024年4月12日"
    closing = "结案报告\n结案时间：2024年5月6日\n审批意见：同意结案 2024年5月7日"
    f = fields(filing, receipt_notice, decision("当事人：某公司"), receipt, closing)
    assert (f["filing_date"], f["service_date"], f["closing_date"]) == ("2024-03-04", "2024-04-12", "2024-05-06")
    assert f["decision_date"] == "2024-08-01"


def test_decision_sign_off_with_seal_marks_and_upper_case_date() -> None:
    text = (
        "行政处罚决定书\n某县卫生健康委员会\n当事人：张某\n依据《医师法》第五十九条，决定罚款一万元。\n"
        "某县卫生健康委员会（盖章）\n二〇二四年十一月三十日"
    )
    f = fields(text)
    assert f["agency"] == "某县卫生健康委员会"
    assert f["decision_date"] == "2024-11-30"
    assert f["fine_amount"] == 10000.0


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("（师市）应急罚〔2024〕144号", "（师市）应急罚〔2024〕144号"),
        ("文号：宛农（农药）罚（2024）206号", "宛农（农药）罚（2024）206号"),
        ("送达了告知书（伊交执罚告[2023]047号）", "伊交执罚告[2023]047号"),
        ("(奎)应急罚（2025)26号", "(奎)应急罚（2025）26号"),  # OCR read one bracket in the other width
    ],
)
def test_case_numbers_with_bracketed_abbreviations(text: str, number: str) -> None:
    assert [m.value for m in find_numbers(text)] == [number]


def test_provisions_exclude_performance_and_remedy_citations() -> None:
    body = (
        "当事人：某公司\n上述行为违反了《中华人民共和国消防法》第十六条第一款第（二）项的规定，"
        "依据《中华人民共和国消防法》第六十条第一款第（一）项的规定，决定罚款5000元。\n"
        "依据《中华人民共和国行政处罚法》第六十七条第三款的规定，当事人应当自收到本决定书之日起十五日内缴纳罚款。"
        "逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定每日加处罚款。\n"
        "如不服本决定，可依据《中华人民共和国行政复议法》第二十条的规定申请行政复议。"
    )
    f = fields(decision(body))
    assert f["violated_provisions"] == [{"law": "中华人民共和国消防法", "article": 16, "paragraph": 1, "item": 2}]
    assert f["penalty_provisions"] == [{"law": "中华人民共和国消防法", "article": 60, "paragraph": 1, "item": 1}]


def test_unspecific_provision_is_kept_when_no_article_is_cited() -> None:
    f = fields(
        decision(
            "当事人：某公司\n当事人违反了《中华人民共和国城乡规划法》的规定，依据《城乡规划法》第六十四条，决定罚款2万元。"
        )
    )
    assert f["violated_provisions"] == [
        {"law": "中华人民共和国城乡规划法", "article": None, "paragraph": None, "item": None}
    ]
    assert f["fine_amount"] == 20000.0


def test_penalty_content_is_the_stretch_naming_a_penalty() -> None:
    body = (
        "当事人：某公司\n经本局负责人集体讨论决定从轻处理。\n"
        "依据《中华人民共和国广告法》第五十八条，本局决定对当事人处以罚款三千元。"
    )
    f = fields(decision(body))
    assert f["penalty_types"] == ["罚款"]
    assert f["fine_amount"] == 3000.0
