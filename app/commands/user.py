"""`casereview user add|role|list`: reviewers, supervisors and administrators, each tied to a unit (回避)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from app.commands.supervise import agency_paths, fail, print_json, usage
from app.errors import ErrorCode, KnownError
from app.services import Store, UserDTO, current_user, ensure_user, open_store, set_role
from app.services.accounts import add_person
from app.services.users import list_users, role_label

PASSWORD_ENV = "CASEREVIEW_NEW_PASSWORD"


def _row(user: UserDTO, paths: dict[int, str]) -> dict[str, Any]:
    agency = paths.get(user.agency_id) if user.agency_id is not None else None
    return {"id": user.id, "name": user.name, "role": user.role, "role_label": role_label(user.role), "agency": agency}


def _line(row: dict[str, Any]) -> str:
    return f"{row['id']}\t{row['name']}\t{row['role_label']}（{row['role']}）\t{row['agency'] or '（无单位）'}"


def _show(store: Store, users: list[UserDTO], *, fmt: str, note: str = "") -> None:
    paths = agency_paths(store)
    rows = [_row(u, paths) for u in users]
    if fmt == "json":
        print_json(rows if not note else rows[0])
        return
    print(note or "编号\t姓名\t角色\t所属单位")
    for row in rows:
        print(_line(row))


def _existing(store: Store, name: str) -> UserDTO | None:
    return next((u for u in list_users(store) if u.name == name.strip()), None)


def _change_role(store: Store, actor: UserDTO, *, name: str, role: str) -> UserDTO:
    return set_role(store, name, role, by=actor)  # checks the actor, keeps the last admin, audit-logged


def _add(store: Store, actor: UserDTO, args: argparse.Namespace) -> UserDTO:
    old = _existing(store, args.name)
    wanted = args.role or (old.role if old else "reviewer")
    if store.is_sqlite:
        if args.login or args.password_stdin or args.no_password:
            print(
                "casereview user: SQLite 数据库不设个人数据库账号与密码（操作系统账号即本人），已忽略 --login/密码选项",
                file=sys.stderr,
            )
        user = ensure_user(store, args.name, role=wanted, agency=args.agency, by=actor)
    else:
        user = add_person(
            store,
            args.name,
            login=args.login or args.name,
            role=wanted,
            by=actor,
            password=_password(args),
            agency=args.agency,
        )
    if user.role != wanted:
        user = _change_role(store, actor, name=args.name, role=wanted)
    return user


def _password(args: argparse.Namespace) -> str | None:
    """The new person's password: none (pg_hba authenticates), from stdin or the environment, or asked."""
    if args.no_password:
        return None
    if args.password_stdin:
        text = sys.stdin.readline().rstrip("\r\n")
    elif os.environ.get(PASSWORD_ENV):
        text = os.environ[PASSWORD_ENV]
    elif sys.stdin.isatty():
        text = getpass.getpass(f"{args.name} 的初始密码：")
        if getpass.getpass("再输入一次：") != text:
            raise KnownError(ErrorCode.USAGE, "两次输入的密码不一致")
    else:
        raise KnownError(
            ErrorCode.USAGE,
            "请用 --password-stdin 或环境变量 CASEREVIEW_NEW_PASSWORD 给出初始密码，或用 --no-password 交由服务器认证",
        )
    if len(text) < 8:
        raise KnownError(ErrorCode.USAGE, "密码至少 8 个字符")
    return text


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
        actor = current_user(store)
        if args.user_command == "list":
            _show(store, list_users(store), fmt=args.format)
            return 0
        if args.user_command == "role":
            if _existing(store, args.name) is None:
                return usage("user", f"用户“{args.name}”不存在，请先用 user add 添加")
            user = _change_role(store, actor, name=args.name, role=args.role)
            _show(store, [user], fmt=args.format, note=f"已将 {user.name} 的角色设为{role_label(user.role)}")
            return 0
        existed = _existing(store, args.name) is not None
        user = _add(store, actor, args)
        _show(store, [user], fmt=args.format, note=f"{'已更新' if existed else '已添加'}用户 {user.name}")
        return 0
    except KnownError as exc:
        return fail("user", exc)
