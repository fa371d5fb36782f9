"""`casereview check FILE... [--format json|text] [--rubric ID|PATH]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import command
from app.cliargs.extract import FILES_HELP


def register(sub: Any) -> None:
    p = command(sub, "check", help="检查案卷：列出不符合项（附页码与原文）并按评查标准预评分（检查契约 v1）")
    p.add_argument("files", nargs="+", metavar="FILE", help=FILES_HELP)
    p.add_argument("--format", choices=("json", "text"), default="json", help="输出格式（默认 json）")
    p.add_argument("--rubric", metavar="ID", help="评查标准编号（penalty、license、enforcement、inspection）"
                   "或 YAML 文件路径；默认按案卷类型选择")
