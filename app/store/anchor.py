"""The audit chain's head kept outside the SQLite file, so cutting the tail of the log is noticed.

Deleting the last N events and setting ``audit_head`` back leaves a chain that is consistent in
itself. After every commit that appended events, the program writes the newest (id, hash) to a small
file in the user's configuration folder (one per database, named after the file's path; owner-only);
`db verify` then requires that event, with that hash, to be in the database. The file holds no
personal data. ``CASEREVIEW_ANCHOR_DIR`` moves the folder (tests, portable installs).

What it cannot do: the owner of both files can edit both (SQLite offers no protection against its
owner); a database restored from a backup is older than its anchor and is reported as truncated
until `db verify --re-anchor` records the restored state on purpose.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.store.audit import LAST_EVENT
from app.store.engine import APP_NAME, sqlite_path
from app.store.models import AuditHead
from app.store.private import FILE_MODE, private_dir

log = logging.getLogger(__name__)
ENV_DIR = "CASEREVIEW_ANCHOR_DIR"


@dataclass(frozen=True, slots=True)
class Anchor:
    database: str
    store_id: str
    last_id: int
    hash: str


def anchor_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "anchors"


def anchor_path(db: Path) -> Path:
    key = hashlib.sha256(str(db.resolve()).encode("utf-8")).hexdigest()[:32]
    return anchor_dir() / f"{key}.json"


def read_anchor(db: Path) -> Anchor | None:
    try:
        data = json.loads(anchor_path(db).read_text(encoding="utf-8"))
        return Anchor(str(data["database"]), str(data["store_id"]), int(data["last_id"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_anchor(db: Path, store_id: str, last_id: int, hash_: str, *, force: bool = False) -> None:
    """Move the anchor forward (never back, unless ``force``); atomic, under a lock between processes."""
    path = anchor_path(db)
    try:
        private_dir(path.parent)
        with _locked(path.with_suffix(".lock")):
            old = read_anchor(db)
            if not force and old is not None and old.store_id == store_id and old.last_id >= last_id:
                return
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"database": str(db.resolve()), "store_id": store_id, "last_id": last_id,
                           "hash": hash_}, fh)
            tmp.replace(path)
    except OSError as exc:  # a read-only profile: the database still works, verify says it has no anchor
        log.warning("cannot write the audit anchor %s: %s", path, exc)


@contextlib.contextmanager
def _locked(lock: Path) -> Any:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # Windows: one desktop, one person; os.replace keeps the file whole
            pass
        yield
    finally:
        os.close(fd)


def store_id(session: Session) -> str:
    """This database's identity, created on first use (kept in audit_head)."""
    head = session.get(AuditHead, 1)
    if head is not None and head.store_id:
        return head.store_id
    new = str(uuid.uuid4())
    session.execute(update(AuditHead).where(AuditHead.id == 1, AuditHead.store_id.is_(None)).values(store_id=new))
    return str(session.scalar(select(AuditHead.store_id).where(AuditHead.id == 1)) or new)


def install(factory: sessionmaker[Session], url: str) -> None:
    """After each commit on an SQLite store that appended events, move the anchor to the newest one."""
    db = sqlite_path(url)
    if db is None:
        return

    def before_commit(session: Session) -> None:
        if LAST_EVENT in session.info and "casereview_store_id" not in session.info:
            session.info["casereview_store_id"] = store_id(session)

    def after_commit(session: Session) -> None:
        last = session.info.pop(LAST_EVENT, None)
        sid = session.info.pop("casereview_store_id", None)
        if last is not None and sid:
            write_anchor(db, sid, int(last[0]), str(last[1]))

    def after_rollback(session: Session) -> None:
        session.info.pop(LAST_EVENT, None)
        session.info.pop("casereview_store_id", None)

    event.listen(factory, "before_commit", before_commit)
    event.listen(factory, "after_commit", after_commit)
    event.listen(factory, "after_rollback", after_rollback)


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    ok: bool
    known: bool  # an anchor exists for this file
    message: str


def check_anchor(session: Session, db: Path) -> AnchorCheck:
    """Is the event the anchor names in the database, with the same hash?"""
    anchor = read_anchor(db)
    if anchor is None:
        return AnchorCheck(
            True,
            False,
            "本机没有该数据库的外部校验记录（首次在本机打开、或来自其他电脑、或为备份副本），"
            "无法判断日志末尾是否被截断",
        )
    head = session.get(AuditHead, 1)
    if head is None or (head.store_id and head.store_id != anchor.store_id):
        return AnchorCheck(False, True, "数据库的标识与本机记录不符：该文件已被替换为另一个数据库")
    from app.store.audit import event_at

    found = event_at(session, anchor.last_id)
    if found is None:
        return AnchorCheck(
            False,
            True,
            f"审计日志末尾被截断：本机记录到第 {anchor.last_id} 号事件，数据库只到第 "
            f"{head.last_id} 号（末尾的事件已被删除、审计头被改回）",
        )
    if found != anchor.hash:
        return AnchorCheck(False, True, f"审计日志被改写：第 {anchor.last_id} 号事件的哈希与本机记录不符")
    return AnchorCheck(True, True, f"与本机外部校验记录一致（第 {anchor.last_id} 号事件）")
