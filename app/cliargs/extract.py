"""`casereview extract FILE... [--format json|text]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import command

FILES_HELP = "案卷文件（PDF、DOCX、图片或页面图片文件夹）"


def register(sub: Any) -> None:
    p = command(sub, "extract", help="读取案卷文件，输出识别出的文书与字段（抽取契约 v1）")
    p.add_argument("files", nargs="+", metavar="FILE", help=FILES_HELP)
    p.add_argument("--format", choices=("json", "text"), default="json", help="输出格式（默认 json）")
