"""The supervisor's command line end to end on a real SQLite file: users with units, a seeded sample
(replayable, 回避), two reviewers per file, reconciliation, the ledger's 整改 status in the XLSX
export, and stats agreeing with the final totals. A reviewer is refused with exit 1 (a known error:
``ErrorCode.FORBIDDEN``); bad arguments exit 2."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services import create_campaign, ensure_agency, ensure_user, list_events, list_reviews, open_store
from app.services.sampling import is_blind
from app.store.engine import Store
from tests.e2e.test_reports_campaign import AGENCIES, CAMPAIGN, _insert_dossier, review_as_planned

SEED = 20241
REVIEWER_UNITS = {"评查员甲": "第一师/市场监管局", "评查员乙": "第二师/交通运输局", "评查员丙": None}
# File X: the two reviewers differ on exactly three items; files Y and Z: they agree.
X_A = {"procedure.service_timely": 3.0, "documents.templates": 1.0}
X_B = {"procedure.service_timely": 3.0, "archiving.toc": 1.0, "law.provisions_precise": 2.0}
Y = {"evidence.chain": 3.0, "law.discretion": 4.0}
Z = {"law.discretion": 4.0, "procedure.statement_period": 4.0, "procedure.legal_review": 4.0,
     "documents.decision_remedy": 3.0, "archiving.toc": 3.0, "evidence.chain": 3.0}


@dataclass
class Cli:
    db: str
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch

    def __call__(self, *args: str, user: str = "督查组长") -> tuple[int, str, str]:
        self.monkeypatch.setenv("CASEREVIEW_USER", user)
        self.capsys.readouterr()
        code = main(["--db", self.db, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str, user: str = "督查组长") -> Any:
        code, out, err = self(*args, "--format", "json", user=user)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(f"sqlite:///{tmp_path / 'review.sqlite'}", capsys, monkeypatch)


def _campaign(store: Store) -> dict[str, int]:
    """Two files per agency, inserted without review; file name -> dossier id."""
    ids = {name: ensure_agency(store, f"{parent}/{name}").id for parent, name in AGENCIES}
    campaign = create_campaign(store, CAMPAIGN, year=2024, rubric_id="penalty", user=ensure_user(store, "督查组长"))
    files = {}
    for n in range(6):
        did, _, file_name = _insert_dossier(store, campaign.id, ids[AGENCIES[n % 3][1]], n, finding=n == 0)
        files[file_name] = did
    return files


def _users(cli: Cli) -> None:
    code, out, _ = cli("user", "add", "督查组长", "--role", "supervisor", user="管理员")  # first user: admin
    assert (code, out.splitlines()[0]) == (0, "已添加用户 督查组长")
    for name, unit in REVIEWER_UNITS.items():
        assert cli("user", "add", name, *(["--agency", unit] if unit else []))[0] == 0  # a supervisor adds reviewers
    listed = cli.json("user", "list")
    assert [(u["name"], u["role"], u["agency"]) for u in listed] == [
        ("管理员", "admin", None), ("督查组长", "supervisor", None), ("评查员甲", "reviewer", "第一师/市场监管局"),
        ("评查员乙", "reviewer", "第二师/交通运输局"), ("评查员丙", "reviewer", None)]


def _sample(cli: Cli) -> list[dict[str, Any]]:
    args = ("sample", "--campaign", CAMPAIGN, "--count", "1", "--reviewers", "评查员甲,评查员乙,评查员丙",
            "--per-file", "2", "--seed", str(SEED))
    preview = cli.json(*args, "--dry-run")
    code, text, _ = cli(*args)
    assert code == 0
    assert text.splitlines()[0] == f"抽样种子：{SEED}（用相同种子可复现本次抽取）"
    replay = cli.json(*args)
    assert preview["drawn"] == replay["drawn"]
    assert preview["saved"] is False
    assert replay["saved"] is True
    drawn = replay["drawn"]
    assert sorted(d["agency"] for d in drawn) == ["第一师/市场监管局", "第一师/生态环境局", "第二师/交通运输局"]
    for d in drawn:
        assert len(d["reviewers"]) == 2
        assert all(REVIEWER_UNITS[r] != d["agency"] for r in d["reviewers"])  # 回避
    return list(drawn)


def _review(cli: Cli, store: Store, drawn: list[dict[str, Any]]) -> dict[str, tuple[int, Mapping[str, float], str]]:
    """Each drawn file scored by its two reviewers; name -> (dossier id, expected final deductions, reviewer A).
    While only the first reviewer has submitted, the file waits and cannot be finalised alone."""
    users = {name: ensure_user(store, name) for name in REVIEWER_UNITS}
    plans = {"X": (X_A, X_B), "Y": (Y, Y), "Z": (Z, Z)}
    out = {}
    for label, d in zip("XYZ", drawn, strict=True):
        review_as_planned(store, d["dossier_id"], users[d["reviewers"][0]], plans[label][0], 1)
        out[label] = (d["dossier_id"], plans[label][0], d["reviewers"][0])
    waiting = cli.json("reconcile", "--campaign", CAMPAIGN)
    assert (waiting["double"], waiting["single"]) == ([], [])
    assert [(w["dossier_id"], w["waiting_for"]) for w in waiting["waiting"]] == [
        (d["dossier_id"], [d["reviewers"][1]]) for d in drawn]
    code, _, err = cli("reconcile", "--campaign", CAMPAIGN, "--dossier", str(out["Y"][0]), "--finalise")
    assert code == 2
    assert f"案卷 {out['Y'][0]} 还在等待 {drawn[1]['reviewers'][1]} 提交评查，不能单人定稿" in err
    for label, d in zip("XYZ", drawn, strict=True):
        review_as_planned(store, d["dossier_id"], users[d["reviewers"][1]], plans[label][1], 2)
    return out


def _reconcile(cli: Cli, files: dict[str, tuple[int, Mapping[str, float], str]]) -> None:
    x = files["X"][0]
    waiting = cli.json("reconcile", "--campaign", CAMPAIGN)
    assert {r["dossier_id"]: (r["differing_items"], r["total_difference"]) for r in waiting["double"]} == {
        x: (3, 2.0), files["Y"][0]: (0, 0.0), files["Z"][0]: (0, 0.0)}
    side = cli.json("reconcile", "--campaign", CAMPAIGN, "--dossier", str(x))
    assert side["a"]["reviewer"] == files["X"][2]
    side_items = {d["item"]: (d["a"]["deducted"], d["b"]["deducted"]) for d in side["differences"]}
    assert side_items == {
        "documents.templates": (1.0, 0.0), "archiving.toc": (0.0, 1.0), "law.provisions_precise": (0.0, 2.0)}
    code, text, _ = cli("reconcile", "--campaign", CAMPAIGN, "--dossier", str(x))
    assert "    A " + files["X"][2] + "：扣 1 分  第1类问题：documents.templates" in text.splitlines()

    code, _, err = cli("reconcile", "--campaign", CAMPAIGN, "--dossier", str(x), "--finalise")
    assert code == 2
    assert "还有 3 个分歧项未裁定：" in err
    assert "请用 --settle 评查项=扣分[:理由] 逐项裁定，或用 --take a|b" in err
    assert {
        i for i in ("documents.templates", "archiving.toc", "law.provisions_precise") if i in err
    } == set(side_items)
    code, _, err = cli(
        "reconcile",
        "--campaign",
        CAMPAIGN,
        "--dossier",
        str(x),
        "--settle",
        "documents.templates=1",
        "--take",
        "b",
        "--finalise",
        user="评查员丙",
    )
    assert code == 1
    assert "用户 评查员丙（评查人员）无权执行“合议定稿”，需要组织者或管理员" in err

    done = cli.json(
        "reconcile",
        "--campaign",
        CAMPAIGN,
        "--dossier",
        str(x),
        "--settle",
        "documents.templates=1:文书填写不规范（合议）",
        "archiving.toc=0",
        "--take",
        "b",
        "--finalise",
    )
    assert (done["status"], done["total"], done["grade"]) == ("final", 94.0, "优秀")
    assert done["settled"]["law.provisions_precise"]["deducted"] == 2.0  # taken from B
    for label in ("Y", "Z"):
        assert cli("reconcile", "--campaign", CAMPAIGN, "--dossier", str(files[label][0]), "--finalise")[0] == 0
    assert cli.json("reconcile", "--campaign", CAMPAIGN) == {"double": [], "single": [], "waiting": []}


def _check_agreement(
    cli: Cli, drawn: list[dict[str, Any]], *, files: dict[str, tuple[int, Mapping[str, float], str]]
) -> None:
    """Agreement figures equal those computed here from the planned deductions."""
    rep = cli.json("reconcile", "--campaign", CAMPAIGN, "--agreement")
    assert rep["pairs"] == 3
    items = {i["item_id"]: (i["pairs"], i["equal_share"], i["kappa"]) for i in rep["items"]}
    assert items["documents.templates"] == (3, 0.6667, 0.0)  # (T,F) (F,F) (F,F)
    assert items["archiving.toc"] == (3, 0.6667, 0.4)  # (F,T) (F,F) (T,T): po 2/3, pe 4/9
    assert items["law.discretion"] == (3, 1.0, 1.0)
    totals = {"X": (100 - sum(X_A.values()), 100 - sum(X_B.values())), "Y": (93.0, 93.0), "Z": (79.0, 79.0)}
    diffs: dict[str, list[float]] = {}
    for label, d in zip("XYZ", drawn, strict=True):
        (a, b), (ta, tb) = d["reviewers"], totals[label]
        diffs.setdefault(a, []).append(ta - tb)
        diffs.setdefault(b, []).append(tb - ta)
    got = {r["reviewer"]: (r["files"], r["mean_total_difference"]) for r in rep["reviewers"]}
    assert got == {name: (len(v), round(sum(v) / len(v), 2)) for name, v in diffs.items()}
    assert files["X"][2] == drawn[0]["reviewers"][0]
    text = cli("reconcile", "--campaign", CAMPAIGN, "--agreement")[1]
    assert [ln for ln in text.splitlines() if "documents.templates" in ln] == [
        "  documents.templates 使用规定格式执法文书，填写完整规范，涂改处、空白处按规定处理："
        "3 对，一致 66.7%，kappa 0.000"
    ]


def _check_audit(store: Store, x: int, *, reviewers: list[str]) -> None:
    """The finalise event keeps both originals (each reviewer's deductions) and the settled total."""
    final = next(r for r in list_reviews(store, x) if r.status == "final")
    (event,) = [e for e in list_events(store, entity="review", entity_id=final.id) if e.action == "review.finalise"]
    originals = {o["reviewer"]: {k: v["deducted"] for k, v in o["items"].items()} for o in event.before["reviews"]}
    assert originals == {reviewers[0]: X_A, reviewers[1]: X_B}
    assert (event.after["total"], event.after["status"]) == (94.0, "final")
    assert sorted(r.status for r in list_reviews(store, x)) == ["final", "submitted", "submitted"]


def test_supervisor_workflow_end_to_end(cli: Cli, tmp_path: Path) -> None:
    _users(cli)
    store = open_store(cli.db)
    _campaign(store)
    code, _, err = cli("sample", "--campaign", CAMPAIGN, "--count", "1", "--reviewers", "评查员乙", user="评查员甲")
    assert code == 1
    assert err.strip() == "casereview sample: 用户 评查员甲（评查人员）无权执行“抽样分配”，需要组织者或管理员"
    drawn = _sample(cli)
    assert [e.after["seed"] for e in list_events(store, entity="campaign") if e.action == "sample.draw"] == [SEED] * 2
    files = _review(cli, store, drawn)
    _reconcile(cli, files)
    _check_agreement(cli, drawn, files=files)
    _check_audit(
        store, files["X"][0], reviewers=next(d["reviewers"] for d in drawn if d["dossier_id"] == files["X"][0])
    )
    finals = {"X": 94.0, "Y": 100 - sum(Y.values()), "Z": 100 - sum(Z.values())}
    assert finals == {"X": 94.0, "Y": 93.0, "Z": 79.0}

    rows = cli.json("ledger", "--campaign", CAMPAIGN)
    expected_rows = (
        {
            (files["X"][0], "procedure.service_timely"),
            (files["X"][0], "documents.templates"),
            (files["X"][0], "law.provisions_precise"),
        }
        | {(files["Y"][0], i) for i in Y}
        | {(files["Z"][0], i) for i in Z}
    )
    assert {(r["dossier_id"], r["item"]) for r in rows} == expected_rows
    target = next(r for r in rows if (r["dossier_id"], r["item"]) == (files["X"][0], "documents.templates"))
    first_division = cli.json("ledger", "--campaign", CAMPAIGN, "--agency", "第一师")  # a 师市: its units
    assert sorted(r["id"] for r in first_division) == sorted(r["id"] for r in rows if r["agency"].startswith("第一师/"))
    transport = cli.json("ledger", "--campaign", CAMPAIGN, "--agency", "交通运输局")
    assert {r["agency"] for r in transport} == {"第二师/交通运输局"}
    assert len(first_division) + len(transport) == len(rows)
    assert cli("ledger", "--campaign", CAMPAIGN, "--set-status", str(target["id"]), "已整改", user="评查员甲")[0] == 1
    changed = cli.json(
        "ledger", "--campaign", CAMPAIGN, "--set-status", str(target["id"]), "已整改", "--note", "已补正"
    )
    assert (changed["status"], changed["progress"]) == ("已整改待复核", "已补正")  # the word before rev 0015
    open_rows = len(expected_rows) - 1
    assert cli.json("ledger", "--campaign", CAMPAIGN, "--deadline", "2020-01-01")["rows"] == open_rows
    assert len(cli.json("ledger", "--campaign", CAMPAIGN, "--status", "逾期")) == open_rows  # past: overdue
    extended = cli.json("ledger", "--campaign", CAMPAIGN, "--deadline", "2099-03-31")
    assert extended == {"rows": open_rows, "deadline": "2099-03-31"}
    assert cli.json("ledger", "--campaign", CAMPAIGN, "--status", "逾期") == []  # 逾期 follows the deadline
    assert len(cli.json("ledger", "--campaign", CAMPAIGN, "--status", "待整改")) == open_rows
    done_rows = cli.json("ledger", "--campaign", CAMPAIGN, "--status", "已整改待复核")
    assert [r["id"] for r in done_rows] == [target["id"]]

    out = tmp_path / "ledger.xlsx"
    code, _, err = cli("report", "--campaign", CAMPAIGN, "--kind", "ledger", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    sheet = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert len(sheet) == len(expected_rows)
    assert sorted(str(r[10]) for r in sheet) == ["已整改待复核"] + ["待整改"] * (len(expected_rows) - 1)
    full = list(load_workbook(out)["全部字段"].iter_rows(min_row=2, values_only=True))
    (done_row,) = [r for r in full if r[15] == "已整改待复核"]
    assert (done_row[0], done_row[7]) == (target["id"], "documents.templates")

    stats = cli.json("stats", "--campaign", CAMPAIGN)
    assert stats["reviewed"] == 3
    assert stats["average"] == round(sum(finals.values()) / 3, 2)
    assert {g["grade"]: g["count"] for g in stats["grades"] if g["count"]} == {"优秀": 2, "合格": 1}
    assert stats["progress"]["final"] == 3
    by_agency = {a["agency"]: a["average"] for a in stats["agencies"]}
    agency_of = {d["dossier_id"]: d["agency"] for d in drawn}  # a unit is its path
    assert by_agency == {agency_of[files[k][0]]: v for k, v in finals.items()}
    store.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["sample", "--campaign", CAMPAIGN, "--reviewers", "甲"],  # neither --count nor --percent
        ["sample", "--campaign", CAMPAIGN, "--count", "0", "--reviewers", "甲"],
        ["sample", "--campaign", CAMPAIGN, "--percent", "150", "--reviewers", "甲"],
        ["sample", "--campaign", CAMPAIGN, "--count", "1", "--reviewers", "甲", "--per-file", "3"],
        ["user", "role", "张三", "boss"],
        ["ledger", "--campaign", CAMPAIGN, "--deadline", "2027-13-01"],
    ],
)
def test_bad_arguments_exit_2(cli: Cli, args: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli(*args)
    assert stopped.value.code == 2
    assert "用法错误" in cli.capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sample", "--campaign", CAMPAIGN, "--count", "1", "--reviewers", " , "], "--reviewers 至少写一名评查人员"),
        (["reconcile", "--campaign", CAMPAIGN, "--settle", "a.b=1"], "--settle / --take 须与 --finalise 一起使用"),
        (["reconcile", "--campaign", CAMPAIGN, "--finalise"], "定稿须指定 --dossier 案卷编号"),
        (
            ["ledger", "--campaign", CAMPAIGN, "--set-status", "1", "完成"],
            "整改状态只能设为 待整改、整改中、已整改待复核、已销号、无法整改（已归档），而不是“完成”",
        ),
        (["ledger", "--campaign", CAMPAIGN, "--set-status", "1", "逾期"], "逾期由整改期限自动判断"),
        (["user", "role", "无此人", "admin"], "用户“无此人”不存在"),
    ],
)
def test_bad_requests_exit_2_with_reason(cli: Cli, args: list[str], message: str) -> None:
    code, _, err = cli(*args)
    assert code == 2
    assert message in err


def test_first_user_bootstrap_and_role_change_needs_admin(cli: Cli) -> None:
    assert cli("user", "add", "评查员甲", user="单机用户")[0] == 0
    assert cli.json("user", "list")[0] == {
        "id": 1,
        "name": "单机用户",
        "role": "admin",
        "role_label": "管理员",
        "agency": None,
    }
    code, _, err = cli("user", "role", "评查员甲", "supervisor", user="评查员甲")
    assert (code, err.strip()) == (1, "casereview user: 用户 评查员甲（评查人员）无权执行“更改用户角色”，需要管理员")
    assert cli.json("user", "role", "评查员甲", "supervisor", user="单机用户")["role"] == "supervisor"
    code, _, err = cli("user", "role", "单机用户", "reviewer", user="单机用户")
    assert code == 2
    assert "至少保留一名管理员" in err
    code, _, err = cli("user", "add", "新组长", "--role", "supervisor", user="评查员甲")  # a supervisor now
    assert (code, err.strip()) == (1, "casereview user: 用户 评查员甲（组织者）无权执行“添加组织者”，需要管理员")
    code, _, err = cli("sample", "--campaign", "无此活动", "--count", "1", "--reviewers", "评查员甲", user="单机用户")
    assert (code, err.strip()) == (1, "casereview sample: 评查活动“无此活动”不存在")
    moved = cli.json("user", "add", "评查员甲", "--agency", "第一师/市场监管局", user="单机用户")
    assert (moved["role"], moved["agency"]) == ("supervisor", "第一师/市场监管局")  # unit set, role kept


def test_single_review_finalised_from_cli(cli: Cli) -> None:
    assert cli("user", "add", "评查员丙", user="督查组长")[0] == 0  # 督查组长 is the first user: admin
    store = open_store(cli.db)
    _campaign(store)
    drew = cli.json(
        "sample", "--campaign", CAMPAIGN, "--percent", "50", "--reviewers", "评查员丙", "--seed", "7", "--blind"
    )
    assert (drew["blind"], len(drew["drawn"]), drew["percent"]) == (True, 3, 50.0)  # 50 % of 2 files per agency
    row = drew["drawn"][0]
    assert is_blind(store, row["dossier_id"], ensure_user(store, "评查员丙").id)
    review_as_planned(store, row["dossier_id"], ensure_user(store, "评查员丙"), Y, 1)
    listed = cli.json("reconcile", "--campaign", CAMPAIGN)
    assert [(r["dossier_id"], r["reviewer"], r["total"]) for r in listed["single"]][:1] == [
        (row["dossier_id"], "评查员丙", 93.0)
    ]
    code, _, err = cli(
        "reconcile", "--campaign", CAMPAIGN, "--dossier", str(row["dossier_id"]), "--take", "a", "--finalise"
    )
    assert (code, err.strip()) == (
        2,
        f"casereview reconcile: 案卷 {row['dossier_id']} 只有一人评查，无需裁定；只用 --finalise 定稿",
    )
    done = cli.json("reconcile", "--campaign", CAMPAIGN, "--dossier", str(row["dossier_id"]), "--finalise")
    assert (done["status"], done["total"], done["grade"], done["settled"]) == ("final", 93.0, "优秀", {})
    code, _, err = cli("reconcile", "--campaign", CAMPAIGN, "--dossier", str(row["dossier_id"]))
    assert (code, err.strip()) == (
        2,
        f"casereview reconcile: 案卷 {row['dossier_id']} 已由 评查员丙 定稿（93 分，优秀），无需再合议",
    )
    store.dispose()
