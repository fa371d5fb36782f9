"""The PostgreSQL privileges (migration 0011) name only tables the schema has: 0010 dropped ``extracted_field``,
and a GRANT on it made every fresh PostgreSQL database fail to upgrade (found by benchmarks/soak.py)."""

from __future__ import annotations

from app.store import pgtrust
from app.store.models import Base


def test_every_table_granted_to_the_staff_exists_in_the_schema() -> None:
    assert set(pgtrust.IMPORT_TABLES) - set(Base.metadata.tables) == set()
