"""Original files kept byte for byte in 1 MiB chunks, keyed by SHA-256, verified when read back."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.store.models import FileChunk, StoredFile

CHUNK = 1 << 20


def sha256_path(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def put_file(session: Session, path: Path, sha256: str) -> None:
    """Store the file's bytes unless the same SHA-256 is already kept (streamed, one chunk at a time;
    Core statements on the session's connection, so chunks never sit in the session)."""
    conn = session.connection()
    if conn.execute(select(StoredFile.sha256).where(StoredFile.sha256 == sha256)).first() is not None:
        return
    digest = hashlib.sha256()
    seq = 0
    size = 0
    conn.execute(insert(StoredFile).values(sha256=sha256, size=0, chunks=0))
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
            conn.execute(insert(FileChunk).values(sha256=sha256, seq=seq, data=block))
            seq += 1
            size += len(block)
    if digest.hexdigest() != sha256:
        raise KnownError(ErrorCode.CORRUPT, "文件在导入过程中被改动（SHA-256 不符）", file=path.name)
    conn.execute(update(StoredFile).where(StoredFile.sha256 == sha256).values(size=size, chunks=seq))


def read_bytes(session: Session, sha256: str, *, name: str = "") -> bytes:
    stored = session.get(StoredFile, sha256)
    if stored is None:
        raise KnownError(ErrorCode.NOT_FOUND, "数据库中没有该案卷的原始文件", file=name or None)
    parts = session.scalars(
        select(FileChunk.data).where(FileChunk.sha256 == sha256).order_by(FileChunk.seq)
    ).all()
    data = b"".join(parts)
    if len(parts) != stored.chunks or hashlib.sha256(data).hexdigest() != sha256:
        raise KnownError(
            ErrorCode.CORRUPT, "原始文件已损坏：读回内容与导入时的 SHA-256 不符", file=name or None
        )
    return data
