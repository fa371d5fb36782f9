"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`: printed reports."""

from __future__ import annotations

import argparse
import sys

from app.errors import KnownError
from app.reports.model import ReportKind
from app.services import current_user, open_store
from app.services.doc_settings import save_doc_settings
from app.services.reports import FORMATS, ReportRequest, export_report

SETTINGS = ("organ", "mark", "number", "opinion_prefix", "recipients", "cc", "plan", "method", "objection_days")


def run(args: argparse.Namespace) -> int:
    kind = ReportKind(args.kind)
    if args.format not in FORMATS[kind]:
        print(f"casereview report: 用法错误: {kind} 只能导出为 {'、'.join(FORMATS[kind])}", file=sys.stderr)
        return 2
    req = ReportRequest(args.campaign, kind, args.format, args.mask, args.split, args.issuer, args.date, args.deadline)
    if args.output.exists() and not args.force and not (args.split and args.output.is_dir()):
        print(f"casereview report: {args.output}: 输出文件已存在，不覆盖（要覆盖请加 --force）", file=sys.stderr)
        return 2
    try:
        store = open_store(args.db)
        user = current_user(store)
        changes = {k: getattr(args, k, None) for k in SETTINGS}
        if any(v is not None for v in changes.values()):
            save_doc_settings(store, args.campaign, changes, user=user)
        paths = export_report(store, req, args.output, user=user, overwrite=args.force)
    except KnownError as exc:
        print(f"casereview report: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    for path in paths:
        print(path)
    print(f"已生成 {len(paths)} 个文件（个人信息{'已屏蔽' if req.masked else '未屏蔽'}）", file=sys.stderr)
    return 0
