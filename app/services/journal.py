"""The reviewer's local journal: every score edit is written here (fsync'd) before the database, and
acknowledged once the save is proven (app.services.autosave). What is not acknowledged survives a crash,
a database replaced under the window or a lost WAL, and is offered for replay on the next start.

One small append-only file per database in the user data folder (owner-only: reasons are personal data),
one JSON object per line with a CRC32 of its body: a line torn by a kill mid-write fails its check and is
skipped, the lines before it stand, and the next append starts on a fresh line. An acknowledgement is a
line of its own naming the entries it settles; once nothing is pending the file is emptied.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from app.store.engine import user_data_dir
from app.store.private import FILE_MODE, private_dir

try:
    import fcntl
except ImportError:  # Windows: one window per database is the rule there
    fcntl = None  # type: ignore[assignment]

ENV_DIR = "CASEREVIEW_JOURNAL_DIR"
COMPACT_BYTES = 16 * 1024  # an emptied journal is truncated once it has grown past this


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One score edit as the reviewer made it: what to write, on which row version it was made, and what
    finds its review again in a database copied or restored since (the dossier's SHA-256, the reviewer)."""

    review_id: int
    item: str
    op: str  # "save" | "clear"
    expected_version: int  # the review's row version the edit was made on
    deducted: float | None = None
    reason: str = ""
    pages: tuple[int, ...] = ()
    title: str = ""  # the item's title, for the replay dialog
    dossier_id: int = 0
    campaign_id: int = 0
    dossier_sha256: str = ""
    file_name: str = ""
    reviewer: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    at: str = field(default_factory=lambda: dt.datetime.now().astimezone().isoformat(timespec="seconds"))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        known = {f.name for f in fields(cls)}
        body = {k: v for k, v in data.items() if k in known}
        body["pages"] = tuple(int(p) for p in body.get("pages", ()))
        return cls(**body)


def journal_path(url: str) -> Path:
    """One journal per database (its URL without the password), in the user data folder."""
    safe = make_url(url).render_as_string(hide_password=True)
    folder = Path(os.environ.get(ENV_DIR) or user_data_dir() / "journal")
    return folder / f"{hashlib.sha256(safe.encode()).hexdigest()[:16]}.jsonl"


def _line(body: dict[str, Any]) -> bytes:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return json.dumps({"crc": zlib.crc32(text.encode()), "body": text}, ensure_ascii=False).encode() + b"\n"


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        outer = json.loads(raw)
        text = outer["body"]
        if zlib.crc32(text.encode()) != outer["crc"]:
            return None
        body = json.loads(text)
    except (ValueError, KeyError, TypeError):
        return None
    return body if isinstance(body, dict) else None


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def _open(self) -> Iterator[int]:
        """The file, created owner-only, under an exclusive lock (two windows on one database)."""
        if not self.path.parent.is_dir():
            private_dir(self.path.parent)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
            os.fsync(fd)
            if created:
                _fsync_dir(self.path.parent)  # the new name survives a power cut too
        finally:
            os.close(fd)  # releases the lock

    def _append(self, body: dict[str, Any]) -> None:
        with self._open() as fd:
            size = os.fstat(fd).st_size
            data = _line(body)
            if size and os.pread(fd, 1, size - 1) != b"\n":  # the tail of a write torn by a kill
                data = b"\n" + data
            os.write(fd, data)

    def append(self, entry: JournalEntry) -> None:
        self._append({"entry": asdict(entry)})

    def ack(self, ids: Iterable[str]) -> None:
        """These entries are settled (proven saved, or refused for a reason the reviewer was told)."""
        ids = list(ids)
        if not ids:
            return
        self._append({"ack": ids})
        with contextlib.suppress(OSError):
            if self.path.stat().st_size > COMPACT_BYTES:
                self.compact()

    def read(self) -> tuple[list[JournalEntry], set[str]]:
        """Every intact entry in order, and the ids acknowledged."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return [], set()
        return _entries(raw)

    def pending(self) -> list[JournalEntry]:
        entries, acked = self.read()
        return [e for e in entries if e.id not in acked]

    def compact(self) -> None:
        """Nothing pending: empty the file (under the lock, so no other window's append is lost)."""
        if not self.path.exists():
            return
        with self._open() as fd:
            entries, acked = _entries(os.pread(fd, os.fstat(fd).st_size, 0))
            if all(e.id in acked for e in entries):
                os.ftruncate(fd, 0)


def _entries(raw: bytes) -> tuple[list[JournalEntry], set[str]]:
    entries: list[JournalEntry] = []
    acked: set[str] = set()
    for line in raw.split(b"\n"):
        body = _parse(line) if line.strip() else None
        if body is None:
            continue
        if isinstance(body.get("entry"), dict):
            try:
                entries.append(JournalEntry.from_json(body["entry"]))
            except (TypeError, ValueError):
                continue
        acked.update(str(i) for i in body.get("ack", ()))
    return entries, acked


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
