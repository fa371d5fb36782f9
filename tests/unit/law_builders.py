"""A complete 行政处罚 file as CaseFacts (every document with its text), for the rules of the law as it stands.

``full()`` extends ``test_rule_builders.clean()`` with the cover, 目录, 现场检查笔录, 案件来源登记表, 缴款凭证 and the
texts of the 立案审批表, 调查终结报告, 送达回证 and 结案报告, so that each rule reads a document's own words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from scoring.types import CaseFacts, DocumentInfo, PageText
from tests.unit.test_rule_builders import PARTY, clean, doc, with_page_text

D = dt.date
R = dataclasses.replace

COVER_TEXT = f"""石河子市市场监督管理局
行政处罚案卷
案件名称\t{PARTY}未查验进货凭证案
处罚决定书文号\t师市监处罚〔2024〕15号
立案日期\t2024年3月4日
结案日期\t2024年5月20日
保管期限\t长期
卷内件数\t12件"""

FILING_TEXT = """立案审批表
案件来源\t日常检查
简要案情\t当事人涉嫌违反《中华人民共和国食品安全法》第五十三条第一款的规定。
承办人意见\t建议立案调查。张三、李四
负责人意见\t同意立案。王五 2024年3月4日"""

REPORT_TEXT = """案件调查终结报告
经查，当事人进货时未查验供货者的许可证和食品合格证明文件。
当事人的行为违反了《中华人民共和国食品安全法》第五十三条第一款的规定，依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，建议罚款。
承办人：张三、李四
2024年4月1日"""

NOTICE_RECEIPT = """送达回证
送达文书名称及文号\t《行政处罚告知书》师市监罚告〔2024〕15号
受送达人\t石河子市某某商贸有限公司
送达方式\t直接送达
受送达人签名或盖章\t赵某 2024年4月10日
送达人\t张三、李四"""

DECISION_RECEIPT = """送达回证
送达文书名称及文号\t《行政处罚决定书》师市监处罚〔2024〕15号
受送达人\t石河子市某某商贸有限公司
送达方式\t直接送达
受送达人签名或盖章\t赵某 2024年4月23日
送达人\t张三、李四"""

CLOSING_TEXT = """结案报告
执行情况\t当事人已于2024年5月10日缴纳全部罚款。
负责人意见\t同意结案。王五 2024年5月20日"""

TOC_TEXT = """卷内文件目录
序号\t文号\t题名\t日期\t页号
1\t\t立案审批表\t2024年3月4日\t2
2\t\t询问笔录\t2024年3月6日\t3
3\t\t案件调查终结报告\t2024年4月1日\t4
4\t师市监罚告〔2024〕15号\t行政处罚告知书\t2024年4月10日\t5
5\t师市监处罚〔2024〕15号\t行政处罚决定书\t2024年4月22日\t6
6\t\t送达回证\t\t7
7\t\t送达回证\t\t8
8\t\t结案报告\t2024年5月20日\t9
9\t\t营业执照（副本）复印件\t\t10
10\t\t罚没款缴款凭证\t2024年5月10日\t12
11\t\t现场检查笔录\t2024年3月1日\t13
12\t\t案件来源登记表\t2024年3月1日\t14"""

PAYMENT_TEXT = """罚没款缴款凭证
缴款人\t石河子市某某商贸有限公司
执收单位\t石河子市市场监督管理局
收入项目\t罚没收入（非税收入）
金额（小写）\t¥5000.00
缴款日期\t2024年5月10日"""

INSPECTION_TEXT = """现场检查笔录
检查时间：2024年3月1日9时30分至10时40分
检查地点：石河子市北四路12号
执法人员：张三（执法证号66010012345）、李四（执法证号66010012346）
执法人员向被检查人出示了执法证件，告知其有申请回避的权利。
检查情况：当事人进货时未查验供货者的许可证。执法人员使用执法记录仪全程录像。
被检查人签名：赵某 2024年3月1日
执法人员签名：张三、李四"""

SOURCE_TEXT = """案件来源登记表
案件来源\t日常检查
登记时间\t2024年3月1日
基本情况\t执法人员在日常检查中发现当事人涉嫌未查验进货凭证。"""

TEXTS = {1: COVER_TEXT, 2: FILING_TEXT, 4: REPORT_TEXT, 7: NOTICE_RECEIPT, 8: DECISION_RECEIPT, 9: CLOSING_TEXT,
         11: TOC_TEXT, 12: PAYMENT_TEXT, 13: INSPECTION_TEXT, 14: SOURCE_TEXT}


def add(facts: CaseFacts, kind: str, title: str, text: str, **fields: Any) -> CaseFacts:
    """Append a one-page document with this text (its page number after the last page)."""
    page = max(p.number for p in facts.pages) + 1
    return R(facts, documents=(*facts.documents, doc(kind, title, page, **fields)),
             pages=(*facts.pages, PageText(page, text)))


def full() -> CaseFacts:
    f = clean()
    f = R(
        f,
        documents=(
            *f.documents,
            doc("toc", "卷内文件目录", 11),
            doc("payment_receipt", "罚没款缴款凭证", 12, date=D(2024, 5, 10)),
            doc("inspection_record", "现场检查笔录", 13, date=D(2024, 3, 1)),
            doc("case_source", "案件来源登记表", 14, date=D(2024, 3, 1)),
        ),
        pages=(*f.pages, *(PageText(n, "") for n in range(11, 15))),
    )
    for page, text in TEXTS.items():
        f = with_page_text(f, page, text)
    return f


def replace_text(facts: CaseFacts, page: int, old: str, new: str) -> CaseFacts:
    text = facts.page_text(page)
    assert old in text, (page, old)
    return with_page_text(facts, page, text.replace(old, new))


def docs_of(facts: CaseFacts, kind: str) -> tuple[DocumentInfo, ...]:
    return facts.documents_of(kind)
