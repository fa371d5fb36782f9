"""异议 (objections with attachments), the calibration gold set, and 不符合评查条件 on a review

Revision ID: 0014
Revises: 0013

On a team server the new tables are written by supervisors and admins only (a reviewer reads them):
recording and answering an objection or marking the gold set is the supervisor's work.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

STAFF_TABLES = ("objection", "objection_file", "gold_dossier")


def upgrade() -> None:
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("unreviewable", sa.Text(), nullable=True))
    op.create_table(
        "objection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id"), nullable=False),
        sa.Column("item", sa.String(100), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=True),
        sa.Column("raised_by", sa.String(200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("deducted_before", sa.Float(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("deducted_after", sa.Float(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("answered_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_objection_campaign_id", "objection", ["campaign_id"])
    op.create_index("ix_objection_dossier_id", "objection", ["dossier_id"])
    op.create_table(
        "objection_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), sa.ForeignKey("objection.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("stored_file.sha256"), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("objection_id", "sha256", name="uq_objection_file"),
    )
    op.create_index("ix_objection_file_objection_id", "objection_file", ["objection_id"])
    op.create_table(
        "gold_dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id"), nullable=False),
        sa.Column("marked_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", name="uq_gold_dossier"),
    )
    op.create_index("ix_gold_dossier_campaign_id", "gold_dossier", ["campaign_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from app.store import pgtrust

        if pgtrust.installed(bind):
            pgtrust.grant(bind)


def downgrade() -> None:
    op.drop_index("ix_gold_dossier_campaign_id", table_name="gold_dossier")
    op.drop_table("gold_dossier")
    op.drop_index("ix_objection_file_objection_id", table_name="objection_file")
    op.drop_table("objection_file")
    op.drop_index("ix_objection_dossier_id", table_name="objection")
    op.drop_index("ix_objection_campaign_id", table_name="objection")
    op.drop_table("objection")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("unreviewable")
