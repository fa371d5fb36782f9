"""`casereview queue --campaign NAME [--format json]`: the campaign's queue and its workers."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from app.errors import KnownError
from app.jobs.enqueue import require_postgres
from app.jobs.status import STATE_LABELS, QueueStatus, queue_status
from app.services import get_campaign, open_store


def _text(status: QueueStatus, campaign: str) -> None:
    print(f"评查活动“{campaign}”的导入队列：共 {status.total} 个文件，已完成 {status.finished} 个")
    print("  " + "，".join(f"{label} {status.counts.get(key, 0)}" for key, label in STATE_LABELS.items()))
    print("作业进程：" if status.workers else "作业进程：（无）")
    for w in status.workers:
        state = "在线" if w.alive else "离线"
        print(f"  {w.name}（{w.host}，{state}）：已完成 {w.done} 个" + (f"，正在处理 {w.current}" if w.current else ""))
    for p in status.problems:
        print(f"  {STATE_LABELS.get(p.state, p.state)}：{p.file}：{p.reason}")


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
        require_postgres(store)
        campaign = get_campaign(store, args.campaign)
        status = queue_status(store, campaign.id)
    except KnownError as exc:
        print(f"casereview queue: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    if args.format == "json":
        print(json.dumps({**asdict(status), "total": status.total, "finished": status.finished},
                         ensure_ascii=False, indent=2))
    else:
        _text(status, campaign.name)
    return 0
