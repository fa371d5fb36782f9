"""Options and value parsers shared by several sub-commands (standard library only)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

DB_HELP = "数据库 URL 或 SQLite 文件路径（默认：用户数据目录中的 SQLite 文件；也可用环境变量 CASEREVIEW_DB）"
FORMAT_HELP = "输出格式"
ROLE_HELP = ("角色规则：第一次使用数据库的用户自动成为管理员（admin）；之后新出现的用户为评查人员（reviewer）。"
             "抽样分配、合议定稿、整改状态与期限需要组织者（supervisor）或管理员；更改角色需要管理员。"
             "当前用户为操作系统登录名，可用环境变量 CASEREVIEW_USER 指定。")
ROLES = ("reviewer", "supervisor", "admin")  # app.services.users.ROLES (a test keeps the two equal)


def add_common(parser: argparse.ArgumentParser) -> None:
    """`--db` and `-v` after the sub-command too; SUPPRESS keeps a value given before it."""
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    parser.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="输出调试日志")


def command(sub: Any, name: str, *, help: str, description: str | None = None) -> argparse.ArgumentParser:
    """A sub-command parser with the shared options."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description or help)
    add_common(parser)
    return parser


def text_or_json(parser: argparse.ArgumentParser, default: str = "text") -> None:
    parser.add_argument("--format", choices=("text", "json"), default=default,
                        help=f"{FORMAT_HELP}（默认 {default}）")


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，而不是“{text}”") from exc


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是“{text}”")
    return int(text)


def percent(text: str) -> float:
    try:
        value = float(text.rstrip("%％"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"比例应为 0 到 100 之间的数，而不是“{text}”") from exc
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"比例应在 0 到 100 之间，而不是“{text}”")
    return value


def seed(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"抽样种子应为非负整数，而不是“{text}”")
    return int(text)
