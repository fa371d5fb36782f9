"""False fails on dossiers written by other hands (issue 11's othergen yardstick), reproduced from the law and
the way 笔录 and approval forms are printed, on real PDF and DOCX files.

* 行政处罚法 第四十二条第一款 "执法人员不得少于两人"; 第五十五条: 询问或者检查应当制作笔录. A 询问笔录 is made by two
  officers, one asking and one recording ("询问人：… 执法证号：… 记录人：… 执法证号：…"), and both sign it; names
  of Uyghur and Kazakh officers are transliterated with a middle dot that fonts print as ·, •, ・ or ‧.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.pipeline import Analysis, analyse
from scoring import check
from scoring.rules.textutil import labelled, names
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact, Officer, PageText, Status
from tests.unit import dossier_texts as dx
from tests.unit.dossier_files import write_docx, write_pdf
from tests.unit.law_builders import add, full, replace_text
from tests.unit.test_rule_builders import with_doc_fields, with_page_text, without

WRITERS: dict[str, Callable[..., Path]] = {"pdf": write_pdf, "docx": write_docx}

INQUIRY = """询问笔录
询问时间：2024年3月6日9时10分至10时20分
询问地点：库尔勒市市场监督管理局
询问人：米日古丽・吐尔逊 执法证号：新C016908
记录人：别克・哈孜别克 执法证号：新B022610
被询问人：李某 性别：男 职务：负责人
问：我们是库尔勒市市场监督管理局的执法人员，这是我们的执法证件，请你过目。
答：看清楚了，不申请回避。
被询问人签名：李某 2024年3月6日
询问人签名：米日古丽・吐尔逊 记录人签名：别克・哈孜别克"""

INSPECTION = """现场检查笔录
检查时间：2024年3月1日10时00分至11时00分
检查地点：库尔勒市人民东路18号
被检查人：库尔勒市某某商贸有限公司
检查人员：米日古丽•吐尔逊（证号：新C016908）、别克•哈孜别克（证号：新B022610）
记录人：别克•哈孜别克
执法人员向被检查人出示了执法证件，告知其有申请回避的权利。
检查情况：当事人货架上摆放超过保质期的饮料12瓶。
被检查人签名：李某
检查人员签名：米日古丽•吐尔逊、别克•哈孜别克"""

# one officer only, who both asks and records (a genuine defect): the space inside the transliterated name
# "阿依古丽 居来提" does not make two persons of one
ALONE = "阿依古丽 居来提"
INQUIRY_ALONE = (INQUIRY.replace("米日古丽・吐尔逊", ALONE).replace("别克・哈孜别克", ALONE)
                 .replace("新B022610", "新C016908"))
INSPECTION_ALONE = INSPECTION.replace("米日古丽•吐尔逊（证号：新C016908）、别克•哈孜别克（证号：新B022610）",
                                      f"{ALONE}（证号：新C016908）").replace(
    "米日古丽•吐尔逊、别克•哈孜别克", ALONE).replace("别克•哈孜别克", ALONE)


def _records_replaced(inquiry: str, inspection: str) -> tuple[list[str], set[int]]:
    texts, sealed = dx.pages(dx.Variant())
    out = [inquiry if t.startswith("询问笔录") else inspection if t.startswith("现场检查笔录") else t for t in texts]
    return out, sealed


def _status(a: Analysis, rule: str) -> tuple[Status, str]:
    found = [f for f in a.findings if f.rule == rule]
    assert len(found) == 1, (rule, found)
    return found[0].status, found[0].message


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_asker_and_recorder_are_two_officers(tmp_path: Path, fmt: str) -> None:
    texts, sealed = _records_replaced(INQUIRY, INSPECTION)
    a = analyse(WRITERS[fmt](tmp_path / f"d.{fmt}", texts, sealed=sealed))
    assert _status(a, "officers_fewer_than_two")[0] is Status.PASS
    assert _status(a, "record_officers_not_signed") == (Status.PASS, "2 份笔录均有两名以上执法人员签名")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_one_officer_asking_and_recording_fails(tmp_path: Path, fmt: str) -> None:
    both = INQUIRY_ALONE + INSPECTION_ALONE
    assert "别克" not in both
    assert "米日古丽" not in both
    texts, sealed = _records_replaced(INQUIRY_ALONE, INSPECTION_ALONE)
    a = analyse(WRITERS[fmt](tmp_path / f"d.{fmt}", texts, sealed=sealed))
    assert _status(a, "officers_fewer_than_two") == (Status.FAIL, "2 份调查取证笔录记载的执法人员少于两人")
    assert _status(a, "record_officers_not_signed")[0] is Status.NA  # left to officers_fewer_than_two


@pytest.mark.parametrize(("value", "expected"), [
    ("米日古丽・吐尔逊 执法证号：新C016908", ["米日古丽·吐尔逊"]),  # 日 inside a name is no date
    ("依明•买买提、何晓霞", ["依明·买买提", "何晓霞"]),
    ("迪丽努尔‧库尔班 2024年3月1日", ["迪丽努尔·库尔班"]),
    ("阿依古丽 居来提", ["阿依古丽·居来提"]),  # a transliterated name written with a space
    ("张三 李四", ["张三", "李四"]),  # two Han names side by side
    ("米日古丽・吐尔逊（证号：新C016908）、别克・哈孜别克（证号：新B02", ["米日古丽·吐尔逊", "别克·哈孜别克"]),
    ("阿\uf967都•沙吾提、阿\uf967都•托合提", ["阿不都·沙吾提", "阿不都·托合提"]),  # a font's compatibility 不 (U+F967)
    ("二〇二五年三月三日", []),
    ("拒绝签名", []),
])
def test_names(value: str, expected: list[str]) -> None:
    assert names(value) == expected


HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=6)


@given(HAN, HAN, st.sampled_from("·•・‧"))
def test_a_dotted_name_is_one_name_whatever_the_dot(first: str, last: str, dot: str) -> None:
    assert names(f"{first}{dot}{last}") in ([f"{first}·{last}"], [])  # [] only where a piece reads as a word
    if not any(w in first + last for w in ("签名", "签字", "盖章", "同意", "意见", "以下", "空白", "拒绝", "本人",
                                           "执法", "证号")) and not any(c in "年月日号" for c in first[:1] + last[:1]):
        assert names(f"{first}{dot}{last}") == [f"{first}·{last}"]


def test_two_labels_on_one_line_give_two_values() -> None:
    page = PageText(1, "询问人签名：米日古丽・吐尔逊 记录人签名：别克・哈孜别克\n被询问人签名：李某 询问人签名：张三")
    facts = dataclasses.replace(_empty(), pages=(page,))
    doc = DocumentInfo("inquiry_record", "询问笔录", (1,))
    got = [(h.label, h.value) for h in labelled(facts, doc, ("询问人签名", "记录人签名"))]
    assert got == [("询问人签名", "米日古丽・吐尔逊"), ("记录人签名", "别克・哈孜别克"), ("询问人签名", "张三")]


def _empty() -> CaseFacts:
    return CaseFacts(case_kind="penalty", procedure="ordinary")


# 行政处罚法 第五十七条第一款: the head decides after reviewing the investigation. The approval date is the one the
# form writes in the head's row, never a date of another row or of a page filed with it (a 缴款书 after the decision).
APPROVAL = """案件处理呈批表
当事人\t石河子市某某商贸有限公司
拟处罚意见\t罚款人民币5000元
审核意见\t同意。 熊某 2024年4月30日
负责人审批意见\t同意。 王五 {day}"""
PAYMENT_PAGE = """新疆维吾尔自治区非税收入一般缴款书
缴款人\t石河子市某某商贸有限公司
金额（小写）\t¥5000.00
缴款日期\t2024年5月10日"""
CELL_BELOW = """行政处罚决定审批表
审核意见\t同意。 2024年4月30日
负责人意见
同意。
签名：王五
日期：{day}"""


def _with_approval(*texts: str) -> CaseFacts:
    facts = full()
    first = max(p.number for p in facts.pages) + 1
    pages = tuple(PageText(first + i, t) for i, t in enumerate(texts))
    approval = DocumentInfo("other", texts[0].splitlines()[0], tuple(p.number for p in pages))
    return dataclasses.replace(facts, documents=(*facts.documents, approval), pages=(*facts.pages, *pages))


def _finding(facts: CaseFacts, rule: str) -> tuple[Status, str]:
    found = [f for f in check(facts) if f.rule == rule]
    assert len(found) == 1
    return found[0].status, found[0].message


@pytest.mark.parametrize(("texts", "expected"), [
    # decided 2024-04-22 (tests/unit/test_rule_builders.py)
    ((APPROVAL.format(day="2024年4月19日"), PAYMENT_PAGE),
     (Status.PASS, "负责人于 2024-04-19 审批，不晚于决定日期 2024-04-22")),
    ((APPROVAL.format(day="2024年4月26日"), PAYMENT_PAGE),
     (Status.FAIL, "《案件处理呈批表》负责人审批日期 2024-04-26 晚于决定日期 2024-04-22")),
    ((APPROVAL.format(day=""), PAYMENT_PAGE),  # the head's row undated: the 审核 date and the 缴款日期 are no answer
     (Status.UNKNOWN, "处罚决定审批表未读到标明为负责人审批的日期，请核对审批是否早于决定")),
    ((CELL_BELOW.format(day="2024年4月26日"),),
     (Status.FAIL, "《行政处罚决定审批表》负责人审批日期 2024-04-26 晚于决定日期 2024-04-22")),
    ((CELL_BELOW.format(day="二〇二四年四月二十日"),),
     (Status.PASS, "负责人于 2024-04-20 审批，不晚于决定日期 2024-04-22")),
])
def test_head_approval_date_is_the_heads_row(texts: tuple[str, ...], expected: tuple[Status, str]) -> None:
    assert _finding(_with_approval(*texts), "head_approval_after_decision") == expected


# 行政处罚法 第四十六条、第五十四条第一款; 行政执法监督条例 第十八条 (证据真实、完整). The 营业执照 copy is known by its
# heading (printed with spaces between the characters), whatever title the page was filed under; a list that names
# copies among the evidence, or a page of photographs, is no copy to certify.
LICENCE_PAGE = """石河子市市场监督管理局
营 业 执 照
（副 本）
统一社会信用代码\t91110000600037341L
名称\t石河子市某某商贸有限公司
类型\t有限责任公司
此复印件与原件核对无误。 提供人签字：赵某
2024年3月6日"""
PHOTOS_PAGE = """石河子市市场监督管理局
证据照片
照片1：拍摄时间 2024-03-01 拍摄人：张三 拍摄地点：石河子市北四路12号"""
LIST_PAGE = """证据材料清单
序号 证据名称\t来源\t证明内容\t页数
1\t营业执照复印件\t当事人提供\t证明主体资格\t1
2\t现场照片\t执法人员制作\t证明违法事实\t2"""


def _evidence(*docs: tuple[str, tuple[str, ...]]) -> CaseFacts:
    """The complete file with its evidence replaced by these documents (title, page texts)."""
    facts = full()
    kept = tuple(d for d in facts.documents if d.type != "evidence")
    first = max(p.number for p in facts.pages) + 1
    pages: list[PageText] = []
    added: list[DocumentInfo] = []
    for title, texts in docs:
        numbers = tuple(range(first + len(pages), first + len(pages) + len(texts)))
        pages += [PageText(n, t) for n, t in zip(numbers, texts, strict=True)]
        added.append(DocumentInfo("evidence", title, numbers))
    return dataclasses.replace(facts, documents=(*kept, *added), pages=(*facts.pages, *pages))


@pytest.mark.parametrize(("docs", "expected"), [
    ((("证据提取单", (LICENCE_PAGE,)),), (Status.PASS, "卷内有当事人身份或主体资格证明（第15页）")),
    ((("证据照片", (PHOTOS_PAGE, LIST_PAGE)),),  # named in the list, the copy itself not filed
     (Status.UNKNOWN, "证据清单列有当事人身份或主体资格证明的复印件，但未见复印件本身，请核对")),
    ((("证据照片", (PHOTOS_PAGE,)),), (Status.FAIL, "卷内未见当事人营业执照、身份证等身份或主体资格证明")),
])
def test_identity_proof_is_known_by_the_copy_itself(docs: tuple[tuple[str, tuple[str, ...]], ...],
                                                   expected: tuple[Status, str]) -> None:
    assert _finding(_evidence(*docs), "identity_proof_missing") == expected


@pytest.mark.parametrize(("docs", "expected"), [
    ((("证据提取单", (LICENCE_PAGE,)), ("证据照片", (PHOTOS_PAGE, LIST_PAGE))), Status.PASS),
    ((("证据提取单", (LICENCE_PAGE.replace("此复印件与原件核对无误。 ", ""),)),), Status.FAIL),  # a copy, uncertified
    ((("证据照片", (PHOTOS_PAGE, LIST_PAGE)),), Status.NA),  # the list names a copy; the copy is not here
    ((("可证复印件", (LIST_PAGE,)),), Status.NA),  # a wrapped list cell read as a title
])
def test_only_copies_need_certifying(docs: tuple[tuple[str, tuple[str, ...]], ...], expected: Status) -> None:
    assert _finding(_evidence(*docs), "copies_not_certified")[0] is expected


# 当事人名称前后一致 (文书制作规范). A form prints the next label on the party's line
# ("…有限公司 法定代表人（负责人）：…", "努尔兰·叶尔肯 性别：男"); the 听证申请书 and the waiver are addressed by
# the party to the organ ("某某局："). Neither is another name of the party; a name that really differs still fails.
def _party(kind: str, title: str, name: str) -> CaseFacts:
    return add(full(), kind, title, f"{title}\n{name}：", party_name=name)


def _person(name: str, case_level: str) -> CaseFacts:
    """A natural person: every document names him so, the case-level reading took the next label along."""
    facts = full()
    docs = tuple(
        dataclasses.replace(d, fields={**d.fields, "party_name": Fact(name, (Evidence(d.pages[0], name),))})
        if "party_name" in d.fields
        else d
        for d in facts.documents
    )
    return dataclasses.replace(facts, documents=docs, party_name=Fact(case_level, (Evidence(6, case_level),)))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (lambda: _party("filing_approval", "立案审批表", "石河子市某某商贸有限公司法定代表人"), Status.PASS),
        (lambda: _party("hearing", "听证申请书", "石河子市市场监督管理局"), Status.PASS),
        (lambda: _party("statement_record", "放弃陈述申辩权利声明", "伊宁市应急管理局"), Status.PASS),
        (lambda: _party("collective_discussion", "集体讨论记录", "讨论内容"), Status.PASS),
        (lambda: _person("努尔兰・叶尔肯", "努尔兰·叶尔肯性别"), Status.PASS),
        (lambda: _person("努尔兰・别克波拉提", "努尔兰·叶尔肯性别"), Status.FAIL),
        (lambda: _party("filing_approval", "立案审批表", "石河子市某某商贸有限责任公司"), Status.FAIL),
        (lambda: _party("filing_approval", "立案审批表", "石河子市另一贸易有限公司法定代表人"), Status.FAIL),
    ],
)
def test_party_name_compared_without_the_forms_labels(facts: Callable[[], CaseFacts], expected: Status) -> None:
    assert _finding(facts(), "party_name_mismatch")[0] is expected


# 卷内目录 (立卷归档规范: 逐件填写，页号正确). A row names a document by its usual title, which may not be the title
# printed on it ("行政处罚结案审批表" for the 结案报告); a 题名 too long for its cell wraps onto the next line.
TOC_ROW_CLOSING = "8\t\t结案报告\t2024年5月20日\t9"
TOC_ROW_DECISION = "5\t师市监处罚〔2024〕15号\t行政处罚决定书\t2024年4月22日\t6"


def _toc(old: str, new: str) -> CaseFacts:
    return replace_text(full(), 11, old, new)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (lambda: _toc(TOC_ROW_CLOSING, "8\t\t行政处罚结案审批表\t2024年5月20日\t9"), Status.PASS),
        (
            lambda: _toc(TOC_ROW_DECISION, "5\t师市监处罚〔2024〕15号\t行政处罚决\t2024年4月22日\t6\n\t定书"),
            Status.PASS,
        ),
        (lambda: _toc(TOC_ROW_CLOSING, "8\t\t行政处罚结案审批表\t2024年5月20日\t10"), Status.FAIL),  # wrong page
        (
            lambda: _toc(TOC_ROW_DECISION, "5\t师市监处罚〔2024〕15号\t行政处罚决\t2024年4月22日\t7\n\t定书"),
            Status.FAIL,
        ),
        (lambda: _toc(TOC_ROW_CLOSING + "\n", ""), Status.FAIL),  # 结案报告 not listed
    ],
)
def test_toc_rows_name_documents_by_type_and_wrap(facts: Callable[[], CaseFacts], expected: Status) -> None:
    found = [f.status for f in check(facts()) if f.rule == "toc_mismatch"]
    assert expected in found
    assert all(s in (expected, Status.UNKNOWN, Status.PASS) for s in found)  # the extractor's 目录 comparison


# 时间倒置 (行政处罚法 第五十四条、第五十七条、第六十二条 order the steps). A date printed after another step's label
# ("缴款日期" of a 缴款书 filed with the discussion record, "立案日期" on the 结案审批表) does not date the document.
def _dated(kind: str, title: str, line: str, day: dt.date) -> CaseFacts:
    facts = add(full(), kind, title, f"{title}\n{line}")
    page = facts.pages[-1].number
    docs = tuple(
        dataclasses.replace(d, fields={**d.fields, "date": Fact(day, (Evidence(page, line),))})
        if d.pages == (page,)
        else d
        for d in facts.documents
    )
    return dataclasses.replace(facts, documents=docs)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            lambda: _dated("collective_discussion", "集体讨论记录", "缴款日期\t2024年5月10日", dt.date(2024, 5, 10)),
            Status.PASS,
        ),
        (lambda: _dated("closing_report", "结案审批表", "立案日期\t2024年3月4日", dt.date(2024, 3, 4)), Status.PASS),
        (
            lambda: _dated("collective_discussion", "集体讨论记录", "讨论时间：2024年5月10日", dt.date(2024, 5, 10)),
            Status.FAIL,
        ),  # the discussion's own date, after the decision of 2024-04-22
        (lambda: _dated("collective_discussion", "集体讨论记录", "2024年5月10日", dt.date(2024, 5, 10)), Status.FAIL),
    ],
)
def test_a_date_of_another_step_does_not_date_the_document(facts: Callable[[], CaseFacts], expected: Status) -> None:
    assert _finding(facts(), "dates_out_of_order")[0] is expected


# 行政处罚法 第四十四条、第四十五条 (告知 then decide; no heavier penalty for 申辩). A decision quotes the law's range
# ("并处五万元以上十万元以下罚款") before imposing its own amount ("罚款人民币5000元"): a fine read from the range is
# not the decided fine; the decision's own amount is compared, or the rules answer unknown.
RANGE_LINE = "依据《中华人民共和国食品安全法》第一百二十六条第一款的规定：“……并处五千元以上五万元以下罚款”。"


def _quoted(decision_text_fine: str, read_from: str = "并处五千元以上五万元以下罚款") -> CaseFacts:
    facts = full()
    decision = next(d for d in facts.documents if d.type == "penalty_decision")
    text = facts.page_text(decision.pages[0]).replace("决定对当事人罚款人民币5000元。", decision_text_fine)
    facts = with_page_text(facts, decision.pages[0], RANGE_LINE + "\n" + text)
    ranged = Fact(50000.0, (Evidence(decision.pages[0], read_from),))
    docs = tuple(
        dataclasses.replace(d, fields={**d.fields, "fine_amount": ranged}) if d is decision else d
        for d in facts.documents
    )
    return dataclasses.replace(facts, documents=docs, fine_amount=ranged)


@pytest.mark.parametrize(
    ("text", "mismatch", "heavier"),
    [
        (
            "决定对当事人罚款人民币5000元。",
            (Status.PASS, "告知书与决定书罚款均为 5000 元"),
            (Status.PASS, "决定的处罚不重于告知书拟作出的处罚"),
        ),
        (
            "决定对当事人罚款人民币捌仟元整（¥8,000.00）。",
            (Status.FAIL, "告知书拟罚款 5000 元，决定书罚款 8000 元，不一致且未记载变更理由"),
            (
                Status.UNKNOWN,
                "决定重于告知（罚款由告知的 5000 元增至 8000 元），卷内未见当事人陈述申辩记录，"
                "是否因申辩加重及是否重新告知请核对",
            ),
        ),
        (
            "决定对当事人罚款人民币5000元，对其负责人罚款人民币1000元。",
            (Status.UNKNOWN, "未读到决定书罚款数额"),
            (Status.UNKNOWN, "未读到告知书或决定书的罚款数额，无法比较是否加重"),
        ),
    ],
)
@pytest.mark.parametrize("read_from", ["并处五千元以上五万元以下罚款", "五万元"])  # a DOCX run holds only the amount
def test_a_fine_quoted_from_the_law_is_not_the_decided_fine(
    text: str, mismatch: tuple[Status, str], heavier: tuple[Status, str], read_from: str
) -> None:
    facts = _quoted(text, read_from)
    assert _finding(facts, "fine_mismatch_notice_decision") == mismatch
    assert _finding(facts, "penalty_heavier_after_statement") == heavier


# 文号前后一致. The decision's title is printed on the 文号's line ("行 政 处 罚 决 定 书 师市监处罚〔2024〕15号") and
# brackets vary (【】〔〕); a file without a decision has no decision 文号 to compare (its case number is the 立案 one).
def _numbered(decision: str | None, cover: str) -> CaseFacts:
    facts = with_doc_fields(full(), "cover", case_number=cover)
    if decision is None:
        return without(facts, "penalty_decision")
    return with_doc_fields(facts, "penalty_decision", case_number=decision)


@pytest.mark.parametrize(
    ("decision", "cover", "expected"),
    [
        ("行政处罚决定书师市监处罚〔2024〕15号", "师市监处罚【2024】15号", Status.PASS),
        ("行政处罚决定书师市监处罚〔2024〕15号", "师市监处罚〔2024〕16号", Status.FAIL),
        (None, "师市监处罚〔2024〕15号", Status.UNKNOWN),
    ],
)
def test_case_numbers_compared_without_the_title(decision: str | None, cover: str, expected: Status) -> None:
    assert _finding(_numbered(decision, cover), "case_number_mismatch")[0] is expected


# 当场处罚 (行政处罚法 第五十一条、第五十二条第二款: the on-the-spot decision states the act, type and basis, amount,
# time, place, the remedies and the organ: no evidence); 行政复议法 第二十三条 复议前置 told in a sentence that wraps.
ON_SPOT = """第一师阿拉尔市城市管理综合行政执法局
当场行政处罚决定书
师市城管罚[2024]162号
当事人：蒋某 住所：新疆阿拉尔市塔里木大道167号
违法事实：2024年6月11日，当事人未经批准在街道一侧堆放建筑材料。
依据《城市市容和环境卫生管理条例》第三十六条第（二）项的规定，当场作出如下行政处罚决定：罚款80元。
如不服本决定，应当自收到本决定书之日起六十日内先向阿拉尔市人民政府申请
行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向阿
拉尔市人民法院提起行政诉讼。
2024年6月11日"""


def _on_spot(text: str) -> CaseFacts:
    facts = with_page_text(full(), 6, text)
    return dataclasses.replace(facts, procedure="simple", decision_date=Fact(dt.date(2024, 6, 11), (Evidence(6, "x"),)))


def test_on_the_spot_decision_needs_no_evidence_and_tells_review_first() -> None:
    facts = _on_spot(ON_SPOT)
    assert _finding(facts, "decision_lacks_evidence") == (Status.NA, "当场处罚决定书（第五十二条第二款）无须载明证据")
    assert _finding(facts, "remedy_prior_review_missing")[0] is Status.PASS
    direct = ON_SPOT.replace(
        "先向阿拉尔市人民政府申请\n行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内",
        "向阿拉尔市人民政府申请\n行政复议，也可以在六个月内",
    )
    assert _finding(_on_spot(direct), "remedy_prior_review_missing")[0] is Status.FAIL


# 行政处罚法 第六十三条: 听证 for 吊销许可证件 and the like. A decision quoting the law's list of penalties
# ("…给予警告、罚款、停业整顿、吊销“卫生许可证”的行政处罚…") does not impose 吊销; the kinds read from that quote
# decide nothing.
QUOTING = (
    "依据《公共场所卫生管理条例》第十四条第一款第（二）项“卫生防疫机构可以根据情节轻重，给予警告、罚款、停业整顿、"
    "吊销“卫生许可证”的行政处罚：……”的规定，本局决定对当事人罚款人民币2000元。"
)


def _revoking(sentence: str) -> CaseFacts:
    facts = full()
    facts = replace_text(
        facts,
        6,
        "依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，决定对当事人罚款人民币5000元。",
        sentence,
    )
    facts = replace_text(facts, 5, "你单位有权进行陈述和申辩，并有权要求听证。", "你单位有权进行陈述和申辩。")
    kinds = Fact(
        ("警告", "罚款", "吊销许可证件"), (Evidence(6, "给予警告、罚款、停业整顿、吊销“卫生许可证”的行政处罚"),)
    )
    return dataclasses.replace(facts, penalty_types=kinds, fine_amount=Fact(2000.0, (Evidence(6, "2000元"),)))


def test_penalty_kinds_quoted_from_the_law_are_not_imposed() -> None:
    assert _finding(_revoking(QUOTING), "hearing_right_not_notified") == (
        Status.UNKNOWN,
        "决定书所引法条列有吊销许可证件，但决定内容未见该处罚，是否属于听证范围请核对",
    )
    imposing = QUOTING.replace("罚款人民币2000元。", "罚款人民币2000元，吊销卫生许可证。")
    assert _finding(_revoking(imposing), "hearing_right_not_notified")[0] is Status.FAIL


# 行政处罚法 第六十四条: the hearing is held when the party asks for one. A waiver that gives up "陈述、申辩和要求听证的
# 权利" asks for none, whatever a reading of "要求听证" in it says.
WAIVER = """放弃陈述申辩权利声明
石河子市市场监督管理局：
本人（单位）已收到贵局《行政处罚告知书》，对拟作出的行政处罚无异议，自愿放弃陈述、申
辩和要求听证的权利，请依法作出处理决定。
声明人：赵某
2024年4月11日"""
REQUEST = """听证申请书
石河子市市场监督管理局：
本单位对贵局拟作出的行政处罚有异议，现要求举行听证。
申请人：赵某
2024年4月11日"""


@pytest.mark.parametrize(
    ("kind", "title", "text", "expected"),
    [
        ("statement_record", "放弃陈述申辩权利声明", WAIVER, Status.NA),
        ("hearing", "听证申请书", REQUEST, Status.FAIL),  # asked, and no 听证笔录 or 报告 in the file
    ],
)
def test_a_waiver_is_no_hearing_request(kind: str, title: str, text: str, expected: Status) -> None:
    facts = add(full(), kind, title, text, hearing_requested=True)
    assert _finding(facts, "missing_document:hearing")[0] is expected


# 陈述、申辩的复核 (行政处罚法 第四十五条第一款) may be written in the 复核意见 row of the 陈述申辩笔录 itself; a
# cover's 文号 (the decision's) cannot be filled in a file that holds no decision: that defect is missing_document's.
STATEMENT_FORM = """陈述（申辩）笔录
陈述申辩人\t赵某
时间\t2024年4月12日
陈述申辩内容\t已经整改，请求从轻处罚。
复核意见\t{review}
陈述申辩人签名：赵某"""


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ("当事人提出的理由不足以改变拟处罚意见，维持原拟处罚意见。", Status.PASS),
        ("", Status.FAIL),
    ],
)
def test_review_written_on_the_statement_form(review: str, expected: Status) -> None:
    facts = add(full(), "statement_record", "陈述申辩笔录", STATEMENT_FORM.format(review=review))
    assert _finding(facts, "statement_not_reviewed")[0] is expected


def test_cover_without_a_decision_number_in_a_file_without_a_decision() -> None:
    blank = replace_text(full(), 1, "处罚决定书文号\t师市监处罚〔2024〕15号", "处罚决定书文号\t")
    assert _finding(blank, "cover_fields_incomplete") == (Status.FAIL, "卷宗封面未填写：文号")
    assert _finding(without(blank, "penalty_decision"), "cover_fields_incomplete")[0] is Status.UNKNOWN


# 法律依据前后一致 (行政处罚法 第四十四条、第五十九条). The decision quotes the penalty article it applies, and that
# article names others ("…发布有本法第九条、第十条规定的禁止情形的广告的"): articles named inside the quotation are not
# cited.
AD_LAW = "《中华人民共和国广告法》"
AD_NOTICE = f"""行政处罚告知书
你单位的上述行为违反了{AD_LAW}第九条第（三）项的规定。依据{AD_LAW}第五十七条第（一）项的规定，本局拟对你单位罚款。
2024年4月10日"""
AD_DECISION = f"""行政处罚决定书
当事人的行为违反了{AD_LAW}第九条第（三）项的规定。依据{AD_LAW}第五十七条第（一）项“由市场监督管理部门责令停止发布广告，
……：（一）发布有本法第九条、第十条规定的禁止情形的广告的”的规定，决定对当事人罚款人民币5000元。
2024年4月22日"""


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (AD_DECISION, Status.PASS),
        (
            AD_DECISION.replace(
                "违反了《中华人民共和国广告法》第九条第（三）项", "违反了《中华人民共和国广告法》第十条"
            ),
            Status.FAIL,
        ),
    ],
)
def test_articles_inside_a_quotation_are_not_cited(decision: str, expected: Status) -> None:
    facts = with_page_text(with_page_text(full(), 5, AD_NOTICE), 6, decision)
    facts = with_page_text(facts, 4, "案件调查终结报告\n2024年4月1日")
    facts = with_page_text(facts, 2, f"立案审批表\n简要案情\t当事人涉嫌违反{AD_LAW}第九条的规定。")
    assert _finding(facts, "legal_basis_inconsistent")[0] is expected


# 行政检查 (国办发〔2024〕54号: 审批—通知—实施—记录—反馈). A 检查通知书 filed as the second page of another document
# (a cover that spans it) is still in the file: it is known by the heading of its page.
CHECK_NOTICE = """行政执法文书
呼图壁县市场监督管理局
行 政 检 查 通 知 书
呼县市监检通〔2025〕265号
根据年度行政检查计划（双随机抽查），本机关定于2025年8月18日对你（单位）进行现场检查。"""
CHECK_RESULT = "行政检查结果告知书\n经检查，未发现违法行为。\n2025年8月18日"


@pytest.mark.parametrize(("second_page", "expected"), [(CHECK_NOTICE, Status.PASS), ("（空白页）", Status.FAIL)])
def test_a_form_filed_inside_another_document_is_present(second_page: str, expected: Status) -> None:
    facts = dataclasses.replace(full(), case_kind="inspection")
    facts = add(facts, "other", "行政检查结果告知书", CHECK_RESULT)
    cover = next(d for d in facts.documents if d.type == "cover")
    page = max(p.number for p in facts.pages) + 1
    spanning = dataclasses.replace(cover, pages=(*cover.pages, page))
    facts = dataclasses.replace(
        facts,
        documents=tuple(spanning if d is cover else d for d in facts.documents),
        pages=(*facts.pages, PageText(page, second_page)),
    )
    assert _finding(facts, "case_documents_missing")[0] is expected


# 行政处罚法 第四十二条、第五十五条: officers show their 执法证件; the record may list the numbers after the names,
# "证号分别为…", one for each name in order.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("检查人员：张三、热合曼 阿布都热依木，证号分别为66010012345、新D023385", Status.PASS),
        ("检查人员：张三、热合曼 阿布都热依木，证号为66010012345", Status.FAIL),
    ],
)
def test_certificates_listed_after_the_names(line: str, expected: Status) -> None:
    facts = add(full(), "inspection_record", "现场笔录", f"现场笔录\n{line}")
    officers = (*full().officers, Officer("热合曼", None, (Evidence(facts.pages[-1].number, line),)))
    assert _finding(dataclasses.replace(facts, officers=officers), "officer_without_cert")[0] is expected


# The 记录人 is the second officer when the file shows them to be one (a 执法证号 on the line, or named as an officer
# elsewhere); a recorder without either may be an assistant, and the record then shows one officer.
def _one_asker(recorder_line: str, officers: tuple[str, ...]) -> CaseFacts:
    facts = replace_text(
        full(),
        3,
        "询问人：张三（执法证号66010012345）、李四（执法证号66010012346）",
        f"询问人：张三（执法证号66010012345）\n{recorder_line}",
    )
    facts = replace_text(facts, 3, "询问人签名：张三、李四", "询问人签名：张三")
    facts = replace_text(
        facts,
        13,
        "执法人员：张三（执法证号66010012345）、李四（执法证号66010012346）",
        f"执法人员：张三（执法证号66010012345）\n{recorder_line}",
    )
    facts = replace_text(facts, 13, "执法人员签名：张三、李四", "执法人员签名：张三")
    listed = tuple(Officer(n, None, (Evidence(2, n),)) for n in officers)
    return dataclasses.replace(facts, officers=listed)


@pytest.mark.parametrize(
    ("recorder", "officers", "expected"),
    [
        ("记录人：王丽", ("张三",), Status.FAIL),
        ("记录人：王丽 执法证号：66010012399", ("张三",), Status.PASS),
        ("记录人：王丽", ("张三", "王丽"), Status.PASS),  # the 立案审批表 names her as 承办人
    ],
)
def test_a_recorder_counts_when_shown_to_be_an_officer(
    recorder: str, officers: tuple[str, ...], expected: Status
) -> None:
    assert _finding(_one_asker(recorder, officers), "officers_fewer_than_two")[0] is expected
