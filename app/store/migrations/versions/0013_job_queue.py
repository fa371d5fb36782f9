"""shared import/OCR queue: procrastinate's schema (PostgreSQL) and our import_job / queue_worker tables

Revision ID: 0013
Revises: 0003

procrastinate manages its own schema; this migration applies the schema of the pinned procrastinate
version (``SchemaManager.get_schema()``) once, so `casereview db upgrade` (or opening the database)
sets everything up on a team server. A later procrastinate release that changes its schema needs a new
migration that runs its migration files (procrastinate/sql/migrations) in order.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=True),
        sa.Column("importer_id", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("display", sa.Text(), nullable=False),
        sa.Column("page_files", sa.JSON(), nullable=True),
        sa.Column("queue_job_id", sa.BigInteger(), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id"), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "sha256", name="uq_import_job_campaign_sha"),
    )
    op.create_index("ix_import_job_campaign_id", "import_job", ["campaign_id"])
    op.create_table(
        "queue_worker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("host", sa.String(200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("current", sa.Text(), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.exec_driver_sql(
            "SELECT to_regclass('procrastinate_jobs')").scalar() is None:
        from procrastinate.schema import SchemaManager

        _execute_script(bind, SchemaManager.get_schema())
    if bind.dialect.name == "postgresql":
        from app.store import pgtrust

        if pgtrust.installed(bind):  # the team's group roles get the new tables (migration 0011)
            pgtrust.grant(bind)


def _execute_script(bind: sa.engine.Connection, script: str) -> None:
    """Several statements at once, with '%' taken literally: psycopg's cursor without parameters."""
    raw = bind.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _execute_script(
            bind,
            "DO $$ DECLARE r record; BEGIN "
            "FOR r IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'procrastinate\\_%' LOOP "
            "EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE'; END LOOP; "
            "FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p WHERE p.proname LIKE 'procrastinate\\_%' LOOP "
            "EXECUTE 'DROP FUNCTION IF EXISTS ' || r.f || ' CASCADE'; END LOOP; "
            "FOR r IN SELECT typname FROM pg_type WHERE typname LIKE 'procrastinate\\_%' AND typtype IN ('e', 'c') LOOP "
            "EXECUTE 'DROP TYPE IF EXISTS ' || quote_ident(r.typname) || ' CASCADE'; END LOOP; END $$")
    op.drop_table("queue_worker")
    op.drop_index("ix_import_job_campaign_id", "import_job")
    op.drop_table("import_job")
