"""`casereview db upgrade|backup PATH|verify|info`: migrations, backups and the audit-chain check."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from app.errors import KnownError
from app.services import open_store
from app.services.integrity import re_anchor, verify_store
from app.services.store import default_db_url
from app.store.engine import normalise_url, sqlite_path
from app.store.migrate import backup_sqlite, current_revision, head_revision, upgrade
from app.store.private import private_file


def _url(args: argparse.Namespace) -> str:
    return normalise_url(args.db or default_db_url())


def _upgrade(args: argparse.Namespace) -> int:
    store = open_store(args.db, migrate=False)
    before = current_revision(store.engine)
    backup = upgrade(store.engine, store.url)
    after = current_revision(store.engine)
    if before == after:
        print(f"数据库已是最新版本（{after}）")
    else:
        print(f"数据库已从 {before or '空库'} 升级到 {after}")
    if backup:
        print(f"升级前的备份：{backup}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    url = _url(args)
    dest = Path(args.path).expanduser().resolve()
    if dest.exists():
        print(f"casereview db backup: 目标文件已存在，不会覆盖：{dest}", file=sys.stderr)
        return 2
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            print(f"casereview db backup: 数据库文件不存在：{path}", file=sys.stderr)
            return 1
        backup_sqlite(path, dest)
        print(f"已备份到 {dest}")
        return 0
    return _pg_dump(url, dest)


def _pg_dump(url: str, dest: Path) -> int:
    tool = shutil.which("pg_dump")
    if tool is None:
        print("casereview db backup: 未找到 pg_dump，PostgreSQL 数据库请安装 PostgreSQL 客户端后重试",
              file=sys.stderr)
        return 1
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    private_file(dest)  # pg_dump writes into it and keeps its 0600
    done = subprocess.run([tool, "--format=custom", f"--file={dest}", f"--dbname={libpq}"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        dest.unlink(missing_ok=True)
        first = (done.stderr.strip().splitlines() or ["未知错误"])[0]
        print(f"casereview db backup: pg_dump 失败：{first}", file=sys.stderr)
        return 1
    print(f"已备份到 {dest}（pg_dump 自定义格式，用 pg_restore 恢复）")
    return 0


def _missing(args: argparse.Namespace, action: str) -> bool:
    """An SQLite file that does not exist is reported, never created empty (only `upgrade` creates one)."""
    path = sqlite_path(_url(args))
    if path is None or path.exists():
        return False
    print(f"casereview db {action}: 数据库文件不存在：{path}（不会新建空数据库；新建请用 casereview db upgrade）",
          file=sys.stderr)
    return True


def _verify(args: argparse.Namespace) -> int:
    if _missing(args, "verify"):
        return 1
    store = open_store(args.db)
    if args.re_anchor:
        print(re_anchor(store))
        return 0
    report = verify_store(store)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def _info(args: argparse.Namespace) -> int:
    if _missing(args, "info"):
        return 1
    store = open_store(args.db, migrate=False)
    safe = make_url(store.url).render_as_string(hide_password=True)
    print(f"数据库：{safe}")
    print(f"结构版本：{current_revision(store.engine) or '空库'}（最新：{head_revision()}）")
    if not store.is_sqlite:
        from app.services.accounts import db_identity

        ident = db_identity(store)
        print(f"当前数据库账号：{ident.login}（{ident.label}）")
    else:
        print("身份：操作系统账号即本人（单机 SQLite 文件对其所有者不设防，篡改由 db verify 发现）")
    return 0


def run(args: argparse.Namespace) -> int:
    handlers = {"upgrade": _upgrade, "backup": _backup, "verify": _verify, "info": _info}
    try:
        return handlers[args.db_action](args)
    except KnownError as exc:
        print(f"casereview db: {exc}", file=sys.stderr)
        return 1
