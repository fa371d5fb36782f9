"""Issue 10 point 7 (PostgreSQL): one login per person, privileges per group, row-level security, and an
audit trail the database writes itself. Real logins on the throwaway cluster, no SET ROLE."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.errors import KnownError
from app.services import (
    UserDTO,
    create_campaign,
    current_user,
    ensure_agency,
    get_review,
    list_events,
    open_review,
    open_store,
    save_item_score,
    submit_review,
)
from app.services.integrity import verify_store
from app.services.ledger import sync_ledger
from app.store.engine import Store
from tests.e2e.test_reports_campaign import _insert_dossier
from tests.plugins.pg import create_database

pytestmark = pytest.mark.pg


def login_url(db_url: str, login: str, password: str | None = None) -> str:
    """The same database, logged in as ``login`` (the fixtures' URLs log in as the superuser `test`)."""
    auth = quote(login, safe="") + (f":{quote(password, safe='')}" if password else "")
    return db_url.replace("://test@", f"://{auth}@", 1)


@dataclass
class Team:
    owner: Store
    url: str
    logins: dict[str, str]  # person -> login
    stores: dict[str, Store]
    users: dict[str, UserDTO]
    other_unit_dossier: int  # in 第二师/市场监管局
    own_unit_dossier: int  # in 第一师/司法局, 评查员甲's own unit
    review_a: int  # 甲's review of other_unit_dossier
    review_b: int  # 乙's review of the same

    def cli(self, person: str, *args: str) -> int:
        return main(["--db", login_url(self.url, self.logins[person]), *args])


def _raw(store: Store, sql: str, **params: object) -> int:
    with store.write() as session:
        return int(session.execute(text(sql), params).rowcount or 0)  # type: ignore[attr-defined]


@pytest.fixture
def team(pg_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Team]:
    url = create_database(pg_server)
    owner = open_store(url)  # the schema owner runs the migration (db upgrade)
    tag = uuid.uuid4().hex[:6]
    logins = {p: f"{p}_{tag}" for p in ("admin", "sup", "rev_a", "rev_b")}
    monkeypatch.setenv("CASEREVIEW_USER", "系统维护")  # the owner's maintenance identity: the first user, admin
    assert main(["--db", url, "user", "add", "王管理", "--role", "admin", "--login", logins["admin"],
                 "--no-password"]) == 0
    team = Team(owner, url, logins, {}, {}, 0, 0, 0, 0)
    for name, person, role, unit in (
        ("组长", "sup", "supervisor", None),
        ("评查员甲", "rev_a", "reviewer", "第一师/司法局"),
        ("评查员乙", "rev_b", "reviewer", "第三师/司法局"),
    ):
        args = ["user", "add", name, "--role", role, "--login", logins[person], "--no-password"]
        assert team.cli("admin", *args, *(["--agency", unit] if unit else [])) == 0, capsys.readouterr().err
    for person, login in logins.items():
        team.stores[person] = open_store(login_url(url, login))
        team.users[person] = current_user(team.stores[person])
    sup_store, sup = team.stores["sup"], team.users["sup"]
    campaign = create_campaign(sup_store, "团队评查", year=2024, rubric_id="penalty", user=sup)
    other = ensure_agency(sup_store, "第二师/市场监管局")
    own = ensure_agency(sup_store, "第一师/司法局")
    team.other_unit_dossier = _insert_dossier(sup_store, campaign.id, other.id, 0, finding=False)[0]
    team.own_unit_dossier = _insert_dossier(sup_store, campaign.id, own.id, 1, finding=False)[0]
    for person, attr in (("rev_a", "review_a"), ("rev_b", "review_b")):
        store, user = team.stores[person], team.users[person]
        review = open_review(store, team.other_unit_dossier, reviewer=user)
        review = save_item_score(
            store,
            review.id,
            "archiving.toc",
            deducted=1.0,
            reason=f"{user.name}：目录不全",
            user=user,
            expected_version=review.version,
        )
        setattr(team, attr, review.id)
    review = open_review(sup_store, team.own_unit_dossier, reviewer=sup)
    review = save_item_score(
        sup_store,
        review.id,
        "procedure.filing",
        deducted=3.0,
        reason="立案超期",
        user=sup,
        expected_version=review.version,
    )
    submit_review(sup_store, review.id, user=sup, expected_version=review.version)
    a = get_review(team.stores["rev_a"], team.review_a)
    submit_review(team.stores["rev_a"], a.id, user=team.users["rev_a"], expected_version=a.version)
    sync_ledger(sup_store, campaign.id, user=sup)
    capsys.readouterr()
    yield team
    for store in team.stores.values():
        store.dispose()
    owner.dispose()


def test_each_person_is_their_login(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_USER", "王管理")  # claiming to be the admin changes nothing
    me = current_user(team.stores["rev_a"])
    assert (me.name, me.role) == ("评查员甲", "reviewer")
    events = [e for e in list_events(team.owner, entity="review", entity_id=team.review_a) if e.action != "rows"]
    assert {e.user for e in events} == {"评查员甲"}
    with team.owner.session() as session:
        logins = set(
            session.scalars(
                text("SELECT DISTINCT db_user FROM audit_event WHERE entity_id = :r AND entity = 'review'"),
                {"r": team.review_a},
            )
        )
    assert logins == {team.logins["rev_a"]}


def test_reviewer_cannot_update_another_reviewers_review(team: Team) -> None:
    rev_a = team.stores["rev_a"]
    before = get_review(team.owner, team.review_b)
    assert _raw(rev_a, "UPDATE review SET total = 1 WHERE id = :r", r=team.review_b) == 0
    assert _raw(rev_a, "UPDATE item_score SET deducted = 0 WHERE review_id = :r", r=team.review_b) == 0
    assert _raw(rev_a, "DELETE FROM item_score WHERE review_id = :r", r=team.review_b) == 0
    with pytest.raises(DBAPIError, match="row-level security"):
        _raw(
            rev_a,
            "INSERT INTO item_score (review_id, item, deducted, reason, pages, updated_at) "
            "VALUES (:r, 'evidence.chain', 3, '冒名', '[]', now())",
            r=team.review_b,
        )
    with pytest.raises(KnownError, match="属于其他评查人员"):
        save_item_score(
            rev_a,
            team.review_b,
            "evidence.chain",
            deducted=3.0,
            reason="冒名",
            user=team.users["rev_a"],
            expected_version=before.version,
        )
    after = get_review(team.owner, team.review_b)
    assert (after.total, after.version, after.item("archiving.toc").deducted) == (before.total, before.version, 1.0)
    assert _raw(rev_a, "UPDATE review SET total = 2 WHERE id = :r", r=team.review_a) == 0  # own, but submitted


FORBIDDEN_TO_A_REVIEWER = (
    "UPDATE audit_event SET user_name = '别人'",
    "DELETE FROM audit_event",
    "INSERT INTO audit_event (id, at, user_name, action, entity, reason, prev_hash, hash, scheme) "
    "VALUES (999999, now(), 'x', 'x', 'x', '', 'x', 'x', 1)",
    "UPDATE audit_head SET last_id = 1",
    "TRUNCATE audit_event",
    "UPDATE app_user SET role = 'admin'",
    "INSERT INTO app_user (name, role, created_at) VALUES ('冒名者', 'admin', now())",
    "SELECT casereview_create_login('evil_login', NULL, 'casereview_admin')",
    "SELECT casereview_set_group(session_user, 'casereview_admin')",
    "GRANT casereview_admin TO CURRENT_USER",
    "SELECT casereview_append('rows', 'review', NULL, NULL, '[]', '', NULL)",
    "ALTER TABLE review DISABLE TRIGGER ALL",
    "INSERT INTO dossier (campaign_id, file_name, sha256, format, pages, case_kind, extraction, rubric_id, "
    "rubric_version, auto_veto, warnings, imported_at) VALUES (1, 'x', 'x', 'pdf', 1, 'penalty', '{}', 'p', 'v', "
    "false, '[]', now())",
    "SELECT casereview_append('item_score.save', 'review', 1, NULL, NULL, '', '王管理')",
)


def test_reviewer_cannot_touch_audit_accounts_or_schema(team: Team) -> None:
    refused = []
    for sql in FORBIDDEN_TO_A_REVIEWER[:-1]:
        with pytest.raises(DBAPIError) as info:
            _raw(team.stores["rev_a"], sql)
        assert isinstance(info.value.orig, psycopg.errors.InsufficientPrivilege), (sql, info.value)
        refused.append(sql)
    assert len(refused) == len(FORBIDDEN_TO_A_REVIEWER) - 1
    # The program's own append is allowed, but names the login's person, not the name it is given
    _raw(team.stores["rev_a"], FORBIDDEN_TO_A_REVIEWER[-1])
    (last,) = list_events(team.owner, limit=1)
    assert (last.action, last.user) == ("item_score.save", "评查员甲")


def test_reviewer_touches_only_their_own_units_ledger(team: Team) -> None:
    rev_a = team.stores["rev_a"]
    with team.owner.session() as session:
        units = dict(session.execute(text("SELECT dossier_id, count(*) FROM correction GROUP BY dossier_id")).all())
    assert units.get(team.own_unit_dossier, 0) >= 1
    assert _raw(rev_a, "UPDATE correction SET note = '甲改' WHERE dossier_id = :d", d=team.other_unit_dossier) == 0
    assert (
        _raw(rev_a, "UPDATE correction SET note = '已核实' WHERE dossier_id = :d", d=team.own_unit_dossier)
        == units[team.own_unit_dossier]
    )


def test_only_an_admin_changes_roles(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    assert team.cli("rev_a", "user", "role", "评查员甲", "admin") == 1
    assert "无权" in capsys.readouterr().err
    assert team.cli("sup", "user", "role", "组长", "admin") == 1
    assert team.cli("sup", "user", "add", "评查员丙", "--login", f"rev_c_{uuid.uuid4().hex[:6]}", "--no-password") == 0
    assert team.cli("admin", "user", "role", "评查员乙", "supervisor") == 0
    with team.owner.session() as session:
        assert (
            session.scalar(text("SELECT casereview_person(:l)"), {"l": team.logins["rev_b"]}) == "casereview_supervisor"
        )
    assert current_user(open_store(login_url(team.url, team.logins["rev_b"]))).role == "supervisor"


def test_supervisors_direct_update_is_recorded_and_flagged(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify_store(team.owner).ok, verify_store(team.owner).lines()
    assert _raw(team.stores["sup"], "UPDATE review SET total = 40 WHERE id = :r", r=team.review_a) == 1
    with team.owner.session() as session:
        row = session.execute(
            text(
                "SELECT user_name, db_user, before -> 0 ->> 'total', after -> 0 -> 'row' ->> 'total' FROM audit_event "
                "WHERE action = 'rows' AND entity = 'review' ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert tuple(row) == ("组长", team.logins["sup"], "99", "40")
    report = verify_store(team.owner)
    assert not report.ok
    (change,) = [d for d in report.direct if d.table == "review"]
    assert (change.row, change.login) == (team.review_a, team.logins["sup"])
    assert ("total", 99, 40) in change.changes
    assert any(f"评查 {team.review_a}" in s and "记录为 40 分" in s for s in report.scores)
    assert team.cli("sup", "db", "verify") == 1
    out = capsys.readouterr().out
    assert "直接 SQL 修改（未经本程序）：表 review" in out
    assert team.logins["sup"] in out


def test_unregistered_login_is_refused(team: Team) -> None:
    stranger = f"stranger_{uuid.uuid4().hex[:6]}"
    with team.owner.write() as session:
        session.execute(text(f'CREATE ROLE "{stranger}" LOGIN IN ROLE casereview_reviewer'))
    with pytest.raises(KnownError, match="尚未在评查系统中登记"):
        current_user(open_store(login_url(team.url, stranger)))


def test_password_is_checked_by_the_server(
    pg_password_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = create_database(pg_password_server)
    login = f"zhang_{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("CASEREVIEW_USER", "系统维护")
    monkeypatch.setattr("sys.stdin", io.StringIO("正确的密码-2026\n"))
    assert main(["--db", url, "user", "add", "张三", "--role", "supervisor", "--login", login, "--password-stdin"]) == 0
    me = current_user(open_store(login_url(url, login, "正确的密码-2026")))
    assert (me.name, me.role) == ("张三", "supervisor")
    capsys.readouterr()
    assert main(["--db", login_url(url, login, "错误的密码"), "db", "info"]) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    owner = open_store(url)
    with owner.session() as session:
        stored = session.scalar(text("SELECT rolpassword FROM pg_authid WHERE rolname = :l"), {"l": login})
    assert str(stored).startswith("SCRAM-SHA-256$")  # hashed on the client: never sent in clear
    owner.dispose()


def test_a_campaigns_work_under_person_logins_leaves_verify_clean(team: Team, tmp_path: object) -> None:
    """Import, sampling, two blind reviews, 定稿, the ledger and statistics, each by the person whose job it
    is, through their own login: nothing refused, nothing flagged as direct SQL, every total as scored."""
    from pathlib import Path

    from app.services import import_paths, list_dossiers, list_reviews
    from app.services.reconcile import Side, compare, finalise, settle
    from app.services.sampling import DrawRequest, save_draw
    from app.stats import campaign_stats
    from tests.unit.test_store_support import make_pdf

    sup_store, sup = team.stores["sup"], team.users["sup"]
    folder = Path(str(tmp_path))
    pdf = make_pdf(folder / "团队案卷.pdf", ["行政处罚决定书\n当事人：某某商贸有限公司", "送达回证"])
    campaign = create_campaign(sup_store, "团队评查二", year=2024, rubric_id="penalty", user=sup)
    report = import_paths(sup_store, [pdf], campaign=campaign, agency="第四师/交通运输局", user=sup, workers=0)
    (imported,) = report.imported
    save_draw(sup_store, DrawRequest(campaign.id, ("评查员甲", "评查员乙"), seed=7, count=1, per_file=2), user=sup)
    for person in ("rev_a", "rev_b"):
        store, user = team.stores[person], team.users[person]
        rows = {r.id: r for r in list_dossiers(store, campaign.id, viewer=user)}
        other = "评查员乙" if person == "rev_a" else "评查员甲"
        assert other not in rows[imported.dossier_id].reviewers
        review = open_review(store, imported.dossier_id, reviewer=user)
        for item in review.items:
            if item.deducted:
                review = save_item_score(
                    store,
                    review.id,
                    item.item,
                    deducted=item.deducted,
                    reason="核实属实",
                    user=user,
                    expected_version=review.version,
                )
        if person == "rev_b":
            review = save_item_score(
                store,
                review.id,
                "archiving.toc",
                deducted=2.0,
                reason="目录缺页码",
                user=user,
                expected_version=review.version,
            )
        submit_review(store, review.id, user=user, expected_version=review.version)
    rec = compare(sup_store, imported.dossier_id)
    final = finalise(sup_store, imported.dossier_id, user=sup, settled=settle(rec, {}, take=Side.B)).review
    assert final.status == "final"
    assert {
        r.reviewer for r in list_reviews(team.stores["rev_a"], imported.dossier_id, viewer=team.users["rev_a"])
    } == {"评查员甲", "评查员乙", "组长"}
    sync_ledger(team.stores["rev_a"], campaign.id, user=team.users["rev_a"])  # a reviewer's dashboard: no write
    sync_ledger(sup_store, campaign.id, user=sup)
    assert campaign_stats(team.stores["rev_a"], campaign.id).reviewed >= 1
    report = verify_store(team.owner)
    assert report.ok, report.lines()
    assert verify_store(team.stores["rev_a"]).ok  # any person may run the check
