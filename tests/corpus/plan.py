"""A sampled penalty case: the facts and the printing choices, before any document is written."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tests.corpus import cal
from tests.corpus.sectors import (
    BUSINESS,
    CITIES,
    GIVEN,
    GOODS,
    RIC_AREAS,
    SECTOR_TABLE,
    SHOPS,
    STREETS,
    SURNAMES,
    TRADE_NAMES,
    Sector,
    Violation,
)
from tests.corpus.textfmt import corrupt_check, make_ric, make_uscc, money_style_ok

DEFECTS = (
    "decision_over_90_days", "service_over_7_days", "notice_to_decision_under_5_days",
    "officers_fewer_than_two", "officer_without_cert", "missing_document:legal_review",
    "missing_document:service_receipt", "provision_not_specific", "fine_mismatch_notice_decision",
    "party_name_mismatch", "no_remedy_notice", "dates_out_of_order", "invalid_party_id",
    "missing_signature_or_seal",
)
MAJOR_FINE = 50000.0  # at or above: 法制审核 and 集体讨论 are in the file
HEARING_FINE = 2000.0  # at or above: the notice states the right to a hearing


@dataclass
class Person:
    name: str
    cert: str | None = None
    male: bool = True
    ric: str = ""


@dataclass
class Party:
    kind: str  # organization | individual_business | person
    name: str
    pid: str  # the id printed (USCC or 身份证号)
    id_label: str
    rep_label: str  # 法定代表人 / 负责人 / 经营者 / "" for a person
    rep: Person | None
    address: str
    phone: str
    reg_no: str = ""  # old 15-digit 营业执照注册号 of a shop without a credit code (not a party_id)


@dataclass
class Dates:
    source: dt.date
    inspection: dt.date
    filing: dt.date
    inquiry: dt.date
    report: dt.date
    legal_review: dt.date
    discussion: dt.date
    notice: dt.date
    notice_service: dt.date
    decision: dt.date
    service: dt.date
    payment: dt.date
    closing: dt.date
    hearing: dt.date | None = None
    extension: dt.date | None = None  # 延长办案期限 approved on this day (市场监管, +30 days)


@dataclass
class Plan:
    """Everything one dossier says; documents are written from it."""

    seed: int
    sector: Sector
    city: str
    area: str
    agency: str
    unit: str  # the 办案机构 shown on the cover
    case_number: str
    notice_number: str
    violation: Violation
    goods: str
    qty: int
    value: float
    party: Party
    officers: list[Person]
    recorder_is_officer: bool
    head: Person
    reviewers: list[Person]
    attendees: list[Person]
    hearing_host: Person
    hearing_clerk: Person
    fine: float
    notice_fine: float
    confiscation: float | None
    types: list[str]  # penalty types in decision order
    dates: Dates
    waiver: bool
    hearing: bool
    major: bool
    style: dict[str, str] = field(default_factory=dict)
    defects: tuple[str, ...] = ()

    @property
    def variant(self) -> int:
        """Which way a planted defect is planted (0 or 1), from the seed."""
        return self.seed % 2

    def vague(self, which: str) -> bool:
        """provision_not_specific: the 处罚依据 (variant 0) or the 违法依据 (variant 1) names no article."""
        return "provision_not_specific" in self.defects and which == ("penalty", "violated")[self.variant]

    @property
    def statement(self) -> bool:
        """The party made a written statement (not a waiver): the file holds it and the decision records its 复核
        (行政处罚法 第四十五条第一款)."""
        return not self.waiver and self.seed % 3 == 0 and "notice_to_decision_under_5_days" not in self.defects

    def sealed(self, doc: str) -> bool:
        """missing_signature_or_seal: the decision (variant 0) or the notice (variant 1) carries no seal."""
        return "missing_signature_or_seal" not in self.defects or doc != ("decision", "notice")[self.variant]

    @property
    def case_title(self) -> str:
        return f"{self.party.name}{self.violation.act}案"


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if n not in used:
            used.add(n)
            return n


def _certs(rng: random.Random, sector: Sector, area: str, n: int) -> list[str]:
    """``n`` distinct 执法证号 in one agency's format (prefix and length shared)."""
    prefix = rng.choice(sector.cert_prefix)
    digits = rng.choice([5, 6, 7])
    out: list[str] = []
    while len(out) < n:
        cert = prefix + area[:4] + f"{rng.randrange(10**digits):0{digits}d}"
        if cert not in out:
            out.append(cert)
    return out


def _party(rng: random.Random, sector: Sector, viol: Violation, city: tuple[str, str, str],
           used: set[str]) -> Party:
    kind = rng.choice(viol.party_kinds)
    place = city[0].replace("第八师", "")
    street = f"{place}{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
    phone = "1" + rng.choice("358") + "".join(rng.choice("0123456789") for _ in range(9))
    trade = rng.choice(TRADE_NAMES) + rng.choice(TRADE_NAMES)[0]
    area = rng.choice(RIC_AREAS)
    if kind == "organization":
        rep_male = rng.random() < 0.6
        rep = Person(_name(rng, used), male=rep_male, ric=make_ric(rng, area=area, male=rep_male))
        return Party(kind, f"{place}{trade}{rng.choice(BUSINESS[sector.name])}",
                     make_uscc(rng, area=city[1], kind="91"), rng.choice(["统一社会信用代码", "统一社会信用代码"]),
                     rng.choice(["法定代表人", "法定代表人", "负责人"]), rep, street, phone)
    male = rng.random() < 0.6
    person = Person(_name(rng, used), male=male, ric=make_ric(rng, area=area, male=male))
    if kind == "individual_business":
        shop = f"{place}{trade}{rng.choice(SHOPS[sector.name])}"
        with_uscc = rng.random() < 0.7
        pid = make_uscc(rng, area=city[1], kind="92") if with_uscc else person.ric
        label = rng.choice(["统一社会信用代码", "社会信用代码"]) if with_uscc else "经营者身份证号"
        reg = "" if with_uscc else city[1] + "6" + "".join(rng.choice("0123456789") for _ in range(8))
        return Party(kind, shop, pid, label, "经营者", person, street, phone, reg)
    return Party(kind, person.name, person.ric, rng.choice(["公民身份号码", "身份证号码", "身份证号"]),
                 "", person, street, phone)


def _fine(rng: random.Random, viol: Violation) -> float:
    lo, hi = viol.fine_range
    step = 100 if hi <= 5000 else (1000 if hi <= 100000 else 10000)
    return float(rng.randrange(lo // step, hi // step + 1) * step)


def _wd(rng: random.Random, day: dt.date, lo: int, hi: int) -> dt.date:
    return cal.add_workdays(day, rng.randint(lo, hi))


def _dates(rng: random.Random, *, hearing: bool, waiver: bool, edge: bool) -> Dates:
    """Procedural dates of a clean case; every gap is drawn whatever the branch, so twins stay aligned."""
    start = dt.date(2023, 1, 3) + dt.timedelta(days=rng.randrange(900))
    gaps = [rng.randint(lo, hi) for lo, hi in ((0, 4), (1, 8), (4, 15), (1, 4), (1, 3), (1, 3), (0, 2),
                                               (9, 12), (3, 6), (1, 3), (6, 12), (0, 3), (1, 12), (1, 8))]
    seven = rng.choice([6, 7])
    source = cal.next_workday(start)
    filing = cal.add_workdays(source, gaps[0])
    inquiry = cal.add_workdays(filing, gaps[1])
    report = cal.add_workdays(inquiry, gaps[2])
    legal = cal.add_workdays(report, gaps[3])
    notice = cal.add_workdays(legal, gaps[5])
    notice_service = cal.add_workdays(notice, gaps[6])
    hearing_day = cal.add_workdays(notice_service, gaps[7]) if hearing else None
    if hearing_day is not None:
        decision = cal.add_workdays(hearing_day, gaps[8])
    else:
        decision = cal.add_workdays(notice_service, gaps[9] if waiver else gaps[10])
    service = cal.add_workdays(decision, seven if edge else gaps[11])
    payment = service + dt.timedelta(days=gaps[12])
    closing = cal.add_workdays(payment, gaps[13])
    disc = cal.add_workdays(decision, -gaps[4])  # placed again by _place_discussion once dates are final
    return Dates(source, source, filing, inquiry, report, legal, disc, notice, notice_service,
                 decision, service, payment, closing, hearing_day)


def _push_decision(d: Dates, days: int) -> None:
    """Delay the report and everything after it by whole working days until the decision falls ``days``
    calendar days after 立案 (working-day gaps, hearing notice periods included, stay as they were)."""
    k = 0
    while (cal.add_workdays(d.decision, k) - d.filing).days < days:
        k += 1
    pay_gap = (d.payment - d.service).days
    close_gap = cal.workdays_between(d.payment, d.closing)
    for name in ("report", "legal_review", "discussion", "notice", "notice_service", "hearing", "decision",
                 "service"):
        value = getattr(d, name)
        if value is not None:
            setattr(d, name, cal.add_workdays(value, k))
    d.payment = d.service + dt.timedelta(days=pay_gap)
    d.closing = cal.add_workdays(d.payment, close_gap)


def _apply_date_defects(rng: random.Random, d: Dates, defects: tuple[str, ...], variant: int) -> None:
    if "decision_over_90_days" in defects:
        _push_decision(d, rng.randint(100, 130))
    if "service_over_7_days" in defects:
        d.service = cal.add_workdays(d.decision, rng.randint(10, 14))
        d.payment = d.service + dt.timedelta(days=rng.randint(1, 10))
        d.closing = _wd(rng, d.payment, 1, 6)
    if "notice_to_decision_under_5_days" in defects:
        d.decision = cal.add_workdays(d.notice_service, rng.randint(1, 2))
        d.service = _wd(rng, d.decision, 0, 2)
        d.payment = d.service + dt.timedelta(days=rng.randint(1, 10))
        d.closing = _wd(rng, d.payment, 1, 6)
    if "dates_out_of_order" in defects and variant == 0:  # 结案 before the decision
        d.closing = d.decision - dt.timedelta(days=rng.randint(3, 8))
    elif "dates_out_of_order" in defects:  # the decision "served" before it was made
        d.service = d.decision - dt.timedelta(days=rng.randint(2, 6))


def _place_discussion(d: Dates, seed: int) -> None:
    """集体讨论 after the statement window (or the hearing), a working day or two before the decision."""
    floor = d.hearing or d.notice_service
    d.discussion = max(floor, cal.add_workdays(d.decision, -(1 + seed % 2)))


def _extend(rng: random.Random, d: Dates) -> None:
    """A long case, decided 95–115 days after 立案 under an approved 30-day extension (clean)."""
    _push_decision(d, rng.randint(95, 112))
    d.extension = cal.next_workday(d.filing + dt.timedelta(days=rng.randint(70, 84)))
    if d.extension >= d.report:
        d.extension = cal.add_workdays(d.report, -1)


def _styles(rng: random.Random) -> dict[str, str]:
    return {
        "formal_date": rng.choice(["upper", "upper_o", "upper_ling", "cn", "cn", "cn_pad"]),
        "form_date": rng.choice(["cn", "cn_pad", "dot", "dash", "slash", "cn", "cn_spaced"]),
        "hand_date": rng.choice(["cn", "dot", "slash", "cn_pad", "dash", "cn_spaced"]),
        "money": rng.choice(["plain", "comma", "upper", "upper_paren", "wan", "yen", "rmb_plain"]),
        "numerals": rng.choice(["cn", "cn", "arabic", "mixed"]),
        "item_paren": rng.choice(["full", "half", "none"]),
        "law_names": rng.choice(["full", "full_then_short", "short"]),
        "order": rng.choice(["chrono", "chrono", "market", "gongshang"]),
        "cover": rng.choice(["table", "lines"]),
        "filing": rng.choice(["table", "table", "lines"]),
        "notice_title": rng.choice(["行政处罚告知书", "行政处罚事先告知书", "行政处罚告知书"]),
        "inquiry_title": rng.choice(["询问笔录", "调查询问笔录", "询问调查笔录"]),
        "inspect_title": rng.choice(["现场检查笔录", "现场笔录", "现场检查（勘验）笔录"]),
        "cert_label": rng.choice(["执法证号", "执法证件号", "证号", "执法证件号码"]),
        "title_prefix": rng.choice(["yes", "yes", "no"]),
        "title_break": rng.choice(["yes", "no"]),
        "seal_over_text": rng.choice(["yes", "no"]),
        "number_spaces": rng.choice(["no", "no", "no", "yes"]),
        "fine_first": rng.choice(["yes", "no"]),
        "case_source_doc": rng.choice(["yes", "no"]),
        "decision_approval": rng.choice(["yes", "no", "no"]),
        "filing_date_row": rng.choice(["yes", "no"]),
        "officer_layout": rng.choice(["inline", "inline", "parallel"]),
        "party_label": rng.choice(["当事人", "当事人", "被处罚人", "当事人名称"]),
        "docx_break": rng.choice(["run", "before", "section"]),
        "toc": rng.choice(["yes", "yes", "yes", "yes", "no"]),
        "service_way": rng.choice(["direct", "direct", "post", "left"]),
        "extension": rng.choice(["yes"] + ["no"] * 4),
        "letterhead": rng.choice(["yes", "no"]),
        "scanned_evidence": rng.choice(["yes", "no", "no"]),
        "inquiry_footer": rng.choice(["yes", "no"]),
    }


def make_plan(seed: int, sector_name: str, defects: tuple[str, ...] = ()) -> Plan:
    """Sample a legally clean case for ``seed``, then break it in exactly the ways ``defects`` name."""
    unknown = [d for d in defects if d not in DEFECTS]
    if unknown:
        raise ValueError(f"unknown defects {unknown}")
    rng = random.Random(f"{seed}:{sector_name}")
    sector = SECTOR_TABLE[sector_name]
    city = rng.choice(CITIES)
    viol = rng.choice(sector.violations)
    used: set[str] = set()
    party = _party(rng, sector, viol, city, used)
    if "invalid_party_id" in defects:
        party.pid = corrupt_check(party.pid)
    n_officers = rng.choice([2, 2, 3])
    names = [_name(rng, used) for _ in range(n_officers)]
    officers = [Person(nm, cert) for nm, cert in zip(names, _certs(rng, sector, city[1], n_officers), strict=True)]
    if "officers_fewer_than_two" in defects:
        officers = officers[:1]
    if "officer_without_cert" in defects:  # the second officer: named in every record, even short scans
        officers[1].cert = None
    fine = _fine(rng, viol)
    draws = [rng.random() for _ in range(3)]  # hearing, waiver, edge: drawn always, so defect twins align
    no_legal = "missing_document:legal_review" in defects
    if no_legal:  # make the case major beyond doubt: a large fine (within the article's range) and a hearing (art. 58)
        fine = max(fine, min(2 * MAJOR_FINE, float(viol.fine_range[1])))
    major = fine >= MAJOR_FINE or no_legal
    short_notice = "notice_to_decision_under_5_days" in defects
    hearing = no_legal or (major and draws[0] < 0.35 and not short_notice)
    waiver = not hearing and not major and draws[1] < 0.2 and not short_notice
    style = _styles(rng)
    if not money_style_ok(fine, style["money"]):
        style["money"] = "upper_paren"
    edge = draws[2] < 0.2 and "service_over_7_days" not in defects
    dates = _dates(rng, hearing=hearing, waiver=waiver, edge=edge)
    drng = random.Random(f"{seed}:{sector_name}:defects")
    _apply_date_defects(drng, dates, defects, seed % 2)
    if style["extension"] == "yes" and sector_name == "市场监管" and not defects:
        _extend(drng, dates)
    _place_discussion(dates, seed)
    qty = rng.randrange(3, 60)
    value = round(rng.uniform(200, 9000), 1)
    confiscation = round(rng.uniform(80, 3000), rng.choice([0, 1, 2])) if viol.confiscate else None
    types = list(viol.types)
    if confiscation is None and "没收违法所得" in types:
        types.remove("没收违法所得")
    types = [*types, "罚款"] if style["fine_first"] == "no" else ["罚款", *types]
    if "警告" in types:
        types.remove("警告")
        types.insert(0, "警告")
    notice_fine = fine
    if "fine_mismatch_notice_decision" in defects:
        notice_fine = fine + drng.choice([1000.0, 2000.0, 5000.0]) if fine >= 1000 else fine * 2
    c = city[2]
    year = dates.filing.year
    n = rng.randrange(1, 240)
    bracket = rng.choice(["〔〕", "〔〕", "[]", "()", "（）"])
    pad = rng.choice([False, True])
    num = f"{n:03d}" if pad else str(n)
    fmt = rng.choice(sector.number_fmt)
    case_number = fmt.format(c=c, l=bracket[0], r=bracket[1], y=year, n=num)
    notice_number = sector.notice_number_fmt.format(c=c, l=bracket[0], r=bracket[1], y=year, n=num)
    agency = rng.choice(sector.agency_fmt).format(city=city[0])
    unit = agency if sector_name != "卫健" else f"{city[0]}卫生健康综合监督执法局"
    return Plan(
        seed=seed, sector=sector, city=city[0], area=city[1], agency=agency, unit=unit,
        case_number=case_number, notice_number=notice_number, violation=viol,
        goods=rng.choice(GOODS[sector_name]), qty=qty, value=value, party=party, officers=officers,
        recorder_is_officer=rng.random() < 0.7, head=Person(_name(rng, used)),
        reviewers=[Person(_name(rng, used)) for _ in range(2)],
        attendees=[Person(_name(rng, used)) for _ in range(rng.randint(3, 5))],
        hearing_host=Person(_name(rng, used)), hearing_clerk=Person(_name(rng, used)),
        fine=fine, notice_fine=notice_fine, confiscation=confiscation, types=types, dates=dates,
        waiver=waiver, hearing=hearing, major=major, style=style, defects=tuple(defects),
    )
