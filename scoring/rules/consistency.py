"""Consistency across documents: date order, party name, 文号, fine, officers' certificate numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from scoring.doctypes import DOCUMENT_TYPES
from scoring.rules.base import (
    Context,
    Outcome,
    doc_evidence,
    doc_field,
    ev,
    failed,
    fmt,
    not_applicable,
    passed,
    penalty_types,
    rule,
    unknown,
)
from scoring.rules.textutil import fine_of
from scoring.statutes import PENALTY_LAW_CITED as PENALTY_LAW
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

# (earlier stage, later stage): a later one dated before an earlier one is a 时间倒置.
_ORDER = (
    ("case_source", "filing_approval"),
    ("filing_approval", "investigation_report"),
    ("filing_approval", "penalty_notice"),
    ("filing_approval", "penalty_decision"),
    ("inquiry_record", "investigation_report"),
    ("inspection_record", "investigation_report"),
    ("inquiry_record", "penalty_decision"),
    ("inspection_record", "penalty_decision"),
    ("investigation_report", "penalty_notice"),
    ("investigation_report", "penalty_decision"),
    ("penalty_notice", "statement_record"),
    ("penalty_notice", "hearing"),
    ("penalty_notice", "penalty_decision"),
    ("statement_record", "penalty_decision"),
    ("hearing", "penalty_decision"),
    ("legal_review", "penalty_decision"),
    ("collective_discussion", "penalty_decision"),
    ("penalty_decision", "decision_service"),
    ("penalty_decision", "payment_receipt"),
    ("penalty_decision", "closing_report"),
    ("filing_approval", "closing_report"),
)
_NAMES = {**{d.id: d.stage for d in DOCUMENT_TYPES}, "decision_service": "决定书送达"}
_CASE_LEVEL = {
    "filing_approval": "filing_date", "penalty_notice": "notice_date", "penalty_decision": "decision_date",
    "decision_service": "service_date", "closing_report": "closing_date",
}


def _stage_dates(facts: CaseFacts) -> dict[str, list[Fact[dt.date]]]:
    out: dict[str, list[Fact[dt.date]]] = {}
    for doc in facts.documents:
        kind = doc.type
        if kind == "service_receipt":
            what = doc_field(doc, "served_document")
            if what is None or "决定" not in str(what.value):
                continue
            kind = "decision_service"
        date = doc_field(doc, "service_date") if kind == "decision_service" else None
        date = date or doc_field(doc, "date")
        if date is not None and isinstance(date.value, dt.date) and not _narrative(date) and not _foreign(kind, date):
            out.setdefault(kind, []).append(Fact(date.value, doc_evidence(doc, date)))
    for kind, name in _CASE_LEVEL.items():
        fact = getattr(facts, name)
        if kind not in out and fact is not None and isinstance(fact.value, dt.date) and not _foreign(kind, fact):
            out[kind] = [fact]
    return out


# A date printed after the label of another step ("立案日期" on a 结案审批表, "缴款日期" of a 缴款书 filed with a
# discussion record) is not the date of this document: only its own label or an unlabelled 落款 dates it.
_STEP_LABEL = re.compile(r"(立案|结案|缴款|缴纳|收款|开票|填发|送达|告知|决定|处罚决定|案发|发现|出生|签发|登记|审核"
                         r"|检查|询问|讨论|听证|受理|申请)(?:日期|时间)")
_OWN_STEPS = {
    "case_source": ("登记", "发现", "受理"), "filing_approval": ("立案",), "closing_report": ("结案",),
    "penalty_decision": ("决定", "处罚决定"), "penalty_notice": ("告知",), "decision_service": ("送达",),
    "payment_receipt": ("缴款", "缴纳", "收款", "开票", "填发"), "inquiry_record": ("询问",),
    "inspection_record": ("检查",), "collective_discussion": ("讨论",), "hearing": ("听证", "申请"),
    "legal_review": ("审核",), "statement_record": ("申请",),
}


def _foreign(kind: str, date: Fact[Any]) -> bool:
    for e in date.evidence:
        m = _STEP_LABEL.search(e.text)
        if m and m.group(1) not in _OWN_STEPS.get(kind, ()):
            return True
    return False


_NARRATIVE = re.compile(r"^\s*[\d〇零一二三四五六七八九十年月日./\-\s]{6,}[，,]\s*\S{6,}")


def _narrative(date: Fact[Any]) -> bool:
    """A date read from a sentence of the body ("2024年3月1日，执法人员在检查中发现…") tells when
    something happened, not when the document was made; only labelled dates and 落款 order documents."""
    return any(_NARRATIVE.search(e.text) for e in date.evidence)


@rule(
    "dates_out_of_order", "consistency", title="各文书日期顺序合理，无时间倒置",
    basis=f"{PENALTY_LAW}第五十四条、第五十七条、第六十二条",
)
def dates_out_of_order(facts: CaseFacts, ctx: Context) -> Outcome:
    stages = _stage_dates(facts)
    if len(stages) < 2:
        return unknown("读到的程序日期不足两个，无法核对先后顺序")
    problems: list[str] = []
    evidence: list[Evidence] = []
    for first, later in _ORDER:
        for a in stages.get(first, ()):
            for b in stages.get(later, ()):
                if b.value < a.value:
                    problems.append(f"{_NAMES[later]}（{fmt(b.value)}）早于{_NAMES[first]}（{fmt(a.value)}）")
                    evidence += [*a.evidence, *b.evidence]
    if problems:
        return failed("日期倒置：" + "；".join(problems), _unique(evidence), count=len(problems))
    return passed(f"已核对 {len(stages)} 类文书日期，先后顺序无倒置")


def _unique(items: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(items))


_NOISE = re.compile(r"[\s\u3000()（）【】\[\]《》\"“”'‘’:：,，.。]")


def _norm(text: str) -> str:
    return _NOISE.sub("", text)


_ADDRESSEE = re.compile(r"^([^\s：:，,。（）()]{2,40})[：:]$")
_LABELS = ("当事人", "被处罚人", "联系人", "地址", "时间", "地点", "事由", "备注", "编号", "附件")


def _addressee(facts: CaseFacts, doc: DocumentInfo) -> Fact[Any] | None:
    """The 抬头 of a 告知书/决定书 ("某某有限公司：" on a line of its own near the top)."""
    if not doc.pages:
        return None
    lines = [ln.strip() for ln in facts.page_text(doc.pages[0]).splitlines() if ln.strip()][:8]
    for line in lines:
        m = _ADDRESSEE.match(line)
        if m and not m.group(1).startswith(_LABELS) and not m.group(1).endswith(("书", "号")):
            return Fact(m.group(1), (Evidence(page=doc.pages[0], text=line),))
    return None


# Words of the form that follow a party's name on its line and are no part of it
# ("某某有限公司 法定代表人（负责人）：…", "努尔兰·叶尔肯 性别：男"), and label words that are no name at all
# ("讨论内容：").
_TRAILING_LABEL = re.compile(
    r"(?:法定代表人|负责人|委托代理人|代理人|经营者|投资人|性别|民族|出生日期|住所|住址|地址"
    r"|统一社会信用代码|身份证号码?|公民身份号码|联系电话|电话|职务)$"
)
_NOT_A_PARTY = re.compile(r"(?:内容|情况|意见|事项|理由|依据|结论|时间|地点|记录)$")
# who a party writes to (听证申请书, 放弃陈述申辩声明 "某某局："): an administrative organ, not the party
_ORGAN = re.compile(r"(?:局|委员会|人民政府|办公室|执法(?:大|支)?队|管理处|管理站)$")
_DOTS = re.compile(r"[·•・‧･]")


def party_key(name: str) -> str:
    """A party's name as compared: punctuation, spaces and the form's trailing label words removed, dots unified."""
    key = _DOTS.sub("·", _norm(unicodedata.normalize("NFKC", name)))
    while (m := _TRAILING_LABEL.search(key)) and m.start() >= 2:
        key = key[: m.start()]
    return key


def _party_like(facts: CaseFacts, value: str) -> bool:
    key = party_key(value)
    agency = party_key(str(facts.agency.value)) if facts.agency is not None else ""
    return len(key) >= 2 and not _NOT_A_PARTY.search(key) and not _ORGAN.search(key) and key != agency


def _names(facts: CaseFacts, key: str) -> list[tuple[str, Fact[Any]]]:
    out: list[tuple[str, Fact[Any]]] = []
    for doc in facts.documents:
        fact = doc_field(doc, key)
        if fact is not None and str(fact.value).strip():
            if key == "party_name" and not _party_like(facts, str(fact.value)):
                continue
            out.append((doc.title, Fact(fact.value, doc_evidence(doc, fact))))
        elif key == "party_name" and doc.type in ("penalty_notice", "penalty_decision"):
            found = _addressee(facts, doc)
            if found is not None:
                out.append((doc.title, found))
    return out


def _differs(a: str, b: str, noise: int) -> bool:
    """Names differ beyond OCR noise: more edits than `noise` (one more per 15 characters)."""
    allowed = max(noise, len(a) // 15)
    return Levenshtein.distance(a, b) > allowed


@rule(
    "party_name_mismatch",
    "consistency",
    title="当事人名称在各文书中一致",
    basis="行政执法文书制作规范：当事人名称前后一致",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def party_name_mismatch(facts: CaseFacts, ctx: Context) -> Outcome:
    seen = _names(facts, "party_name")
    reference = facts.party_name or (seen[0][1] if seen else None)
    if reference is None:
        return unknown("未读到当事人名称")
    if len(seen) < 2 and not (seen and facts.party_name):
        return unknown("仅在一处读到当事人名称，无法跨文书比对", ev(reference))
    ref = party_key(str(reference.value))
    bad = [(t, f) for t, f in seen if _differs(ref, party_key(str(f.value)), ctx.config.name_noise_edits)]
    if not bad:
        return passed(f"当事人名称在 {len(seen)} 份文书中一致（{reference.value}）", ev(reference))
    detail = "；".join(f"《{t}》作“{f.value}”" for t, f in bad)
    evidence = ev(reference) + tuple(e for _, f in bad for e in f.evidence)
    return failed(f"当事人名称不一致：决定书等作“{reference.value}”，{detail}", evidence, count=len(bad))


_SERIAL = re.compile(r"\d+")
_TITLE_BEFORE = re.compile(
    r"^.{0,12}?(?:决定书|告知书|通知书|回证)"
)  # "行 政 处 罚 决 定 书 伊市环罚字【2025】第134号"
_BRACKET = str.maketrans("【】[]［］〔〕", "〔〕〔〕〔〕〔〕")


def _number(value: str) -> str:
    """A 文号 as compared: the document title printed on its line and spaces removed, its brackets unified."""
    return _TITLE_BEFORE.sub("", _norm(unicodedata.normalize("NFKC", value).translate(_BRACKET)))


@rule(
    "case_number_mismatch",
    "consistency",
    title="决定书文号在封面、送达回证等文书中一致",
    basis="行政执法文书制作规范：文号前后一致",
)
def case_number_mismatch(facts: CaseFacts, ctx: Context) -> Outcome:
    decision = facts.documents_of("penalty_decision")
    if not decision:  # the case-level number is then the 立案 number, which no 回证 of a decision carries
        return unknown("卷内未见处罚决定书，无法比对决定书文号")
    ref_fact = doc_field(decision[0], "case_number") or facts.case_number
    if ref_fact is None:
        return unknown("未读到决定书文号")
    ref = _number(str(ref_fact.value))
    others: list[tuple[str, Fact[Any]]] = []
    for doc in facts.documents:
        fact = doc_field(doc, "case_number")
        if fact is None or doc.type not in ("cover", "closing_report", "service_receipt", "payment_receipt"):
            continue
        what = doc_field(doc, "served_document")
        if doc.type == "service_receipt" and (what is None or "决定" not in str(what.value)):
            continue
        others.append((doc.title, Fact(fact.value, doc_evidence(doc, fact))))
    if not others:
        return unknown("封面、送达回证等文书中未读到决定书文号，无法比对", ev(ref_fact))
    bad = [
        (t, f)
        for t, f in others
        if _SERIAL.findall(_number(str(f.value))) != _SERIAL.findall(ref)
        or fuzz.ratio(ref, _number(str(f.value))) < ctx.config.fuzzy_min_ratio
    ]
    if not bad:
        return passed(f"决定书文号 {ref_fact.value} 在 {len(others)} 处一致", ev(ref_fact))
    detail = "；".join(f"《{t}》作“{f.value}”" for t, f in bad)
    evidence = ev(ref_fact) + tuple(e for _, f in bad for e in f.evidence)
    return failed(f"文号不一致：决定书作“{ref_fact.value}”，{detail}", evidence, count=len(bad))


def _amount(facts: CaseFacts, kind: str) -> Fact[Any] | None:
    return fine_of(facts, kind)


@rule(
    "fine_mismatch_notice_decision",
    "consistency",
    title="决定罚款与告知书一致（或有复核理由）",
    basis=f"{PENALTY_LAW}第四十四条、第四十五条",
)
def fine_mismatch_notice_decision(facts: CaseFacts, ctx: Context) -> Outcome:
    decided = _amount(facts, "penalty_decision")
    if decided is None:
        if facts.penalty_types is not None and "罚款" not in penalty_types(facts):
            return not_applicable("未处以罚款")
        return unknown("未读到决定书罚款数额")
    noticed = _amount(facts, "penalty_notice")
    if noticed is None:
        return unknown("未读到告知书拟罚款数额，无法比对", ev(decided))
    a, b = float(noticed.value), float(decided.value)
    evidence = ev(noticed) + ev(decided)
    if abs(a - b) < 0.005:
        return passed(f"告知书与决定书罚款均为 {b:g} 元", evidence)
    reason = _recorded_reason(facts) if b < a else None
    if reason is not None:
        return passed(f"决定罚款 {b:g} 元低于告知的 {a:g} 元，卷内记载了理由", (*evidence, reason))
    return failed(f"告知书拟罚款 {a:g} 元，决定书罚款 {b:g} 元，不一致且未记载变更理由", evidence)


_REASON = re.compile(
    r"(采纳|经复核|复核后|予以考虑|听证意见).{0,60}(从轻|减轻|降低|调整|变更|减少)|(决定|予以)(从轻|减轻)"
)


def _recorded_reason(facts: CaseFacts) -> Evidence | None:
    """Where the organ recorded why the fine went down (decision, hearing report, review, discussion)."""
    for kind in ("penalty_decision", "hearing", "legal_review", "collective_discussion"):
        for doc in facts.documents_of(kind):
            for n in doc.pages:
                flat = facts.page_text(n).replace("\n", "")
                m = _REASON.search(flat)
                if m:
                    return Evidence(page=n, text=flat[max(0, m.start() - 10) : m.end() + 10])
    return None


def _cert_key(cert: str) -> str:
    """A certificate number compared on its letters and digits (a printed prefix like “交” aside)."""
    return re.sub(r"[^0-9A-Za-z]", "", cert).upper()


def _distinct(numbers: dict[str, tuple[Evidence, ...]]) -> set[str]:
    """Numbers that really differ: one that only extends another ("41132036085" + a glued "2024") is the same."""
    keys = sorted(numbers, key=len)
    return {k for i, k in enumerate(keys) if not any(k.startswith(shorter) for shorter in keys[:i])}


def _shared(certs: dict[str, dict[str, tuple[Evidence, ...]]], cert: str, name: str) -> bool:
    """Whether another officer is also read with this number (a pairing slip of the reading)."""
    return any(cert in nums for other, nums in certs.items() if other != name)


@rule(
    "officer_cert_mismatch",
    "consistency",
    title="执法人员证号在各文书中一致",
    basis=f"{PENALTY_LAW}第四十二条",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def officer_cert_mismatch(facts: CaseFacts, ctx: Context) -> Outcome:
    certs: dict[str, dict[str, tuple[Evidence, ...]]] = {}
    officers = list(facts.officers)
    for doc in facts.documents:
        listed = doc_field(doc, "officers")
        if listed is not None and isinstance(listed.value, tuple):
            officers += list(listed.value)
    for o in officers:
        cert = _cert_key(o.cert_no or "")
        if len(cert) >= 6:  # a stray year or page number read as a number is no certificate
            certs.setdefault(_norm(o.name), {}).setdefault(cert, o.evidence)
    if not certs:
        return unknown("未读到执法人员证号，无法比对")
    two = {name: numbers for name, numbers in certs.items() if len(_distinct(numbers)) > 1}
    if not two:
        return passed(f"{len(certs)} 名执法人员的证号前后一致")
    # a number also read for another officer is a slip in pairing names with numbers, not a finding
    bad = {n: nums for n, nums in two.items() if not any(_shared(certs, c, n) for c in nums)}

    def describe(group: dict[str, dict[str, tuple[Evidence, ...]]]) -> tuple[str, tuple[Evidence, ...]]:
        text = "；".join(f"{n}：{'、'.join(nums)}" for n, nums in group.items())
        return text, tuple(e for nums in group.values() for evs in nums.values() for e in evs)

    if not bad:
        detail, evidence = describe(two)
        return unknown(f"姓名与证号的对应读得不确定（证号与他人重合）：{detail}，请人工核对", evidence)
    detail, evidence = describe(bad)
    return failed(f"同一执法人员证号不一致：{detail}", evidence, count=len(bad))
