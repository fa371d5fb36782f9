"""Owner-only files: the SQLite database (it holds personal data), its WAL and SHM, backups, import work.

SQLite creates ``-wal`` and ``-shm`` with the permissions of the database file, so creating the file
0600 before SQLite opens it is enough for all three. Folders we create are 0700. A database or backup
found readable by others (made by an older version) is tightened when we open it, if we own it.
On Windows the modes are ignored (the user profile's ACLs apply).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create the folder ``path`` with mode 0700 (missing parents as usual); an existing one is kept."""
    if path.is_dir():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=DIR_MODE)
        _chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def tighten(path: Path, mode: int = FILE_MODE) -> None:
    """Take group and other rights off a file or folder we own (a no-op when already private)."""
    try:
        st = path.stat()
    except OSError:
        return
    if hasattr(os, "getuid") and st.st_uid == os.getuid() and st.st_mode & 0o077:
        _chmod(path, mode)


def private_file(path: Path) -> Path:
    """Create an empty ``path`` with mode 0600 unless it exists (then tighten it); its folder 0700 if new."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
        for suffix in ("-wal", "-shm", "-journal"):
            tighten(path.with_name(path.name + suffix))
        return path
    except OSError:  # not creatable here (read-only, /proc…): whoever opens it next says why
        return path
    os.close(fd)
    return path


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError, NotImplementedError):
        path.chmod(mode)
