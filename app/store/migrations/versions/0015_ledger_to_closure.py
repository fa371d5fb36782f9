"""台账 to 销号: 整改措施, 责任单位, 责任人, 整改情况, 完成日期, 复核人, 销号日期 on each ledger row; 佐证材料 kept
like dossier originals; the statuses 整改中 / 已整改待复核 / 已销号 / 无法整改（已归档）

- ``correction``: the new columns (empty or NULL on existing rows). A row set 已整改 before was marked done
  by a supervisor without a 复核: it reads 已整改待复核 now (nothing is 销号 without 复核人 and date).
- ``exchange_case``: reviewed cases brought in from another workstation's 双公示 export (`casereview
  import-export`), kept as they came.
- ``correction_evidence``: one row per file attached to a ledger row; the bytes are in ``stored_file`` by
  SHA-256 (stored once, verified when read back, never overwritten).
- PostgreSQL with the team's roles (rev 0011): a reviewer's login may not set a row 已销号 (a trigger, on top
  of row-level security which lets reviewers write only their own unit's rows); staff may attach files.

Revision ID: 0015
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

def _columns() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column("measure", sa.Text(), nullable=False, server_default=""),
        sa.Column("responsible_unit", sa.String(200), nullable=False, server_default=""),
        sa.Column("responsible_person", sa.String(100), nullable=False, server_default=""),
        sa.Column("progress", sa.Text(), nullable=False, server_default=""),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("checker", sa.String(100), nullable=False, server_default=""),
        sa.Column("closed_on", sa.Date(), nullable=True),
    )


NO_REVIEWER_CLOSURE = """
CREATE OR REPLACE FUNCTION casereview_no_reviewer_closure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = '已销号' AND OLD.status IS DISTINCT FROM NEW.status
     AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casereview_reviewer')
     AND pg_has_role(current_user, 'casereview_reviewer', 'MEMBER')
     AND NOT pg_has_role(current_user, 'casereview_supervisor', 'MEMBER')
     AND NOT pg_has_role(current_user, 'casereview_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'casereview: 评查员不能销号（台账第 % 行）', NEW.id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cr_no_reviewer_closure BEFORE UPDATE ON correction
  FOR EACH ROW EXECUTE FUNCTION casereview_no_reviewer_closure();
"""


def upgrade() -> None:
    with op.batch_alter_table("correction") as batch:
        for column in _columns():
            batch.add_column(column)
    op.create_table(
        "correction_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), sa.ForeignKey("correction.id"), nullable=False),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("stored_file.sha256"), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("correction_id", "sha256", name="uq_correction_evidence_file"),
    )
    op.create_index("ix_correction_evidence_correction_id", "correction_evidence", ["correction_id"])
    op.create_table(
        "exchange_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id"), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("case", sa.JSON(), nullable=False),
        sa.Column("review", sa.JSON(), nullable=False),
        sa.Column("imported_by", sa.String(100), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "key", name="uq_exchange_case_key"),
    )
    op.create_index("ix_exchange_case_campaign_id", "exchange_case", ["campaign_id"])
    op.execute("UPDATE correction SET status = '已整改待复核' WHERE status = '已整改'")
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from app.store import pgtrust

        op.execute(NO_REVIEWER_CLOSURE)
        if pgtrust.installed(bind):
            pgtrust.grant(bind)
            op.execute("GRANT INSERT ON correction_evidence, exchange_case TO casereview_supervisor, casereview_admin")
    else:
        _baseline(bind)


def _baseline(bind: sa.engine.Connection) -> None:
    """SQLite: the ledger rows as this migration left them become the log's image (so `db verify` does not
    take the renamed status for an edit made behind the program's back)."""
    from app.store.audit import append_python
    from app.store.tracking import BASELINE, baseline_images

    images = baseline_images(bind, "correction")
    for start in range(0, len(images), 5000):
        append_python(bind, user="casereview db upgrade", action=BASELINE, entity="correction", entity_id=None,
                      before=None, after=images[start:start + 5000], reason="")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS cr_no_reviewer_closure ON correction")
        op.execute("DROP FUNCTION IF EXISTS casereview_no_reviewer_closure()")
    op.execute("UPDATE correction SET status = '已整改' WHERE status IN ('已整改待复核', '已销号')")
    op.execute("UPDATE correction SET status = '待整改' WHERE status IN ('整改中', '无法整改（已归档）')")
    op.drop_index("ix_exchange_case_campaign_id", table_name="exchange_case")
    op.drop_table("exchange_case")
    op.drop_index("ix_correction_evidence_correction_id", table_name="correction_evidence")
    op.drop_table("correction_evidence")
    with op.batch_alter_table("correction") as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)
