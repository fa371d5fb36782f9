"""Is the SQLite file this process writes still the one other processes open? (identity, WAL, locks)

A commit can succeed into a file nobody else will ever read: the database replaced or deleted under
the window (a restored backup, a sync tool), its ``-wal``/``-shm`` unlinked by another process that
thought it was the last one. SQLite does not notice; the window would keep saying "已自动保存". The
guard compares what is at the paths now with what this process has open, without opening anything:
``os.stat`` on the paths, ``/proc/self/fd`` for our open files and ``/proc/locks`` for our locks (Linux;
elsewhere only the database file's identity is compared with the one it had when the store opened).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.store.locks import FileId, file_id, held_locks, locks_supported, sqlite_file_ids, sqlite_files

OK = "ok"
DB_MISSING = "db_missing"  # deleted or moved away
DB_REPLACED = "db_replaced"  # another file at the path
WAL_MISSING = "wal_missing"  # our -wal (or -shm) was unlinked: what we write there is lost on exit
WAL_REPLACED = "wal_replaced"  # another -wal/-shm at the path: others do not see our writes
LOCKS_LOST = "locks_lost"  # files intact, but another process may now delete our WAL at any moment
PROBLEMS = (DB_MISSING, DB_REPLACED, WAL_MISSING, WAL_REPLACED, LOCKS_LOST)


@dataclass(frozen=True, slots=True)
class Health:
    code: str  # OK or one of PROBLEMS
    detail: str = ""  # which file, for the log

    @property
    def ok(self) -> bool:
        return self.code == OK


def _open_ids() -> set[FileId]:
    """Identities of the files this process has open (also those renamed or unlinked since)."""
    found: set[FileId] = set()
    try:
        links = list(Path("/proc/self/fd").iterdir())
    except OSError:
        return found
    for link in links:
        try:
            st = link.stat()  # the open file itself, whatever its name is now
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return found


class DbGuard:
    """Remembers the database file's identity when the store opened; `check()` compares."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.real = Path(os.path.realpath(db))
        self.baseline = file_id(db)  # the database file as the store opened it
        # kind -> the open file that was at that path: the -wal/-shm as the store opened them, then learnt
        # again whenever our connections reopen them (Linux; elsewhere only the database file is compared)
        self.known: dict[str, FileId] = {k: v for k, v in sqlite_file_ids(self.real).items() if k != "journal"}

    def check(self) -> Health:
        now = file_id(self.db)
        if now is None:
            return Health(DB_MISSING, str(self.db))
        if self.baseline is None:  # the store created the file after the guard was made
            self.baseline = now
        if now != self.baseline:
            return Health(DB_REPLACED, str(self.db))
        if not locks_supported():
            return Health(OK)
        return self._check_open_files()

    def _check_open_files(self) -> Health:
        """Each of db/-wal/-shm that we have open must still be the file at its path. Which open file is
        "ours" is learnt when path and descriptor agree; a rename or unlink afterwards is then seen."""
        opened = _open_ids()
        files = sqlite_files(self.real)
        for kind in ("db", "wal", "shm"):
            at_path = file_id(files[kind])
            ours = self.known.get(kind)
            if ours is not None and ours not in opened:  # closed since (connections reopened): learn anew
                del self.known[kind]
                ours = None
            if ours is None:
                if at_path is not None and at_path in opened:
                    self.known[kind] = at_path
                continue
            if at_path is None:
                return Health(DB_MISSING if kind == "db" else WAL_MISSING, str(files[kind]))
            if at_path != ours:
                return Health(DB_REPLACED if kind == "db" else WAL_REPLACED, str(files[kind]))
        expected = {k for k in ("db", "shm") if k in self.known}  # a WAL connection locks both
        if expected and not held_locks(self.db) >= expected:
            return Health(LOCKS_LOST, str(self.db))
        return Health(OK)
