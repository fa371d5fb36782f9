"""rubric_id holds the path of a custom rubric file too: widen to 500

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("campaign", "dossier", "review")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("rubric_id", type_=sa.String(500), existing_type=sa.String(50),
                               existing_nullable=False)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("rubric_id", type_=sa.String(50), existing_type=sa.String(500),
                               existing_nullable=False)
