"""Migration 0010 on a database the old code left behind (SQLite and PostgreSQL): two final reviews of one
file, duplicate ledger rows from a sync race, stored 逾期 — and the schema then matches the models."""

from __future__ import annotations

from sqlalchemy import text

from app.services import open_store
from app.store.migrate import current_revision, head_revision
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
    assert current_revision(store.engine) == head_revision()  # through 0010 and the later revisions
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(text("SELECT id, status FROM review WHERE dossier_id = :d ORDER BY id"),
                                     {"d": plan.dossier_id}).all())
        rows = conn.execute(text("SELECT dossier_id, item, status, version FROM correction")).all()
    first, second = sorted(statuses)
    assert (statuses[first], statuses[second]) == ("draft", "final")  # the later final is what reports used
    assert len(rows) == before // 2
    assert {(d, i) for d, i, _, _ in rows} == {(d, i) for d, i, _, _ in rows}  # one row per item
    # the most advanced status of the duplicates is kept (已整改, which 0015 reads as 已整改待复核)
    assert {s for _, _, s, _ in rows} == {"已整改待复核"}
    assert {v for *_, v in rows} == {1}
    store.dispose()


def test_schema_after_upgrade_matches_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # made by SQL of their own, not by these models: full-text search (app.store.search), the job queue's
    # tables (app.jobs.tables, procrastinate's schema)
    own = (
        "page_fts",
        "ix_page_text_trgm",
        "procrastinate",
        "idx_procrastinate",
        "import_job",
        "queue_worker",
        "ix_import_job",
        "ix_queue_worker",
    )
    left = [d for d in diff if not (d[0] in ("remove_table", "remove_index") and d[1].name.startswith(own))]
    # SQLite keeps VARCHAR(n) for the columns 0012 made unbounded (it never enforces the length; the migration
    # alters them on PostgreSQL only)
    unbounded = {("dossier", "party_name"), ("dossier", "case_number"), ("document", "title")}
    left = [
        d
        for d in left
        if not (
            isinstance(d, list)
            and d[0][0] == "modify_type"
            and (d[0][2], d[0][3]) in unbounded
            and db_url.startswith("sqlite")
        )
    ]
    assert left == []
    store.dispose()
