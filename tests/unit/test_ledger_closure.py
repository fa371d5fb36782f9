"""Issue 15.4: a ledger row worked to 销号 on SQLite and PostgreSQL — its 整改 columns, 佐证材料 kept like
originals, the allowed transitions, 逾期 derived on reading, every change versioned and audited, atomic."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import ConflictError, KnownError
from app.reports.model import Problem
from app.reports.model import Rectification as R
from app.services import list_events
from app.services.ledger import (
    attach_evidence,
    edit_row,
    evidence_file,
    list_problems,
    set_status,
    sync_ledger,
)
from app.store.models import Correction
from tests.e2e.test_reports_campaign import Campaign, make_campaign
from tests.unit.test_pg_trust import Team, _raw
from tests.unit.test_pg_trust import team as team  # the PostgreSQL team fixture

TODAY = dt.date(2026, 12, 3)


def _row(c: Campaign, row_id: int) -> Problem:
    (p,) = list_problems(c.store, c.campaign_id, row_ids=[row_id], today=TODAY)
    return p


def test_row_worked_to_closure_with_evidence_versions_and_audit(db_url: str, tmp_path: Path) -> None:
    c = make_campaign(db_url, files=3)
    first = list_problems(c.store, c.campaign_id, today=TODAY)[0]
    rid, sup = first.row_id or 0, c.supervisor
    v0 = first.version
    edit_row(c.store, rid, v0, user=sup, measure="补齐卷内目录", responsible_unit="第一师/市场监管局法规科",
             responsible_person="王科长", deadline=TODAY + dt.timedelta(days=20))
    set_status(c.store, {rid: v0 + 1}, status="整改中", user=sup, note="已部署", today=TODAY)
    proof = tmp_path / "整改报告.pdf"
    proof.write_bytes(b"%PDF-1.4 first version")
    attach_evidence(c.store, rid, proof, user=sup, expected=v0 + 2)
    proof.write_bytes(b"%PDF-1.4 second version, same name")  # a new file of the same name: added, not replacing
    attach_evidence(c.store, rid, proof, user=sup)
    attach_evidence(c.store, rid, proof, user=sup)  # the same bytes again: one attachment
    link = tmp_path / "link.pdf"
    link.symlink_to(proof)
    with pytest.raises(KnownError, match="符号链接"):
        attach_evidence(c.store, rid, link, user=sup)
    p = _row(c, rid)
    digests = [hashlib.sha256(b).hexdigest()[:12] for b in (b"%PDF-1.4 first version",
                                                            b"%PDF-1.4 second version, same name")]
    assert p.evidence == tuple(f"整改报告.pdf（{d}）" for d in digests)
    assert evidence_file(c.store, rid, "整改报告.pdf") == b"%PDF-1.4 second version, same name"
    with c.store.session() as s:  # the first version is still kept byte for byte
        from app.store.blobs import read_bytes
        first_sha = hashlib.sha256(b"%PDF-1.4 first version").hexdigest()
        assert read_bytes(s, first_sha) == b"%PDF-1.4 first version"
    set_status(c.store, {rid: None}, status="已整改待复核", user=sup, progress="已补目录", today=TODAY)
    with pytest.raises(KnownError, match="复核人"):
        set_status(c.store, {rid: None}, status="已销号", user=sup, today=TODAY)
    p = _row(c, rid)
    assert (p.status, p.progress, p.completed_on) == (R.AWAITING, "已补目录", TODAY)
    reviewer = c.reviewers["评查员甲"]
    with pytest.raises(KnownError, match="无权"):
        set_status(c.store, {rid: None}, status="已销号", user=reviewer, checker="评查员甲")
    with pytest.raises(KnownError, match="早于完成日期"):
        set_status(c.store, {rid: None}, status="已销号", user=sup, checker="李复核", closed_on=TODAY - dt.timedelta(1))
    set_status(c.store, {rid: p.version}, status="已销号", user=sup, checker="李复核",
               closed_on=TODAY + dt.timedelta(days=2), today=TODAY)
    p = _row(c, rid)
    assert (p.status, p.checker, p.closed_on, p.measure, p.responsible_person) == (
        R.CLOSED, "李复核", TODAY + dt.timedelta(days=2), "补齐卷内目录", "王科长")
    assert p.version == v0 + 6  # edit, 整改中, 2 attachments, 已整改待复核, 已销号
    with pytest.raises(KnownError, match="不能再修改"):
        edit_row(c.store, rid, None, user=sup, measure="再改")
    with pytest.raises(KnownError, match="不能改为"):
        set_status(c.store, {rid: None}, status="待整改", user=sup)
    events = [
        e for e in list_events(c.store, entity="correction") if e.entity_id == rid and e.action.startswith("ledger.")
    ]
    assert sorted(e.action for e in events) == sorted(
        ["ledger.edit", "ledger.status", "ledger.evidence", "ledger.evidence", "ledger.status", "ledger.status"]
    )
    closing = next(e for e in events if (e.after or {}).get("status") == "已销号")
    assert (closing.before["status"], closing.after["checker"]) == ("已整改待复核", "李复核")


def test_transitions_refused_atomically_and_stale_versions_conflict(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    rows = list_problems(c.store, c.campaign_id, today=TODAY)
    a, b = rows[0], rows[1]
    assert a.row_id
    assert b.row_id
    set_status(c.store, {b.row_id: None}, status="已整改", user=c.supervisor, note="已补正")  # old word: 待复核
    with pytest.raises(KnownError, match="须先整改并经复核"):  # a is 待整改: no 销号 without 复核
        set_status(c.store, {a.row_id: None, b.row_id: None}, status="已销号", user=c.supervisor, checker="李复核")
    assert [_row(c, r).status for r in (a.row_id, b.row_id)] == [R.PENDING, R.AWAITING]  # b not closed either
    with pytest.raises(KnownError, match="原因"):
        set_status(c.store, {a.row_id: None}, status="无法整改（已归档）", user=c.supervisor)
    edit_row(c.store, a.row_id, a.version, user=c.supervisor, responsible_person="张三")
    with pytest.raises(ConflictError, match="已被他人修改"):
        edit_row(c.store, a.row_id, a.version, user=c.supervisor, responsible_person="李四")
    assert _row(c, a.row_id).responsible_person == "张三"
    with pytest.raises(KnownError, match="可编辑的栏目"):
        edit_row(c.store, a.row_id, None, user=c.supervisor, status="已销号")
    set_status(c.store, {a.row_id: None}, status="无法整改（已归档）", user=c.supervisor, note="当事人已注销，无法补正")
    assert _row(c, a.row_id).status == R.ARCHIVED


def test_overdue_is_derived_from_the_deadline_never_stored(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    rows = list_problems(c.store, c.campaign_id, today=TODAY)
    ids = [p.row_id or 0 for p in rows[:3]]
    for rid in ids:
        edit_row(c.store, rid, None, user=c.supervisor, deadline=TODAY - dt.timedelta(days=1))
    set_status(c.store, {ids[1]: None}, status="整改中", user=c.supervisor)
    set_status(c.store, {ids[2]: None}, status="已整改待复核", user=c.supervisor, progress="已改")
    assert [_row(c, r).status for r in ids] == [R.OVERDUE, R.OVERDUE, R.AWAITING]  # open rows past the deadline
    later = list_problems(c.store, c.campaign_id, row_ids=ids, today=TODAY - dt.timedelta(days=1))
    assert sorted(str(p.status) for p in later) == sorted(["待整改", "整改中", "已整改待复核"])  # not yet due
    with c.store.session() as s:
        assert "逾期" not in set(s.scalars(text("SELECT status FROM correction")))
    with pytest.raises(KnownError, match="逾期由整改期限自动判断"):
        set_status(c.store, {ids[0]: None}, status="逾期", user=c.supervisor)


def test_sync_keeps_a_row_with_evidence_when_its_deduction_goes(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    rows = list_problems(c.store, c.campaign_id, today=TODAY)
    kept, dropped = rows[0], next(p for p in rows if p.dossier_id != rows[0].dossier_id)
    proof = tmp_path / "照片.jpg"
    proof.write_bytes(b"\xff\xd8 photo")
    attach_evidence(c.store, kept.row_id or 0, proof, user=c.supervisor)
    with c.store.write() as s:  # the reviews no longer deduct the items (as after a re-review)
        for p in (kept, dropped):
            s.execute(
                text(
                    "UPDATE item_score SET deducted = 0 WHERE item = :i AND review_id IN "
                    "(SELECT id FROM review WHERE dossier_id = :d)"
                ),
                {"i": p.item_id, "d": p.dossier_id},
            )
    sync_ledger(c.store, c.campaign_id, user=c.supervisor)
    with c.store.session() as s:
        assert s.get(Correction, kept.row_id) is not None  # its 佐证材料 keep it
        assert s.get(Correction, dropped.row_id) is None  # without any, the row follows the review


@pytest.mark.pg
def test_reviewer_login_cannot_close_a_row_even_in_sql(team: Team) -> None:
    rev_a = team.stores["rev_a"]
    with team.owner.write() as s:
        s.execute(
            text("UPDATE correction SET status = '已整改待复核' WHERE dossier_id = :d"), {"d": team.own_unit_dossier}
        )
    with pytest.raises(Exception, match="评查员不能销号"):
        _raw(
            rev_a,
            "UPDATE correction SET status = '已销号', checker = '甲' WHERE dossier_id = :d",
            d=team.own_unit_dossier,
        )
    assert _raw(rev_a, "UPDATE correction SET progress = '已补正' WHERE dossier_id = :d", d=team.own_unit_dossier) >= 1
    sup_store, sup = team.stores["sup"], team.users["sup"]
    with sup_store.session() as s:
        rid = s.scalar(text("SELECT min(id) FROM correction WHERE dossier_id = :d"), {"d": team.own_unit_dossier})
    with pytest.raises(KnownError, match="无权"):
        set_status(rev_a, {rid: None}, status="已销号", user=team.users["rev_a"], checker="甲")
    set_status(sup_store, {rid: None}, status="已销号", user=sup, checker="组长")
    with team.owner.session() as s:
        assert s.scalar(text("SELECT status FROM correction WHERE id = :i"), {"i": rid}) == "已销号"


def test_migration_0015_reads_old_done_rows_as_awaiting_review(db_url: str) -> None:
    from app.services import open_store
    from app.services.integrity import verify_store
    from app.store.migrate import current_revision, head_revision
    from tests.unit.test_store import _downgrade

    c = make_campaign(db_url, files=2)
    rows = list_problems(c.store, c.campaign_id, today=TODAY)
    done_id = rows[0].row_id
    _downgrade(c.store, "0014")
    with c.store.write() as s:  # what the program before 0015 stored for a row marked 已整改
        s.execute(text("UPDATE correction SET status = '已整改' WHERE id = :i"), {"i": done_id})
    c.store.dispose()
    store = open_store(db_url)
    assert current_revision(store.engine) == head_revision() == "0015"
    with store.session() as s:
        statuses = dict(s.execute(text("SELECT id, status FROM correction")).all())
        assert s.execute(text("SELECT count(*) FROM correction_evidence")).scalar_one() == 0
        assert s.execute(
            text("SELECT measure, checker, closed_on FROM correction WHERE id = :i"), {"i": done_id}
        ).one() == ("", "", None)
    assert statuses[done_id] == "已整改待复核"
    assert set(statuses.values()) == {"已整改待复核", "待整改"}
    if db_url.startswith("sqlite"):  # the migration's rename is in the log: not taken for a change behind its back
        assert [d for d in verify_store(store).differences if d.table == "correction"] == []
    store.dispose()


def test_problem_list_carries_the_ledgers_measures_units_and_deadlines(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.reports.model import ReportKind
    from tests.e2e.test_reports_golden import write

    c = make_campaign(tmp_path / "db.sqlite", files=6)
    rows = list_problems(c.store, c.campaign_id, today=TODAY)
    item = max({p.item_id for p in rows}, key=lambda i: sum(p.item_id == i for p in rows))
    mine = [p for p in rows if p.item_id == item]
    assert len(mine) >= 2
    first, second = mine[0], mine[1]
    edit_row(
        c.store,
        first.row_id or 0,
        None,
        user=c.supervisor,
        measure="修订文书模板",
        responsible_unit="第一师/法规科",
        deadline=dt.date(2027, 1, 15),
    )
    edit_row(c.store, second.row_id or 0, None, user=c.supervisor, measure="组织培训", deadline=dt.date(2027, 3, 1))
    set_status(c.store, {second.row_id or 0: None}, status="已整改待复核", user=c.supervisor, progress="已培训")
    (path,) = write(c, ReportKind.PROBLEMS, "xlsx", tmp_path / "problems.xlsx", mask=True, issued=TODAY)
    ws = load_workbook(path).active
    head = [cell.value for cell in ws[1]]
    got = {r[head.index("评查项目编号")]: r for r in ws.iter_rows(min_row=2, values_only=True)}[item]
    assert got[head.index("整改措施")] == "修订文书模板；组织培训"
    # 责任单位: the ledger's where set, else the unit reviewed
    expected_units = sorted({"第一师/法规科"} | {p.unit_path for p in mine[1:]})
    assert got[head.index("责任单位")] == "、".join(expected_units)
    # 时限: the latest deadline of the rows still open (the second is done and waits for 复核)
    open_deadlines = [dt.date(2027, 1, 15)] + [p.deadline for p in mine[2:] if p.deadline]
    assert got[head.index("时限")] == dt.datetime.combine(max(open_deadlines), dt.time())


def test_cli_works_a_row_to_closure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from app.cli import main
    from tests.e2e.test_reports_campaign import CAMPAIGN

    c = make_campaign(tmp_path / "db.sqlite", files=2)
    monkeypatch.setenv("CASEREVIEW_USER", c.supervisor.name)
    rid = str(list_problems(c.store, c.campaign_id, today=TODAY)[0].row_id)
    base = ["--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "ledger", "--campaign", CAMPAIGN, "--format", "json"]

    def run(*args: str) -> dict[str, object]:
        capsys.readouterr()
        assert main([*base, *args]) == 0, capsys.readouterr().err
        return dict(json.loads(capsys.readouterr().out))

    row = run("--edit", rid, "--measure", "补齐目录", "--responsible-person", "王科长", "--row-deadline", "2027-01-31")
    assert (row["measure"], row["responsible_person"], row["deadline"]) == ("补齐目录", "王科长", "2027-01-31")
    proof = tmp_path / "目录.pdf"
    proof.write_bytes(b"%PDF-1.4 toc")
    assert run("--attach", rid, str(proof))["evidence"] == [
        f"目录.pdf（{hashlib.sha256(b'%PDF-1.4 toc').hexdigest()[:12]}）"
    ]
    assert (
        run("--set-status", rid, "已整改待复核", "--progress", "已补齐", "--completed-on", "2026-12-10")["status"]
        == "已整改待复核"
    )
    capsys.readouterr()
    assert main([*base, "--set-status", rid, "已销号"]) == 2  # no 复核人
    assert "复核人" in capsys.readouterr().err
    row = run("--set-status", rid, "已销号", "--checker", "李复核", "--closed-on", "2026-12-12")
    assert (row["status"], row["checker"], row["closed_on"], row["completed_on"]) == (
        "已销号",
        "李复核",
        "2026-12-12",
        "2026-12-10",
    )
    assert main([*base, "--measure", "x"]) == 2  # an edit option without --edit
