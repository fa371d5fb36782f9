"""Migration 0010 on a database the old code left behind (SQLite and PostgreSQL): two final reviews of one
file, duplicate ledger rows from a sync race, stored 逾期 — and the schema then matches the models."""

from __future__ import annotations

from sqlalchemy import text

from app.services import open_store
from app.store.migrate import current_revision
from app.store.models import Base
from tests.e2e.test_reports_campaign import make_campaign, review_as_planned
from tests.unit.test_store import _downgrade


def test_upgrade_keeps_the_later_final_and_merges_duplicate_rows(db_url: str) -> None:
    c = make_campaign(db_url, files=2)
    plan = c.plans[1]  # PATTERNS[1]: two deductions
    review_as_planned(c.store, plan.dossier_id, c.reviewers["评查员丙"], dict(plan.deductions), 9)
    _downgrade(c.store, "0003")
    with c.store.engine.begin() as conn:  # what the old races left: both reviews final, every row twice
        conn.execute(text("UPDATE review SET status = 'final' WHERE dossier_id = :d"), {"d": plan.dossier_id})
        conn.execute(text("INSERT INTO correction (campaign_id, dossier_id, item, description, pages, deducted, "
                          "status, deadline, note, updated_at) SELECT campaign_id, dossier_id, item, description, "
                          "pages, deducted, '已整改', deadline, note, updated_at FROM correction"))
        conn.execute(text("UPDATE correction SET status = '逾期' WHERE id = (SELECT min(id) FROM correction)"))
        before = conn.execute(text("SELECT count(*) FROM correction")).scalar_one()
    c.store.dispose()
    store = open_store(db_url)
    assert current_revision(store.engine) == "0010"
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(text("SELECT id, status FROM review WHERE dossier_id = :d ORDER BY id"),
                                     {"d": plan.dossier_id}).all())
        rows = conn.execute(text("SELECT dossier_id, item, status, version FROM correction")).all()
    first, second = sorted(statuses)
    assert (statuses[first], statuses[second]) == ("draft", "final")  # the later final is what reports used
    assert len(rows) == before // 2
    assert {(d, i) for d, i, _, _ in rows} == {(d, i) for d, i, _, _ in rows}  # one row per item
    assert {s for _, _, s, _ in rows} == {"已整改"}  # the most advanced status of the duplicates is kept
    assert {v for *_, v in rows} == {1}
    store.dispose()


def test_schema_after_upgrade_matches_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # the full-text search tables are made by SQL of their own (app.store.search), not by the models
    search = ("page_fts", "ix_page_text_trgm")
    left = [d for d in diff if not (d[0] in ("remove_table", "remove_index") and d[1].name.startswith(search))]
    assert left == []
    store.dispose()
