"""Issue 10.4: when the import's process dies, its analysis workers, their OCR workers and the forkserver die too.

Each import runs in a new session (start_new_session), so every process it starts carries that session id
in /proc/<pid>/stat, even after it has been re-parented to init: the test looks for survivors by session.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.services import create_campaign, ensure_user, open_store
from tests.unit.test_store_support import dossier_pages, make_pdf

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="进程树检查使用 /proc（Linux）")

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
CAMPAIGN = "孤儿进程"


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # fields after "(comm)": state, ppid, pgrp, session, ...


def session_members(sid: int) -> set[int]:
    """Live processes (not zombies) of session `sid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[0] != "Z" and int(fields[3]) == sid:
                found.add(int(entry.name))
    return found


def _scan(path: Path) -> Path:
    """A page image with text: ingest sends it to the OCR workers inside the analysis worker."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    for i, line in enumerate(["行政处罚决定书", "当事人：某某商贸有限公司", "决定罚款人民币伍仟元整。"]):
        draw.text((150, 200 + 80 * i), line, fill="black", font=font)
    image.save(path)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("orphans")
    _scan(folder / "00扫描件.png")
    for i in range(40):
        make_pdf(folder / f"案卷{i:02d}.pdf", dossier_pages(2 + i % 3, tag=f"O{i}"))
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "orphans.db"
    store = open_store(f"sqlite:///{path}")
    create_campaign(store, CAMPAIGN, year=2026, user=ensure_user(store, "导入员"))
    store.dispose()
    return path


# A window-like import: a second thread exists, so the pool uses the forkserver.
GUI_LIKE = """
import sys, threading
from app.services import current_user, import_paths, open_store
threading.Thread(target=threading.Event().wait, daemon=True).start()
store = open_store(sys.argv[1])
import_paths(store, [sys.argv[2]], campaign=sys.argv[3], user=current_user(store), workers=2)
"""


def _start(kind: str, db: Path, folder: Path) -> subprocess.Popen[bytes]:
    if kind == "cli":
        cmd = [sys.executable, "-m", "app.cli", "--db", str(db), "import", str(folder), "--campaign", CAMPAIGN,
               "--format", "json"]
    else:
        cmd = [sys.executable, "-c", GUI_LIKE, f"sqlite:///{db}", str(folder), CAMPAIGN]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for_workers(proc: subprocess.Popen[bytes], count: int, timeout: float = 240) -> set[int]:
    """Until the import has `count` processes besides itself (analysis workers and OCR workers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        members = session_members(proc.pid) - {proc.pid}
        if len(members) >= count:
            return members
        assert proc.poll() is None, "the import ended before its workers started"
        time.sleep(0.1)
    raise AssertionError(f"only {len(session_members(proc.pid)) - 1} helper processes after {timeout} s")


def _survivors(sid: int, within: float) -> set[int]:
    deadline = time.monotonic() + within
    while (left := session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["cli", "window"])
def test_sigkill_of_the_import_leaves_no_worker_alive(kind: str, batch: Path, db: Path) -> None:
    proc = _start(kind, db, batch)
    try:
        helpers = _wait_for_workers(proc, 4)  # 2 analysis workers + OCR workers (+ forkserver, tracker)
        os.kill(proc.pid, signal.SIGKILL)  # the import alone: its helpers must notice
        proc.wait(10)
        left = _survivors(proc.pid, within=15)
        assert left == set(), f"{len(left)} of {len(helpers)} helper processes survived the import's death"
    finally:
        for pid in session_members(proc.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 1)])
def test_the_cli_stops_its_workers_on_sigterm_and_sigint(sig: signal.Signals, code: int, batch: Path,
                                                         db: Path) -> None:
    """SIGTERM stops at once (exit 143); Ctrl+C stops after the file being saved (exit 1, 导入已中断)."""
    proc = _start("cli", db, batch)
    try:
        _wait_for_workers(proc, 2)
        os.kill(proc.pid, sig)
        assert proc.wait(30) == code
        assert _survivors(proc.pid, within=15) == set()
    finally:
        for pid in session_members(proc.pid):
            os.kill(pid, signal.SIGKILL)
