"""Autosave that proves itself (issue 10.2): a save counts only when a connection other than the one that
wrote reads the saved value back, and the files SQLite writes are still the ones at the database's paths
(app.store.guard). Every edit is in the local journal (app.services.journal) before the database is
touched; the journal entry is settled only by the proof, else it is replayed later through the normal
save use case with its row-version check: a conflict is reported, never overwritten.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.dto import ReviewDTO, UserDTO
from app.services.journal import Journal, JournalEntry, journal_path
from app.services.reviews import clear_item_score, get_review, save_item_score
from app.store.engine import Store
from app.store.guard import (  # re-exported: the window names the problem without importing app.store
    DB_MISSING,
    DB_REPLACED,
    LOCKS_LOST,
    OK,
    WAL_MISSING,
    WAL_REPLACED,
    Health,
)
from app.store.models import Dossier, ItemScoreRow, Review, User

__all__ = ["DB_ERROR", "DB_MISSING", "DB_REPLACED", "LOCKS_LOST", "NOT_VISIBLE", "OFFLINE", "OK", "WAL_MISSING",
           "WAL_REPLACED", "Health", "Journal", "JournalEntry", "Outcome", "ReplayReport", "SaveProof",
           "database_health", "discard", "journal_path", "prove_saved", "replay", "write_proven"]

log = logging.getLogger(__name__)

NOT_VISIBLE = "not_visible"  # committed, but another connection does not read it back
OFFLINE = "offline"  # the window stopped writing to the database after an earlier failure
DB_ERROR = "db_error"  # the database refused the write (disk full, read-only, I/O error, server gone)


@dataclass(frozen=True, slots=True)
class SaveProof:
    saved: bool
    code: str  # OK, an app.store.guard problem, NOT_VISIBLE, OFFLINE or DB_ERROR
    detail: str = ""


def database_health(store: Store) -> Health:
    """The guard's verdict; lost locks with the files intact are healed (all our connections reopened)."""
    if store.guard is None:
        return Health(OK)
    health = store.guard.check()
    if health.code == LOCKS_LOST and store.engine.pool.checkedout() == 0:  # type: ignore[attr-defined]
        log.warning("SQLite locks on %s were lost (a descriptor of the file was closed in this process); "
                    "reopening the connections", store.guard.db)
        store.engine.dispose()  # the last close checkpoints if no one else has the file open
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").first()  # a new connection: new locks
        health = store.guard.check()
    return health


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def prove_saved(store: Store, review: ReviewDTO, item: str | None = None) -> SaveProof:
    """After a commit: do the database's files still hold what we wrote, and does another connection read
    row version `review.version` (and the item's deduction and reason as returned) back?"""
    health = database_health(store)
    if not health.ok:
        return SaveProof(False, health.code, health.detail)
    try:
        with store.probe_engine().connect() as conn:
            version = conn.execute(select(Review.version).where(Review.id == review.id)).scalar()
            row = conn.execute(select(ItemScoreRow.deducted, ItemScoreRow.reason).where(
                ItemScoreRow.review_id == review.id, ItemScoreRow.item == item)).first() if item else None
    except DBAPIError as exc:  # e.g. SQLite's "disk I/O error" on a WAL that is not ours any more
        return SaveProof(False, NOT_VISIBLE, _first_line(exc))
    if version != review.version:
        return SaveProof(False, NOT_VISIBLE, f"review {review.id}: version {version}, expected {review.version}")
    if item is not None:
        mine = review.item(item)
        seen = None if row is None else (float(row.deducted), row.reason)
        if seen != ((mine.deducted, mine.reason) if mine.overridden else None):
            return SaveProof(False, NOT_VISIBLE, f"review {review.id} item {item}: read back {seen}")
    return SaveProof(True, OK)


@dataclass(frozen=True, slots=True)
class Outcome:
    review: ReviewDTO | None  # what the database returned (None when nothing was written)
    proof: SaveProof


def write_proven(store: Store, journal: Journal | None, entry: JournalEntry | None,
                 write: Callable[[], ReviewDTO], *, offline: bool) -> Outcome:
    """Journal first (fsync'd), then the guard, the database and the proof. The entry is settled when the
    save is proven, or when the database refused the edit for a reason the reviewer is told (a conflict,
    a submitted review): such an edit must not come back at the next replay."""
    if journal is not None and entry is not None:
        journal.append(entry)
    if offline:
        return Outcome(None, SaveProof(False, OFFLINE))
    health = database_health(store)
    if not health.ok:
        return Outcome(None, SaveProof(False, health.code, health.detail))
    try:
        review = write()
    except KnownError:
        if journal is not None and entry is not None:
            journal.ack([entry.id])
        raise
    except DBAPIError as exc:
        return Outcome(None, SaveProof(False, DB_ERROR, _first_line(exc)))
    proof = prove_saved(store, review, entry.item if entry is not None else None)
    if proof.saved and journal is not None and entry is not None:
        journal.ack([entry.id])
    return Outcome(review, proof)


# replay ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReplayReport:
    applied: int = 0  # written now
    already: int = 0  # the database held them already (an earlier replay, or the save had reached it)
    failed: tuple[tuple[JournalEntry, str], ...] = ()  # kept in the journal, with the reason
    conflicts: int = 0  # of `failed`: the review changed since the edit was made


def _find_review(store: Store, entry: JournalEntry) -> ReviewDTO | None:
    """The entry's review: by id if it still is the same reviewer's review of the same file, else by the
    file's SHA-256 and the reviewer (a database restored or copied since)."""
    with store.session() as session:
        same = session.execute(select(Review.id).join(Dossier, Dossier.id == Review.dossier_id).join(
            User, User.id == Review.reviewer_id).where(
            Review.id == entry.review_id, Dossier.sha256 == entry.dossier_sha256,
            User.name == entry.reviewer)).scalar()
        if same is None:
            ids = list(session.scalars(select(Review.id).join(Dossier, Dossier.id == Review.dossier_id).join(
                User, User.id == Review.reviewer_id).where(
                Dossier.sha256 == entry.dossier_sha256, User.name == entry.reviewer,
                Dossier.campaign_id == entry.campaign_id)))
            same = ids[0] if len(ids) == 1 else None
    return get_review(store, same) if same is not None else None


def _holds(review: ReviewDTO, entry: JournalEntry) -> bool:
    item = review.item(entry.item)
    if entry.op == "clear":
        return not item.overridden
    return item.overridden and item.deducted == entry.deducted and item.reason == entry.reason.strip()


class _Chain:
    """Row versions per review as this replay moves them: the edits a reviewer made on version V (and those
    made after, journal-only, still on V) build on what our own replay of them produced, not on what
    somebody else wrote."""

    def __init__(self) -> None:
        self.moved: dict[tuple[int, int], int] = {}  # (review id, version edits were made on) -> version now

    def expected(self, review_id: int, entry: JournalEntry) -> int:
        return self.moved.get((review_id, entry.expected_version), entry.expected_version)

    def advance(self, review_id: int, entry: JournalEntry, now: int) -> None:
        self.moved[(review_id, entry.expected_version)] = now


def _replay_one(store: Store, entry: JournalEntry, user: UserDTO, chain: _Chain) -> bool:
    """True if written, False if the database held it already; KnownError names why it cannot be."""
    if entry.reviewer != user.name:
        raise KnownError(ErrorCode.FORBIDDEN, f"这项修改属于评查人员“{entry.reviewer}”")
    review = _find_review(store, entry)
    if review is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"数据库中找不到“{entry.file_name}”的这份评查记录")
    try:
        review.item(entry.item)
    except KeyError:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查表中没有评查项“{entry.item}”") from None
    expected = chain.expected(review.id, entry)
    if review.version != expected and _holds(review, entry):
        chain.advance(review.id, entry, review.version)
        return False
    if entry.op == "clear":
        done = clear_item_score(store, review.id, entry.item, user=user, expected_version=expected)
    else:
        done = save_item_score(store, review.id, entry.item, deducted=float(entry.deducted or 0.0),
                               reason=entry.reason, pages=entry.pages, user=user, expected_version=expected)
    chain.advance(review.id, entry, done.version)
    return True


def replay(store: Store, journal: Journal, *, user: UserDTO) -> ReplayReport:
    """Write the journal's pending edits into the database, oldest first, each through the save use case
    with its version check. Idempotent: an edit is settled only after its write committed, and one the
    database already holds is settled without writing again."""
    applied = already = conflicts = 0
    failed: list[tuple[JournalEntry, str]] = []
    chain = _Chain()
    for entry in journal.pending():
        try:
            written = _replay_one(store, entry, user, chain)
        except KnownError as exc:
            failed.append((entry, exc.message))
            conflicts += isinstance(exc, ConflictError)
            continue
        except DBAPIError as exc:  # the database refuses writes again (disk full, server gone): keep the rest
            failed.append((entry, f"数据库拒绝写入：{_first_line(exc)}"))
            continue
        journal.ack([entry.id])
        applied += written
        already += not written
    if not failed:
        journal.compact()
    return ReplayReport(applied, already, tuple(failed), conflicts)


def discard(journal: Journal, entries: list[JournalEntry]) -> None:
    """The reviewer gives up edits that cannot be written (their review changed, was submitted, or is gone)."""
    journal.ack(e.id for e in entries)
    journal.compact()
