"""合议定稿 exclusive and 台账 rows versioned; the unread extracted_field table dropped

- ``review``: at most one final (已定稿) review per dossier (a partial unique index). Databases in
  which two supervisors both finalised the same file keep the later final review (the one the
  statistics and reports used); any earlier one becomes a draft of its author again.
- ``correction``: a row version (optimistic locking: two supervisors setting the same row cannot both
  win) and one row per dossier and item (a unique constraint; duplicate rows left by concurrent syncs
  are merged into the oldest, keeping the most advanced status). 逾期 is derived from the deadline
  when the ledger is read, no longer stored: stored 逾期 rows read 待整改 again.
- ``campaign.ledger_synced``: whether the campaign's ledger has been brought in line with its
  reviews since the ledger started being kept in the same transaction as the reviews (rev 0010).
- ``extracted_field``: written on import and never read (the fields and their evidence are in
  ``dossier.extraction``): dropped.

Revision ID: 0010
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0003"
branch_labels = None
depends_on = None

FINAL_ONLY = sa.text("status = 'final'")


def _one_final_per_dossier() -> None:
    conn = op.get_bind()
    doubled = conn.execute(sa.text(
        "SELECT dossier_id FROM review WHERE status = 'final' GROUP BY dossier_id HAVING count(*) > 1")).scalars()
    for dossier_id in list(doubled):
        keep = conn.execute(sa.text("SELECT max(id) FROM review WHERE status = 'final' AND dossier_id = :d"),
                            {"d": dossier_id}).scalar_one()
        conn.execute(sa.text("UPDATE review SET status = 'draft', submitted_at = NULL "
                             "WHERE status = 'final' AND dossier_id = :d AND id <> :k"), {"d": dossier_id, "k": keep})
    op.create_index("uq_review_one_final", "review", ["dossier_id"], unique=True,
                    sqlite_where=FINAL_ONLY, postgresql_where=FINAL_ONLY)


def _one_row_per_item() -> None:
    conn = op.get_bind()
    groups = conn.execute(sa.text(
        "SELECT dossier_id, item FROM correction GROUP BY dossier_id, item HAVING count(*) > 1")).all()
    for dossier_id, item in groups:
        rows = conn.execute(sa.text("SELECT id, status FROM correction WHERE dossier_id = :d AND item = :i "
                                    "ORDER BY id"), {"d": dossier_id, "i": item}).all()
        keep = rows[0][0]
        status = "已整改" if any(s == "已整改" for _, s in rows) else rows[0][1]
        conn.execute(sa.text("UPDATE correction SET status = :s WHERE id = :k"), {"s": status, "k": keep})
        conn.execute(sa.text("DELETE FROM correction WHERE dossier_id = :d AND item = :i AND id <> :k"),
                     {"d": dossier_id, "i": item, "k": keep})
    conn.execute(sa.text("UPDATE correction SET status = '待整改' WHERE status = '逾期'"))
    with op.batch_alter_table("correction") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.create_unique_constraint("uq_correction_dossier_item", ["dossier_id", "item"])


def upgrade() -> None:
    _one_final_per_dossier()
    _one_row_per_item()
    with op.batch_alter_table("campaign") as batch:
        batch.add_column(sa.Column("ledger_synced", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("extracted_field") as batch:
        batch.drop_index("ix_extracted_field_dossier_id")
    op.drop_table("extracted_field")


def downgrade() -> None:
    op.create_table(
        "extracted_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("extracted_field") as batch:
        batch.create_index("ix_extracted_field_dossier_id", ["dossier_id"], unique=False)
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("ledger_synced")
    with op.batch_alter_table("correction") as batch:
        batch.drop_constraint("uq_correction_dossier_item", type_="unique")
        batch.drop_column("version")
    op.drop_index("uq_review_one_final", table_name="review")
