"""The `casereview` command: gui (default), extract, check, import, db, stats, report."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from app.commands import check as check_cmd
from app.commands import db as db_cmd
from app.commands import extract as extract_cmd
from app.commands import importing as import_cmd
from app.commands import report as report_cmd
from app.commands import stats as stats_cmd

COMMANDS = (extract_cmd, check_cmd, import_cmd, db_cmd, stats_cmd, report_cmd)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a Chinese message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"casereview: 用法错误: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casereview", description="案卷评查工作站 — 行政执法案卷评查")
    parser.add_argument(
        "--db",
        default=os.environ.get("CASEREVIEW_DB"),
        help="数据库 URL（默认：用户数据目录中的 SQLite 文件；也可用环境变量 CASEREVIEW_DB）",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    gui = sub.add_parser("gui", help="打开评查工作站窗口（默认）")
    gui.add_argument("--demo", action="store_true", help="直接打开演示评查活动")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.command in (None, "gui"):
        from ui.main import run_gui  # lazy: only the window needs Qt

        return run_gui(db_url=args.db, demo=bool(getattr(args, "demo", False)))
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
