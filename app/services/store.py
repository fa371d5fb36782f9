"""Open the store: pick the URL, create the engine, migrate to head (backing up SQLite first)."""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from app.errors import ErrorCode, KnownError
from app.store.engine import Store, default_db_url, make_engine, normalise_url
from app.store.migrate import upgrade

log = logging.getLogger(__name__)

__all__ = ["Store", "default_db_url", "open_store", "store_label"]


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """None → $CASEREVIEW_DB → SQLite in the user data folder. Raises KnownError(DB) if unreachable."""
    full = normalise_url(url or default_db_url())
    try:
        engine = make_engine(full)
    except OSError as exc:  # the data folder cannot be created
        raise KnownError(ErrorCode.DB, f"无法创建数据库所在的文件夹：{exc.strerror or exc}", file=_safe(full)) from exc
    try:
        if migrate:
            upgrade(engine, full)
    except (OperationalError, OSError) as exc:
        engine.dispose()
        raise KnownError(ErrorCode.DB, f"无法打开数据库：{_describe(exc)}", file=_safe(full)) from exc
    return Store(full, engine)


def store_label(store: Store) -> str:
    """Where the store is, for people (the status bar): the URL without its password."""
    try:
        return _safe(store.url)
    except Exception:  # only a label: never let it stop start-up
        return "?"


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _describe(exc: OperationalError | OSError) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text:
        return "数据库被其他程序锁定，请稍后重试"
    if "unable to open" in text or "readonly" in text:
        return "数据库文件无法打开或只读，请检查路径和权限"
    if "Connection refused" in text or "could not connect" in text or "connection failed" in text:
        return "无法连接数据库服务器，请检查地址、端口和网络"
    return text.strip().splitlines()[0] if text.strip() else "未知数据库错误"
