"""One dossier's plan: scenario, people, case, dates and planted defects, all from one seed."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from tests.heldout.othergen import calendar_cn as cal
from tests.heldout.othergen import people
from tests.heldout.othergen.cases import Case, pick_case
from tests.heldout.othergen.textfmt import docno

# name, kind, procedure, sector (None = any), features, planted rule ids
SCENARIOS: list[tuple[str, str, str, str | None, tuple[str, ...], tuple[str, ...]]] = [
    ("clean_plain", "penalty", "normal", None, (), ()),
    ("clean_extension", "penalty", "normal", "market", ("extension", "holiday_service"), ()),
    ("clean_hearing", "penalty", "normal", "eco", ("hearing", "reduced_after_hearing"), ()),
    ("clean_waiver", "penalty", "normal", None, ("waiver", "no_cover"), ()),
    ("clean_warning", "penalty", "normal", None, ("warning_only", "unlabelled_party"), ()),
    ("simple", "penalty", "simple", None, (), ()),
    ("d_time", "penalty", "normal", None, (), ("decision_over_90_days", "service_over_7_days")),
    ("d_notice_holiday", "penalty", "normal", None, ("holiday_notice",),
     ("notice_to_decision_under_5_days", "officers_fewer_than_two")),
    ("d_no_notice", "penalty", "normal", None, (), ("missing_document:penalty_notice", "provision_not_specific")),
    ("d_consistency", "penalty", "normal", None, (),
     ("fine_mismatch_notice_decision", "party_name_mismatch", "no_remedy_notice")),
    ("d_form", "penalty", "normal", None, (), ("dates_out_of_order", "invalid_party_id", "missing_signature_or_seal")),
    ("d_hearing_review", "penalty", "normal", "market", ("hearing",),
     ("missing_document:legal_review", "officer_without_cert")),
    ("d_major", "penalty", "normal", "eco", ("major",),
     ("missing_document:collective_discussion", "missing_document:service_receipt")),
    ("d_hearing_missing", "penalty", "normal", None, ("hearing_requested",),
     ("missing_document:hearing", "missing_document:filing_approval")),
    ("other_kind", "other", "normal", None, (), ()),
    ("d_no_decision", "penalty", "normal", None, (), ("missing_document:penalty_decision",)),
]

SECTORS = ["market", "eco", "safety", "transport", "urban", "agri", "health", "culture"]
# rules a planted defect makes unanswerable or arguable: their fail counts neither for nor against
TOLERATED = {
    "missing_document:penalty_notice": ("notice_to_decision_under_5_days",),
    "missing_document:penalty_decision": ("decision_over_90_days", "service_over_7_days", "no_remedy_notice",
                                          "notice_to_decision_under_5_days", "missing_document:service_receipt"),
    "missing_document:hearing": ("missing_document:legal_review",),
    "missing_document:service_receipt": ("notice_to_decision_under_5_days", "service_over_7_days"),
}
LOOKALIKE_RULES = {
    "extension": ("decision_over_90_days",),
    "holiday_service": ("service_over_7_days",),
    "hearing": ("missing_document:hearing", "notice_to_decision_under_5_days"),
    "reduced_after_hearing": ("fine_mismatch_notice_decision",),
    "waiver": ("notice_to_decision_under_5_days",),
    "warning_only": ("fine_mismatch_notice_decision",),
    "simple": ("missing_document:filing_approval", "missing_document:penalty_notice",
               "missing_document:service_receipt", "notice_to_decision_under_5_days"),
}


@dataclass
class Plan:
    seed: int
    split: str
    scenario: str
    kind: str
    procedure: str
    rng: random.Random
    region: people.Region
    agency: people.Agency
    party: people.Party
    case: Case
    officers: list[people.Officer]
    features: set[str]
    planted: list[str]
    dates: dict[str, dt.date] = field(default_factory=dict)
    fine_notice: float | None = None
    fine: float | None = None
    confiscation: float | None = None
    types: list[str] = field(default_factory=list)
    docnos: dict[str, str] = field(default_factory=dict)
    style: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    alt_name: str = ""
    compact: bool = False

    def has(self, flag: str) -> bool:
        return flag in self.features or any(flag == p for p in self.planted)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def officer_text(self, o: people.Officer) -> str:
        return o.name


def make_plan(seed: int, split: str, *, compact: bool = False) -> Plan:
    rng = random.Random(f"othergen-{split}-{seed}-{compact}")
    name, kind, procedure, sector, feats, planted = SCENARIOS[seed % len(SCENARIOS)]
    sector = sector or rng.choice(SECTORS)
    if kind == "other":
        kind = rng.choice(("inspection", "license", "enforcement"))
        sector = "market" if kind == "license" else sector
    features = set(feats)
    if procedure == "simple":
        sector = rng.choice(("urban", "health", "culture", "market"))
    region = rng.choice(people.REGIONS[:7] if rng.random() < 0.8 else people.REGIONS)
    agency = people.make_agency(rng, region, sector, minority_officer=region.area_code.startswith("65"))
    case = _case_for(rng, sector, features, procedure)
    kind_party = rng.choice(case.kinds)
    if "unlabelled_party" in features or procedure == "simple":
        kind_party = "person" if "person" in case.kinds else "shop"
    party = people.make_party(rng, region, sector, kind_party, valid_id="invalid_party_id" not in planted)
    n_off = 1 if "officers_fewer_than_two" in planted else 2
    plan = Plan(seed, split, name, kind, procedure, rng, region, agency, party, case, agency.officers[:n_off],
                features, list(planted), compact=compact)
    _dates(plan)
    _money(plan)
    _numbers(plan)
    _styles(plan)
    return plan


def _case_for(rng: random.Random, sector: str, features: set[str], procedure: str) -> Case:
    for _ in range(50):
        case = pick_case(rng, sector)
        if "warning_only" in features and not case.warning_ok:
            continue
        if procedure == "simple" and not case.warning_ok and case.fine[0] > 200:
            continue
        if ("hearing" in features or "major" in features) and case.fine[1] < 20000:
            continue
        return case
    return pick_case(rng, sector)


def _wd(day: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return cal.add_workdays(day, rng.randint(lo, hi))


def _prev_workday(day: dt.date) -> dt.date:
    cur = day - dt.timedelta(days=1)
    while not cal.is_workday(cur):
        cur -= dt.timedelta(days=1)
    return cur


def _dates(plan: Plan) -> None:
    for _ in range(400):
        plan.dates.clear()
        _draw_dates(plan)
        if _dates_ok(plan):
            return
    raise RuntimeError(f"no valid timeline for seed {plan.seed} ({plan.scenario})")


def _draw_dates(plan: Plan) -> None:
    rng, d = plan.rng, plan.dates
    filing = cal.next_workday(dt.date(2023, 2, 1) + dt.timedelta(days=rng.randrange(0, 1180)))
    d["filing"] = filing
    d["inspect"] = filing - dt.timedelta(days=rng.choice((0, 0, 1, 2, 3)))
    if not cal.is_workday(d["inspect"]):
        d["inspect"] = filing
    if plan.procedure == "simple" or plan.kind != "penalty":
        d["decision"] = d["served"] = filing
        d["paid"] = _wd(filing, rng, 1, 8)
        d["closing"] = _wd(d["paid"], rng, 1, 6)
        d["release"] = filing + dt.timedelta(days=rng.randrange(12, 29))
        d["apply"] = filing - dt.timedelta(days=rng.randrange(5, 20))
        return
    if plan.has("extension") or plan.has("decision_over_90_days"):
        span = rng.randrange(100, 114) if plan.has("extension") else rng.randrange(104, 140)
        _long_case(plan, filing, span)
    else:
        _short_case(plan, filing)
    if plan.has("holiday_notice"):
        _shift_to_eve(plan, "notice_served")
        d["decision"] = _wd(d["notice_served"], rng, 2, 3)
        d["discussion"] = d["decision"]
        d.pop("statement", None)
    if plan.has("holiday_service"):
        _shift_to_eve(plan, "decision")
        d["served"] = cal.add_workdays(d["decision"], rng.randint(5, 6))
    elif plan.has("service_over_7_days"):
        d["served"] = _wd(d["decision"], rng, 11, 16)
    else:
        d["served"] = _wd(d["decision"], rng, 0, 3)
    d["approval"] = d["decision"] if rng.random() < 0.6 else max(d["discussion"], _prev_workday(d["decision"]))
    d["paid"] = _wd(d["served"], rng, 2, 9)
    d["closing"] = _wd(d["paid"], rng, 2, 12)
    if plan.has("dates_out_of_order"):
        d["served_printed"] = _prev_workday(_prev_workday(d["decision"]))


def _short_case(plan: Plan, filing: dt.date) -> None:
    rng, d = plan.rng, plan.dates
    d["inquiry1"] = _wd(filing, rng, 1, 5)
    d["inquiry2"] = _wd(d["inquiry1"], rng, 1, 5)
    d["report"] = _wd(d["inquiry2"], rng, 3, 8)
    d["review"] = _wd(d["report"], rng, 1, 3)
    d["notice"] = _wd(d["review"], rng, 1, 2)
    d["notice_served"] = _wd(d["notice"], rng, 0, 1)
    _after_notice(plan)


def _long_case(plan: Plan, filing: dt.date, span: int) -> None:
    rng, d = plan.rng, plan.dates
    decision = cal.next_workday(filing + dt.timedelta(days=span))
    d["inquiry1"] = _wd(filing, rng, 2, 8)
    d["inquiry2"] = _wd(d["inquiry1"], rng, 5, 20)
    d["notice"] = cal.add_workdays(decision, -0) - dt.timedelta(days=rng.randrange(16, 24))
    d["notice"] = cal.next_workday(d["notice"])
    d["review"] = _prev_workday(_prev_workday(d["notice"]))
    d["report"] = _prev_workday(_prev_workday(d["review"]))
    d["notice_served"] = _wd(d["notice"], rng, 0, 1)
    if plan.has("extension"):
        d["extension"] = cal.next_workday(filing + dt.timedelta(days=rng.randrange(76, 84)))
    _after_notice(plan)
    d["decision"] = decision


def _after_notice(plan: Plan) -> None:
    rng, d = plan.rng, plan.dates
    last = d["notice_served"]
    if plan.has("hearing") or plan.has("hearing_requested"):
        d["hearing_request"] = _wd(last, rng, 1, 3)
        last = d["hearing_request"]
    if plan.has("hearing"):
        d["hearing_notice"] = _wd(last, rng, 1, 2)
        d["hearing"] = _wd(d["hearing_notice"], rng, 8, 10)
        d["hearing_report"] = _wd(d["hearing"], rng, 1, 2)
        d["review2"] = _wd(d["hearing_report"], rng, 1, 2)
        last = d["review2"]
    if plan.has("waiver"):
        d["statement"] = d["notice_served"]
        d["discussion"] = d["notice_served"]
        d["decision"] = _wd(d["notice_served"], rng, 1, 2)
        return
    if rng.random() < 0.5 and not plan.has("hearing") and not plan.has("fine_mismatch_notice_decision"):
        d["statement"] = _wd(d["notice_served"], rng, 1, 3)
    d["discussion"] = _wd(max(last, d.get("statement", last)), rng, 1, 3)
    if plan.has("notice_to_decision_under_5_days"):
        d["decision"] = _wd(d["notice_served"], rng, 2, 3)
        d["discussion"] = d["decision"]
        d.pop("statement", None)
    else:
        d["decision"] = max(_wd(d["notice_served"], rng, 7, 10), _wd(d["discussion"], rng, 1, 2))


def _shift_to_eve(plan: Plan, key: str) -> None:
    d = plan.dates
    eves = [e for e in cal.holiday_eves() if dt.date(2023, 5, 1) < e < dt.date(2026, 9, 1)]
    eve = min(eves, key=lambda e: abs((e - d[key]).days))
    delta = eve - d[key]
    for k in list(d):
        d[k] = cal.next_workday(d[k] + delta) if k != key else eve


def _dates_ok(plan: Plan) -> bool:
    d = plan.dates
    if not (dt.date(2023, 1, 10) <= min(d.values()) and max(d.values()) <= dt.date(2026, 11, 20)):
        return False
    if plan.procedure == "simple" or plan.kind != "penalty":
        return True
    chain = ["filing", "inquiry1", "inquiry2", "report", "review", "notice", "notice_served", "hearing_request",
             "hearing_notice", "hearing", "hearing_report", "review2", "discussion", "decision", "served", "paid",
             "closing"]
    seq = [d[k] for k in chain if k in d]
    if any(b < a for a, b in itertools.pairwise(seq)):
        return False
    span = (d["decision"] - d["filing"]).days
    wd = cal.workdays_between
    checks = [
        span <= 85 or plan.has("extension") or plan.has("decision_over_90_days"),
        not plan.has("extension") or (96 <= span <= 118 and d["extension"] < d["filing"] + dt.timedelta(days=88)),
        not plan.has("decision_over_90_days") or span >= 100,
        plan.has("waiver") or plan.has("notice_to_decision_under_5_days") or wd(d["notice_served"], d["decision"]) >= 7,
        not plan.has("waiver") or 1 <= wd(d["notice_served"], d["decision"]) <= 3,
        not plan.has("notice_to_decision_under_5_days") or wd(d["notice_served"], d["decision"]) <= 3,
        not plan.has("holiday_notice") or (d["decision"] - d["notice_served"]).days >= 7,
        plan.has("service_over_7_days") or plan.has("holiday_service") or wd(d["decision"], d["served"]) <= 4,
        not plan.has("holiday_service") or (wd(d["decision"], d["served"]) <= 6
                                            and (d["served"] - d["decision"]).days >= 10),
        not plan.has("service_over_7_days") or wd(d["decision"], d["served"]) >= 10,
        "hearing" not in d or wd(d["hearing_notice"], d["hearing"]) >= 7,
        "hearing_request" not in d or wd(d["notice_served"], d["hearing_request"]) <= 4,
        "extension" not in d or d["extension"] > d["inquiry2"],
    ]
    return all(checks)


def _money(plan: Plan) -> None:
    rng, case = plan.rng, plan.case
    if plan.kind != "penalty":
        return
    if plan.has("warning_only"):
        plan.types = ["警告"]
        return
    lo, hi = case.fine
    if plan.procedure == "simple":
        lo, hi = (50, 200) if plan.party.party_type == "person" else (500, 3000)
    step = 10 if hi <= 200 else 100 if hi < 20000 else 1000
    fine = float(rng.randrange(max(lo // step, 1), hi // step + 1) * step)
    plan.fine = fine
    plan.fine_notice = fine
    if plan.has("reduced_after_hearing"):
        plan.fine_notice = fine + float(step * rng.randint(2, 6))
    if plan.has("fine_mismatch_notice_decision"):
        plan.fine_notice = fine - float(step * rng.randint(1, 4)) if fine - step * 4 > 0 else fine + step * 2
    types = list(case.extra_types)
    if case.confiscate and plan.procedure != "simple":
        plan.confiscation = float(rng.randrange(120, 3000)) + rng.choice((0.0, 0.5))
        types.append("没收违法所得")
        if "违法所得" not in case.confiscate:
            types.append("没收非法财物")
    types.append("罚款")
    if plan.has("major") and plan.party.kind == "company":
        types.append("责令停产停业")
    plan.types = sorted(set(types), key=["警告", "没收违法所得", "没收非法财物", "罚款", "责令停产停业"].index)


def _numbers(plan: Plan) -> None:
    rng, reg, ag = plan.rng, plan.region, plan.agency
    year = plan.dates["decision"].year
    serial = str(rng.randrange(2, 180))
    style = rng.choice(("plain", "k", "fei", "hyphen", "paren", "di", "square"))
    word = {"market": "市监", "eco": "环", "safety": "应急", "transport": "交", "urban": "城管", "agri": "农",
            "health": "卫", "culture": "文旅"}[ag.sector]
    prefix = f"{reg.short}{word}{rng.choice(('罚', '处罚', '罚决字', '罚字'))}"
    bracket, extra, space = "〔〕", "", False
    if style == "k":
        serial = f"k-{serial}"
    elif style == "fei":
        serial, space = f"{int(serial):03d}（非）", True
    elif style == "hyphen":
        serial = f"{rng.choice(('事故', '1', '2', '简'))}-{serial}"
    elif style == "paren":
        sub = {"market": "食品", "eco": "大气", "safety": "安监", "transport": "运政", "urban": "市容", "agri": "农药",
               "health": "卫监", "culture": "文市"}[ag.sector]
        prefix = f"{reg.short}{word}({sub})罚"
    elif style == "di":
        extra, bracket = "第", "【】"
    elif style == "square":
        bracket = "[]"
    plan.docnos["decision"] = docno(prefix, year, serial, bracket=bracket, word=extra, space=space)
    fyear = plan.dates["filing"].year
    plan.docnos["filing"] = docno(f"{reg.short}{word}立", fyear, str(rng.randrange(2, 200)))
    plan.docnos["notice"] = docno(f"{reg.short}{word}{rng.choice(('罚告', '告字', '罚先告'))}", plan.dates.get(
        "notice", plan.dates["decision"]).year, str(rng.randrange(2, 180)))
    plan.docnos["correction"] = docno(f"{reg.short}{word}责改", fyear, str(rng.randrange(2, 900)))
    plan.docnos["hearing"] = docno(f"{reg.short}{word}听通", plan.dates["decision"].year, str(rng.randrange(1, 30)))


def _styles(plan: Plan) -> None:
    rng, s = plan.rng, plan.style
    s["order"] = rng.choice(("chrono", "chrono", "main", "split3"))
    s["cover"] = "no" if plan.has("no_cover") or plan.compact or rng.random() < 0.15 else "yes"
    s["toc"] = "no" if plan.compact or rng.random() < 0.3 else "yes"
    s["decision"] = rng.choice(("labels", "eco", "address", "table")) if plan.agency.sector != "eco" else \
        rng.choice(("eco", "eco", "labels", "address"))
    if plan.has("unlabelled_party"):
        s["decision"] = "address"
    s["title_line"] = rng.choice(("split", "split", "same_line", "spaced"))
    s["filing"] = rng.choice(("table", "table", "lines"))
    s["receipt"] = rng.choice(("table", "table", "lines"))
    s["date"] = rng.choice(("cn_upper", "cn_upper_o", "arabic", "arabic_pad", "spaced", "arabic"))
    s["pageno"] = rng.choice(("plain", "dash", "di", "none"))
    s["header"] = rng.choice(("", "", "agency", "kind"))
    s["party_label"] = rng.choice(("当事人", "当事人", "行政相对人名称", "当事人（单位名称）", "（公司名称）"))
    s["addr_label"] = rng.choice(("地址", "地 址", "住所", "住所（住址）", "经营场所"))
    s["sep_override"] = rng.choice(("", "", "·", "•", "・", " "))
    if plan.has("party_name_mismatch"):
        plan.alt_name = _variant_name(plan)


def _variant_name(plan: Plan) -> str:
    name = plan.party.name
    if name.endswith("有限责任公司"):
        return name.replace("有限责任公司", "有限公司")
    if name.endswith("有限公司"):
        return name.replace("有限公司", "有限责任公司")
    for a, b in (("便利店", "超市"), ("商店", "商行"), ("店", "部"), ("部", "店"), ("馆", "店")):
        if name.endswith(a):
            return name[: -len(a)] + b
    return name + "（个体）"
