"""The `casereview` command: gui (default) and the sub-commands listed in `app.cliargs.COMMANDS`.

Parsing needs only argparse (`app.cliargs`): `--help` and usage errors answer at once, in Chinese.
A command's module — and the heavy libraries it needs (SQLAlchemy, PyMuPDF, OCR, Qt) — is imported
only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from app.cliargs import COMMANDS
from app.cliargs.common import DB_HELP
from app.cliargs.zh import install as _install_zh

_install_zh()


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a Chinese message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 用法错误: {message}", file=sys.stderr)
        if "无法识别的参数" in message:
            print(f"（用 `{self.prog} --help` 查看可用的参数）", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casereview", description="案卷评查工作站 — 行政执法案卷评查。不带子命令时打开工作站窗口。")
    parser.add_argument("--db", metavar="URL", default=os.environ.get("CASEREVIEW_DB"), help=DB_HELP)
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="子命令")
    gui = sub.add_parser("gui", help="打开评查工作站窗口（默认）", description="打开评查工作站窗口")
    gui.add_argument("--demo", action="store_true", help="直接打开演示评查活动")
    gui.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    for args_module, _run_module in COMMANDS.values():
        importlib.import_module(args_module).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
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
        module = importlib.import_module(COMMANDS[args.command][1])
        code: int = module.run(args)
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
