"""Migration 0014 (objections, gold set, review.unreviewable) on SQLite and PostgreSQL: the schema it makes is
the models' schema; down to 0013 and up again keeps the reviews; on a team server the new tables are staff-
writable and reviewer-readable."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.services import ensure_user, list_reviews
from app.store.migrate import current_revision, head_revision
from app.store.models import Base
from tests.e2e.test_reports_campaign import make_campaign
from tests.unit.test_store import _downgrade

NEW = {"objection", "objection_file", "gold_dossier"}


def _model_diffs(engine: object) -> list[object]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = []
    for d in diffs:
        flat = str(d)
        if any(t in flat for t in (*NEW, "unreviewable")):
            mine.append(d)
    return mine


def test_0014_matches_the_models_and_round_trips(db_url: str) -> None:
    c = make_campaign(db_url, files=2)
    assert current_revision(c.store.engine) == head_revision()
    names = set(inspect(c.store.engine).get_table_names())
    assert names >= NEW
    assert _model_diffs(c.store.engine) == []
    before = [r.total for p in c.plans for r in list_reviews(c.store, p.dossier_id)]
    _downgrade(c.store, "0013")
    assert not NEW & set(inspect(c.store.engine).get_table_names())
    assert "unreviewable" not in {col["name"] for col in inspect(c.store.engine).get_columns("review")}
    c.store.dispose()
    from app.services import open_store

    again = open_store(db_url)
    assert current_revision(again.engine) == head_revision()
    assert [r.total for p in c.plans for r in list_reviews(again, p.dossier_id)] == before
    ensure_user(again, "评查员新")
    if not again.is_sqlite:
        with again.engine.connect() as conn:
            grants = {(r[0], r[1]) for r in conn.execute(text(
                "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'objection'"))}
        assert ("casereview_supervisor", "UPDATE") in grants
        assert ("casereview_reviewer", "SELECT") in grants
        assert ("casereview_reviewer", "UPDATE") not in grants
