"""Upgrading a populated SQLite file rebuilds tables in batch mode without tripping foreign keys."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from app.store import migrate
from app.store.engine import make_engine


def test_upgrade_rebuilds_referenced_tables_with_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = make_engine(url)
    cfg = migrate._config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO campaign (id, name, year, rubric_id, rubric_version, rubric_title, created_at)"
            " VALUES (1, '2024年度评查', 2024, 'penalty', 'v1', '行政处罚', '2024-01-01')"
        ))
        conn.execute(text("INSERT INTO stored_file (sha256, size, chunks) VALUES (:sha, 3, 1)"),
                     {"sha": "0" * 64})
        conn.execute(text(
            "INSERT INTO dossier (id, campaign_id, file_name, sha256, format, pages, case_kind, extraction,"
            " rubric_id, rubric_version, auto_veto, warnings, imported_at) VALUES (1, 1, 'a.pdf',"
            " :sha, 'pdf', 3, 'penalty', '{}', 'penalty', 'v1', 0, '[]', '2024-01-02')"
        ), {"sha": "0" * 64})

    backup = migrate.upgrade(engine, url)

    assert migrate.current_revision(engine) == migrate.head_revision()
    assert backup is not None
    assert Path(backup).exists()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT campaign_id FROM dossier WHERE id = 1")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    engine.dispose()
