"""`casereview worker [--name NAME] [--until-empty]`: take import/OCR jobs from the team database's queue."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import command, positive_int


def register(sub: Any) -> None:
    p = command(
        sub,
        "worker",
        help="作业进程：从团队 PostgreSQL 数据库的队列领取导入与 OCR 作业（可在多台工作站同时运行）",
        description="从 `casereview import --queue` 排入的队列领取作业：从数据库取出原始文件、识别（OCR）、"
        "分析并保存。每台工作站或空闲电脑均可运行一个或多个；作业加锁，进程中断的作业由其他进程重试，"
        "同一文件不会重复导入。仅支持 PostgreSQL。按 Ctrl+C 在当前作业完成后退出。",
    )
    p.add_argument("--name", help="显示在窗口“作业队列”中的名称（默认：计算机名-进程号）")
    p.add_argument(
        "--concurrency", type=positive_int, default=1, help="同时处理的作业数（默认 1；OCR 本身已用满两个核心）"
    )
    p.add_argument("--until-empty", action="store_true", help="队列为空时退出（默认一直等待新作业）")
