"""Alembic environment: run with the connection given in config.attributes (see app.store.migrate)."""

from __future__ import annotations

from alembic import context

from app.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite barely supports ALTER
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
