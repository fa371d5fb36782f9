"""`casereview worker [--name NAME] [--concurrency N] [--until-empty]`: work the team's import queue."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys

from app.errors import KnownError
from app.jobs.enqueue import require_postgres
from app.jobs.worker import TeamWorker, default_name
from app.services import open_store


def run(args: argparse.Namespace) -> int:
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    try:
        store = open_store(args.db)
        require_postgres(store)
        worker = TeamWorker(store, name=args.name or default_name())
    except KnownError as exc:
        print(f"casereview worker: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    print(f"作业进程“{worker.name}”已启动，等待导入作业（Ctrl+C 在当前作业完成后退出）", file=sys.stderr)
    import asyncio

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(worker.run(concurrency=args.concurrency, until_empty=args.until_empty))
    print(f"作业进程“{worker.name}”已退出", file=sys.stderr)
    return 0
