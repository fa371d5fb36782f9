"""`casereview import … --queue`: store the originals and queue them for `casereview worker`."""

from __future__ import annotations

import argparse
import json
import sys

from app.jobs.enqueue import enqueue_paths
from app.services import CampaignDTO, Store, UserDTO


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    def show(done: int, total: int, name: str) -> None:
        if enabled:
            sys.stderr.write(f"\r排队 {done}/{total} {name[-40:]:<40}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
    return show


def enqueue(store: Store, args: argparse.Namespace, *, campaign: CampaignDTO, user: UserDTO) -> int:
    report = enqueue_paths(store, args.paths, campaign=campaign, agency=args.agency, user=user,
                           progress=_progress(args.format == "text"))
    if args.format == "json":
        print(json.dumps({"queued": [q.file for q in report.queued],
                          "duplicates": [d.file for d in report.duplicates],
                          "rejected": [{"file": r.file, "reason": r.reason} for r in report.rejected]},
                         ensure_ascii=False, indent=2))
    else:
        print(f"已排队 {len(report.queued)} 个，重复 {len(report.duplicates)} 个，拒绝 {len(report.rejected)} 个；"
              f"请在各工作站运行 casereview worker 处理，用 casereview queue --campaign {campaign.name} 查看进度")
        for d in report.duplicates:
            print(f"  重复：{d.file}（该评查活动中已有此文件或已在队列中）")
        for r in report.rejected:
            print(f"  拒绝：{r.file}：{r.reason}")
    return 1 if report.rejected else 0
