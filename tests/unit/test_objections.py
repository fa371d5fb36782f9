"""异议 (issue 14.6, 15.3): an agency's objection to one item of a final review, with attachments kept by
SHA-256, answered by a supervisor; an upheld change rescoring the final review through the score service
(row version, audit event, ledger). Expected figures are computed here from the campaign's plan."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import psycopg
import pytest

from app.errors import ConflictError, ErrorCode, KnownError
from app.services import list_events, list_reviews
from app.services.integrity import verify_store
from app.services.ledger import list_problems
from app.services.objections import (
    Outcome,
    add_objection,
    answer_objection,
    attachment_bytes,
    list_objections,
    objection_stats,
)
from app.services.reconcile import finalise
from tests.e2e.test_reports_campaign import Campaign, make_campaign

ITEM = "law.discretion"  # PATTERNS[3] deducts 4 points here; with evidence.chain 3 and legal_review 4: 89


def _final_campaign(db: str) -> Campaign:
    c = make_campaign(db, files=4)
    for p in c.plans:
        finalise(c.store, p.dossier_id, settled={}, user=c.supervisor)
    return c


@pytest.fixture
def camp(db_url: str) -> Campaign:
    return _final_campaign(db_url)


def _attachment(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_upheld_objection_rescores_the_final_review_audited(camp: Campaign, tmp_path: Path) -> None:
    plan = camp.plans[3]
    expected_before = round(100.0 - sum(plan.deductions.values()), 2)
    expected_after = round(expected_before + plan.deductions[ITEM] - 1.0, 2)
    (before,) = list_reviews(camp.store, plan.dossier_id)
    assert (before.total, before.status) == (expected_before, "final")
    data = "陈述申辩材料：已考虑从轻情节".encode() * 50
    obj = add_objection(
        camp.store,
        plan.dossier_id,
        ITEM,
        reason="裁量已说明从轻理由，见附件第2页",
        raised_by=plan.unit,
        attachments=[_attachment(tmp_path, "异议书.pdf", data)],
        user=camp.supervisor,
    )
    assert (obj.status, obj.deducted_before, obj.unit, obj.item) == (
        Outcome.PENDING,
        plan.deductions[ITEM],
        plan.unit,
        ITEM,
    )
    (att,) = obj.files
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert att.size == len(data)
    assert attachment_bytes(camp.store, att.id) == ("异议书.pdf", data)

    done = answer_objection(
        camp.store,
        obj.id,
        upheld=True,
        answer="经复核，裁量理由已说明，改扣 1 分",
        deducted=1.0,
        user=camp.supervisor,
        expected_version=obj.version,
    )
    assert (done.status, done.deducted_after, done.changed, done.answered_by) == (Outcome.UPHELD, 1.0, True, "督查组长")
    (after,) = list_reviews(camp.store, plan.dossier_id)
    assert after.total == expected_after
    assert after.item(ITEM).deducted == 1.0
    assert after.grade == ("优秀" if expected_after >= 90 else "良好")
    assert after.version > before.version  # the row version moved on: a stale editor gets a conflict
    (amend,) = [e for e in list_events(camp.store, entity="review", entity_id=after.id) if e.action == "review.amend"]
    assert (amend.before["total"], amend.after["total"], amend.user) == (expected_before, expected_after, "督查组长")
    ledger = {
        p.item_id: p.deducted for p in list_problems(camp.store, camp.campaign_id) if p.dossier_id == plan.dossier_id
    }
    assert ledger[ITEM] == 1.0
    assert verify_store(camp.store).ok, verify_store(camp.store).lines()


def test_rejected_objection_keeps_the_score(camp: Campaign) -> None:
    plan = camp.plans[1]  # procedure.service_timely 3 + documents.templates 1
    obj = add_objection(
        camp.store, plan.dossier_id, "procedure.service_timely", reason="已按期送达", user=camp.supervisor
    )
    with pytest.raises(KnownError, match="异议不成立时不能改动扣分"):
        answer_objection(
            camp.store,
            obj.id,
            upheld=False,
            answer="送达回证显示超期",
            deducted=0.0,
            user=camp.supervisor,
            expected_version=obj.version,
        )
    done = answer_objection(
        camp.store,
        obj.id,
        upheld=False,
        answer="送达回证显示超期 5 日",
        user=camp.supervisor,
        expected_version=obj.version,
    )
    assert (done.status_label, done.deducted_after, done.changed) == ("异议不成立", None, False)
    (review,) = list_reviews(camp.store, plan.dossier_id)
    assert review.total == plan.total
    with pytest.raises(KnownError, match="已答复"):
        answer_objection(
            camp.store, obj.id, upheld=True, answer="再议", user=camp.supervisor, expected_version=done.version
        )


def test_stale_version_and_reviewer_are_refused(camp: Campaign) -> None:
    plan = camp.plans[2]
    reviewer = camp.reviewers["评查员甲"]
    with pytest.raises(KnownError) as forbidden:
        add_objection(camp.store, plan.dossier_id, "archiving.toc", reason="目录齐全", user=reviewer)
    assert forbidden.value.code == ErrorCode.FORBIDDEN
    obj = add_objection(camp.store, plan.dossier_id, "archiving.toc", reason="目录齐全", user=camp.supervisor)
    with pytest.raises(KnownError) as forbidden:
        answer_objection(
            camp.store, obj.id, upheld=True, answer="成立", deducted=0.0, user=reviewer, expected_version=obj.version
        )
    assert forbidden.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(ConflictError):
        answer_objection(
            camp.store, obj.id, upheld=True, answer="成立", user=camp.supervisor, expected_version=obj.version + 1
        )
    (review,) = list_reviews(camp.store, plan.dossier_id)
    assert review.total == plan.total


def test_bad_attachment_names_the_file_and_records_nothing(camp: Campaign, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="须写明理由"):  # 条例第三十条: 提出并说明理由
        add_objection(camp.store, camp.plans[1].dossier_id, "documents.templates", reason="  ", user=camp.supervisor)
    empty = _attachment(tmp_path, "空白.pdf", b"")
    with pytest.raises(KnownError) as err:
        add_objection(
            camp.store,
            camp.plans[1].dossier_id,
            "documents.templates",
            reason="文书规范",
            attachments=[empty],
            user=camp.supervisor,
        )
    assert err.value.file == str(empty)
    assert "空文件" in str(err.value)
    assert list_objections(camp.store, camp.campaign_id) == []


def test_objection_needs_a_final_review(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=2)
    with pytest.raises(KnownError, match="还没有定稿"):
        add_objection(c.store, c.plans[0].dossier_id, ITEM, reason="不服", user=c.supervisor)


def test_statistics_by_unit_and_item(camp: Campaign) -> None:
    plans = camp.plans
    a = add_objection(camp.store, plans[3].dossier_id, ITEM, reason="从轻", user=camp.supervisor)
    b = add_objection(camp.store, plans[1].dossier_id, "documents.templates", reason="格式无误", user=camp.supervisor)
    add_objection(camp.store, plans[2].dossier_id, "archiving.toc", reason="目录齐全", user=camp.supervisor)
    answer_objection(
        camp.store, a.id, upheld=True, answer="成立", deducted=0.0, user=camp.supervisor, expected_version=a.version
    )
    answer_objection(camp.store, b.id, upheld=False, answer="不成立", user=camp.supervisor, expected_version=b.version)
    stats = objection_stats(camp.store, camp.campaign_id)
    assert (stats.raised, stats.upheld, stats.rejected) == (3, 1, 1)
    units = {u.key: (u.raised, u.upheld, u.pending) for u in stats.by_unit}
    expected: dict[str, list[int]] = {}
    for plan, upheld, pending in ((plans[3], 1, 0), (plans[1], 0, 0), (plans[2], 0, 1)):
        got = expected.setdefault(plan.unit, [0, 0, 0])
        got[0] += 1
        got[1] += upheld
        got[2] += pending
    assert units == {k: tuple(v) for k, v in expected.items()}
    items = {i.key: (i.raised, i.upheld, i.changed) for i in stats.by_item}
    assert items == {ITEM: (1, 1, 1), "documents.templates": (1, 0, 0), "archiving.toc": (1, 0, 0)}


@pytest.mark.pg
def test_on_postgresql_a_reviewer_login_cannot_answer(pg_server: str, tmp_path: Path) -> None:
    from tests.plugins.pg import create_database

    url = create_database(pg_server)
    c = _final_campaign(url)
    obj = add_objection(c.store, c.plans[1].dossier_id, "documents.templates", reason="格式无误", user=c.supervisor)
    tag = uuid.uuid4().hex[:6]
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as owner:
        for login, group in ((f"rv_{tag}", "casereview_reviewer"), (f"sv_{tag}", "casereview_supervisor")):
            owner.execute(f'CREATE ROLE "{login}" LOGIN')
            owner.execute(f'GRANT {group} TO "{login}"')
    for login, allowed in ((f"rv_{tag}", False), (f"sv_{tag}", True)):
        with psycopg.connect(dsn.replace("://test@", f"://{login}@", 1)) as conn:
            assert conn.execute("SELECT count(*) FROM objection").fetchone() == (1,)  # everyone reads
            try:
                conn.execute("UPDATE objection SET status = 'upheld' WHERE id = %s", (obj.id,))
                conn.rollback()
                assert allowed, "a reviewer's login answered an objection"
            except psycopg.errors.InsufficientPrivilege:
                assert not allowed


def test_cli_add_answer_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from app.cli import main
    from tests.e2e.test_reports_campaign import CAMPAIGN

    c = _final_campaign(str(tmp_path / "db.sqlite"))
    db = ["--db", c.store.url]
    plan = c.plans[3]
    monkeypatch.setenv("CASEREVIEW_USER", "督查组长")
    letter = _attachment(tmp_path, "复核申请.docx", b"PK\x03\x04 objection letter")
    assert (
        main(
            [
                *db,
                "objection",
                "add",
                "--dossier",
                str(plan.dossier_id),
                "--item",
                ITEM,
                "--reason",
                "已说明从轻",
                "--attach",
                str(letter),
                "--format",
                "json",
            ]
        )
        == 0
    )
    added = json.loads(capsys.readouterr().out)
    assert (added["status"], added["raised_by"], added["files"][0]["sha256"]) == (
        "pending",
        plan.unit,
        hashlib.sha256(letter.read_bytes()).hexdigest(),
    )
    monkeypatch.setenv("CASEREVIEW_USER", "评查员甲")
    assert main([*db, "objection", "answer", str(added["id"]), "--upheld", "--text", "成立", "--deducted", "0"]) == 1
    assert "无权" in capsys.readouterr().err
    monkeypatch.setenv("CASEREVIEW_USER", "督查组长")
    assert (
        main([*db, "objection", "answer", str(added["id"]), "--upheld", "--text", "成立，不扣分", "--deducted", "0"])
        == 0
    )
    assert "异议成立" in capsys.readouterr().out
    saved = tmp_path / "saved"
    assert main([*db, "objection", "list", "--campaign", CAMPAIGN, "--save-attachments", str(saved)]) == 0
    out = capsys.readouterr().out
    assert (saved / f"异议{added['id']}_复核申请.docx").read_bytes() == letter.read_bytes()
    assert "已保存附件 1 件" in out
    assert "改扣 0 分" in out
    assert "共 1 件（成立 1，不成立 0，待答复 0）" in out
    (review,) = list_reviews(c.store, plan.dossier_id)
    assert review.total == round(plan.total + plan.deductions[ITEM], 2)
    assert main([*db, "stats", "--campaign", CAMPAIGN, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["objections"]["raised"], stats["objections"]["upheld"], stats["unreviewable"]) == (1, 1, 0)
    assert [(u["key"], u["raised"], u["upheld"]) for u in stats["objections"]["by_unit"]] == [(plan.unit, 1, 1)]
    assert main([*db, "stats", "--campaign", CAMPAIGN]) == 0
    assert "异议：提出 1 件，成立 1，不成立 0，待答复 0" in capsys.readouterr().out
