"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`: printed reports."""

from __future__ import annotations

import argparse
import sys

from app.errors import KnownError
from app.reports.build import context
from app.reports.model import ReportKind
from app.reports.render import FORMATS, default_mask, write
from app.services import current_user, open_store
from app.services.ledger import sync_ledger


def run(args: argparse.Namespace) -> int:
    kind = ReportKind(args.kind)
    if args.format not in FORMATS[kind]:
        print(f"casereview report: 用法错误: {kind} 只能导出为 {'、'.join(FORMATS[kind])}", file=sys.stderr)
        return 2
    mask = default_mask(kind) if args.mask is None else bool(args.mask)
    try:
        store = open_store(args.db)
        ctx = context(store, args.campaign, issuer=args.issuer, issued=args.date, deadline=args.deadline)
        sync_ledger(store, ctx.campaign.id, user=current_user(store), deadline=ctx.deadline)
        paths = write(ctx, kind, args.format, args.output, mask=mask, split=args.split)
    except KnownError as exc:
        print(f"casereview report: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    for path in paths:
        print(path)
    print(f"已生成 {len(paths)} 个文件（个人信息{'已屏蔽' if mask else '未屏蔽'}）", file=sys.stderr)
    return 0
