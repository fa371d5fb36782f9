"""A decision alone (as published, or handed over for 抽查), read from real PDF and DOCX files.

Issue 11: a real decision not recognised (no title line, title and 文号 on one line, a 公示 summary
table) got 100 分 优秀 with no finding. Each file here is such a decision; the extraction must give the
exact values, and the score must rest only on what a lone decision can show: documents it cannot
contain are `unknown`, never `missing_document` fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.pipeline import Analysis, analyse
from scoring.types import Status
from tests.unit.dossier_files import write_docx, write_pdf

Writer = Callable[..., Path]
WRITERS = {"pdf": write_pdf, "docx": write_docx}

# A published decision whose title line was cut off: the organ, the 文号 (a serial with a series
# code), an unlabelled first line "戴**，男，…", dates of the earlier steps told in the body.
NO_TITLE = """乌鲁木齐市天山区市场监督管理局
乌天市监处罚〔2024〕k-39号
戴**，男，汉族，1985年3月生，公民身份号码：650102198503120019。
经营场所：乌鲁木齐市天山区解放南路8号
本局于2024年3月4日对当事人涉嫌销售超过保质期的食品一案立案调查。
经查，2024年3月1日，执法人员在检查中发现当事人销售超过保质期的饮料12瓶，货值金额60元。
上述事实，有现场检查笔录、询问笔录、现场照片等证据证明。
本局于2024年4月10日向当事人送达了《行政处罚告知书》（乌天市监罚告〔2024〕21号），当事人在法定期限内未提出陈述、申辩意见。
本局认为，当事人的上述行为违 反 了《中华人民共和国食品安全法》第三十四条第（十）项的规定。\
鉴于当事人货值金额较小并主动消除违法行为危害后果，本局对当事人予以减轻处罚。\
依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局责令当事人改正上述违法行为，并决定对当事人作出如下行政处罚：
一、没收超过保质期的饮料12瓶；
二、罚款人民币伍仟元整。
当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行。逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。
如不服本决定，可以在收到本决定书之日起六十日内向乌鲁木齐市天山区人民政府申请行政复议，也可以在六个月内依法向乌鲁木齐市天山区人民法院提起行政诉讼。
乌鲁木齐市天山区市场监督管理局
2024年4月22日"""

NO_TITLE_FIELDS: dict[str, Any] = {
    "case_number": "乌天市监处罚〔2024〕k-39号",
    "case_title": None,
    "agency": "乌鲁木齐市天山区市场监督管理局",
    "party_name": "戴**",
    "party_type": "person",
    "party_id": "650102198503120019",
    "officers": [],
    "filing_date": "2024-03-04",
    "notice_date": "2024-04-10",
    "decision_date": "2024-04-22",
    "service_date": None,
    "closing_date": None,
    "penalty_types": ["罚款", "没收非法财物"],
    "fine_amount": 5000.0,
    "confiscation_amount": None,
    "violated_provisions": [{"law": "中华人民共和国食品安全法", "article": 34, "paragraph": None, "item": 10}],
    "penalty_provisions": [{"law": "中华人民共和国食品安全法", "article": 124, "paragraph": 1, "item": 5}],
}

# Title and 文号 on one line; the party under 当事人基本情况; labels with spaces inside; a 裁量基准 and
# the payment article cited with 依据; no date by the 落款 (only the inspection day in the body).
ONE_LINE_TITLE = """巴音郭楞蒙古自治州生态环境局行政处罚决定书 巴环罚〔2024〕092（非） 号
一、当事人基本情况
姓名：阿不都热合曼·艾买提
公民身份号码：652801197904050030
地 址：库尔勒市人民东路6号
二、违法事实和证据
2024年5月6日，我局执法人员对当事人经营的汽车修理厂进行现场检查，发现当事人未依法报批建设项目环境影响评价文件，擅自开工建设喷漆房。以上事实有现场检查（勘察）笔录、调查询问笔录、现场照片等证据为证。
三、行政处罚的依据、种类
你的上述行为违 反 了《中华人民共和国环境影响评价法》第二十五条的规定。\
依据《中华人民共和国环境影响评价法》第三十一条第一款和《新疆维吾尔自治区生态环境行政处罚自由裁量基准》的规定，我局责令你停止建设，并决定对你作出如下行政处罚：罚款人民币贰万元整。
四、履行方式和期限
依据《中华人民共和国行政处罚法》第六十七条第三款的规定，你应当自收到本决定书之日起十五日内，到指定银行缴纳罚款。
五、申请行政复议或者提起行政诉讼的途径和期限
如不服本处罚决定，可在收到本决定书之日起六十日内向巴音郭楞蒙古自治州人民政府申请行政复议，也可以在六个月内向库尔勒市人民法院提起行政诉讼。
巴音郭楞蒙古自治州生态环境局"""

ONE_LINE_FIELDS: dict[str, Any] = {
    "case_number": "巴环罚〔2024〕092（非）号",
    "agency": "巴音郭楞蒙古自治州生态环境局",
    "party_name": "阿不都热合曼·艾买提",
    "party_type": "person",
    "party_id": "652801197904050030",
    "filing_date": None,
    "notice_date": None,
    "decision_date": None,  # no 落款 date: not the inspection day of the body
    "penalty_types": ["罚款"],
    "fine_amount": 20000.0,
    "violated_provisions": [{"law": "中华人民共和国环境影响评价法", "article": 25, "paragraph": None, "item": None}],
    "penalty_provisions": [{"law": "中华人民共和国环境影响评价法", "article": 31, "paragraph": 1, "item": None}],
}

# A 公示 summary table (双公示): labels in cells, the party as 行政相对人名称, facts under 处罚事由.
PUBLICITY = """行政处罚信息公示
行政处罚决定书文号\t石市监处罚〔2025〕事故-5号
案件名称\t石河子市某某商贸有限公司销售不合格电线案
行政相对人名称\t石河子市某某商贸有限公司
行政相对人类别\t法人及非法人组织
统一社会信用代码\t91650100MA77K3QD0L
处罚事由\t当事人销售不合格电线电缆，违反了《中华人民共和国产品质量法》第三十九条的规定
处罚依据\t依据《中华人民共和国产品质量法》第五十条的规定
处罚类别\t罚款；没收违法所得
处罚结果\t没收违法所得人民币800元，罚款人民币3万元
处罚决定日期\t2025年6月18日
处罚机关\t第八师石河子市市场监督管理局"""

PUBLICITY_FIELDS: dict[str, Any] = {
    "case_number": "石市监处罚〔2025〕事故-5号",
    "case_title": "石河子市某某商贸有限公司销售不合格电线案",
    "agency": "第八师石河子市市场监督管理局",
    "party_name": "石河子市某某商贸有限公司",
    "party_type": "organization",
    "party_id": "91650100MA77K3QD0L",
    "decision_date": "2025-06-18",
    "penalty_types": ["罚款", "没收违法所得"],
    "fine_amount": 30000.0,
    "confiscation_amount": 800.0,
    "violated_provisions": [{"law": "中华人民共和国产品质量法", "article": 39, "paragraph": None, "item": None}],
    "penalty_provisions": [{"law": "中华人民共和国产品质量法", "article": 50, "paragraph": None, "item": None}],
}


def _analyse(tmp_path: Path, fmt: str, text: str, *, sealed: bool = True) -> Analysis:
    path = WRITERS[fmt](tmp_path / f"decision.{fmt}", [text], sealed=[1] if sealed else [])
    return analyse(path)


def _statuses(a: Analysis) -> dict[str, Status]:
    return {f.rule: f.status for f in a.findings}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_decision_without_title_line(tmp_path: Path, fmt: str) -> None:
    a = _analyse(tmp_path, fmt, NO_TITLE)
    out = a.extraction.to_contract()
    assert (out["case_kind"], out["scope"]) == ("penalty", "decision")
    assert [d["type"] for d in out["documents"]] == ["penalty_decision"]
    assert out["fields"] == NO_TITLE_FIELDS
    how = {k: v["how"] for k, v in out["field_confidence"].items()}
    assert (how["filing_date"], how["notice_date"], how["decision_date"]) == ("sentence", "sentence", "position")
    assert how["party_name"] == "position"  # the unlabelled first line
    assert how["service_date"] == "not_found"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_lone_decision_is_scored_on_what_it_can_show(tmp_path: Path, fmt: str) -> None:
    a = _analyse(tmp_path, fmt, NO_TITLE)
    status = _statuses(a)
    assert [r for r, s in status.items() if s is Status.FAIL] == []
    # documents a lone decision cannot contain: not checkable, never a veto for a missing 告知书
    for kind in ("filing_approval", "penalty_notice", "service_receipt"):
        assert status[f"missing_document:{kind}"] is Status.UNKNOWN
    assert status["missing_document:penalty_decision"] is Status.PASS
    # the body's dates are enough for the time limits (49 days; 8 working days after the notice)
    assert status["decision_over_90_days"] is Status.PASS
    assert status["notice_to_decision_under_5_days"] is Status.PASS
    # the rubric scores case files: a decision alone gets no automatic grade, its findings stand
    assert (a.score.auto_scorable, a.score.needs_review, a.score.veto) == (False, True, False)
    assert (a.score.grade, a.score.total) == ("不可自动评分", 100.0)
    assert a.score.review_reasons[0].startswith("无法判断卷内是否有立案审批表，不可自动评分")
    assert 0 < a.score.coverage < 0.5
    items = {i.item: i.status for i in a.score.items}
    assert items["procedure.filing"] == "unknown"
    assert items["documents.decision_remedy"] == "pass"
    assert items["law.discretion"] == "pass"  # the decision states why it goes below the article's floor


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_published_text_without_seal_image_is_not_a_fail(tmp_path: Path, fmt: str) -> None:
    """A decision as published (text PDF, DOCX) carries no picture of its stamp: unknown, not a fail."""
    a = _analyse(tmp_path, fmt, NO_TITLE, sealed=False)
    assert _statuses(a)["missing_signature_or_seal"] is Status.UNKNOWN
    assert [f.rule for f in a.findings if f.status is Status.FAIL] == []


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_title_and_number_on_one_line(tmp_path: Path, fmt: str) -> None:
    a = _analyse(tmp_path, fmt, ONE_LINE_TITLE)
    out = a.extraction.to_contract()
    assert (out["scope"], [d["type"] for d in out["documents"]]) == ("decision", ["penalty_decision"])
    got = {k: out["fields"][k] for k in ONE_LINE_FIELDS}
    assert got == ONE_LINE_FIELDS
    status = _statuses(a)
    # the party stands under 当事人基本情况, its address after "地 址"; a 裁量基准 is no vague citation
    assert status["decision_lacks_party"] is Status.PASS
    assert status["provision_not_specific"] is Status.PASS
    # no decision date: the time limits cannot be checked — they say so
    assert status["decision_over_90_days"] is Status.UNKNOWN
    assert status["decision_lacks_agency_date"] is Status.UNKNOWN
    assert [r for r, s in status.items() if s is Status.FAIL] == []


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_publicity_table_is_read_as_the_decision(tmp_path: Path, fmt: str) -> None:
    a = _analyse(tmp_path, fmt, PUBLICITY, sealed=False)
    out = a.extraction.to_contract()
    assert (out["case_kind"], out["scope"]) == ("penalty", "decision")
    assert [d["type"] for d in out["documents"]] == ["penalty_decision"]
    got = {k: out["fields"][k] for k in PUBLICITY_FIELDS}
    assert got == PUBLICITY_FIELDS
    assert out["field_confidence"]["decision_date"]["how"] == "label"
    status = _statuses(a)
    assert status["decision_lacks_facts"] is Status.PASS  # the facts stand under 处罚事由
    # a summary shows no address nor remedies: the decision's full text may; not a fail
    assert (status["decision_lacks_party"], status["no_remedy_notice"]) == (Status.UNKNOWN, Status.UNKNOWN)
    assert [r for r, s in status.items() if s is Status.FAIL] == []


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_unrecognised_file_is_never_a_silent_pass(tmp_path: Path, fmt: str) -> None:
    letter = (
        "关于做好年度统计工作的通知\n各单位：\n请于十二月底前报送本年度统计报表。\n特此通知。\n办公室\n2024年11月2日"
    )
    a = _analyse(tmp_path, fmt, letter, sealed=False)
    out = a.extraction.to_contract()
    assert (out["case_kind"], out["scope"]) == ("other", "unrecognised")
    found = {(f.rule, f.status) for f in a.findings}
    assert ("missing_document:penalty_decision", Status.UNKNOWN) in found
    assert (a.score.grade, a.score.auto_scorable, a.score.needs_review) == ("不可自动评分", False, True)
    assert a.score.to_json()["coverage"] == 0.0
