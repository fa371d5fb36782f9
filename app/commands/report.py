"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`: printed reports."""

from __future__ import annotations

import argparse
import sys

from app.errors import KnownError
from app.reports.model import ReportKind
from app.services import current_user, open_store
from app.services.reports import FORMATS, ReportRequest, export_report


def run(args: argparse.Namespace) -> int:
    kind = ReportKind(args.kind)
    if args.format not in FORMATS[kind]:
        print(f"casereview report: 用法错误: {kind} 只能导出为 {'、'.join(FORMATS[kind])}", file=sys.stderr)
        return 2
    req = ReportRequest(args.campaign, kind, args.format, args.mask, args.split, args.issuer, args.date, args.deadline)
    try:
        store = open_store(args.db)
        paths = export_report(store, req, args.output, user=current_user(store))
    except KnownError as exc:
        print(f"casereview report: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    for path in paths:
        print(path)
    print(f"已生成 {len(paths)} 个文件（个人信息{'已屏蔽' if req.masked else '未屏蔽'}）", file=sys.stderr)
    return 0
