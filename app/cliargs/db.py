"""`casereview db upgrade|backup PATH|verify|info`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import add_common, command


def register(sub: Any) -> None:
    p = command(sub, "db", help="数据库维护：升级、备份、校验审计日志")
    actions = p.add_subparsers(dest="db_action", required=True, metavar="{upgrade,backup,verify,info}",
                               title="操作")
    for name, text in (
        ("upgrade", "把数据库结构升级到最新版本（SQLite 会先自动备份；PostgreSQL 同时建立作业队列）"),
        ("backup", "备份数据库到 PATH"),
        ("verify", "校验审计日志（哈希链、本机外部记录）并按日志复算评查、评分明细、角色与台账，逐项报告不一致"),
        ("info", "显示数据库地址和结构版本"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        add_common(action)
        if name == "verify":
            action.description = (
                "按审计日志复算每份评查、每项扣分、每个账号的角色与每条台账，逐项报告（表、行、字段、应为、实为）；"
                "SQLite 还核对保存在本机配置目录中的日志末尾记录（发现截断）；PostgreSQL 还列出未经本程序的"
                "直接 SQL 修改。有不一致时退出码为 1。"
            )
            action.add_argument(
                "--re-anchor",
                action="store_true",
                help="有意恢复备份之后：按数据库当前状态重新建立本机外部校验记录（仅 SQLite）",
            )
        if name == "backup":
            action.add_argument("path", metavar="PATH", help="备份文件（不得已存在）")
