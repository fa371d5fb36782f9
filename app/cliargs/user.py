"""`casereview user add|role|list`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import ROLE_HELP, ROLES, add_common, command, text_or_json

RULES = ROLE_HELP + "添加评查人员需要组织者或管理员；添加组织者或管理员、更改角色需要管理员；至少保留一名管理员。"


def register(sub: Any) -> None:
    p = command(sub, "user", help="用户管理：添加用户、设置角色与所属单位（回避）", description=RULES)
    cmds = p.add_subparsers(dest="user_command", required=True, title="操作")
    add = cmds.add_parser("add", help="添加用户（已存在则更新所属单位）", description=RULES)
    add.add_argument("name", help="用户姓名")
    add.add_argument("--role", choices=ROLES, help="角色（新用户默认 reviewer 评查人员）")
    add.add_argument("--agency", help="所属单位“师市/部门”（不存在则创建），抽样时回避本单位案卷")
    add.add_argument("--login", help="PostgreSQL：此人的数据库登录名（默认同姓名）；SQLite 不用")
    pw = add.add_mutually_exclusive_group()
    pw.add_argument("--password-stdin", action="store_true",
                    help="PostgreSQL：从标准输入读取此人的初始密码（脚本用；也可用环境变量 CASEREVIEW_NEW_PASSWORD）")
    pw.add_argument("--no-password", action="store_true",
                    help="PostgreSQL：不设密码，由服务器 pg_hba.conf 的认证方式（peer、ldap、cert 等）认证此人")
    role = cmds.add_parser("role", help="更改用户角色（需要管理员）", description=RULES)
    role.add_argument("name", help="用户姓名")
    role.add_argument("role", choices=ROLES, help="reviewer 评查人员 / supervisor 组织者 / admin 管理员")
    ls = cmds.add_parser("list", help="列出全部用户", description=RULES)
    for parser in (add, role, ls):
        text_or_json(parser)
        add_common(parser)
