"""Identity: two officers with certificates; the party's 统一社会信用代码 / 身份证号 check character."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import Levenshtein
from stdnum.cn import ric, uscc

from scoring.rules.base import (
    Context,
    Outcome,
    doc_evidence,
    doc_field,
    ev,
    failed,
    passed,
    rule,
    unknown,
)
from scoring.rules.textutil import listed_officers, record_officers
from scoring.types import CaseFacts, Evidence, Officer

ANY = ("penalty", "license", "enforcement", "inspection")
_INVESTIGATIVE = ("inquiry_record", "inspection_record")


def _records(facts: CaseFacts) -> tuple[Evidence, ...]:
    """The first investigative record (or the filing approval), where officers are listed."""
    for kind in (*_INVESTIGATIVE, "filing_approval"):
        docs = facts.documents_of(kind)
        if docs:
            return doc_evidence(docs[0])
    return ()


def _officer_evidence(officers: tuple[Officer, ...]) -> tuple[Evidence, ...]:
    return tuple(e for o in officers for e in o.evidence)


@rule(
    "officers_fewer_than_two", "identity", title="执法人员不少于两人",
    basis="《中华人民共和国行政处罚法》第四十二条；《中华人民共和国行政强制法》第十八条", kinds=ANY,
)
def officers_fewer_than_two(facts: CaseFacts, ctx: Context) -> Outcome:
    short: list[Evidence] = []
    enough = False
    for doc in facts.documents:
        if doc.type not in _INVESTIGATIVE:
            continue
        people = listed_officers(facts, doc)
        if not people:
            continue
        if len(people) < 2:
            _, lines = record_officers(facts, doc)
            short.extend((lines or doc_evidence(doc, doc_field(doc, "officers")))[:1])
        else:
            enough = True
    names = {o.name for o in facts.officers}
    if short:
        return failed(f"{len(short)} 份调查取证笔录记载的执法人员少于两人", short, count=len(short))
    if enough:
        return passed("调查取证笔录均记载两名以上执法人员", _officer_evidence(facts.officers) or _records(facts))
    if not names:
        return unknown("未读到执法人员姓名，无法核对人数")
    if len(names) < 2:
        evidence = _officer_evidence(facts.officers) or _records(facts)
        return failed(f"案卷只记载一名执法人员（{next(iter(names))}）", evidence)
    return passed(f"执法人员 {len(names)} 人：{'、'.join(sorted(names))}", _officer_evidence(facts.officers))


@rule(
    "officer_without_cert", "identity", title="执法人员载明执法证号",
    basis="《中华人民共和国行政处罚法》第四十二条、第五十五条", kinds=ANY,
)
def officer_without_cert(facts: CaseFacts, ctx: Context) -> Outcome:
    if not facts.officers:
        return unknown("未读到执法人员，无法核对执法证号")
    missing = [o for o in facts.officers if not plausible_cert(o.cert_no) and not _cert_elsewhere(facts, o.name)]
    if missing:
        evidence = _officer_evidence(tuple(missing)) or _officer_evidence(facts.officers) or _records(facts)
        return failed(f"执法人员{'、'.join(o.name for o in missing)}未载明执法证号", evidence, count=len(missing))
    return passed("执法人员均载明执法证号", _officer_evidence(facts.officers))


_CERT_NEAR = r"[^，,。；;、]{0,16}?[A-Z]?\d{6,}"


def plausible_cert(cert: str | None) -> bool:
    """A certificate number has at least six letters and digits (a stray year like "2025" is none)."""
    return len(re.sub(r"[^0-9A-Za-z]", "", cert or "")) >= 6


def _same_person(a: str, b: str) -> bool:
    """Names equal up to one character of reading noise ("李辉芳" / "李辉芳第" / "李晖芳")."""
    return a == b or (min(len(a), len(b)) >= 2 and Levenshtein.distance(a, b) <= 1 and (a in b or b in a))


def _cert_elsewhere(facts: CaseFacts, name: str) -> bool:
    """Whether the file lists this officer with a certificate number (in any officer list or in its text)."""
    listed_all: list[Officer] = list(facts.officers)
    for doc in facts.documents:
        listed = doc_field(doc, "officers")
        listed_all += list(listed.value) if listed is not None and isinstance(listed.value, tuple) else []
    if any(_same_person(o.name, name) and plausible_cert(o.cert_no) for o in listed_all):
        return True
    pattern = re.compile(re.escape(name) + _CERT_NEAR)  # lines joined: a name may wrap ("朱\n杰强")
    if any(pattern.search(p.text.replace("\n", "")) for p in facts.pages):
        return True
    # "检查人员：A、B，证号分别为X、Y": the numbers follow the list of names, one each
    in_order = re.compile(
        re.escape(name) + r"[^。；;\n]{0,40}?(?:证号|证件号码?|执法证号?)[^。；;\n]{0,4}?分别(?:为|是)"
        r"((?:[^。；;\n]{0,3}?[A-Z]?\d{6,}){2,})"
    )
    return any(in_order.search(line) for p in facts.pages for line in p.text.splitlines())


def ric_valid(value: str) -> bool:
    """GB 11643-1999 公民身份号码: province 11–82, a real birth date, and the MOD 11-2 check character.

    The check character comes from python-stdnum; its full ``validate`` also demands the birth-place
    code be in its own area table, which rejects numbers issued under area codes since retired.
    """
    if not re.fullmatch(r"\d{17}[\dX]", value) or not 11 <= int(value[:2]) <= 82:
        return False
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return bool(ric.calc_check_digit(value) == value[17])  # takes the whole number, ignores its last char


@rule(
    "invalid_party_id",
    "identity",
    title="当事人统一社会信用代码或身份证号有效",
    basis="GB 32100-2015《法人和其他组织统一社会信用代码编码规则》；GB 11643-1999《公民身份号码》",
    kinds=ANY,
)
def invalid_party_id(facts: CaseFacts, ctx: Context) -> Outcome:
    fact = facts.party_id
    if fact is None or not str(fact.value).strip():
        return unknown("未读到当事人统一社会信用代码或身份证号")
    value = str(fact.value).strip().upper().replace(" ", "")
    if len(value) == 15:
        return unknown(f"{value} 为15位旧号码（注册号或旧身份证号），没有校验位，请人工核对", ev(fact))
    if len(value) != 18:
        return failed(f"号码 {value} 位数为 {len(value)}，既非18位统一社会信用代码也非18位身份证号", ev(fact))
    if ric_valid(value):
        return passed(f"公民身份号码 {value} 校验通过", ev(fact))
    if uscc.is_valid(value):
        return passed(f"统一社会信用代码 {value} 校验通过", ev(fact))
    kind = "公民身份号码" if value[:17].isdigit() and value[:2] not in ("91", "92", "93") else "统一社会信用代码"
    return failed(f"{kind} {value} 校验位错误或编码无效", ev(fact))
