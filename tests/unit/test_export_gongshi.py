"""Issue 15.6: reviewed cases leave the workstation in the 双公示 行政处罚 field names with their review results,
masked for 公示, money in 万元 exactly, and come back into another workstation's campaign unchanged."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli import main
from app.errors import KnownError
from app.services import create_campaign, ensure_user, list_reviews, open_store
from app.services.export import SCHEMA_FILE, export_campaign, export_tables, review_csv_path
from app.services.export_import import import_export
from app.services.gongshi import CASE_FIELDS, REVIEW_FIELDS, wan_to_yuan, yuan_to_wan
from app.services.ledger import list_problems
from app.store.models import Dossier
from tests.e2e.test_reports_campaign import PERSON_ID, Campaign, make_campaign

USCC = "91659001MA77XXXX1N"  # a valid GB 32100 code (its check character computed)
PHONE = "13912345678"


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False))
def test_yuan_to_wan_is_exact(yuan: Decimal) -> None:
    wan = yuan_to_wan(yuan)
    assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", wan)
    assert Decimal(wan) * 10000 == yuan  # no binary rounding on the way
    assert wan_to_yuan(wan) == yuan
    assert yuan_to_wan(float(yuan)) == wan  # a float from the extraction (≤ 15 digits) converts to the same text


def test_known_amounts() -> None:
    assert [yuan_to_wan(y) for y in (5000.0, 320.5, 12345678.9, 0, 30000, None)] == [
        "0.5", "0.03205", "1234.56789", "0", "3", ""]


def _fields(c: Campaign) -> None:
    """Three dossiers with what an extraction finds: an organisation, a natural person, a sole trader."""
    plans = c.plans
    org = {"party_name": "石河子市某某商贸有限公司", "party_type": "organization", "party_id": USCC,
           "case_title": "石河子市某某商贸有限公司销售过期食品案", "decision_date": "2024-04-22",
           "penalty_types": ["警告", "罚款", "没收违法所得"], "fine_amount": 5000.0, "confiscation_amount": 320.5,
           "penalty_provisions": [{"law": "中华人民共和国食品安全法", "article": 124, "paragraph": 1, "item": 5}],
           "agency": "第八师石河子市市场监督管理局"}
    person = {"party_name": "袁小明", "party_type": "person", "party_id": PERSON_ID,
              "case_title": f"袁小明（电话{PHONE}）无证经营案", "decision_date": "2024-02-29",
              "penalty_types": ["罚款"], "fine_amount": 12345678.9}
    trader = {"party_name": "张三", "party_type": "person", "party_id": "92659001MA77YYYY2C",
              "case_title": "张三小吃店超范围经营案", "decision_date": "2024-06-30", "penalty_types": ["警告"]}
    with c.store.write() as s:
        for plan, fields in zip(plans, (org, person, trader), strict=False):
            d = s.get(Dossier, plan.dossier_id)
            assert d is not None
            d.extraction = {"contract": 1, "fields": {**d.extraction["fields"], **fields}, "documents": []}
            d.party_name = fields["party_name"]


def test_export_fields_masking_and_results(db_url: str) -> None:
    c = make_campaign(db_url, files=3)
    _fields(c)
    t = export_tables(c.store, c.campaign_id)
    assert [list(r) for r in t.cases] == [list(CASE_FIELDS)] * 3
    org, person, trader = t.cases
    assert (org["行政相对人名称"], org["行政相对人类别"], org["统一社会信用代码"]) == (
        "石河子市某某商贸有限公司", "法人及非法人组织", USCC)
    assert (org["罚款金额（万元）"], org["没收违法所得、没收非法财物的金额（万元）"]) == ("0.5", "0.03205")
    assert (org["处罚决定日期"], org["公示截止期"]) == ("2024-04-22", "2025-04-22")  # one year from the decision
    assert org["处罚依据"] == "《中华人民共和国食品安全法》第124条第1款第5项"
    assert org["处罚类别"] == "警告；罚款；没收违法所得"
    assert org["处罚内容"] == "警告；罚款人民币5000元；没收违法所得人民币320.5元"
    assert org["违法行为类型"] == "销售过期食品"
    assert (org["处罚机关"], org["数据来源单位"]) == ("第八师石河子市市场监督管理局",) * 2
    assert (person["行政相对人名称"], person["行政相对人类别"], person["统一社会信用代码"]) == ("袁某某", "自然人", "")
    assert person["罚款金额（万元）"] == "1234.56789"
    assert person["公示截止期"] == "2025-02-28"  # 29 February: the year after has none
    assert PHONE not in person["违法行为类型"]
    assert "袁小明" not in json.dumps(t.cases, ensure_ascii=False)
    assert (trader["行政相对人名称"], trader["行政相对人类别"]) == ("张三", "个体工商户")  # a shop with its code
    text = json.dumps([t.cases, t.reviews], ensure_ascii=False)
    assert PERSON_ID not in text  # an ID number is never exported
    for plan, result in zip(c.plans, t.reviews, strict=True):
        (review,) = list_reviews(c.store, plan.dossier_id)
        assert (result["得分"], result["等次"], result["案卷文件"]) == (review.total, review.grade, plan.file_name)
        assert result["扣分合计"] == round(sum(plan.deductions.values()), 2)
        rows = [p for p in list_problems(c.store, c.campaign_id) if p.dossier_id == plan.dossier_id]
        assert len(result["评查问题"]) == len(rows) == len(plan.deductions)
    unmasked = export_tables(c.store, c.campaign_id, mask=False)
    assert unmasked.cases[1]["行政相对人名称"] == "袁小明"


def _schema_check(doc: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert doc["schema"] == schema["$id"]
    case_props = schema["properties"]["行政处罚"]["items"]["properties"]
    review_props = schema["properties"]["评查结果"]["items"]["properties"]
    assert list(case_props) == list(CASE_FIELDS)
    assert list(review_props) == list(REVIEW_FIELDS)
    assert all(p["description"] for p in (*case_props.values(), *review_props.values()))
    for row in doc["行政处罚"]:
        assert set(row) == set(case_props)
        for key, prop in case_props.items():
            assert re.fullmatch(prop.get("pattern", ".*"), row[key]), (key, row[key])


def test_round_trip_into_another_workstation(tmp_path: Path) -> None:
    a = make_campaign(tmp_path / "a.sqlite", files=4)
    _fields(a)
    first, _ = export_campaign(a.store, a.campaign_id, tmp_path / "out.json", "json", user=a.supervisor)
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    _schema_check(doc)
    for fmt in ("csv", "xlsx"):
        export_campaign(a.store, a.campaign_id, tmp_path / f"out.{fmt}", fmt, user=a.supervisor)
    assert review_csv_path(tmp_path / "out.csv").is_file()
    for fmt in ("json", "csv", "xlsx"):
        b = open_store(f"sqlite:///{tmp_path / f'b-{fmt}.sqlite'}")
        sup = ensure_user(b, "另一组长", role="supervisor")
        other = create_campaign(b, "兵团复查", year=2024, rubric_id="penalty", user=sup)
        done = import_export(b, other.id, tmp_path / f"out.{fmt}", user=sup)
        assert (done.read, done.added, done.skipped) == (4, 4, 0)
        again = import_export(b, other.id, tmp_path / f"out.{fmt}", user=sup)
        assert (again.added, again.skipped) == (0, 4)  # once per dossier
        back = export_tables(b, other.id)
        assert back.cases == first.cases, fmt
        assert back.reviews == first.reviews, fmt


def test_import_refuses_bad_files_naming_them(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "a.sqlite", files=2)
    bad = tmp_path / "坏文件.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(KnownError, match=r"坏文件\.json") as info:
        import_export(c.store, c.campaign_id, bad, user=c.supervisor)
    assert "不是有效的 JSON" in str(info.value)
    export_campaign(c.store, c.campaign_id, tmp_path / "x.json", "json", user=c.supervisor)
    doc = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    doc["行政处罚"][0]["罚款金额（万元）"] = "五千"
    (tmp_path / "x.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KnownError, match="第 1 行“罚款金额（万元）”"):
        import_export(c.store, c.campaign_id, tmp_path / "x.json", user=c.supervisor)
    del doc["行政处罚"][0]["处罚机关"]
    (tmp_path / "x.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KnownError, match="缺少字段：处罚机关"):
        import_export(c.store, c.campaign_id, tmp_path / "x.json", user=c.supervisor)
    with pytest.raises(KnownError, match="无权"):
        import_export(c.store, c.campaign_id, tmp_path / "x.json", user=c.reviewers["评查员甲"])


def test_cli_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    c = make_campaign(tmp_path / "a.sqlite", files=2)
    monkeypatch.setenv("CASEREVIEW_USER", c.supervisor.name)
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    out = tmp_path / "cases.xlsx"
    out.write_bytes(b"keep me")
    args = ["--db", db, "export", "--campaign", "2024年度行政处罚案卷评查", "--format", "xlsx", "-o", str(out)]
    assert main(args) == 2
    assert "如要覆盖请加 --force" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"
    assert main([*args, "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert main(["--db", db, "import-export", str(out), "--campaign", "2024年度行政处罚案卷评查",
                 "--format", "json"]) == 0
    assert "\"added\": 2" in capsys.readouterr().out
