"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`: printed reports."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.errors import KnownError
from app.reports.model import ReportKind
from app.services import current_user, open_store
from app.services.report_data import DEFAULT_ISSUER
from app.services.reports import FORMATS, KINDS, ReportRequest, export_report


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，而不是“{text}”") from exc


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="生成评查表、监督意见书、通报、突出问题清单、详细台账")
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--kind", required=True, choices=[e.spec.kind.value for e in KINDS],
                   help=" / ".join(f"{e.spec.kind.value} {e.spec.title}" for e in KINDS))
    p.add_argument("--format", required=True, choices=("pdf", "docx", "xlsx"), help="文件格式")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件（--split 时为文件夹）")
    mask = p.add_mutually_exclusive_group()
    mask.add_argument("--no-mask", dest="mask", action="store_false", default=None, help="不屏蔽个人信息")
    mask.add_argument("--mask", dest="mask", action="store_true", help="屏蔽个人信息（评查表以外默认屏蔽）")
    p.add_argument("--split", action="store_true", help="评查表每卷一个文件")
    p.add_argument("--issuer", default=DEFAULT_ISSUER, help="发文单位")
    p.add_argument("--date", type=_date, help="落款日期（默认今天）")
    p.add_argument("--deadline", type=_date, help="整改期限（默认落款日期后 30 日）")
    p.set_defaults(func=run)


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
