"""The rules of the law as it stands (Dec 2026), one table: the complete file passes; each break gives one status.

Every row names the provision it tests; the articles are quoted in each rule module's docstring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from scoring import check
from scoring.types import CaseFacts, Evidence, Fact, Finding, Officer, PageText, Provision, Status
from tests.unit.law_builders import add, full, replace_text
from tests.unit.test_rule_builders import fact, with_doc_fields, with_page_text, without

D = dt.date
R = dataclasses.replace
Mod = Callable[[CaseFacts], CaseFacts]


def same(f: CaseFacts) -> CaseFacts:
    return f


def chain(*mods: Mod) -> Mod:
    def run(f: CaseFacts) -> CaseFacts:
        for m in mods:
            f = m(f)
        return f

    return run


def sub(page: int, old: str, new: str) -> Mod:
    return lambda f: replace_text(f, page, old, new)


def text(page: int, body: str) -> Mod:
    return lambda f: with_page_text(f, page, body)


def doc_add(kind: str, title: str, body: str, **fields: object) -> Mod:
    return lambda f: add(f, kind, title, body, **fields)


def gone(kind: str) -> Mod:
    return lambda f: without(f, kind)


def fields(kind: str, **kw: object) -> Mod:
    return lambda f: with_doc_fields(f, kind, **kw)


def decided(day: dt.date) -> Mod:
    return chain(lambda f: R(f, decision_date=fact(day, 6)), fields("penalty_decision", date=day))


def agency(name: str) -> Mod:
    return lambda f: R(f, agency=fact(name, 6))


def cites(law: str, article: int, para: int | None = None, item: int | None = None) -> Mod:
    p = Provision(law, article, para, item, f"《{law}》第{article}条", (Evidence(6, f"第{article}条"),))
    return lambda f: R(f, penalty_provisions=(p,), violated_provisions=())


def fine(amount: float) -> Mod:
    return chain(lambda f: R(f, fine_amount=fact(amount, 6)), fields("penalty_decision", fine_amount=amount),
                 fields("penalty_notice", fine_amount=amount))


SIMPLE: Mod = lambda f: R(f, procedure="simple")  # noqa: E731


def scanned(page: int) -> Mod:
    """The page was read by OCR: a word missing there may be a misreading, so absence is unknown, not a fail."""
    return lambda f: R(f, pages=tuple(R(p, ocr=True) if p.number == page else p for p in f.pages))
DEPT = "向昌吉回族自治州市场监督管理局"
GOV = "向石河子市人民政府"
STATEMENT = "陈述申辩笔录\n陈述申辩人：赵某\n陈述申辩内容：已经整改，请求从轻处罚。\n陈述申辩人签名：赵某 2024年4月12日"
REVIEW_OK = "法制审核意见书\n审核意见：经审核，事实清楚，程序合法，同意承办机构意见。\n审核人：王六\n2024年4月15日"
HEARING_NOTE = "听证通知书\n定于2024年5月13日9时30分举行听证。\n2024年4月30日"
HEARING_RECORD = ("听证笔录\n听证时间：2024年5月13日9时30分至11时00分\n听证主持人：王七\n"
                  "案件调查人员：张三、李四\n当事人进行了申辩和质证。")
DISCUSSION = (
    "集体讨论记录\n主持人：王五\n参加人员：王五、王六、王八\n讨论内容：承办人汇报了案件情况，参加人员发表意见。\n"
    "结论：同意承办机构的处罚意见。"
)
EHS = "中华人民共和国环境保护法"
APPLY = "强制执行申请书\n申请人：石河子市市场监督管理局\n请求石河子市人民法院强制执行行政处罚决定。\n{day}"
LICENSE_DOCS = chain(
    lambda f: R(f, case_kind="license"),
    doc_add("other", "行政许可申请书", "行政许可申请书\n申请人：石河子市某某商贸有限公司"),
    doc_add("other", "受理通知书", "受理通知书\n你单位的申请材料齐全，决定受理。"),
)
INSPECTION_TEXT = (
    "现场检查笔录\n检查依据：依据《中华人民共和国食品安全法》第一百一十条。\n任务来源：双随机抽查。\n"
    "告知被检查人有申请回避的权利，对检查结果有异议的可以陈述、申辩。"
)
NIGHT = "强制执行记录\n执行时间：2024年6月5日23时10分\n执行人员：张三、李四"


def enforcement(record: str) -> Mod:
    return chain(lambda f: R(f, case_kind="enforcement"), doc_add("other", "强制执行记录", record))


LAW_CASES: list[tuple[str, str, Mod, Status | None]] = [
    # 行政处罚法 第五十一条: 当场 only "罚款或者警告"
    (
        "simple_procedure_over_limit",
        "通报批评 on the spot",
        chain(SIMPLE, lambda f: R(f, penalty_types=fact(("通报批评",), 6), fine_amount=None)),
        Status.FAIL,
    ),
    (
        "simple_procedure_over_limit",
        "警告 on the spot",
        chain(SIMPLE, lambda f: R(f, penalty_types=fact(("警告",), 6), fine_amount=None)),
        Status.PASS,
    ),
    # 2021 第四十六条 is 证据 (书证、物证…); 2017 第四十六条 was 罚缴分离 (now 第六十七条)
    (
        "penalty_law_old_article",
        "46 for 证据 is the 2021 number",
        sub(
            6,
            "本局责令当事人立即改正。",
            "本局责令当事人立即改正。上述证据符合《中华人民共和国行政处罚法》第四十六条规定的书证、物证。",
        ),
        Status.PASS,
    ),
    (
        "penalty_law_old_article",
        "46 for 缴纳罚款 is the 2017 number",
        sub(
            6,
            "本局责令当事人立即改正。",
            "本局责令当事人立即改正。根据《中华人民共和国行政处罚法》第四十六条，当事人应到指定的银行缴纳罚款。",
        ),
        Status.FAIL,
    ),
    # an article must exist in the text in force (反不正当竞争法: 33 articles until 2025-10-14, 41 since 2025-10-15)
    (
        "provision_article_out_of_range",
        "第三十八条 of 反不正当竞争法 in 2025-06",
        chain(
            cites("中华人民共和国反不正当竞争法", 38),
            decided(D(2025, 6, 2)),
            lambda f: R(f, filing_date=fact(D(2025, 5, 6), 2)),
        ),
        Status.FAIL,
    ),
    (
        "provision_article_out_of_range",
        "第三十八条 in 2025-11, act before the revision",
        chain(
            cites("中华人民共和国反不正当竞争法", 38),
            decided(D(2025, 11, 3)),
            lambda f: R(f, filing_date=fact(D(2025, 9, 1), 2)),
        ),
        Status.PASS,
    ),
    # 行政复议法（2023）第二十四条、第二十七条
    ("remedy_organ_wrong", "本级人民政府", same, Status.PASS),
    ("remedy_organ_wrong", "上一级主管部门 since 2024 (第二十四条)", sub(6, GOV, DEPT), Status.FAIL),
    (
        "remedy_organ_wrong",
        "上一级主管部门 in 2023 (2017年法第十二条)",
        chain(sub(6, GOV, DEPT), decided(D(2023, 11, 1))),
        Status.PASS,
    ),
    (
        "remedy_organ_wrong",
        "垂直领导机关 named a government (第二十七条)",
        agency("国家税务总局石河子市税务局"),
        Status.FAIL,
    ),
    (
        "remedy_organ_wrong",
        "派出机构: level unknown",
        agency("石河子市市场监督管理局北泉市场监督管理所"),
        Status.UNKNOWN,
    ),
    ("remedy_organ_wrong", "a higher government", sub(6, GOV, "向新疆维吾尔自治区人民政府"), Status.UNKNOWN),
    (
        "remedy_organ_wrong",
        "a lower division's department, the city's government",
        chain(agency("石河子市北泉区市场监督管理局"), sub(6, GOV, GOV)),
        Status.FAIL,
    ),
    ("remedy_organ_wrong", "organ not named", sub(6, GOV, ""), Status.UNKNOWN),
    # 行政复议法（2023）第二十三条
    ("remedy_prior_review_missing", "ordinary procedure", same, Status.NA),
    ("remedy_prior_review_missing", "当场, may sue directly", SIMPLE, Status.FAIL),
    (
        "remedy_prior_review_missing",
        "当场, 复议前置 told",
        chain(
            SIMPLE,
            sub(
                6, "也可以在六个月内依法向石河子市人民法院提起行政诉讼", "对行政复议决定不服的，可以再依法提起行政诉讼"
            ),
        ),
        Status.PASS,
    ),
    ("remedy_prior_review_missing", "当场 in 2023", chain(SIMPLE, decided(D(2023, 6, 1))), Status.NA),
    ("remedy_prior_review_missing", "procedure unknown", lambda f: R(f, procedure=None), Status.UNKNOWN),
    # 行政诉讼法 第四十六条: 六个月
    ("no_remedy_notice", "三个月 to sue", sub(6, "在六个月内", "在三个月内"), Status.FAIL),
    (
        "no_remedy_notice",
        "当场: 十五日 after the 复议 decision",
        chain(
            SIMPLE,
            sub(
                6,
                "也可以在六个月内依法向石河子市人民法院提起行政诉讼",
                "对行政复议决定不服的，可以自收到复议决定书之日起十五日内依法提起行政诉讼",
            ),
        ),
        Status.PASS,
    ),
    # 行政处罚法 第三十七条; 生态环境法典 第一千二百四十二条
    ("cited_law_not_in_force", "in force", same, Status.PASS),
    (
        "cited_law_not_in_force",
        "环境保护法 after its repeal, act after too",
        chain(
            cites(EHS, 59), decided(D(2026, 10, 8)), lambda f: R(f, extras={"violation_date": fact(D(2026, 9, 1), 4)})
        ),
        Status.FAIL,
    ),
    (
        "cited_law_not_in_force",
        "环境保护法 after its repeal, only the filing date known",
        chain(cites(EHS, 59), decided(D(2026, 10, 8)), lambda f: R(f, filing_date=fact(D(2026, 9, 1), 2))),
        Status.UNKNOWN,
    ),
    (
        "cited_law_not_in_force",
        "环境保护法, act before the repeal (从旧)",
        chain(cites(EHS, 59), decided(D(2026, 10, 8)), lambda f: R(f, filing_date=fact(D(2026, 7, 1), 2))),
        Status.UNKNOWN,
    ),
    (
        "cited_law_not_in_force",
        "生态环境法典 before 2026-08-15",
        chain(cites("中华人民共和国生态环境法典", 1100), decided(D(2026, 5, 6))),
        Status.FAIL,
    ),
    (
        "cited_law_not_in_force",
        "生态环境法典 after",
        chain(
            cites("中华人民共和国生态环境法典", 1100),
            decided(D(2026, 10, 8)),
            lambda f: R(f, filing_date=fact(D(2026, 9, 1), 2)),
        ),
        Status.PASS,
    ),
    ("cited_law_not_in_force", "unknown law", cites("某某省某某条例", 5), Status.UNKNOWN),
    ("cited_law_not_in_force", "no decision date", lambda f: R(f, decision_date=None), Status.UNKNOWN),
    # 国发〔2022〕15号
    ("cancelled_fine_item", "a law: never cancelled by the State Council", same, Status.PASS),
    (
        "cancelled_fine_item",
        "工业产品生产许可证管理条例 第五十三条 after 2022-07-30",
        cites("中华人民共和国工业产品生产许可证管理条例", 53),
        Status.FAIL,
    ),
    ("cancelled_fine_item", "a regulation not listed", cites("城镇排水与污水处理条例", 50), Status.UNKNOWN),
    ("cancelled_fine_item", "no provision", lambda f: R(f, penalty_provisions=()), Status.UNKNOWN),
    # 行政处罚法 第四十四条、第六十二条
    ("legal_basis_inconsistent", "same articles", same, Status.PASS),
    (
        "legal_basis_inconsistent",
        "告知书 another article",
        sub(5, "第一百二十六条第一款第（三）项", "第一百二十五条第一款"),
        Status.FAIL,
    ),
    (
        "legal_basis_inconsistent",
        "调查终结报告 another article",
        sub(4, "第五十三条第一款", "第五十四条第一款"),
        Status.FAIL,
    ),
    ("legal_basis_inconsistent", "立案表 suspects a part of it", same, Status.PASS),
    ("legal_basis_inconsistent", "立案表 shares nothing", sub(2, "第五十三条第一款", "第三十四条"), Status.FAIL),
    (
        "legal_basis_inconsistent",
        "no other document cites",
        chain(
            sub(2, "《中华人民共和国食品安全法》第五十三条第一款", ""),
            text(4, "案件调查终结报告"),
            text(5, "行政处罚告知书"),
        ),
        Status.NA,
    ),
    # 行政处罚法 第四十五条第二款
    ("penalty_heavier_after_statement", "same as notified", same, Status.PASS),
    (
        "penalty_heavier_after_statement",
        "more after a statement",
        chain(fields("penalty_decision", fine_amount=8000.0), doc_add("statement_record", "陈述申辩笔录", STATEMENT)),
        Status.FAIL,
    ),
    (
        "penalty_heavier_after_statement",
        "more, no statement seen",
        fields("penalty_decision", fine_amount=8000.0),
        Status.UNKNOWN,
    ),
    (
        "penalty_heavier_after_statement",
        "吊销 added after a statement",
        chain(
            sub(6, "决定对当事人罚款人民币5000元", "决定对当事人罚款人民币5000元，吊销食品经营许可证"),
            doc_add("statement_record", "陈述申辩笔录", STATEMENT),
        ),
        Status.FAIL,
    ),
    (
        "penalty_heavier_after_statement",
        "amounts unread",
        chain(
            fields("penalty_decision", fine_amount=None),
            fields("penalty_notice", fine_amount=None),
            lambda f: R(f, fine_amount=None),
        ),
        Status.UNKNOWN,
    ),
    # 行政处罚法 第五十八条、第六十四条第（四）项
    ("investigator_in_conflicting_role", "no review, no hearing", same, Status.NA),
    (
        "investigator_in_conflicting_role",
        "reviewer is not an investigator",
        doc_add("legal_review", "法制审核意见书", REVIEW_OK),
        Status.PASS,
    ),
    (
        "investigator_in_conflicting_role",
        "investigator reviews",
        doc_add("legal_review", "法制审核意见书", REVIEW_OK.replace("王六", "张三")),
        Status.FAIL,
    ),
    (
        "investigator_in_conflicting_role",
        "investigator hosts the hearing",
        doc_add("hearing", "听证笔录", HEARING_RECORD.replace("听证主持人：王七", "听证主持人：李四")),
        Status.FAIL,
    ),
    (
        "investigator_in_conflicting_role",
        "names unread",
        doc_add("legal_review", "法制审核意见书", "法制审核意见书\n同意。"),
        Status.UNKNOWN,
    ),
    # 行政处罚法 第五十八条第一款
    ("legal_review_not_passed", "none", same, Status.NA),
    ("legal_review_not_passed", "同意", doc_add("legal_review", "法制审核意见书", REVIEW_OK), Status.PASS),
    (
        "legal_review_not_passed",
        "不同意",
        doc_add("legal_review", "法制审核意见书", "法制审核意见书\n审核意见：不同意，退回补充调查。\n审核人：王六"),
        Status.FAIL,
    ),
    (
        "legal_review_not_passed",
        "no conclusion",
        doc_add("legal_review", "法制审核意见书", "法制审核意见书\n审核人：王六\n见附页"),
        Status.UNKNOWN,
    ),
    ("legal_review_after_decision", "none", same, Status.NA),
    (
        "legal_review_after_decision",
        "before",
        doc_add("legal_review", "法制审核意见书", REVIEW_OK, date=D(2024, 4, 15)),
        Status.PASS,
    ),
    (
        "legal_review_after_decision",
        "after",
        doc_add("legal_review", "法制审核意见书", REVIEW_OK, date=D(2024, 4, 25)),
        Status.FAIL,
    ),
    ("legal_review_after_decision", "undated", doc_add("legal_review", "法制审核意见书", REVIEW_OK), Status.UNKNOWN),
    # 行政处罚法 第五十七条第二款
    ("collective_discussion_incomplete", "none", same, Status.NA),
    (
        "collective_discussion_incomplete",
        "complete",
        doc_add("collective_discussion", "集体讨论记录", DISCUSSION),
        Status.PASS,
    ),
    (
        "collective_discussion_incomplete",
        "no conclusion",
        doc_add("collective_discussion", "集体讨论记录", DISCUSSION.replace("\n结论：同意承办机构的处罚意见。", "")),
        Status.FAIL,
    ),
    # 行政处罚法 第五十五条第二款; 行政强制法 第十八条
    ("record_time_missing", "both records timed", same, Status.PASS),
    ("record_time_missing", "no end time", sub(3, "9时10分至10时20分", "9时10分"), Status.FAIL),
    ("record_time_missing", "record without text", text(3, ""), Status.UNKNOWN),
    (
        "record_time_missing",
        "no end time on a scanned page",
        chain(sub(3, "9时10分至10时20分", "9时10分"), scanned(3)),
        Status.UNKNOWN,
    ),
    ("record_time_missing", "no records", chain(gone("inquiry_record"), gone("inspection_record")), Status.NA),
    ("record_officers_not_signed", "two signed", same, Status.PASS),
    ("record_officers_not_signed", "one signed", sub(3, "询问人签名：张三、李四", "询问人签名：张三"), Status.FAIL),
    ("record_officers_not_signed", "no signature line", sub(3, "询问人签名：张三、李四", ""), Status.UNKNOWN),
    ("record_party_not_signed", "signed", same, Status.PASS),
    ("record_party_not_signed", "blank", sub(3, "被询问人签名：赵某 2024年3月6日", "被询问人签名："), Status.FAIL),
    (
        "record_party_not_signed",
        "refusal noted",
        sub(3, "被询问人签名：赵某 2024年3月6日", "被询问人签名：拒绝签名"),
        Status.PASS,
    ),
    (
        "record_party_not_signed",
        "page without a signature line",
        lambda f: R(
            f,
            documents=tuple(R(d, pages=(3, 15)) if d.type == "inquiry_record" else d for d in f.documents),
            pages=(*f.pages, PageText(15, "问：还有补充吗？\n答：没有。")),
        ),
        Status.UNKNOWN,
    ),
    # 行政处罚法 第四十四条
    ("notice_content_incomplete", "complete", same, Status.PASS),
    (
        "notice_content_incomplete",
        "no basis, no deadline",
        chain(
            sub(5, "依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，", ""),
            sub(5, "应当自收到本告知书之日起五个工作日内提出", "可以提出"),
        ),
        Status.FAIL,
    ),
    ("notice_content_incomplete", "simple", SIMPLE, Status.NA),
    (
        "notice_content_incomplete",
        "scanned notice lacking the basis",
        chain(sub(5, "依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项的规定，", ""), scanned(5)),
        Status.UNKNOWN,
    ),
    ("notice_content_incomplete", "no notice", gone("penalty_notice"), Status.UNKNOWN),
    # 行政处罚法 第四十五条第一款
    ("statement_not_reviewed", "no statement", same, Status.NA),
    (
        "statement_not_reviewed",
        "statement, no 复核",
        doc_add("statement_record", "陈述申辩笔录", STATEMENT),
        Status.FAIL,
    ),
    (
        "statement_not_reviewed",
        "statement reviewed in the decision",
        chain(
            doc_add("statement_record", "陈述申辩笔录", STATEMENT),
            sub(
                6,
                "本局责令当事人立即改正。",
                "本局责令当事人立即改正。本局对当事人的陈述、申辩进行了复核，其理由不能成立。",
            ),
        ),
        Status.PASS,
    ),
    (
        "statement_not_reviewed",
        "written waiver",
        doc_add("statement_record", "放弃陈述申辩权利声明", "本单位明确表示放弃陈述、申辩的权利。"),
        Status.NA,
    ),
    (
        "statement_not_reviewed",
        "hearing held",
        chain(doc_add("statement_record", "陈述申辩笔录", STATEMENT), doc_add("hearing", "听证笔录", HEARING_RECORD)),
        Status.PASS,
    ),
    # 行政处罚法 第四十四条、第六十二条
    ("notice_not_served", "receipt", same, Status.PASS),
    (
        "notice_not_served",
        "no receipt, no 签收",
        lambda f: R(
            f, documents=tuple(d for d in f.documents if not (d.type == "service_receipt" and d.pages == (7,)))
        ),
        Status.FAIL,
    ),
    (
        "notice_not_served",
        "signed on the notice",
        chain(
            lambda f: R(
                f, documents=tuple(d for d in f.documents if not (d.type == "service_receipt" and d.pages == (7,)))
            ),
            sub(5, "2024年4月10日", "2024年4月10日\n当事人签收：赵某 2024年4月10日"),
        ),
        Status.PASS,
    ),
    ("notice_not_served", "simple", SIMPLE, Status.NA),
    # 行政处罚法 第六十四条第（二）项、第八十五条
    ("hearing_notice_late", "no hearing", same, Status.NA),
    (
        "hearing_notice_late",
        "nine working days before",
        chain(
            doc_add("hearing", "听证通知书", HEARING_NOTE, date=D(2024, 4, 30)),
            doc_add("hearing", "听证笔录", HEARING_RECORD),
        ),
        Status.PASS,
    ),
    (
        "hearing_notice_late",
        "three working days before",
        chain(
            doc_add("hearing", "听证通知书", HEARING_NOTE, date=D(2024, 5, 8)),
            doc_add("hearing", "听证笔录", HEARING_RECORD),
        ),
        Status.FAIL,
    ),
    (
        "hearing_notice_late",
        "record missing",
        doc_add("hearing", "听证通知书", HEARING_NOTE, date=D(2024, 4, 30)),
        Status.UNKNOWN,
    ),
    # 民事诉讼法 第八十七条
    ("service_receipt_mismatch", "same 文号", same, Status.PASS),
    (
        "service_receipt_mismatch",
        "another 文号",
        lambda f: R(
            f,
            documents=tuple(
                R(
                    d,
                    fields={
                        **d.fields,
                        "served_document": Fact("《行政处罚决定书》师市监处罚〔2024〕16号", (Evidence(8, "x"),)),
                    },
                )
                if d.type == "service_receipt" and d.pages == (8,)
                else d
                for d in f.documents
            ),
        ),
        Status.FAIL,
    ),
    ("service_receipt_mismatch", "document not named", fields("service_receipt", served_document=None), Status.UNKNOWN),
    ("service_receipt_mismatch", "no receipt", gone("service_receipt"), Status.NA),
    # 民事诉讼法 第八十九条、第九十一条、第九十五条; 行政处罚法 第六十一条第二款
    ("service_method_unproven", "直接送达", same, Status.PASS),
    ("service_method_unproven", "留置, no witness", sub(8, "直接送达", "留置送达"), Status.FAIL),
    (
        "service_method_unproven",
        "留置 with witness",
        chain(
            sub(8, "直接送达", "留置送达"),
            sub(8, "送达人\t张三、李四", "送达人\t张三、李四\n见证人\t王九（社区工作人员）"),
        ),
        Status.PASS,
    ),
    ("service_method_unproven", "邮寄 with EMS", sub(8, "直接送达", "邮寄送达（EMS 1100012345678）"), Status.PASS),
    ("service_method_unproven", "电子, no 确认书", sub(8, "直接送达", "电子送达（电子邮件）"), Status.FAIL),
    (
        "service_method_unproven",
        "电子 with 确认书",
        chain(
            sub(8, "直接送达", "电子送达（电子邮件）"),
            doc_add("other", "送达地址确认书", "送达地址确认书\n同意电子送达。"),
        ),
        Status.PASS,
    ),
    (
        "service_method_unproven",
        "method not written",
        chain(sub(7, "送达方式\t直接送达", ""), sub(8, "送达方式\t直接送达", "")),
        Status.UNKNOWN,
    ),
    # 食品安全法 第一百二十六条第一款 "处五千元以上五万元以下罚款"; 行政处罚法 第三十二条
    ("fine_outside_statutory_range", "within", same, Status.PASS),
    ("fine_outside_statutory_range", "above the ceiling", fine(60000.0), Status.FAIL),
    ("fine_outside_statutory_range", "below the floor", fine(3000.0), Status.FAIL),
    (
        "fine_outside_statutory_range",
        "below the floor, 减轻 recorded",
        chain(
            fine(3000.0),
            sub(6, "本局责令当事人立即改正。", "本局责令当事人立即改正。鉴于当事人主动消除危害后果，依法减轻处罚。"),
        ),
        Status.UNKNOWN,
    ),
    ("fine_outside_statutory_range", "range not recorded", cites("中华人民共和国产品质量法", 50), Status.UNKNOWN),
    (
        "fine_outside_statutory_range",
        "道路运输条例 第六十三条 2022 text: 3万 floor",
        chain(cites("中华人民共和国道路运输条例", 63), fine(20000.0), decided(D(2023, 3, 1))),
        Status.FAIL,
    ),
    (
        "fine_outside_statutory_range",
        "道路运输条例 第六十三条第（一）项 2023 text: 3000 floor",
        chain(cites("中华人民共和国道路运输条例", 63, None, 1), fine(20000.0), decided(D(2024, 3, 1))),
        Status.PASS,
    ),
    (
        "fine_outside_statutory_range",
        "warning only",
        lambda f: R(f, fine_amount=None, penalty_types=fact(("警告",), 6)),
        Status.NA,
    ),
    ("fine_at_statutory_maximum", "below the ceiling", same, Status.PASS),
    ("fine_at_statutory_maximum", "顶格", fine(50000.0), Status.UNKNOWN),
    ("fine_at_statutory_maximum", "no fixed ceiling", cites("中华人民共和国食品安全法", 124, 1, 5), Status.UNKNOWN),
    # 行政处罚法 第三十二条至第三十四条
    ("discretion_not_reasoned", "not stated", same, Status.UNKNOWN),
    (
        "discretion_not_reasoned",
        "reasoned",
        sub(
            6,
            "本局责令当事人立即改正。",
            "本局责令当事人立即改正。综合考虑当事人主动改正，依照本局裁量基准属一般情节。",
        ),
        Status.PASS,
    ),
    # 行政处罚法 第五十四条第二款
    ("investigation_before_filing", "inquiry after filing", same, Status.PASS),
    ("investigation_before_filing", "inquiry before filing", fields("inquiry_record", date=D(2024, 3, 1)), Status.FAIL),
    (
        "investigation_before_filing",
        "one of two before",
        doc_add("inquiry_record", "询问笔录", "询问笔录", date=D(2024, 3, 1)),
        Status.UNKNOWN,
    ),
    ("investigation_before_filing", "no filing date", lambda f: R(f, filing_date=None), Status.UNKNOWN),
    ("investigation_before_filing", "no inquiry", gone("inquiry_record"), Status.NA),
    # 市场监督管理行政处罚程序规定 第十八条
    ("filing_not_timely", "3 working days", same, Status.PASS),
    ("filing_not_timely", "market, 23 working days", fields("case_source", date=D(2024, 1, 30)), Status.FAIL),
    (
        "filing_not_timely",
        "other sector, 23 working days",
        chain(fields("case_source", date=D(2024, 1, 30)), agency("石河子市交通运输局")),
        Status.UNKNOWN,
    ),
    (
        "filing_not_timely",
        "extension approved",
        chain(
            fields("case_source", date=D(2024, 1, 30)),
            sub(2, "同意立案。", "同意立案（经批准延长核查期限十五个工作日）。"),
        ),
        Status.PASS,
    ),
    ("filing_not_timely", "no source date", gone("case_source"), Status.UNKNOWN),
    # 行政处罚法 第五十七条第一款
    ("head_approval_after_decision", "no approval form", same, Status.UNKNOWN),
    (
        "head_approval_after_decision",
        "approved before",
        doc_add("other", "行政处罚决定审批表", "行政处罚决定审批表\n负责人意见\t同意。王五 2024年4月19日"),
        Status.PASS,
    ),
    (
        "head_approval_after_decision",
        "approved after",
        doc_add("other", "行政处罚决定审批表", "行政处罚决定审批表\n负责人意见\t同意。王五 2024年4月26日"),
        Status.FAIL,
    ),
    # 卷内目录
    ("toc_mismatch", "matches", same, Status.PASS),
    (
        "toc_mismatch",
        "wrong page",
        sub(11, "行政处罚决定书\t2024年4月22日\t6", "行政处罚决定书\t2024年4月22日\t7"),
        Status.FAIL,
    ),
    (
        "toc_mismatch",
        "decision not listed",
        sub(11, "5\t师市监处罚〔2024〕15号\t行政处罚决定书\t2024年4月22日\t6\n", ""),
        Status.FAIL,
    ),
    ("toc_mismatch", "no 目录", gone("toc"), Status.UNKNOWN),
    (
        "toc_mismatch",
        "wrong page on a scanned 目录",
        chain(sub(11, "行政处罚决定书\t2024年4月22日\t6", "行政处罚决定书\t2024年4月22日\t7"), scanned(11)),
        Status.UNKNOWN,
    ),
    ("toc_mismatch", "rows unreadable", text(11, "卷内文件目录\n（表格未能识别）"), Status.UNKNOWN),
    ("cover_fields_incomplete", "complete", same, Status.PASS),
    ("cover_fields_incomplete", "保管期限 blank", sub(1, "保管期限\t长期", "保管期限\t"), Status.FAIL),
    ("cover_fields_incomplete", "no form", text(1, "卷宗封面 行政处罚案卷"), Status.UNKNOWN),
    ("cover_fields_incomplete", "no cover", gone("cover"), Status.UNKNOWN),
    # 证据完整（行政执法监督条例 第十八条）
    ("identity_proof_missing", "licence copy", same, Status.PASS),
    ("identity_proof_missing", "none", gone("evidence"), Status.FAIL),
    (
        "identity_proof_missing",
        "evidence pages without text",
        chain(gone("evidence"), doc_add("evidence", "证据材料", "")),
        Status.UNKNOWN,
    ),
    ("copies_not_certified", "certified", same, Status.PASS),
    ("copies_not_certified", "not certified", sub(10, "以上复印件与原件核对无误。\n", ""), Status.FAIL),
    (
        "copies_not_certified",
        "scanned copy",
        chain(
            sub(10, "以上复印件与原件核对无误。\n", ""),
            lambda f: R(f, pages=tuple(R(p, ocr=True) if p.number == 10 else p for p in f.pages)),
        ),
        Status.UNKNOWN,
    ),
    ("copies_not_certified", "no copies", gone("evidence"), Status.NA),
    ("investigation_records_missing", "records", same, Status.PASS),
    ("investigation_records_missing", "none", chain(gone("inquiry_record"), gone("inspection_record")), Status.FAIL),
    ("investigation_records_missing", "simple", SIMPLE, Status.NA),
    # 行政处罚法 第四十七条、第四十八条; 市场监督管理行政处罚信息公示规定 第九条
    ("publicity_late", "no record", same, Status.UNKNOWN),
    (
        "publicity_late",
        "market, 10 working days",
        doc_add("other", "行政处罚信息公示截图", "公示日期：2024年5月9日"),
        Status.PASS,
    ),
    (
        "publicity_late",
        "market, 25 working days",
        doc_add("other", "行政处罚信息公示截图", "公示日期：2024年6月4日"),
        Status.FAIL,
    ),
    (
        "publicity_late",
        "other sector, 10 working days",
        chain(agency("石河子市交通运输局"), doc_add("other", "行政处罚信息公示截图", "公示日期：2024年5月9日")),
        Status.UNKNOWN,
    ),
    ("av_record_missing", "执法记录仪", same, Status.PASS),
    ("av_record_missing", "not noted", sub(13, "执法人员使用执法记录仪全程录像。", ""), Status.UNKNOWN),
    # 行政处罚法 第六十七条
    ("payment_not_to_treasury", "非税收入", same, Status.PASS),
    (
        "payment_not_to_treasury",
        "collected by the agency",
        text(12, "罚款收据\n收款单位：石河子市市场监督管理局\n交款人：赵某\n现金5000元\n缴款日期\t2024年5月10日"),
        Status.FAIL,
    ),
    ("payment_not_to_treasury", "unclear", text(12, "收据\n交款人：赵某\n5000元\n2024年5月10日"), Status.UNKNOWN),
    ("payment_not_to_treasury", "no receipt", gone("payment_receipt"), Status.UNKNOWN),
    ("closed_before_payment", "closed after", same, Status.PASS),
    ("closed_before_payment", "closed before", chain(lambda f: R(f, closing_date=fact(D(2024, 5, 6), 9))), Status.FAIL),
    (
        "closed_before_payment",
        "closed before the decision",
        lambda f: R(f, closing_date=fact(D(2024, 4, 15), 9)),
        Status.NA,
    ),
    ("closed_before_payment", "no receipt", gone("payment_receipt"), Status.NA),
    # 行政处罚法 第七十二条第一款第（一）项
    ("surcharge_over_fine", "none", same, Status.NA),
    (
        "surcharge_over_fine",
        "above the fine",
        doc_add("other", "催告书", "催告书\n截至目前已加处罚款8000元。"),
        Status.FAIL,
    ),
    ("surcharge_over_fine", "within", doc_add("other", "催告书", "催告书\n截至目前已加处罚款2000元。"), Status.PASS),
    # 行政强制法 第五十三条、第五十四条 (decision served 2024-04-23: periods end 2024-10-23, deadline 2025-01-23)
    ("court_enforcement_late", "none", same, Status.NA),
    (
        "court_enforcement_late",
        "in time",
        chain(
            doc_add("other", "催告书", "催告书\n2024年11月1日", date=D(2024, 11, 1)),
            doc_add("other", "强制执行申请书", APPLY.format(day="2024年12月2日"), date=D(2024, 12, 2)),
        ),
        Status.PASS,
    ),
    (
        "court_enforcement_late",
        "too late",
        chain(
            doc_add("other", "催告书", "催告书\n2024年11月1日", date=D(2024, 11, 1)),
            doc_add("other", "强制执行申请书", APPLY.format(day="2025年3月3日"), date=D(2025, 3, 3)),
        ),
        Status.FAIL,
    ),
    (
        "court_enforcement_late",
        "before the periods end",
        doc_add("other", "强制执行申请书", APPLY.format(day="2024年9月2日"), date=D(2024, 9, 2)),
        Status.FAIL,
    ),
    (
        "court_enforcement_late",
        "no 催告",
        doc_add("other", "强制执行申请书", APPLY.format(day="2024年12月2日"), date=D(2024, 12, 2)),
        Status.UNKNOWN,
    ),
    # 行政许可法 第二十九条、第三十二条、第三十八条; 行政强制法; 行政检查
    ("case_documents_missing", "penalty file: not this rule", same, None),
    (
        "case_documents_missing",
        "licence file complete",
        chain(LICENSE_DOCS, doc_add("other", "准予行政许可决定书", "准予行政许可决定书\n决定准予许可。")),
        Status.PASS,
    ),
    ("case_documents_missing", "licence file without decision", LICENSE_DOCS, Status.FAIL),
    (
        "case_documents_missing",
        "seizure file without 清单",
        chain(
            lambda f: R(f, case_kind="enforcement"),
            doc_add("other", "查封（扣押）决定书", "查封（扣押）决定书\n决定查封当事人的设备。"),
        ),
        Status.FAIL,
    ),
    (
        "case_documents_missing",
        "inspection file without result",
        chain(lambda f: R(f, case_kind="inspection"), doc_add("other", "行政检查通知书", "行政检查通知书")),
        Status.FAIL,
    ),
    (
        "inspection_elements_missing",
        "complete",
        chain(lambda f: R(f, case_kind="inspection"), text(13, INSPECTION_TEXT)),
        Status.PASS,
    ),
    (
        "inspection_elements_missing",
        "no 任务来源",
        chain(
            lambda f: R(f, case_kind="inspection"), text(13, INSPECTION_TEXT.replace("任务来源：双随机抽查。\n", ""))
        ),
        Status.FAIL,
    ),
    # 行政强制法 第四十三条
    ("enforcement_at_night_or_holiday", "no execution record", same, Status.NA),
    ("enforcement_at_night_or_holiday", "at 23:10", enforcement(NIGHT), Status.FAIL),
    (
        "enforcement_at_night_or_holiday",
        "on National Day",
        enforcement(NIGHT.replace("2024年6月5日23时10分", "2024年10月2日10时00分")),
        Status.FAIL,
    ),
    ("enforcement_at_night_or_holiday", "urgent", enforcement(NIGHT + "\n情况紧急，当场实施。"), Status.UNKNOWN),
    (
        "enforcement_at_night_or_holiday",
        "working day, daytime",
        enforcement(NIGHT.replace("23时10分", "10时00分")),
        Status.PASS,
    ),
]


def _one(facts: CaseFacts, rule_id: str) -> Finding | None:
    found = [f for f in check(facts) if f.rule == rule_id]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(("rule_id", "case", "mod", "expected"), LAW_CASES, ids=[f"{c[0]}-{c[1]}" for c in LAW_CASES])
def test_law_rule(rule_id: str, case: str, mod: Mod, expected: Status | None) -> None:
    finding = _one(mod(full()), rule_id)
    if expected is None:
        assert finding is None
        return
    assert finding is not None, f"{rule_id} gave no finding"
    assert (finding.status, case) == (expected, case), finding.message
    assert finding.message
    assert finding.legal_basis
    if finding.status is Status.FAIL:
        assert finding.evidence, "a fail must carry evidence"
        assert all(e.page >= 1 for e in finding.evidence)


def test_the_complete_file_fails_nothing() -> None:
    assert [(f.rule, f.message) for f in check(full()) if f.status is Status.FAIL] == []


def test_officer_signature_rule_leaves_fewer_than_two_to_its_own_rule() -> None:
    one = (Officer("张三", "66010012345", (Evidence(3, "张三"),)),)
    facts = chain(
        sub(3, "询问人签名：张三、李四", "询问人签名：张三"),
        sub(
            3, "询问人：张三（执法证号66010012345）、李四（执法证号66010012346）", "询问人：张三（执法证号66010012345）"
        ),
        sub(
            13,
            "执法人员：张三（执法证号66010012345）、李四（执法证号66010012346）",
            "执法人员：张三（执法证号66010012345）",
        ),
        lambda f: R(f, officers=one),
        fields("inquiry_record", officers=one),
        fields("inspection_record", officers=one),
        sub(13, "执法人员签名：张三、李四", "执法人员签名：张三"),
    )(full())
    statuses = {f.rule: f.status for f in check(facts)}
    assert statuses["officers_fewer_than_two"] is Status.FAIL
    assert statuses["record_officers_not_signed"] is Status.NA
