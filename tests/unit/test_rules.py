"""One table per rule: the clean dossier passes; each break gives exactly fail / na / unknown."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from scoring import check
from scoring.rules import RULES, known_rule
from scoring.types import (
    CaseFacts,
    DocumentInfo,
    Evidence,
    Fact,
    Finding,
    Officer,
    Provision,
    Status,
    TocEntry,
)
from tests.unit.test_rule_builders import (
    DECISION_TEXT,
    NOTICE_TEXT,
    clean,
    fact,
    with_doc_fields,
    with_page_text,
    without,
)

D = dt.date
R = dataclasses.replace
Mod = Callable[[CaseFacts], CaseFacts]


def same(f: CaseFacts) -> CaseFacts:
    return f


def dates(**kw: dt.date) -> Mod:
    """Set case-level dates and the matching document dates."""
    doc_of = {"filing_date": "filing_approval", "notice_date": "penalty_notice", "decision_date": "penalty_decision",
              "closing_date": "closing_report"}

    def mod(f: CaseFacts) -> CaseFacts:
        for name, value in kw.items():
            f = R(f, **{name: fact(value, 1)})
            if name in doc_of:
                f = with_doc_fields(f, doc_of[name], date=value)
        return f

    return mod


def gone(kind: str) -> Mod:
    return lambda f: without(f, kind)


def drop(**names: None) -> Mod:
    return lambda f: R(f, **names)


def text(page: int, body: str) -> Mod:
    return lambda f: with_page_text(f, page, body)


def fields(kind: str, **kw: object) -> Mod:
    return lambda f: with_doc_fields(f, kind, **kw)


def chain(*mods: Mod) -> Mod:
    def run(f: CaseFacts) -> CaseFacts:
        for m in mods:
            f = m(f)
        return f

    return run


NO_NOTICE_SERVICE = fields("service_receipt", served_document="行政处罚决定书")
OFFICER_1 = (Officer("张三", "66010012345", (Evidence(3, "张三"),)),)
LICENSE: Mod = lambda f: R(f, case_kind="license")  # noqa: E731
ENFORCEMENT: Mod = lambda f: R(f, case_kind="enforcement")  # noqa: E731


def seized(start: dt.date, end: dt.date) -> Mod:
    return lambda f: R(f, extras={"seizure_date": fact(start, 3), "seizure_end_date": fact(end, 4)})


SIMPLE = chain(lambda f: R(f, procedure="simple"), dates(filing_date=D(2024, 4, 22)))


def toc(*rows: tuple[int, str, str, int]) -> Mod:
    """A 卷内目录 on page 1 listing (序号, 题名, type, 起始页)."""
    entries = tuple(TocEntry(n, title, kind, first) for n, title, kind, first in rows)
    listing = DocumentInfo("toc", "卷内文件目录", (1,), {"toc_entries": Fact(entries, (Evidence(1, "卷内文件目录"),))})
    return lambda f: R(f, documents=(listing, *f.documents))


FULL_TOC = toc(
    (1, "卷宗封面", "cover", 1),
    (2, "立案审批表", "filing_approval", 2),
    (3, "询问笔录", "inquiry_record", 3),
    (4, "案件调查终结报告", "investigation_report", 4),
    (5, "行政处罚告知书", "penalty_notice", 5),
    (6, "行政处罚决定书", "penalty_decision", 6),
    (7, "送达回证", "service_receipt", 7),
    (8, "结案报告", "closing_report", 9),
)

CASES: list[tuple[str, str, Mod, Status]] = [
    # time limits
    ("decision_over_90_days", "ok", same, Status.PASS),
    (
        "decision_over_90_days",
        "119 days",
        chain(dates(decision_date=D(2024, 7, 1)), fields("service_receipt", service_date=D(2024, 7, 2))),
        Status.FAIL,
    ),
    (
        "decision_over_90_days",
        "extension",
        chain(dates(decision_date=D(2024, 7, 1)), fields("filing_approval", extension_approved=True)),
        Status.PASS,
    ),
    ("decision_over_90_days", "simple", SIMPLE, Status.NA),
    (
        "decision_over_90_days",
        "no filing date",
        chain(drop(filing_date=None), fields("filing_approval", date=None)),
        Status.UNKNOWN,
    ),
    ("service_over_7_days", "ok", same, Status.PASS),
    # decided Fri 2024-09-27: 9-29 (Sun, 调休) is the 1st working day, 10-01..07 are off,
    # 10-12 (Sat, 调休) is the 7th and 10-14 the 8th
    (
        "service_over_7_days",
        "7th working day",
        chain(dates(decision_date=D(2024, 9, 27)), lambda f: R(f, service_date=fact(D(2024, 10, 12), 8))),
        Status.PASS,
    ),
    (
        "service_over_7_days",
        "8th working day",
        chain(dates(decision_date=D(2024, 9, 27)), lambda f: R(f, service_date=fact(D(2024, 10, 14), 8))),
        Status.FAIL,
    ),
    ("service_over_7_days", "simple", SIMPLE, Status.NA),
    ("service_over_7_days", "no service date", chain(drop(service_date=None), gone("service_receipt")), Status.UNKNOWN),
    (
        "service_over_7_days",
        "outside calendar",
        chain(dates(decision_date=D(2031, 3, 3)), lambda f: R(f, service_date=fact(D(2031, 3, 4), 8))),
        Status.UNKNOWN,
    ),
    ("notice_to_decision_under_5_days", "ok", same, Status.PASS),
    ("notice_to_decision_under_5_days", "3 wd", dates(decision_date=D(2024, 4, 15)), Status.FAIL),
    (
        "notice_to_decision_under_5_days",
        "waived",
        chain(dates(decision_date=D(2024, 4, 15)), fields("service_receipt", statement_waived=True)),
        Status.PASS,
    ),
    (
        "notice_to_decision_under_5_days",
        "waiver only recited",
        chain(dates(decision_date=D(2024, 4, 15)), text(6, DECISION_TEXT + "\n当事人书面放弃陈述、申辩权利。")),
        Status.UNKNOWN,
    ),
    # the 告知书's own "逾期未提出的，视为放弃" is no waiver by the party
    (
        "notice_to_decision_under_5_days",
        "notice is no waiver",
        chain(dates(decision_date=D(2024, 4, 15)), fields("penalty_notice", statement_waived=True)),
        Status.FAIL,
    ),
    # notice served Fri 2024-05-10 → 5 wd: 5-13..5-17 ; Labour Day 调休 2024-05-11 (Sat) counts
    (
        "notice_to_decision_under_5_days",
        "调休 counts",
        chain(
            fields("service_receipt", service_date=D(2024, 5, 10)),
            dates(notice_date=D(2024, 5, 10)),
            dates(decision_date=D(2024, 5, 16)),
        ),
        Status.PASS,
    ),
    ("notice_to_decision_under_5_days", "simple", SIMPLE, Status.NA),
    (
        "notice_to_decision_under_5_days",
        "no notice date",
        chain(drop(notice_date=None), NO_NOTICE_SERVICE),
        Status.UNKNOWN,
    ),
    (
        "limitation_period_exceeded",
        "within",
        lambda f: R(f, extras={"violation_date": fact(D(2023, 9, 1), 6)}),
        Status.PASS,
    ),
    (
        "limitation_period_exceeded",
        "six years",
        lambda f: R(f, extras={"violation_date": fact(D(2018, 1, 1), 6)}),
        Status.FAIL,
    ),
    (
        "limitation_period_exceeded",
        "three years",
        lambda f: R(f, extras={"violation_date": fact(D(2021, 1, 1), 6)}),
        Status.UNKNOWN,
    ),
    ("limitation_period_exceeded", "no act date", same, Status.UNKNOWN),
    # officers saw the act going on: it lasted at least until then
    (
        "limitation_period_exceeded",
        "observed in progress",
        text(4, "二〇二四年二月二十八日，执法人员在日常检查中发现当事人销售过期食品。"),
        Status.PASS,
    ),
    ("license_decision_over_20_days", "20 wd", chain(LICENSE, dates(decision_date=D(2024, 4, 1))), Status.PASS),
    ("license_decision_over_20_days", "21 wd", chain(LICENSE, dates(decision_date=D(2024, 4, 2))), Status.FAIL),
    ("license_decision_over_20_days", "no date", chain(LICENSE, drop(decision_date=None)), Status.UNKNOWN),
    ("license_decision_over_20_days", "penalty case", same, None),
    ("seizure_over_30_days", "30 days", chain(ENFORCEMENT, seized(D(2024, 3, 1), D(2024, 3, 31))), Status.PASS),
    ("seizure_over_30_days", "31 days", chain(ENFORCEMENT, seized(D(2024, 3, 1), D(2024, 4, 1))), Status.FAIL),
    ("seizure_over_30_days", "no dates", ENFORCEMENT, Status.UNKNOWN),
    ("seizure_over_30_days", "penalty case", same, None),
    # completeness
    ("missing_document:service_receipt", "ok", same, Status.PASS),
    # not in the default required list (short files may lack it); see test_required_documents_come_from_config
    ("missing_document:investigation_report", "missing", gone("investigation_report"), None),
    ("missing_document:service_receipt", "missing", gone("service_receipt"), Status.FAIL),
    ("missing_document:service_receipt", "simple", SIMPLE, None),  # not required: no finding
    ("missing_document:legal_review", "not major", same, Status.NA),
    ("missing_document:legal_review", "major, missing", lambda f: R(f, fine_amount=fact(80000.0, 6)), Status.FAIL),
    (
        "missing_document:legal_review",
        "revocation, missing",
        lambda f: R(f, penalty_types=fact(("罚款", "吊销许可证件"), 6)),
        Status.FAIL,
    ),
    ("missing_document:legal_review", "amount unknown", drop(fine_amount=None, penalty_types=None), Status.UNKNOWN),
    ("missing_document:hearing", "requested, none", fields("penalty_notice", hearing_requested=True), Status.FAIL),
    ("missing_document:hearing", "not requested", same, Status.NA),
    ("hearing_right_not_notified", "below threshold", same, Status.NA),
    ("hearing_right_not_notified", "offered", lambda f: R(f, fine_amount=fact(200000.0, 6)), Status.PASS),
    (
        "hearing_right_not_notified",
        "not offered",
        chain(lambda f: R(f, fine_amount=fact(200000.0, 6)), text(5, NOTICE_TEXT.replace("，并有权要求听证", ""))),
        Status.FAIL,
    ),
    (
        "hearing_right_not_notified",
        "type unknown",
        chain(lambda f: R(f, fine_amount=fact(20000.0, 6)), drop(party_type=None)),
        Status.UNKNOWN,
    ),
    ("simple_procedure_over_limit", "ordinary", same, Status.NA),
    (
        "simple_procedure_over_limit",
        "simple 3000 org",
        chain(SIMPLE, lambda f: R(f, fine_amount=fact(3000.0, 6))),
        Status.PASS,
    ),
    (
        "simple_procedure_over_limit",
        "simple 3001 org",
        chain(SIMPLE, lambda f: R(f, fine_amount=fact(3001.0, 6))),
        Status.FAIL,
    ),
    ("simple_procedure_over_limit", "procedure unknown", lambda f: R(f, procedure=None), Status.UNKNOWN),
    # consistency
    ("dates_out_of_order", "ok", same, Status.PASS),
    ("dates_out_of_order", "closing before decision", dates(closing_date=D(2024, 4, 15)), Status.FAIL),
    (
        "dates_out_of_order",
        "a narrative date is not the document's date",
        lambda f: R(
            f,
            documents=tuple(
                R(
                    d,
                    fields={
                        **d.fields,
                        "date": Fact(D(2024, 3, 1), (Evidence(4, "2024年3月1日，执法人员在日常检查中发现当事人"),)),
                    },
                )
                if d.type == "investigation_report"
                else d
                for d in f.documents
            ),
        ),
        Status.PASS,
    ),
    (
        "dates_out_of_order",
        "no dates",
        lambda f: R(
            f,
            documents=(),
            filing_date=None,
            notice_date=None,
            decision_date=None,
            service_date=None,
            closing_date=None,
        ),
        Status.UNKNOWN,
    ),
    ("party_name_mismatch", "ok", same, Status.PASS),
    ("party_name_mismatch", "OCR noise", fields("cover", party_name="石河子市某某商贸有限公诃"), Status.PASS),
    (
        "party_name_mismatch",
        "other name",
        fields("filing_approval", party_name="石河子市某某实业有限责任公司"),
        Status.FAIL,
    ),
    (
        "party_name_mismatch",
        "addressee of the notice differs",
        chain(
            fields("penalty_notice", party_name=None),
            text(5, "行政处罚告知书\n师市监罚告〔2024〕15号\n石河子市某某实业有限责任公司：\n本局拟对你单位作出罚款。"),
        ),
        Status.FAIL,
    ),
    ("party_name_mismatch", "no name", lambda f: R(f, party_name=None, documents=()), Status.UNKNOWN),
    ("case_number_mismatch", "ok", same, Status.PASS),
    ("case_number_mismatch", "serial differs", fields("cover", case_number="师市监处罚〔2024〕16号"), Status.FAIL),
    (
        "case_number_mismatch",
        "nothing to compare",
        chain(fields("cover", case_number=None), fields("service_receipt", case_number=None)),
        Status.UNKNOWN,
    ),
    ("fine_mismatch_notice_decision", "ok", same, Status.PASS),
    ("fine_mismatch_notice_decision", "differs", fields("penalty_notice", fine_amount=8000.0), Status.FAIL),
    (
        "fine_mismatch_notice_decision",
        "lowered with a recorded reason",
        chain(
            fields("penalty_notice", fine_amount=8000.0),
            text(6, DECISION_TEXT + "\n经复核，本局采纳当事人的申辩意见，决定从轻处罚。"),
        ),
        Status.PASS,
    ),
    (
        "fine_mismatch_notice_decision",
        "no fine",
        lambda f: R(
            f, penalty_types=fact(("警告",), 6), fine_amount=None, documents=without(f, "penalty_decision").documents
        ),
        Status.NA,
    ),
    (
        "fine_mismatch_notice_decision",
        "notice amount unread",
        fields("penalty_notice", fine_amount=None),
        Status.UNKNOWN,
    ),
    ("officer_cert_mismatch", "ok", same, Status.PASS),
    (
        "officer_cert_mismatch",
        "two numbers",
        fields("inquiry_record", officers=(Officer("张三", "66010099999"),)),
        Status.FAIL,
    ),
    # names and numbers printed as two lists and paired wrongly: 张三 read with 李四's number
    (
        "officer_cert_mismatch",
        "pairing slip",
        fields("inquiry_record", officers=(Officer("张三", "66010012346"), Officer("李四", "66010012346"))),
        Status.UNKNOWN,
    ),
    (
        "officer_cert_mismatch",
        "printed prefix",
        fields("inquiry_record", officers=(Officer("张三", "交66010012345"), Officer("李四", "66010012346"))),
        Status.PASS,
    ),
    (
        "officer_cert_mismatch",
        "digits glued on",
        fields("inquiry_record", officers=(Officer("张三", "660100123452024"), Officer("李四", "66010012346"))),
        Status.PASS,
    ),
    (
        "officer_cert_mismatch",
        "no certs",
        lambda f: R(f, officers=(), documents=without(f, "inquiry_record").documents),
        Status.UNKNOWN,
    ),
    # citations
    ("provision_not_specific", "ok", same, Status.PASS),
    (
        "provision_not_specific",
        "law only",
        chain(
            text(6, DECISION_TEXT + "\n依据《中华人民共和国产品质量法》的规定，一并处理。"),
            lambda f: R(
                f,
                penalty_provisions=(
                    Provision(
                        "中华人民共和国产品质量法",
                        None,
                        raw="《中华人民共和国产品质量法》",
                        evidence=(Evidence(6, "依据《中华人民共和国产品质量法》的规定"),),
                    ),
                ),
            ),
        ),
        Status.FAIL,
    ),
    # a reading split by "（以下简称《…》）" or a line break: the text shows the article
    (
        "provision_not_specific",
        "article after a short-name note",
        chain(
            text(
                6, DECISION_TEXT + "\n违反了《中华人民共和国产品质量法》（以下简称《产品质量法》）\n第三十九条的规定。"
            ),
            lambda f: R(
                f,
                violated_provisions=(
                    Provision(
                        "中华人民共和国产品质量法",
                        None,
                        raw="《中华人民共和国产品质量法》",
                        evidence=(Evidence(6, "违反了《中华人民共和国产品质量法》"),),
                    ),
                ),
            ),
        ),
        Status.PASS,
    ),
    (
        "provision_not_specific",
        "none read",
        lambda f: R(f, violated_provisions=(), penalty_provisions=()),
        Status.UNKNOWN,
    ),
    ("provision_article_out_of_range", "ok", same, Status.PASS),
    (
        "provision_article_out_of_range",
        "art. 200",
        lambda f: R(f, penalty_provisions=(Provision("中华人民共和国食品安全法", 200, raw="第二百条"),)),
        Status.FAIL,
    ),
    (
        "provision_article_out_of_range",
        "unknown law",
        lambda f: R(f, violated_provisions=(), penalty_provisions=(Provision("某某省食品小作坊管理条例", 12),)),
        Status.UNKNOWN,
    ),
    ("penalty_law_old_article", "ok", same, Status.PASS),
    (
        "penalty_law_old_article",
        "old 27 for 从轻",
        text(
            6, DECISION_TEXT + "\n依据《中华人民共和国行政处罚法》第二十七条第一款第（一）项的规定，对当事人从轻处罚。"
        ),
        Status.FAIL,
    ),
    (
        "penalty_law_old_article",
        "new 32 for 从轻",
        text(6, DECISION_TEXT + "\n依据《行政处罚法》第三十二条第（一）项的规定，对当事人从轻处罚。"),
        Status.PASS,
    ),
    (
        "penalty_law_old_article",
        "before 2021",
        chain(dates(filing_date=D(2020, 3, 2)), dates(decision_date=D(2020, 5, 6))),
        Status.NA,
    ),
    ("penalty_law_old_article", "no decision date", drop(decision_date=None), Status.UNKNOWN),
    # identity
    ("officers_fewer_than_two", "ok", same, Status.PASS),
    (
        "officers_fewer_than_two",
        "one",
        chain(
            lambda f: R(f, officers=OFFICER_1),
            fields("inquiry_record", officers=OFFICER_1),
            text(3, "询问笔录\n询问人：张三（执法证号66010012345）\n询问人签名：张三"),
        ),
        Status.FAIL,
    ),
    # the record's own words win over a list the extractor got wrong: two officers printed, one extracted
    (
        "officers_fewer_than_two",
        "two printed, one extracted",
        chain(lambda f: R(f, officers=OFFICER_1), fields("inquiry_record", officers=OFFICER_1)),
        Status.PASS,
    ),
    (
        "officers_fewer_than_two",
        "none read",
        lambda f: R(f, officers=(), documents=without(f, "inquiry_record").documents),
        Status.UNKNOWN,
    ),
    ("officer_without_cert", "ok", same, Status.PASS),
    ("officer_without_cert", "no cert", lambda f: R(f, officers=(*OFFICER_1, Officer("王五", None))), Status.FAIL),
    # 李四's number is printed in the 询问笔录's officer list: the case-level reading only missed it
    (
        "officer_without_cert",
        "a year read as the number",
        lambda f: R(f, officers=(*OFFICER_1, Officer("王五", "2024"))),
        Status.FAIL,
    ),
    (
        "officer_without_cert",
        "name read with a stray character",
        lambda f: R(f, officers=(*f.officers, Officer("李四第", None))),
        Status.PASS,
    ),
    (
        "officer_without_cert",
        "cert elsewhere",
        lambda f: R(f, officers=(*OFFICER_1, Officer("李四", None))),
        Status.PASS,
    ),
    ("officer_without_cert", "none", lambda f: R(f, officers=()), Status.UNKNOWN),
    ("invalid_party_id", "ok", same, Status.PASS),
    ("invalid_party_id", "citizen ok", lambda f: R(f, party_id=fact("11010519491231002X", 6)), Status.PASS),
    (
        "invalid_party_id",
        "citizen, Xinjiang area code",
        lambda f: R(f, party_id=fact("652301197303182399", 6)),
        Status.PASS,
    ),
    (
        "invalid_party_id",
        "citizen, bad birth date",
        lambda f: R(f, party_id=fact("652301197302302399", 6)),
        Status.FAIL,
    ),
    ("invalid_party_id", "bad check char", lambda f: R(f, party_id=fact("91110000600037341M", 6)), Status.FAIL),
    ("invalid_party_id", "old 15-digit", lambda f: R(f, party_id=fact("659001000012345", 6)), Status.UNKNOWN),
    ("invalid_party_id", "missing", drop(party_id=None), Status.UNKNOWN),
    # form
    ("no_remedy_notice", "ok", same, Status.PASS),
    ("no_remedy_notice", "missing", text(6, DECISION_TEXT.replace("行政复议", "复核")), Status.FAIL),
    (
        "no_remedy_notice",
        "no periods",
        text(6, DECISION_TEXT.replace("六十日内", "").replace("在六个月内", "")),
        Status.FAIL,
    ),
    ("no_remedy_notice", "no decision", gone("penalty_decision"), Status.UNKNOWN),
    ("decision_lacks_party", "ok", same, Status.PASS),
    (
        "decision_lacks_party",
        "no address",
        text(6, DECISION_TEXT.replace("住所：石河子市北四路12号\n", "")),
        Status.FAIL,
    ),
    ("decision_lacks_party", "unreadable", text(6, ""), Status.UNKNOWN),
    ("decision_lacks_facts", "ok", same, Status.PASS),
    (
        "decision_lacks_facts",
        "none",
        text(6, DECISION_TEXT.replace("经查，当事人进货时未查验供货者的许可证和食品合格证明文件。\n", "")),
        Status.FAIL,
    ),
    (
        "decision_lacks_evidence",
        "none",
        text(6, DECISION_TEXT.replace("上述事实，有现场检查笔录、询问笔录等证据证明。\n", "")),
        Status.FAIL,
    ),
    ("decision_lacks_type_basis", "ok", same, Status.PASS),
    ("decision_lacks_type_basis", "no basis", text(6, "行政处罚决定书\n当事人：某\n决定罚款5000元。"), Status.FAIL),
    ("decision_lacks_performance_terms", "ok", same, Status.PASS),
    (
        "decision_lacks_performance_terms",
        "no term",
        text(6, DECISION_TEXT.replace("自收到本决定书之日起十五日内，", "")),
        Status.FAIL,
    ),
    (
        "decision_lacks_performance_terms",
        "warning only",
        lambda f: R(f, penalty_types=fact(("警告",), 6), fine_amount=None),
        Status.NA,
    ),
    ("decision_lacks_performance_terms", "types unread", drop(penalty_types=None, fine_amount=None), Status.UNKNOWN),
    ("certificate_not_shown", "ok", same, Status.PASS),
    ("certificate_not_shown", "not recorded", text(3, "询问笔录\n问：你有申请回避的权利，是否申请回避？"), Status.FAIL),
    ("certificate_not_shown", "no records", gone("inquiry_record"), Status.UNKNOWN),
    ("certificate_not_shown", "license case", LICENSE, None),
    ("recusal_right_not_notified", "ok", same, Status.PASS),
    ("recusal_right_not_notified", "not told", text(3, "询问笔录\n问：这是我们的执法证件，请你过目。"), Status.FAIL),
    ("recusal_right_not_notified", "blank record", text(3, ""), Status.UNKNOWN),
    ("correction_order_missing", "ok", same, Status.PASS),
    ("correction_order_missing", "none", text(6, DECISION_TEXT.replace("本局责令当事人立即改正。", "")), Status.FAIL),
    (
        "correction_order_missing",
        "separate order",
        chain(
            text(6, DECISION_TEXT.replace("本局责令当事人立即改正。", "")),
            text(9, "责令改正通知书\n责令你单位于2024年5月1日前改正。"),
        ),
        Status.PASS,
    ),
    ("correction_order_missing", "no decision", gone("penalty_decision"), Status.UNKNOWN),
    ("decision_lacks_agency_date", "ok", same, Status.PASS),
    (
        "decision_lacks_agency_date",
        "no date",
        chain(
            drop(decision_date=None),
            fields("penalty_decision", date=None),
            text(6, DECISION_TEXT.replace("2024年4月22日", "")),
        ),
        Status.FAIL,
    ),
    ("missing_signature_or_seal", "ok", same, Status.PASS),
    ("missing_signature_or_seal", "decision unsealed", fields("penalty_decision", has_seal=False), Status.FAIL),
    ("missing_signature_or_seal", "receipt unsigned", fields("service_receipt", has_signature=False), Status.FAIL),
    (
        "missing_signature_or_seal",
        "cannot tell",
        chain(
            fields("penalty_decision", has_seal=None), lambda f: R(f, pages=tuple(R(p, has_seal=None) for p in f.pages))
        ),
        Status.UNKNOWN,
    ),
]


def _one(facts: CaseFacts, rule_id: str) -> Finding | None:
    found = [f for f in check(facts) if f.rule == rule_id]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(("rule_id", "case", "mod", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(rule_id: str, case: str, mod: Mod, expected: Status | None) -> None:
    finding = _one(mod(clean()), rule_id)
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


def test_every_registered_rule_has_a_table_row() -> None:
    from tests.unit.test_rules_law import LAW_CASES  # the rules added for the law as it stands (2026-12)

    tested = {c[0].split(":")[0] for c in (*CASES, *LAW_CASES)}
    assert {r.id for r in RULES} <= tested


def test_per_occurrence_count() -> None:
    facts = R(clean(), officers=(Officer("王五", None), Officer("赵六", None)))
    finding = _one(facts, "officer_without_cert")
    assert finding is not None
    assert (finding.status, finding.count) == (Status.FAIL, 2)


def test_known_rule_ids() -> None:
    assert known_rule("missing_document:legal_review")
    assert not known_rule("missing_document:nonsense")
    assert not known_rule("no_such_rule")


def test_evidence_of_a_fail_names_pages() -> None:
    f = _one(dates(decision_date=D(2024, 7, 1))(clean()), "decision_over_90_days")
    assert f is not None
    assert [e.page for e in f.evidence] == [2, 1]  # 立案 on page 2; dates() puts the new date on page 1
    assert f.message == "决定日期 2024-07-01 距立案日期 2024-03-04 已 119 日，超过 90 日且无延期审批"


def test_other_case_kinds_get_only_their_rules() -> None:
    facts = R(clean(), case_kind="inspection")
    rules = {f.rule for f in check(facts)}
    assert "officers_fewer_than_two" in rules
    assert "decision_over_90_days" not in rules
    assert Fact  # re-exported types stay importable


def test_required_documents_come_from_config() -> None:
    from scoring.config import load_config

    base = load_config()
    config = R(
        base,
        required_documents={
            **base.required_documents,
            "penalty": (*base.required_documents["penalty"], "investigation_report"),
        },
    )
    found = [
        f
        for f in check(without(clean(), "investigation_report"), config=config)
        if f.rule == "missing_document:investigation_report"
    ]
    assert [(f.status, f.message) for f in found] == [(Status.FAIL, "卷内缺少案件调查终结报告（必备文书）")]
    assert [e.page for e in found[0].evidence] == [6]  # no 目录: the decision's page
