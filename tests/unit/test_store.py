"""Store basics on SQLite and PostgreSQL: schema and migration, originals, search, audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.errors import KnownError
from app.services import (
    Store,
    UserDTO,
    current_user,
    ensure_agency,
    ensure_user,
    get_campaign,
    get_dossier,
    import_paths,
    list_campaigns,
    list_dossiers,
    open_store,
    original_bytes,
    search_text,
    verify_audit_chain,
)
from app.services.dto import CampaignDTO
from app.store.migrate import current_revision, head_revision, script_head, upgrade
from app.store.models import AuditEvent, FileChunk
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]  # fixtures re-exported for pytest


def test_open_store_migrates_to_head(store: Store) -> None:
    assert current_revision(store.engine) == head_revision() == script_head() == "0015"
    assert upgrade(store.engine, store.url) is None  # already at head: nothing to do, no backup


def test_sqlite_pragmas(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with s.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
    s.dispose()


def _downgrade(store: Store, revision: str) -> None:
    from alembic import command

    from app.store.migrate import _config

    cfg = _config()
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection if store.is_sqlite else None
        if raw is not None:  # batch mode rebuilds tables others reference (as app.store.migrate.upgrade does)
            raw.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def test_upgrade_keeps_data_and_backs_up_sqlite(db_url: str, tmp_path: Path) -> None:
    s = open_store(db_url)
    ensure_user(s, "李四", role="admin")
    _downgrade(s, "0001")  # the file as an older version left it
    assert current_revision(s.engine) == "0001"
    s.dispose()
    s = open_store(db_url)  # migrates at start-up
    assert current_revision(s.engine) == head_revision()
    assert ensure_user(s, "李四").role == "admin"
    if db_url.startswith("sqlite"):
        backups = sorted(tmp_path.glob("store.db.0001.*.bak"))
        assert len(backups) == 1
        assert backups[0].stat().st_size > 0
    s.dispose()


def test_users_and_agency_tree(store: Store) -> None:
    user = ensure_user(store, "王五", role="supervisor")
    assert ensure_user(store, "王五").role == "supervisor"  # an existing user keeps their role
    dept = ensure_agency(store, "第一师/市场监督管理局")
    assert dept.path == "第一师/市场监督管理局"
    again = ensure_agency(store, "市场监督管理局", parent="第一师")
    assert again.id == dept.id
    with pytest.raises(KnownError, match="未知角色"):
        ensure_user(store, "x", role="boss")
    assert user.name == "王五"
    assert current_user(store).role == "reviewer"


def test_campaign_records_rubric_version(store: Store, campaign: CampaignDTO) -> None:
    from scoring.rubric import load_rubric

    rubric = load_rubric("penalty")
    got = get_campaign(store, "2024年度行政处罚案卷评查")
    assert (got.rubric_id, got.rubric_version, got.year) == ("penalty", rubric.version, 2024)
    assert [c.name for c in list_campaigns(store)] == ["2024年度行政处罚案卷评查"]
    with pytest.raises(KnownError, match="不存在"):
        get_campaign(store, "没有这个活动")


def _import_two(store: Store, tmp_path: Path, campaign: CampaignDTO, user: UserDTO) -> list[int]:
    a = make_pdf(tmp_path / "甲.pdf", ["行政处罚决定书\n当事人：乌鲁木齐市天山区某某商行", "送达回证\n受送达人签收"])
    b = make_pdf(tmp_path / "乙.pdf", dossier_pages(3, tag="乙"))
    report = import_paths(store, [a, b], campaign=campaign, agency="第一师/公安局", user=user, workers=0)
    assert [f.file for f in report.imported] == ["甲.pdf", "乙.pdf"]
    return [f.dossier_id for f in report.imported]


def test_import_list_and_detail(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> None:
    first, second = _import_two(store, tmp_path, campaign, reviewer)
    rows = list_dossiers(store, campaign.id)
    assert [(r.file_name, r.pages, r.status, r.agency) for r in rows] == [
        ("甲.pdf", 2, None, "第一师/公安局"), ("乙.pdf", 3, None, "第一师/公安局")]  # no review yet
    assert [r.id for r in list_dossiers(store, campaign.id, agency="第一师")] == [first, second]
    assert list_dossiers(store, campaign.id, agency="第二师") == []
    assert [r.id for r in list_dossiers(store, campaign.id, text="乙")] == [second]
    detail = get_dossier(store, first)
    assert detail.pages == 2
    assert [p.number for p in detail.page_texts] == [1, 2]
    assert "行政处罚决定书" in detail.page_texts[0].text
    assert detail.extraction["contract"] == 1
    assert detail.extraction["pages"] == 2
    assert original_bytes(store, first) == (tmp_path / "甲.pdf").read_bytes()


def test_original_bytes_checked_against_sha(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                            reviewer: UserDTO) -> None:
    first, _ = _import_two(store, tmp_path, campaign, reviewer)
    with store.write() as session:
        session.execute(update(FileChunk).values(data=b"%PDF-tampered"))
    with pytest.raises(KnownError, match="SHA-256 不符"):
        original_bytes(store, first)


@pytest.mark.parametrize(("query", "expected"), [
    ("天山区某某商行", [(1, 1)]),  # 3+ characters: the trigram index (SQLite) / pg_trgm
    ("送达", [(1, 2)]),  # 2 characters: LIKE fallback, same answer
    ("当事人 乙号", [(2, 1), (2, 2), (2, 3)]),  # every word must be on the page
    ("找不到的词语", []),
])
def test_full_text_search(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO,
                          query: str, expected: list[tuple[int, int]]) -> None:
    ids = _import_two(store, tmp_path, campaign, reviewer)
    hits = search_text(store, query, campaign_id=campaign.id)
    assert [(ids.index(h.dossier_id) + 1, h.page) for h in hits] == expected
    for hit in hits:
        assert all(word in hit.snippet for word in hit.matched)
        assert len(hit.matched) == len(query.split())


def test_search_escapes_like_wildcards(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                       reviewer: UserDTO) -> None:
    _import_two(store, tmp_path, campaign, reviewer)
    assert search_text(store, "%") == []
    assert search_text(store, "_") == []


def test_audit_chain_verifies_and_detects_tampering(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                                    reviewer: UserDTO) -> None:
    _import_two(store, tmp_path, campaign, reviewer)
    check = verify_audit_chain(store)
    # the reviewer's account (and its row image), the campaign, two imports
    assert (check.ok, check.events, check.first_broken) == (True, 5, None)
    with store.write() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 2).values(user_name="别人"))
    check = verify_audit_chain(store)
    assert (check.ok, check.first_broken) == (False, 2)
    assert "被改动" in check.message


def test_audit_chain_detects_deleted_event(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                           reviewer: UserDTO) -> None:
    _import_two(store, tmp_path, campaign, reviewer)
    with store.write() as session:
        session.execute(AuditEvent.__table__.delete().where(AuditEvent.id == 3))
        assert session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all() == [1, 2, 4, 5]
    check = verify_audit_chain(store)
    assert (check.ok, check.first_broken) == (False, 3)
    assert "缺失" in check.message


def test_unreachable_database_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="无法"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_pages_are_streamed_not_held(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> None:
    """2,000 distinct pages (≈8 MB of str) go in with a small Python-heap peak: rows are never all in memory."""
    import tracemalloc
    from collections.abc import Iterator
    from typing import Any

    from app.store.persist import NewDossier, write_dossier
    from scoring.types import Score

    pdf = make_pdf(tmp_path / "big.pdf", ["封面"])
    from app.store.blobs import sha256_path

    body = "行政处罚案卷第二千页的文字内容。" * 125  # 2,000 characters (4 KB as str) per page

    def batches() -> Iterator[list[dict[str, Any]]]:
        for start in range(0, 2000, 200):
            yield [{"number": n + 1, "text": f"第{n + 1}页" + body, "ocr": False} for n in range(start, start + 200)]

    new = NewDossier(campaign_id=campaign.id, agency_id=None, importer_id=reviewer.id, file_name="big.pdf",
                     path=pdf, sha256=sha256_path(pdf), format="pdf", pages=2000,
                     contract={"contract": 1, "pages": 2000, "fields": {}, "documents": []}, documents=(),
                     findings=(), score=Score(100.0, 100.0, "优秀", False), rubric_id="penalty",
                     rubric_version="x")
    tracemalloc.start()
    with store.write() as session:
        dossier_id = write_dossier(session, new, batches())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 3 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"  # all pages at once would be > 8 MB
    assert get_dossier(store, dossier_id).page_texts[1999].number == 2000


def test_unwritable_sqlite_location_is_a_known_error() -> None:
    with pytest.raises(KnownError, match="无法创建数据库所在的文件夹"):
        open_store("sqlite:////proc/no-such-dir/x.db")
    with pytest.raises(KnownError, match="无法打开数据库"):
        open_store("/proc/x.db")
