"""A generated campaign with known deductions, written through the review services (used by the
report, stats, sampling and reconcile tests). Dossier rows are inserted directly: no PDF is needed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.services import (
    UserDTO,
    create_campaign,
    ensure_agency,
    ensure_user,
    open_review,
    open_store,
    save_item_score,
    submit_review,
)
from app.store.engine import Store
from app.store.models import Dossier, FindingRow, StoredFile
from scoring.rubric import load_rubric

CAMPAIGN = "2024年度行政处罚案卷评查"
PERSON_ID = "330102199001011234"
OFFICER = "王小明"
AGENCIES = (("第一师", "市场监管局"), ("第一师", "生态环境局"), ("第二师", "交通运输局"))
BIG = {
    "law.discretion": 4.0, "law.penalty_range": 3.0, "law.correction_order": 2.0, "law.illegal_gains": 2.0,
    "procedure.legal_review": 4.0, "procedure.collective_discussion": 3.0, "procedure.statement_period": 4.0,
    "procedure.filing": 3.0, "procedure.decision_time_limit": 3.0, "evidence.chain": 3.0,
    "evidence.facts_elements": 3.0, "evidence.amounts": 2.0, "documents.decision_remedy": 3.0,
    "documents.consistency": 3.0, "archiving.toc": 3.0,
}  # 45 points: 55, 不合格
PATTERNS: tuple[Mapping[str, float], ...] = (
    {},
    {"procedure.service_timely": 3.0, "documents.templates": 1.0},
    {"law.provisions_precise": 2.0, "documents.consistency": 1.0, "archiving.toc": 1.0},
    {"evidence.chain": 3.0, "law.discretion": 4.0, "procedure.legal_review": 4.0},
    {"subject.officers": 2.0, "procedure.service_timely": 3.0, "evidence.party_identity": 1.0},
    {"law.discretion": 4.0, "procedure.statement_period": 4.0, "procedure.legal_review": 4.0,
     "documents.decision_remedy": 3.0, "archiving.toc": 3.0, "evidence.chain": 3.0},
    BIG,
)


@dataclass(frozen=True)
class Planned:
    dossier_id: int
    agency: str
    parent: str
    case_number: str
    file_name: str
    deductions: Mapping[str, float]
    reviewer: str
    officers_finding: bool  # an automatic officers_fewer_than_two finding exists

    @property
    def total(self) -> float:
        return round(100.0 - sum(self.deductions.values()), 2)

    @property
    def unit(self) -> str:
        """The unit as the program names it: its path."""
        return f"{self.parent}/{self.agency}"

    @property
    def grade(self) -> str:
        t = self.total
        return "优秀" if t >= 90 else "良好" if t >= 80 else "合格" if t >= 60 else "不合格"


@dataclass(frozen=True)
class Campaign:
    store: Store
    campaign_id: int
    supervisor: UserDTO
    reviewers: Mapping[str, UserDTO]
    plans: tuple[Planned, ...]


def reason_for(item: str, plan_index: int) -> str:
    if item == "evidence.party_identity":
        return f"当事人身份证号{PERSON_ID}校验码错误，住址：浙江省杭州市西湖区文三路100号"
    if item == "subject.officers":
        return f"询问笔录仅执法人员{OFFICER}一人签名"
    return f"第{plan_index}类问题：{item}"


def _insert_dossier(store: Store, campaign_id: int, agency_id: int, n: int, *, finding: bool) -> tuple[int, str, str]:
    rubric = load_rubric("penalty")
    sha = hashlib.sha256(f"dossier-{n}".encode()).hexdigest()
    case_number = f"师市监罚〔2024〕{n + 1}号"
    file_name = f"案卷{n + 1:02d}.pdf"
    fields = {"case_number": case_number, "case_title": f"某商贸公司违法案{n + 1}", "party_name": f"某商贸公司{n + 1}",
              "party_id": PERSON_ID, "officers": [{"name": OFFICER, "cert_no": "66010012345"}]}
    with store.write() as session:
        session.add(StoredFile(sha256=sha, size=100, chunks=0))
        session.flush()
        d = Dossier(campaign_id=campaign_id, agency_id=agency_id, file_name=file_name, sha256=sha, pages=20,
                    case_kind="penalty", case_number=case_number, party_name=fields["party_name"],
                    extraction={"contract": 1, "fields": fields, "documents": []}, rubric_id="penalty",
                    rubric_version=rubric.version, auto_total=100.0, auto_grade="优秀")
        session.add(d)
        session.flush()
        if finding:
            session.add(
                FindingRow(
                    dossier_id=d.id,
                    seq=1,
                    rule="officers_fewer_than_two",
                    status="fail",
                    message=f"询问笔录仅有执法人员{OFFICER}一人",
                    legal_basis="《中华人民共和国行政处罚法》第四十二条",
                    evidence=[{"page": 5, "text": f"执法人员：{OFFICER}"}],
                    count=1,
                )
            )
        return d.id, case_number, file_name


def review_as_planned(store: Store, dossier_id: int, reviewer: UserDTO, plan: Mapping[str, float], k: int) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    for item in review.items:
        want = plan.get(item.item, 0.0)
        if want > 0 or item.deducted != want:
            reason = reason_for(item.item, k) if want > 0 else "经核查不存在该问题"
            review = save_item_score(
                store,
                review.id,
                item.item,
                deducted=want,
                reason=reason,
                pages=(3,) if want else (),
                user=reviewer,
                expected_version=review.version,
            )
    submit_review(store, review.id, user=reviewer, expected_version=review.version)


def make_campaign(db: Path | str, *, files: int = 14) -> Campaign:
    """``db``: an SQLite file path or a database URL."""
    store = open_store(db if isinstance(db, str) else f"sqlite:///{db}")
    sup = ensure_user(store, "督查组长", role="supervisor")
    agency_ids = {}
    for parent, name in AGENCIES:
        agency_ids[name] = ensure_agency(store, f"{parent}/{name}").id
    reviewers = {
        "评查员甲": ensure_user(store, "评查员甲", agency_id=agency_ids["市场监管局"]),
        "评查员乙": ensure_user(store, "评查员乙", agency_id=agency_ids["交通运输局"]),
        "评查员丙": ensure_user(store, "评查员丙"),
    }
    campaign = create_campaign(store, CAMPAIGN, year=2024, rubric_id="penalty", user=sup)
    plans = []
    for n in range(files):
        parent, agency = AGENCIES[n % len(AGENCIES)]
        k = n % len(PATTERNS)
        plan = PATTERNS[k]
        finding = "subject.officers" in plan or n % 5 == 0
        did, case_number, file_name = _insert_dossier(store, campaign.id, agency_ids[agency], n, finding=finding)
        who = "评查员乙" if agency == "市场监管局" else "评查员甲"
        review_as_planned(store, did, reviewers[who], plan, k)
        plans.append(Planned(did, agency, parent, case_number, file_name, plan, who, finding))
    return Campaign(store, campaign.id, sup, reviewers, tuple(plans))


@pytest.fixture
def campaign(tmp_path: Path) -> Campaign:
    return make_campaign(tmp_path / "campaign.sqlite")


def test_generated_campaign_totals_match_the_plan(campaign: Campaign) -> None:
    from app.services import list_reviews

    for p in campaign.plans:
        (review,) = list_reviews(campaign.store, p.dossier_id)
        assert review.status == "submitted"
        assert review.total == p.total
        assert review.grade == p.grade
