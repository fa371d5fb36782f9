"""Full-text search over page text: SQLite FTS5 (trigram) or PostgreSQL pg_trgm; same results on both."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Connection, Select, and_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.store.models import Dossier, Page

log = logging.getLogger(__name__)

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE page_fts USING fts5(text, content='page', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER page_fts_ai AFTER INSERT ON page BEGIN "
    "INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER page_fts_ad AFTER DELETE ON page BEGIN "
    "INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER page_fts_au AFTER UPDATE ON page BEGIN "
    "INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text); END",
)


def create_search_objects(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for ddl in _SQLITE_FTS:
            conn.exec_driver_sql(ddl)
    elif conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                conn.exec_driver_sql("CREATE INDEX ix_page_text_trgm ON page USING gin (text gin_trgm_ops)")
        except DBAPIError as exc:  # not allowed to create the extension: ILIKE still works, unindexed
            log.warning("pg_trgm unavailable, search will scan: %s", exc)


def drop_search_objects(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in ("page_fts_ai", "page_fts_ad", "page_fts_au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql("DROP TABLE IF EXISTS page_fts")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_page_text_trgm")


@dataclass(frozen=True, slots=True)
class RawHit:
    dossier_id: int
    file_name: str
    page: int
    text: str


def split_terms(query: str) -> list[str]:
    return [t for t in query.split() if t]


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _base(campaign_id: int | None) -> Select[int, str, int, str]:
    stmt = select(Page.dossier_id, Dossier.file_name, Page.number, Page.text).join(
        Dossier, Dossier.id == Page.dossier_id
    )
    if campaign_id is not None:
        stmt = stmt.where(Dossier.campaign_id == campaign_id)
    return stmt


def find_pages(session: Session, terms: list[str], *, campaign_id: int | None, limit: int) -> list[RawHit]:
    """Pages containing every term (case-insensitive), ordered by dossier and page."""
    if not terms:
        return []
    stmt = _base(campaign_id)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and all(len(t) >= 3 for t in terms):
        # The trigram index answers terms of 3+ characters; shorter ones fall back to LIKE.
        match = " ".join(_fts_phrase(t) for t in terms)
        stmt = stmt.where(Page.id.in_(text("SELECT rowid FROM page_fts WHERE page_fts MATCH :q").bindparams(q=match)))
    else:
        likes = [Page.text.ilike(f"%{_escape_like(t)}%", escape="\\") for t in terms]
        stmt = stmt.where(and_(*likes))
    stmt = stmt.order_by(Page.dossier_id, Page.number).limit(limit)
    return [RawHit(int(r[0]), str(r[1]), int(r[2]), str(r[3])) for r in session.execute(stmt)]


def snippet(text: str, terms: list[str], *, width: int = 30) -> tuple[str, tuple[str, ...]]:
    """Words around the first match, and the words as they appear on the page."""
    lowered = text.lower()
    matched: list[str] = []
    first = len(text)
    for term in terms:
        pos = lowered.find(term.lower())
        if pos >= 0:
            matched.append(text[pos : pos + len(term)])
            first = min(first, pos)
    if first == len(text):
        first = 0
    start = max(0, first - width)
    end = min(len(text), first + width + max((len(t) for t in terms), default=0))
    body = text[start:end].replace("\n", " ").replace("\t", " ")
    return ("…" if start else "") + body + ("…" if end < len(text) else ""), tuple(matched)
