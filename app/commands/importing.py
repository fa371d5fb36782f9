"""`casereview import PATH... --campaign NAME [--agency NAME] [--format json]`: batch import into a campaign."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any

from app.errors import ErrorCode, KnownError
from app.lifeline import kill_descendants
from app.progress import ProgressCode
from app.services import ImportReport, current_user, ensure_campaign, import_paths, open_store


class _Bar:
    """A one-line progress bar on stderr (text mode only)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, fraction: float, code: ProgressCode, /, **params: Any) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * max(0.0, min(1.0, fraction)))
        label = {ProgressCode.HASHING: "校验", ProgressCode.SAVING: "保存", ProgressCode.FILE_DONE: "完成",
                 ProgressCode.DONE: "结束"}.get(code, "处理")
        name = str(params.get("file", ""))[-40:]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction * 100:5.1f}% {label} {name:<40}")
        if code == ProgressCode.DONE:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _print_text(report: ImportReport) -> None:
    print(f"已导入 {len(report.imported)} 个，重复 {len(report.duplicates)} 个，拒绝 {len(report.rejected)} 个")
    for f in report.duplicates:
        print(f"  重复：{f.file}（该评查活动中已有此文件）")
    for name in report.no_unit:
        print(f"  未定单位：{name}（所在文件夹不是已有的被评查单位）")
    for r in report.rejected:
        print(f"  拒绝：{r.file}：{r.reason}")
    if report.cancelled:
        print("  导入已中断，其余文件未处理")


class _Stop:
    """The first Ctrl+C asks the import to stop after the file it is saving; a second one, or SIGTERM,
    stops at once: every worker process is killed and the open transaction rolls back (nothing half
    written), exit code 128 + signal."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def __call__(self, signum: int, _frame: object) -> None:
        if signum == signal.SIGINT and not self.cancelled.is_set():
            self.cancelled.set()
            print("\n正在中断导入：当前文件保存后停止（再按一次 Ctrl+C 立即停止）", file=sys.stderr)
            return
        self.cancelled.set()
        kill_descendants()
        # Out at once, whatever the main thread was doing: a SystemExit raised from here surfaced inside
        # whatever code was running (a CI run saw exit 1 instead of 143). The open transaction is not
        # committed, so the database rolls it back (SQLite on next open, PostgreSQL when the connection drops).
        sys.stderr.flush()
        os._exit(128 + signum)


def run(args: argparse.Namespace) -> int:
    stop = _Stop()
    cancelled = stop.cancelled
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        store = open_store(args.db)
        user = current_user(store)
        campaign = ensure_campaign(store, args.campaign, year=args.year, rubric_id=args.rubric, user=user)
        if args.queue:
            from app.commands.enqueue import enqueue

            if args.agency_from_folders:
                raise KnownError(
                    ErrorCode.USAGE, "--agency-from-folders 还不能与 --queue 同用：请用 --agency 指定单位，或在本机导入"
                )

            return enqueue(store, args, campaign=campaign, user=user)
        report = import_paths(
            store,
            args.paths,
            campaign=campaign,
            agency=args.agency,
            agency_from_folders=args.agency_from_folders,
            user=user,
            progress=_Bar(args.format == "text"),
            cancel=cancelled.is_set,
            workers=args.workers,
        )
    except KnownError as exc:
        print(f"casereview import: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if args.format == "json":
        out = report.to_json()
        print(
            json.dumps(
                {
                    "imported": [f["file"] for f in out["imported"]],
                    "duplicates": [f["file"] for f in out["duplicates"]],
                    "rejected": [{"file": r["file"], "reason": r["reason"]} for r in out["rejected"]],
                    "details": out,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_text(report)
    return 1 if report.rejected or report.cancelled else 0
