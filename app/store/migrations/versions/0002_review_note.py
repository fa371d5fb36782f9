"""review.note (overall comment) and an index on dossier.sha256

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("dossier") as batch:
        batch.create_index("ix_dossier_sha256", ["sha256"])


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.drop_index("ix_dossier_sha256")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("note")
