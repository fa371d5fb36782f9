"""Helper processes die with the process they work for; the CLI can stop all of its own at once.

Stdlib only: it runs first thing in every analysis worker, OCR worker and the forkserver.

Why workers outlived a killed import: a pool worker waits on its task pipe, whose write end it holds
itself, so its parent's death never reaches it; the forkserver waits for EOF on a pipe whose write end
every worker holds. Two ways out, both used:
- Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, the kernel kills the process when its parent dies (strictly:
  when the parent *thread* that forked it exits, so pools are started from long-lived threads);
- everywhere: a daemon thread polls the parent (re-parenting means it died) and, in analysis workers, the
  importing process itself, whose pid is passed down (under the forkserver it is not the parent).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5
EXIT_CODE = 70  # EX_SOFTWARE: the process we worked for is gone


def _set_pdeathsig(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def start_time(pid: int) -> str | None:
    """The kernel's start time of `pid` (Linux), to tell it from a later process given the same pid."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()[19]


def alive(pid: int, started: str | None = None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return started is None or start_time(pid) in (None, started)


def _asked_by() -> int | None:
    """The process that started us through multiprocessing (the importer itself under the forkserver)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None else None


def die_with_parent(watch: int | None = None) -> None:
    """Call first thing in a helper process: it exits when its parent, the process that started it
    through multiprocessing, or `watch` dies. Also right after start: a parent killed while we were
    still importing modules is noticed here (the kernel's signal only covers deaths after prctl)."""
    _set_pdeathsig(signal.SIGKILL)
    watched = {pid for pid in (watch, _asked_by()) if pid is not None and pid != os.getpid()}
    parent = os.getppid()
    if parent == 1 or not all(alive(pid) for pid in watched):
        os._exit(EXIT_CODE)
    started = {pid: start_time(pid) for pid in watched}

    def watchdog() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if os.getppid() != parent or not all(alive(pid, when) for pid, when in started.items()):
                os._exit(EXIT_CODE)  # no cleanup: the work is for a process that no longer exists

    threading.Thread(target=watchdog, name="lifeline", daemon=True).start()


def set_pdeathsig_after_fork() -> None:
    """For os.fork() children (the CLI's fork pool): the kernel's signal from the first instant; the
    worker's initializer adds the watchdog once it runs."""
    _set_pdeathsig(signal.SIGKILL)


def descendants(pid: int | None = None) -> list[int]:
    """Every live process below `pid` (default: us), children first; Linux reads /proc, elsewhere only
    multiprocessing's own children are known."""
    root = os.getpid() if pid is None else pid
    if not Path("/proc").is_dir():
        import multiprocessing

        return [p.pid for p in multiprocessing.active_children() if p.pid is not None] if pid is None else []
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                raw = (entry / "stat").read_text()
                children.setdefault(int(raw[raw.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    found: list[int] = []
    todo = list(children.get(root, []))
    while todo:
        child = todo.pop(0)
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def kill_descendants(sig: int = signal.SIGKILL) -> int:
    """Signal every process below us (workers, their OCR workers, the forkserver); returns how many."""
    count = 0
    for pid in descendants():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)
            count += 1
    return count
