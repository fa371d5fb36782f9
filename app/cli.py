"""The `casereview` command: gui (default), extract, check, import, db, stats, report."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

# name -> (module, one-line help). A command's module (and the heavy libraries it needs: PyMuPDF,
# SQLAlchemy, OCR) is imported only when that command runs, so `casereview` opens the window and
# `casereview --help` answers without paying for the others.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("app.commands.extract", "读取案卷文件，输出识别出的文书与字段（抽取契约 v1）"),
    "check": ("app.commands.check", "检查案卷：列出不符合项（附页码与原文）并按评查标准预评分（检查契约 v1）"),
    "import": ("app.commands.importing", "批量导入案卷（文件、文件夹、ZIP 压缩包）到评查活动"),
    "db": ("app.commands.db", "数据库维护：升级、备份、校验审计日志"),
    "stats": ("app.commands.stats", "评查活动统计：等次分布、各单位平均分、常见问题、规则采纳率、进度"),
    "report": ("app.commands.report", "生成评查表、监督意见书、通报、突出问题清单、详细台账"),
    "user": ("app.commands.user", "用户管理：添加用户、设置角色与所属单位（回避）"),
    "sample": ("app.commands.sample", "按单位分层抽取案卷并分配评查人员（显示种子可复现，回避本单位，可盲评）"),
    "reconcile": ("app.commands.reconcile", "双人评查合议：列出分歧、逐项裁定并定稿；一致性报告"),
    "ledger": ("app.commands.ledger", "问题整改台账：列出问题、更新整改状态（待整改/已整改/逾期）、设置整改期限"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a Chinese message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"casereview: 用法错误: {message}", file=sys.stderr)
        raise SystemExit(2)


def _chosen(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if a in COMMANDS), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``argv``, only the command named there gets its real arguments."""
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
    chosen = None if argv is None else _chosen(argv)
    for name, (module, help_text) in COMMANDS.items():
        if argv is None or name == chosen:
            importlib.import_module(module).register(sub)
        else:
            sub.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.command in (None, "gui"):
        from ui.main import run_gui  # lazy: only the window needs Qt

        return run_gui(db_url=args.db, demo=bool(getattr(args, "demo", False)))
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """A command; what escapes it as a known error or a database failure is one line of Chinese."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.errors import KnownError
    from app.services.store import db_error

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        code: int = args.func(args)
    except KnownError as exc:
        print(f"casereview {args.command}: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        logging.getLogger(__name__).debug("database error", exc_info=True)
        print(f"casereview {args.command}: {db_error(exc, args.db)}", file=sys.stderr)
        return 1
    finally:
        sys.stdout, sys.stderr = out, err
    return code


class SafeStream:
    """What a command prints goes through :func:`app.textsafe.printable`: a file or user name holding
    ESC sequences cannot drive the terminal. A leading carriage return (a progress bar) is kept."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, text: str) -> int:
        from app.textsafe import printable

        lead = "\r" if text.startswith("\r") else ""
        self._raw.write(lead + printable(text[len(lead):]))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


if __name__ == "__main__":
    raise SystemExit(main())
