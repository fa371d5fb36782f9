"""Issue 10 point 7 (SQLite): changes made outside the program are found by `db verify`.

Rows edited, added or deleted with plain sqlite3 are reported one by one (table, row, field, expected,
found); a total that no longer follows from its item scores is reported; cutting the tail of the audit
log and setting the head back is caught by the head kept outside the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.services import create_campaign, ensure_agency, ensure_user, list_reviews, open_store, set_role
from app.services.integrity import VerifyReport, verify_store
from app.services.ledger import sync_ledger
from app.store.engine import Store
from tests.e2e.test_reports_campaign import _insert_dossier, review_as_planned

PLAN = {"archiving.toc": 1.0, "procedure.filing": 3.0}


@dataclass
class Desk:
    store: Store
    path: Path
    review_id: int


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    path = tmp_path / "desk.db"
    store = open_store(f"sqlite:///{path}")
    sup = ensure_user(store, "督查组长", role="admin")
    reviewer = ensure_user(store, "评查员甲", by=sup)
    unit = ensure_agency(store, "第一师/市场监管局")
    campaign = create_campaign(store, "活动", year=2024, rubric_id="penalty", user=sup)
    did, _, _ = _insert_dossier(store, campaign.id, unit.id, 0, finding=True)
    review_as_planned(store, did, reviewer, PLAN, 1)
    sync_ledger(store, campaign.id, user=sup)
    set_role(store, "评查员甲", "supervisor", by=sup)
    set_role(store, "评查员甲", "reviewer", by=sup)
    (review,) = list_reviews(store, did)
    report = verify_store(store)
    assert report.ok, report.lines()
    return Desk(store, path, review.id)


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as db:  # another program: none of casereview's connections or triggers
        for statement in statements:
            db.execute(statement)
    db.close()


def _found(report: VerifyReport) -> set[tuple[str, str, object, object]]:
    return {(d.table, d.field, d.expected, d.found) for d in report.differences}


def test_edited_total_reported_with_expected_and_found(desk: Desk) -> None:
    _sql(desk.path, f"UPDATE review SET total = 99, grade = '优秀' WHERE id = {desk.review_id}")
    report = verify_store(desk.store)
    assert not report.ok
    assert ("review", "total", 96.0, 99.0) in _found(report)
    assert not any(d.field == "grade" for d in report.differences)  # 96 and 99 are both 优秀: unchanged
    assert any(f"评查 {desk.review_id}" in s and "应为 96 分" in s and "记录为 99 分" in s for s in report.scores)
    assert all(d.row == desk.review_id for d in report.differences if d.table == "review")


def test_edited_item_score_role_and_ledger_rows(desk: Desk) -> None:
    _sql(desk.path, "UPDATE item_score SET deducted = 0 WHERE item = 'procedure.filing'",
         "UPDATE app_user SET role = 'admin' WHERE name = '评查员甲'",
         "UPDATE correction SET status = '已整改', note = '已整改完毕' WHERE item = 'archiving.toc'")
    found = _found(verify_store(desk.store))
    assert ("item_score", "deducted", 3.0, 0.0) in found
    assert ("app_user", "role", "reviewer", "admin") in found
    assert ("correction", "status", "待整改", "已整改") in found
    assert ("correction", "note", "", "已整改完毕") in found


def test_rows_added_and_deleted_outside(desk: Desk) -> None:
    _sql(desk.path, "DELETE FROM item_score WHERE item = 'archiving.toc'",
         "INSERT INTO app_user (name, role, created_at) VALUES ('冒名者', 'admin', '2026-12-03 00:00:00')")
    report = verify_store(desk.store)
    whole = [d for d in report.differences if d.field == ""]
    assert {(d.table, d.expected is None, d.found is None) for d in whole} == {("item_score", False, True),
                                                                                ("app_user", True, False)}
    assert any("在程序之外被删除" in line for line in report.lines())
    assert any("在程序之外被加入" in line for line in report.lines())


def test_truncated_tail_with_head_moved_back(desk: Desk) -> None:
    with sqlite3.connect(desk.path) as db:
        last = db.execute("SELECT max(id) FROM audit_event").fetchone()[0]
        keep = last - 3
        prev = db.execute("SELECT hash FROM audit_event WHERE id = ?", (keep,)).fetchone()[0]
        db.execute("DELETE FROM audit_event WHERE id > ?", (keep,))
        db.execute("UPDATE audit_head SET last_id = ?, hash = ?", (keep, prev))
    db.close()
    report = verify_store(desk.store)
    assert report.chain.ok  # the shortened chain is consistent in itself
    assert report.anchor is not None
    assert not report.anchor.ok
    assert f"本机记录到第 {last} 号事件" in report.anchor.message
    assert f"数据库只到第 {keep} 号" in report.anchor.message
    assert not report.ok


def test_edited_audit_event_breaks_the_chain(desk: Desk) -> None:
    _sql(desk.path, "UPDATE audit_event SET user_name = '别人' WHERE id = 3")
    report = verify_store(desk.store)
    assert not report.chain.ok
    assert report.chain.first_broken == 3


def test_cli_reports_each_difference_and_fails(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(desk.path), "db", "verify"]) == 0
    capsys.readouterr()
    _sql(desk.path, f"UPDATE review SET total = 12.5 WHERE id = {desk.review_id}",
         "UPDATE app_user SET role = 'admin' WHERE name = '评查员甲'")
    assert main(["--db", str(desk.path), "db", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"表 review 第 {desk.review_id} 行 total：按审计日志应为 96.0，实为 12.5" in out
    assert "表 app_user 第 2 行 role：按审计日志应为 reviewer，实为 admin" in out
    assert "校验未通过" in out


def test_program_writes_from_another_process_keep_the_anchor(desk: Desk, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CASEREVIEW_USER", "督查组长")
    assert main(["--db", str(desk.path), "user", "add", "评查员乙"]) == 0
    report = verify_store(desk.store)
    assert report.ok, report.lines()
    assert report.anchor is not None
    assert report.anchor.known


def test_re_anchor_after_a_deliberate_restore(desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "备份.db"
    assert main(["--db", str(desk.path), "db", "backup", str(backup)]) == 0
    ensure_user(desk.store, "评查员丙")  # the live database moves on
    desk.store.dispose()
    backup.replace(desk.path)  # the backup put back
    assert main(["--db", str(desk.path), "db", "verify"]) == 1
    assert "截断" in capsys.readouterr().out
    assert main(["--db", str(desk.path), "db", "verify", "--re-anchor"]) == 0
    assert main(["--db", str(desk.path), "db", "verify"]) == 0


def test_a_column_added_by_a_later_migration_is_no_false_alarm(desk: Desk) -> None:
    _sql(desk.path, "ALTER TABLE correction ADD COLUMN later_note TEXT DEFAULT '补正目录'")
    desk.store.dispose()  # new connections: their triggers know the new column
    store = open_store(f"sqlite:///{desk.path}")
    assert verify_store(store).ok, verify_store(store).lines()
    _sql(desk.path, "UPDATE correction SET status = '已整改'")
    assert ("correction", "status", "待整改", "已整改") in _found(verify_store(store))
    store.dispose()
