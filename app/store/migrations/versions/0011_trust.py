"""trust: a login per person (app_user.login), who wrote each audit event and how it is hashed, the
database's identity for the external anchor; on PostgreSQL roles, RLS and the audit triggers; the
images of every tracked row as the starting point of `db verify`'s replay

Revision ID: 0011
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from app.store import pgtrust
from app.store.audit import append_python
from app.store.tracking import BASELINE, TRACKED, baseline_images

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("login", sa.String(63), nullable=True))
        batch.create_unique_constraint("uq_app_user_login", ["login"])
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("db_user", sa.String(100), nullable=True))
        batch.add_column(sa.Column("txid", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("scheme", sa.Integer(), nullable=False, server_default="1"))
        batch.create_index("ix_audit_event_txid", ["txid"])
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("store_id", sa.String(36), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pgtrust.install(bind)
        return
    for table in TRACKED:
        images = baseline_images(bind, table)
        for start in range(0, len(images), 5000):
            append_python(bind, user="casereview db upgrade", action=BASELINE, entity=table, entity_id=None,
                          before=None, after=images[start:start + 5000], reason="")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pgtrust.uninstall(bind)
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("store_id")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index("ix_audit_event_txid")
        batch.drop_column("scheme")
        batch.drop_column("txid")
        batch.drop_column("db_user")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint("uq_app_user_login", type_="unique")
        batch.drop_column("login")
