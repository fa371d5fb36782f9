"""Issue 10 point 8 and issue 15: masking finds persons by their mention in context, per dossier.

Planted: natural persons after labels (法定代表人, 经营者, 负责人, 见证人, 被询问人…), Uyghur names with
·/•/・, a party who is a person (袁小明 → 袁某某). False friends: 执法 taken for an officer's name by a
bad extraction, 市场, 张家口 as a place, an organisation that is the party.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.reports.masking import Masker, mask_name, mask_text
from app.reports.model import ReportKind
from app.reports.persons import labelled_names, plausible_name
from app.reports.render import render
from app.services import create_campaign, ensure_agency, ensure_user, open_review, open_store, save_item_score
from app.services import submit_review as submit
from app.services.ledger import sync_ledger
from app.services.report_data import context, masker
from app.services.reports import ENTRIES
from app.store.models import Dossier, StoredFile
from scoring.rubric import load_rubric

PLANTED = {  # text -> the person it names
    "法定代表人：阿不都热合曼·买买提未到场": "阿不都热合曼·买买提",
    "经营者张建国经营的超市无营业执照": "张建国",
    "现场负责人刘芳未签名": "刘芳",
    "见证人孙卫东签字不全": "孙卫东",
    "被询问人（当事人）：马丽，女": "马丽",
    "法定代表人 艾力•吐尔逊 签名与身份证不符": "艾力•吐尔逊",
    "委托代理人赵志强无授权委托书": "赵志强",
    "负责人：欧阳小明。": "欧阳小明",
    "证人古丽・买买提的笔录无日期": "古丽・买买提",
}
FALSE_FRIENDS = (
    "执法人员未出示执法证件，执法程序违法",
    "市场监管部门未移送",
    "在张家口市桥西区检查时，张家口市场监督管理局",
    "当事人石河子市某某商贸有限公司未陈述",
    "经营者：市场主体",
)


@pytest.mark.parametrize(("text", "name"), PLANTED.items())
def test_labelled_person_masked(text: str, name: str) -> None:
    out = mask_text(text)
    assert name not in out
    assert mask_name(name) in out
    assert out.replace(mask_name(name), name) == text  # nothing else touched


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_friends_untouched(text: str) -> None:
    assert mask_text(text) == text


def test_a_bad_extraction_cannot_rewrite_common_words() -> None:
    assert not plausible_name("执法")
    assert not plausible_name("市场")
    text = "执法人员执法时未出示证件；执法记录仪"
    assert mask_text(text, names=["执法", "市场"]) == text


def test_known_name_not_taken_inside_a_place() -> None:
    assert mask_text("在张家口市发现，张家不在场", names=["张家"]) == "在张家口市发现，张某不在场"


def test_persons_apply_to_their_own_dossier_only() -> None:
    m = Masker(enabled=True, persons={1: ["王小明"], 2: ["李大勇"]})
    assert m("询问笔录仅王小明一人签名", dossier=1) == "询问笔录仅王某某一人签名"
    assert m("询问笔录仅王小明一人签名", dossier=2) == "询问笔录仅王小明一人签名"
    assert m("询问笔录仅王小明一人签名") == "询问笔录仅王小明一人签名"
    assert m("当事人王小明未签名", dossier=2) == "当事人王某某未签名"  # a labelled mention, in any text


def test_mask_name_forms() -> None:
    assert mask_name("袁小明") == "袁某某"
    assert mask_name("欧阳小明") == "欧阳某某"
    assert mask_name("阿不都热合曼·买买提") == "阿某某某某某·某某某"
    assert mask_name("艾力•吐尔逊") == "艾某•某某某"


@given(st.text(alphabet="当事人法定代表经营者负责见证：，。张王李袁小明国执市场口家", max_size=30))
def test_masking_keeps_length_and_is_stable(text: str) -> None:
    once = mask_text(text)
    assert len(once) == len(text)  # names become 某, character for character
    assert mask_text(once) == once
    assert [text[a:b] for a, b in labelled_names(once)] == []


# --- through the reports ------------------------------------------------------------------------------------

PARTY = "袁小明"  # a natural person who is the party
OFFICER_BAD = "执法"  # a bad extraction of one dossier's officers


def _dossier(store: Any, campaign_id: int, agency_id: int, n: int, fields: dict[str, Any]) -> int:
    rubric = load_rubric("penalty")
    sha = hashlib.sha256(f"mask-{n}".encode()).hexdigest()
    with store.write() as session:
        session.add(StoredFile(sha256=sha, size=1, chunks=0))
        session.flush()
        d = Dossier(campaign_id=campaign_id, agency_id=agency_id, file_name=f"卷{n}.pdf", sha256=sha, pages=5,
                    case_kind="penalty", case_number=f"罚〔2024〕{n}号", party_name=fields.get("party_name"),
                    extraction={"contract": 1, "fields": fields, "documents": []}, rubric_id="penalty",
                    rubric_version=rubric.version, auto_total=100.0, auto_grade="优秀")
        session.add(d)
        session.flush()
        return d.id


def _review(store: Any, dossier_id: int, user: Any, reasons: dict[str, str]) -> None:
    review = open_review(store, dossier_id, reviewer=user)
    for item, reason in reasons.items():
        review = save_item_score(store, review.id, item, deducted=1.0, reason=reason, user=user,
                                 expected_version=review.version)
    submit(store, review.id, user=user, expected_version=review.version)


ITEMS = ("archiving.toc", "documents.templates", "evidence.chain", "procedure.filing", "law.discretion",
         "documents.consistency", "procedure.legal_review", "evidence.amounts", "law.provisions_precise")


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, str]:
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    sup = ensure_user(store, "督查组长", role="supervisor")
    reviewer = ensure_user(store, "评查员甲")
    unit = ensure_agency(store, "第一师/市场监管局").id
    other = ensure_agency(store, "第二师/交通运输局").id
    campaign = create_campaign(store, "屏蔽测试", year=2024, rubric_id="penalty", user=sup)
    person = _dossier(store, campaign.id, unit, 1, {"party_name": PARTY, "party_type": "person",
                                                     "officers": [{"name": "王小明", "cert_no": "1"}]})
    reasons = {item: text for item, text in zip(ITEMS, PLANTED, strict=True)}
    reasons["law.discretion"] += f"；当事人{PARTY}未陈述申辩，执法人员王小明未告知"
    _review(store, person, reviewer, reasons)
    bad = _dossier(store, campaign.id, other, 2, {"party_name": "某运输有限公司", "party_type": "organization",
                                                  "officers": [{"name": OFFICER_BAD, "cert_no": "2"}]})
    _review(store, bad, reviewer, {"archiving.toc": "执法文书未编页码，执法人员未签名；王小明另案办理"})
    sync_ledger(store, campaign.id, user=sup)
    ctx = context(store, campaign.name)
    out: dict[str, str] = {}
    for kind, fmt in ((ReportKind.CIRCULAR, "docx"), (ReportKind.OPINION, "docx"), (ReportKind.PROBLEMS, "xlsx"),
                      (ReportKind.LEDGER, "xlsx")):
        entry = ENTRIES[kind]
        (f,) = render(entry.spec, fmt, entry.build(ctx), masker(ctx, enabled=True), campaign=ctx.campaign.name)
        if fmt == "docx":
            doc = Document(io.BytesIO(f.data))
            out[kind] = "\n".join([p.text for p in doc.paragraphs]
                                  + [c.text for t in doc.tables for r in t.rows for c in r.cells])
        else:
            wb = load_workbook(io.BytesIO(f.data))
            out[kind] = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                                  if c.value is not None)
    store.dispose()
    return out


def test_no_planted_person_survives_any_report(reports: dict[str, str]) -> None:
    names = [*PLANTED.values(), PARTY]
    for kind, text in reports.items():
        assert [n for n in names if n in text] == [], kind
    assert all(mask_name(n) in reports[ReportKind.LEDGER] for n in names)
    assert "袁某某" in reports[ReportKind.OPINION]


def test_one_dossiers_bad_extraction_leaves_other_texts_alone(reports: dict[str, str]) -> None:
    ledger = reports[ReportKind.LEDGER]
    assert "执某" not in ledger
    assert "执法文书未编页码，执法人员未签名" in ledger
    assert "王小明另案办理" in ledger  # 王小明 is an officer of the other dossier, named without a label here
    assert "执法人员王某某未告知" in ledger  # in his own dossier's text he is masked
