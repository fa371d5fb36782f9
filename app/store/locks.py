"""The SQLite files' identities and the POSIX locks this process holds on them, found without opening them.

Why it matters: POSIX advisory locks belong to the process and are all released when *any* descriptor of
the file is closed in it (SQLite, "How To Corrupt An SQLite Database File" §2.2). Code that merely peeks
at the database file (a folder walk sniffing content, a file dialog guessing a MIME type) silently drops
the locks of the long-lived connection; the next process to open and close the database then thinks it is
the last one and deletes the WAL under us. So: ``os.stat`` (never ``open``) to recognise our files, and on
Linux ``/proc/locks`` to check that the locks are still there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FileId = tuple[int, int]  # (st_dev, st_ino)
SUFFIXES = {"db": "", "wal": "-wal", "shm": "-shm", "journal": "-journal"}
PROC_LOCKS = Path("/proc/locks")


def file_id(path: Path | str) -> FileId | None:
    """(device, inode) of the file at `path` (stat only), None if there is none."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def sqlite_files(db: Path) -> dict[str, Path]:
    """The database file and the files SQLite keeps beside it."""
    return {kind: db.with_name(db.name + suffix) for kind, suffix in SUFFIXES.items()}


def sqlite_file_ids(db: Path) -> dict[str, FileId]:
    """Identities of the database file and its -wal/-shm/-journal that exist now."""
    found = {kind: file_id(path) for kind, path in sqlite_files(db).items()}
    return {kind: fid for kind, fid in found.items() if fid is not None}


def locks_supported() -> bool:
    return sys.platform.startswith("linux") and PROC_LOCKS.exists()


def _lock_owners() -> dict[FileId, set[int]]:
    """Pids holding a POSIX lock, per (device, inode), from /proc/locks (waiting requests "->" skipped)."""
    owners: dict[FileId, set[int]] = {}
    for line in PROC_LOCKS.read_text().splitlines():
        parts = line.split()
        if len(parts) < 6 or parts[1] == "->" or parts[1] != "POSIX":
            continue
        major, minor, inode = parts[5].split(":")
        dev = os.makedev(int(major, 16), int(minor, 16))
        owners.setdefault((dev, int(inode)), set()).add(int(parts[4]))
    return owners


def held_locks(db: Path, pid: int | None = None) -> set[str]:
    """Which of the database's files ("db", "shm", ...) have a POSIX lock held by `pid` (default: us).

    An SQLite connection in WAL mode holds a shared lock on the database file and one on ``-shm`` for as
    long as it is open; an empty set while a connection is open means the locks were lost."""
    if not locks_supported():
        return set()
    me = os.getpid() if pid is None else pid
    owners = _lock_owners()
    return {kind for kind, fid in sqlite_file_ids(db).items() if me in owners.get(fid, set())}
