"""extract() over in-memory dossiers written in varied wordings: exact field values and evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import extract
from app.extract.types import Extraction
from app.ingest.types import Dossier, Line, Page


def dossier(*texts: str, seals: dict[int, bool] | None = None) -> Dossier:
    pages = []
    for n, text in enumerate(texts, start=1):
        lines = tuple(
            Line(t, (60.0, 50.0 + 18 * i, 520.0, 62.0 + 18 * i)) for i, t in enumerate(text.split("\n"))
        )
        pages.append(Page(n, text, lines, has_seal=(seals or {}).get(n)))
    return Dossier(Path("case.pdf"), "case.pdf", "0" * 64, "pdf", tuple(pages))


def run(*texts: str) -> Extraction:
    return extract(dossier(*texts))


FILING = """立案审批表
案件名称\t阿克苏市某某餐饮店超范围经营案
当事人\t阿克苏市某某餐饮店（个体工商户）
统一社会信用代码\t92652901MA78W4XK2A
经营者\t王某某
承办人意见\t建议立案
承办人\t刘洋、陈晨\t执法证号\t65290100101、65290100102
机关负责人意见：同意。签名：赵局长 2023年06月05日"""

INQUIRY = """询问笔录
时间：2023年6月7日9时至10时
执法人员姓名及证号：陈晨 65290100102，刘洋 65290100101
记录人：马丽
被询问人：王某某
问：我们是阿克苏市市场监督管理局的执法人员，现向你出示执法证件。
答：看到了。"""

NOTICE = """阿克苏市市场监督管理局
行政处罚事先告知书
阿市监罚告〔2023〕41号
阿克苏市某某餐饮店：
你店的行为违反了《食品安全法》第三十五条第一款的规定，依据《中华人民共和国食品安全法》第一百二十二条第一款的规定，本局拟对你店作出如下处罚：没收违法所得1,200元，罚款0.5万元。
你店可在收到本告知书之日起五个工作日内提出陈述、申辩。
阿克苏市市场监督管理局
二〇二三年七月三日"""

DECISION = """阿克苏市市场监督管理局
行政处罚决定书
阿市监处罚[2023]第0058号
当事人：阿克苏市某某餐饮店
主体类型：个体工商户
统一社会信用代码：92652901MA78W4XK2A
经营者：王某某
经查，当事人未取得食品经营许可从事餐饮服务。上述行为违反了《中华人民共和国食品安全法》第三十五条第一款的规定。根据《中华人民共和国食品安全法》第一百二十二条第一款的规定，本局决定：
一、没收违法所得人民币壹仟贰佰元整；
二、处罚款人民币伍仟元（¥5,000.00）。
当事人应于收到本决定书之日起十五日内缴纳罚没款。逾期不缴纳罚款的，根据《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，每日按罚款数额的3%加处罚款。
当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向阿克苏市人民政府申请行政复议；也可以在六个月内依据《中华人民共和国行政诉讼法》第四十六条向人民法院提起行政诉讼。
阿克苏市市场监督管理局
2023.7.14"""

RECEIPT_NOTICE = """送达回证
送达文书\t行政处罚事先告知书
受送达人\t阿克苏市某某餐饮店
送达时间\t2023年7月4日"""

RECEIPT_DECISION = """送达回证
送达文书\t行政处罚决定书 阿市监处罚[2023]第0058号
受送达人\t阿克苏市某某餐饮店
送达时间\t2023年7月17日
受送达人签名\t王某某"""

CLOSING = """结案审批表
执行情况：罚没款已于2023年7月20日缴清。
负责人意见：同意结案。 2023年7月25日"""


def test_sole_trader_dossier_fields() -> None:
    e = run(FILING, INQUIRY, NOTICE, RECEIPT_NOTICE, DECISION, RECEIPT_DECISION, CLOSING)
    f = e.to_contract()["fields"]
    assert f == {
        "case_number": "阿市监处罚[2023]第0058号",
        "case_title": "阿克苏市某某餐饮店超范围经营案",
        "agency": "阿克苏市市场监督管理局",
        "party_name": "阿克苏市某某餐饮店",
        "party_type": "person",
        "party_id": "92652901MA78W4XK2A",
        "officers": [
            {"name": "刘洋", "cert_no": "65290100101"},
            {"name": "陈晨", "cert_no": "65290100102"},
        ],
        "filing_date": "2023-06-05",
        "notice_date": "2023-07-03",
        "decision_date": "2023-07-14",
        "service_date": "2023-07-17",
        "closing_date": "2023-07-25",
        "penalty_types": ["罚款", "没收违法所得"],
        "fine_amount": 5000.0,
        "confiscation_amount": 1200.0,
        "violated_provisions": [
            {"law": "中华人民共和国食品安全法", "article": 35, "paragraph": 1, "item": None}
        ],
        "penalty_provisions": [
            {"law": "中华人民共和国食品安全法", "article": 122, "paragraph": 1, "item": None}
        ],
    }
    assert e.facts.procedure == "ordinary"
    assert e.facts.case_kind == "penalty"


def test_per_document_fields() -> None:
    e = run(FILING, INQUIRY, NOTICE, RECEIPT_NOTICE, DECISION, RECEIPT_DECISION, CLOSING)
    notice = e.facts.documents_of("penalty_notice")[0].fields
    assert notice["fine_amount"].value == 5000.0
    assert notice["confiscation_amount"].value == 1200.0
    assert notice["date"].value == dt.date(2023, 7, 3)
    assert notice["case_number"].value == "阿市监罚告〔2023〕41号"
    receipts = e.facts.documents_of("service_receipt")
    assert [r.fields["served_document"].value for r in receipts] == [
        "行政处罚事先告知书",
        "行政处罚决定书阿市监处罚[2023]第0058号",
    ]
    assert [r.fields["service_date"].value for r in receipts] == [dt.date(2023, 7, 4), dt.date(2023, 7, 17)]
    decision = e.facts.documents_of("penalty_decision")[0].fields
    assert decision["remedy_notice"].value is True
    assert decision["procedure"].value == "ordinary"
    assert decision["party_name"].value == "阿克苏市某某餐饮店"
    inquiry = e.facts.documents_of("inquiry_record")[0].fields
    assert [(o.name, o.cert_no) for o in inquiry["officers"].value] == [
        ("陈晨", "65290100102"),
        ("刘洋", "65290100101"),
    ]


def test_evidence_points_at_page_words_and_box() -> None:
    e = run(FILING, INQUIRY, NOTICE, RECEIPT_NOTICE, DECISION, RECEIPT_DECISION, CLOSING)
    ev = e.facts.decision_date
    assert ev is not None
    assert ev.evidence[0].page == 5
    assert ev.evidence[0].text == "2023.7.14"
    assert ev.evidence[0].box == (60.0, 50.0 + 18 * 13, 520.0, 62.0 + 18 * 13)
    party_id = e.facts.party_id
    assert party_id is not None
    assert party_id.evidence[0].text == "统一社会信用代码：92652901MA78W4XK2A"
    assert e.warnings == ()


NATURAL_PERSON = """某县农业农村局
行政处罚决定书
某农（农药）罚〔2024〕2号
当事人：李建国，男，1975年3月12日出生，身份证号码：110105197503120018，住某县某乡某村。
经查，当事人销售假农药。以上行为违反了《农药管理条例》第二十九条第一款、第二款的规定。
依据《农药管理条例》第五十五条第一款第（一）项的规定，本局决定给予当事人如下行政处罚：
警告，没收假农药12瓶，并处罚款人民币2000元。
当事人必须在收到本决定书之日起15日内缴纳罚款。
如不服本决定，可在收到本决定书之日起60日内向某县人民政府申请行政复议，或者6个月内向某县人民法院起诉。
某县农业农村局
2024年1月9日"""


def test_natural_person_and_confiscated_goods() -> None:
    f = run(NATURAL_PERSON).to_contract()["fields"]
    assert f["party_name"] == "李建国"
    assert f["party_type"] == "person"
    assert f["party_id"] == "110105197503120018"
    assert f["penalty_types"] == ["警告", "罚款", "没收非法财物"]
    assert f["fine_amount"] == 2000.0
    assert f["confiscation_amount"] is None
    assert f["decision_date"] == "2024-01-09"
    assert f["agency"] == "某县农业农村局"
    assert f["violated_provisions"] == [
        {"law": "农药管理条例", "article": 29, "paragraph": 1, "item": None},
        {"law": "农药管理条例", "article": 29, "paragraph": 2, "item": None},
    ]
    assert f["penalty_provisions"] == [{"law": "农药管理条例", "article": 55, "paragraph": 1, "item": 1}]


def test_invalid_party_id_is_kept_with_a_warning() -> None:
    text = NATURAL_PERSON.replace("110105197503120018", "110105197503120019")
    e = run(text)
    assert e.to_contract()["fields"]["party_id"] == "110105197503120019"
    assert e.warnings == (
        "第1页：当事人证件号码 110105197503120019 校验位不符（统一社会信用代码 GB 32100 / 身份证号 GB 11643）",
    )


def test_officers_exclude_recorder_host_and_approver() -> None:
    inspection = """现场检查笔录
检查时间：2024年5月6日
检查人员：周明（执法证号：LS-0001234）、吴芳（执法证号：LS-0001235）
记录人：郑强（执法证号：LS-0009999）"""
    hearing = """听证笔录
听证主持人：钱坤
书记员：孙莉
案件调查人员：周明、吴芳"""
    approval = """立案审批表
承办人：吴芳 执法证号：LS-0001235
部门负责人：冯涛  执法证号：LS-0000001
审批人：何伟"""
    e = run(approval, inspection, hearing)
    assert [(o.name, o.cert_no) for o in e.facts.officers] == [
        ("吴芳", "LS-0001235"),
        ("周明", "LS-0001234"),
    ]


def test_case_number_agency_fall_back_without_decision() -> None:
    cover = """行政处罚案卷
案件名称：某某物流有限公司超限运输案
办案机构：某市交通运输综合行政执法支队
立案日期：2024年2月1日"""
    filing = """立案审批表
编号：某交执立〔2024〕9号
当事人：某某物流有限公司
法定代表人：钱某
2024年2月1日"""
    f = run(cover, filing).to_contract()["fields"]
    assert f["case_number"] == "某交执立〔2024〕9号"
    assert f["agency"] == "某市交通运输综合行政执法支队"
    assert f["party_type"] == "organization"
    assert f["filing_date"] == "2024-02-01"
    assert f["decision_date"] is None
    assert f["penalty_types"] == []


def test_case_kind_and_simple_procedure() -> None:
    simple = """当场行政处罚决定书
编号：某城管当罚〔2024〕101号
当事人：赵某
依据《某市市容和环境卫生管理条例》第二十条的规定，决定给予警告。
某区城市管理局
2024年3月3日"""
    e = run(simple)
    assert e.facts.procedure == "simple"
    assert e.facts.case_kind == "penalty"
    license_case = run("行政许可申请书\n申请人：某公司", "受理通知书\n你单位申请的事项已受理。")
    assert license_case.facts.case_kind == "license"
    assert license_case.facts.procedure is None


def test_statement_waived_and_seal_flags() -> None:
    statement = "陈述申辩笔录\n当事人表示：对拟作出的处罚无异议，放弃陈述、申辩和听证的权利。\n当事人签名：王某某"
    e = extract(dossier(NOTICE, statement, DECISION, seals={1: True, 3: False}))
    docs = {d.type: d.fields for d in e.facts.documents}
    assert docs["statement_record"]["statement_waived"].value is True
    assert docs["statement_record"]["has_signature"].value is True
    assert docs["penalty_notice"]["has_seal"].value is True
    assert docs["penalty_decision"]["has_seal"].value is False
    assert "has_seal" not in docs["statement_record"]


def test_notice_addressee_is_its_party() -> None:
    e = run(NOTICE)
    notice = e.facts.documents_of("penalty_notice")[0].fields
    assert notice["party_name"].value == "阿克苏市某某餐饮店"
    assert e.to_contract()["fields"]["party_name"] == "阿克苏市某某餐饮店"


def test_receipt_signature_is_the_recipients() -> None:
    unsigned = "送达回证\n送达文书\t行政处罚决定书\n送达人签名\t刘洋\n受送达人签名\t\n送达时间\t2023年7月17日"
    signed = unsigned.replace("受送达人签名\t", "受送达人签名\t王某某")
    notice = "行政处罚告知书\n甲公司：\n逾期未提出的，视为放弃上述权利。\n某局\n2023年7月1日"
    e = run(unsigned, signed, notice)
    receipts = e.facts.documents_of("service_receipt")
    assert [r.fields["has_signature"].value for r in receipts] == [False, True]
    assert "statement_waived" not in e.facts.documents_of("penalty_notice")[0].fields


_WORDS = st.sampled_from(
    ["行政处罚决定书", "当事人：", "执法人员：", "（执法证号：", "）、", "违反了《食品安全法》第三十四条", "依据",
     "罚款", "伍仟元", "2024年3月4日", "\n", "\t", "送达回证", "送达文书", "局", "决定", "没收", "号", "〔2024〕"]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=30).map("".join), min_size=1, max_size=4))
def test_extract_never_raises_and_keeps_the_contract_shape(texts: list[str]) -> None:
    out = run(*texts).to_contract()
    assert out["pages"] == len(texts)
    assert sorted(p for d in out["documents"] for p in d["pages"]) == list(range(1, len(texts) + 1))
    assert set(out["fields"]) == {
        "case_number", "case_title", "agency", "party_name", "party_type", "party_id", "officers",
        "filing_date", "notice_date", "decision_date", "service_date", "closing_date", "penalty_types",
        "fine_amount", "confiscation_amount", "violated_provisions", "penalty_provisions",
    }  # fmt: skip


def test_a_date_beside_a_short_line_is_not_joined_to_it() -> None:
    text = "立案审批表\n承办人：宋丽晓、蔡丽志 执法证件号码：41133312488、41132036085\n2024 年 12 月 23 日"
    lines = (
        Line("立案审批表", (250.0, 50.0, 330.0, 62.0)),
        Line("承办人：宋丽晓、蔡丽志 执法证件号码：41133312488、41132036085", (175.0, 338.0, 512.0, 352.0)),
        Line("2024 年 12 月 23 日", (420.0, 360.0, 520.0, 372.0)),
    )
    d = Dossier(Path("t.pdf"), "t.pdf", "0" * 64, "pdf", (Page(1, text, lines),))
    assert [(o.name, o.cert_no) for o in extract(d).facts.officers] == [
        ("宋丽晓", "41133312488"),
        ("蔡丽志", "41132036085"),
    ]


def test_officer_rows_with_prefixed_certs_and_a_signature_date() -> None:
    text = "立案审批表\n承办人：沈艳艳、于鹏    证号：卫监654065799、卫监654088992  2024.12.30"
    assert [(o.name, o.cert_no) for o in run(text).facts.officers] == [
        ("沈艳艳", "卫监654065799"),
        ("于鹏", "卫监654088992"),
    ]
