"""`casereview queue --campaign NAME [--format json]`: the campaign's import queue and its workers."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import command, text_or_json


def register(sub: Any) -> None:
    p = command(sub, "queue", help="查看评查活动的导入作业队列与正在处理的作业进程（仅 PostgreSQL）")
    p.add_argument("--campaign", required=True, help="评查活动名称")
    text_or_json(p)
