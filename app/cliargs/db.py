"""`casereview db upgrade|backup PATH|verify|info`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import add_common, command


def register(sub: Any) -> None:
    p = command(sub, "db", help="数据库维护：升级、备份、校验审计日志")
    actions = p.add_subparsers(dest="db_action", required=True, metavar="{upgrade,backup,verify,info}",
                               title="操作")
    for name, text in (("upgrade", "把数据库结构升级到最新版本（SQLite 会先自动备份；PostgreSQL 同时建立作业队列）"),
                       ("backup", "备份数据库到 PATH"),
                       ("verify", "校验审计日志的哈希链是否完整"),
                       ("info", "显示数据库地址和结构版本")):
        action = actions.add_parser(name, help=text, description=text)
        add_common(action)
        if name == "backup":
            action.add_argument("path", metavar="PATH", help="备份文件（不得已存在）")
