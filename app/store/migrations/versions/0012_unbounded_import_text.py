"""Text the import copies from a dossier has no length limit: party name, case number, document title

Revision ID: 0012
Revises: 0003

A 50,000-character 当事人 made PostgreSQL refuse the whole dossier ("value too long for type character
varying(300)"). These columns are display copies of extracted values (the full value is also in
dossier.extraction) and carry no index, so they become TEXT. SQLite never enforced VARCHAR lengths and its
column affinity is TEXT either way: nothing to rebuild there.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = (("dossier", "party_name", 300, True), ("dossier", "case_number", 200, True),
           ("document", "title", 300, False))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length, nullable in COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length), existing_nullable=nullable)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length, nullable in COLUMNS:
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text(), existing_nullable=nullable,
                        postgresql_using=f"left({column}, {length})")
