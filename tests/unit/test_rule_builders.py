"""A clean 行政处罚 dossier as CaseFacts, built by hand, that rule tests break one way at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact, Officer, PageText, Provision

D = dt.date
PARTY = "石河子市某某商贸有限公司"
USCC = "91110000600037341L"  # valid check character

DECISION_TEXT = f"""石河子市市场监督管理局
行政处罚决定书
师市监处罚〔2024〕15号
当事人：{PARTY}
住所：石河子市北四路12号
统一社会信用代码：{USCC}
经查，当事人进货时未查验供货者的许可证和食品合格证明文件。
上述事实，有现场检查笔录、询问笔录等证据证明。
当事人的行为违反了《中华人民共和国食品安全法》第五十三条第一款的规定。本局责令当事人立即改正。
依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，决定对当事人罚款人民币5000元。
当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行。
依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。
如不服本决定，可以在收到本决定书之日起六十日内向石河子市人民政府申请行政复议，也可以在六个月内依法向石河子市人民法院提起行政诉讼。
石河子市市场监督管理局
2024年4月22日"""

INQUIRY_TEXT = """询问笔录
询问时间：2024年3月6日9时10分至10时20分
询问人：张三（执法证号66010012345）、李四（执法证号66010012346）
问：我们是石河子市市场监督管理局的执法人员，这是我们的执法证件，请你过目。
问：你有申请执法人员回避的权利，是否申请回避？
答：不申请。
以上笔录我已看过，与我说的一致。
被询问人签名：赵某 2024年3月6日
询问人签名：张三、李四"""

NOTICE_TEXT = """行政处罚告知书
师市监罚告〔2024〕15号
经调查，你单位进货时未查验供货者的许可证和食品合格证明文件。你单位的上述行为违反了《中华人民共和国食品安全法》第五十三条第一款的规定。
依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，本局拟对你单位作出罚款人民币5000元的行政处罚。
你单位有权进行陈述和申辩，并有权要求听证。如要求陈述、申辩，应当自收到本告知书之日起五个工作日内提出。
2024年4月10日"""

LICENCE_COPY_TEXT = f"""营业执照（副本）复印件
名称：{PARTY}
统一社会信用代码：{USCC}
以上复印件与原件核对无误。
提供人签名：赵某 2024年3月6日"""


def fact(value: Any, page: int, text: str = "") -> Fact[Any]:
    return Fact(value, (Evidence(page=page, text=text or str(value)),))


def doc(kind: str, title: str, page: int, **fields: Any) -> DocumentInfo:
    return DocumentInfo(type=kind, title=title, pages=(page,), fields={k: fact(v, page) for k, v in fields.items()})


def clean() -> CaseFacts:
    officers = (Officer("张三", "66010012345", (Evidence(3, "执法人员：张三 66010012345"),)),
                Officer("李四", "66010012346", (Evidence(3, "李四 66010012346"),)))
    documents = (
        doc("cover", "卷宗封面", 1, party_name=PARTY, case_number="师市监处罚〔2024〕15号"),
        doc("filing_approval", "立案审批表", 2, date=D(2024, 3, 4), party_name=PARTY),
        doc("inquiry_record", "询问笔录", 3, date=D(2024, 3, 6), officers=officers),
        doc("investigation_report", "案件调查终结报告", 4, date=D(2024, 4, 1)),
        doc("penalty_notice", "行政处罚告知书", 5, date=D(2024, 4, 10), party_name=PARTY, fine_amount=5000.0,
            has_seal=True),
        doc("penalty_decision", "行政处罚决定书", 6, date=D(2024, 4, 22), party_name=PARTY, fine_amount=5000.0,
            case_number="师市监处罚〔2024〕15号", has_seal=True),
        doc("service_receipt", "送达回证", 7, served_document="行政处罚告知书", service_date=D(2024, 4, 10),
            has_signature=True),
        doc("service_receipt", "送达回证", 8, served_document="行政处罚决定书", service_date=D(2024, 4, 23),
            has_signature=True, case_number="师市监处罚〔2024〕15号"),
        doc("closing_report", "结案报告", 9, date=D(2024, 5, 20)),
        doc("evidence", "营业执照（副本）复印件", 10),
    )
    pages = tuple(PageText(n, "") for n in range(1, 11))
    pages = tuple(
        dataclasses.replace(p, text=DECISION_TEXT, has_seal=True) if p.number == 6
        else dataclasses.replace(p, text=NOTICE_TEXT, has_seal=True) if p.number == 5
        else dataclasses.replace(p, text=INQUIRY_TEXT) if p.number == 3
        else dataclasses.replace(p, text="卷宗封面") if p.number == 1
        else dataclasses.replace(p, text=LICENCE_COPY_TEXT) if p.number == 10 else p
        for p in pages
    )
    return CaseFacts(
        case_kind="penalty",
        procedure="ordinary",
        case_number=fact("师市监处罚〔2024〕15号", 6),
        agency=fact("石河子市市场监督管理局", 6),
        party_name=fact(PARTY, 6),
        party_type=fact("organization", 6),
        party_id=fact(USCC, 6),
        officers=officers,
        filing_date=fact(D(2024, 3, 4), 2),
        notice_date=fact(D(2024, 4, 10), 5),
        decision_date=fact(D(2024, 4, 22), 6),
        service_date=fact(D(2024, 4, 23), 8),
        closing_date=fact(D(2024, 5, 20), 9),
        penalty_types=fact(("罚款",), 6),
        fine_amount=fact(5000.0, 6),
        violated_provisions=(
            Provision(
                "中华人民共和国食品安全法",
                53,
                1,
                None,
                "《中华人民共和国食品安全法》第五十三条第一款",
                (Evidence(6, "第五十三条第一款"),),
            ),
        ),
        penalty_provisions=(
            Provision(
                "中华人民共和国食品安全法",
                126,
                1,
                3,
                "第一百二十六条第一款第（三）项",
                (Evidence(6, "第一百二十六条第一款第（三）项"),),
            ),
        ),
        documents=documents,
        pages=pages,
    )


def with_doc_fields(facts: CaseFacts, kind: str, **fields: Any) -> CaseFacts:
    """Replace fields of every document of `kind` (value None removes the field)."""
    docs = []
    for d in facts.documents:
        if d.type == kind:
            merged = dict(d.fields)
            for k, v in fields.items():
                if v is None:
                    merged.pop(k, None)
                else:
                    merged[k] = fact(v, d.pages[0])
            d = dataclasses.replace(d, fields=merged)
        docs.append(d)
    return dataclasses.replace(facts, documents=tuple(docs))


def without(facts: CaseFacts, kind: str) -> CaseFacts:
    return dataclasses.replace(facts, documents=tuple(d for d in facts.documents if d.type != kind))


def with_page_text(facts: CaseFacts, number: int, text: str) -> CaseFacts:
    pages = tuple(dataclasses.replace(p, text=text) if p.number == number else p for p in facts.pages)
    return dataclasses.replace(facts, pages=pages)


def test_clean_dossier_has_no_failures() -> None:
    from scoring import check

    fails = [(f.rule, f.message) for f in check(clean()) if f.status == "fail"]
    assert fails == []
