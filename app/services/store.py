"""Open the store: pick the URL, create the engine, migrate to head (backing up SQLite first)."""

from __future__ import annotations

import logging

from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)

from app.errors import ErrorCode, KnownError
from app.store import anchor, tracking
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
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:  # foo://bar, a malformed URL
        raise bad_url(full) from exc
    try:
        if migrate:
            upgrade(engine, full)
    except (OperationalError, OSError) as exc:
        engine.dispose()
        raise KnownError(ErrorCode.DB, f"无法打开数据库：{_describe(exc)}", file=_safe(full)) from exc
    except ProgrammingError as exc:
        engine.dispose()
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        # a person's login may not change the schema
        raise KnownError(ErrorCode.DB, "数据库结构不是最新版本，当前账号无权升级：请管理员用数据库所有者账号运行 "
                                       "casereview db upgrade", file=_safe(full)) from exc
    store = Store(full, engine)
    factory = store._factory  # the store's sessions get the audit hooks (row images, the external anchor)
    tracking.install(factory)
    anchor.install(factory, full)
    return store


def bad_url(url: str) -> KnownError:
    scheme = url.split("://", 1)[0] if "://" in url else url
    return KnownError(ErrorCode.USAGE, f"数据库地址无法识别（{scheme}://…）：应为 SQLite 文件路径，"
                                       "或 postgresql://用户名@服务器[:端口]/数据库名")


def store_label(store: Store) -> str:
    """Where the store is, for people (the status bar): the URL without its password."""
    try:
        return _safe(store.url)
    except Exception:  # only a label: never let it stop start-up
        return "?"


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("://", 1)[0] + "://…"


def db_error(exc: SQLAlchemyError, url: str | None = None) -> KnownError:
    """A database failure met after the store was opened (the server went away, a lock, a refused right)
    as a one-line KnownError."""
    if isinstance(exc, OperationalError | DBAPIError):
        return KnownError(ErrorCode.DB, f"数据库操作失败：{_describe(exc)}", file=_safe(url) if url else None)
    return KnownError(ErrorCode.DB, f"数据库操作失败：{type(exc).__name__}", file=_safe(url) if url else None)


def _describe(exc: DBAPIError | OSError) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text:
        return "数据库被其他程序锁定，请稍后重试"
    if "unable to open" in text or "readonly" in text:
        return "数据库文件无法打开或只读，请检查路径和权限"
    if "password authentication failed" in text or "no password supplied" in text:
        return "数据库登录失败：用户名或密码不正确（请向管理员确认账号）"
    if "permission denied" in text or "row-level security" in text:
        return "数据库拒绝了该操作：当前账号没有这项权限"
    if ("Connection refused" in text or "could not connect" in text or "connection failed" in text
            or "timeout expired" in text or "could not translate host name" in text):
        return "无法连接数据库服务器，请检查地址、端口和网络"
    return text.strip().splitlines()[0] if text.strip() else "未知数据库错误"
