"""`casereview export` and `casereview import-export`: thin callers of ``app.services.export`` /
``app.services.export_import``."""

from __future__ import annotations

import argparse

from app.commands.supervise import fail, print_json
from app.errors import KnownError
from app.services import current_user, get_campaign, open_store
from app.services.export import export_campaign
from app.services.export_import import import_export


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
        campaign = get_campaign(store, args.campaign)
        tables, written = export_campaign(store, campaign.id, args.output.expanduser(), args.export_format,
                                          user=current_user(store), mask=args.mask, force=args.force)
    except KnownError as exc:
        return fail("export", exc)
    print(f"已导出 {len(tables.cases)} 件案件（{'已' if tables.masked else '未'}屏蔽个人信息）："
          + "、".join(str(p) for p in written))
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
        campaign = get_campaign(store, args.campaign)
        done = import_export(store, campaign.id, args.file.expanduser(), user=current_user(store))
    except KnownError as exc:
        return fail("import-export", exc)
    if args.format == "json":
        print_json({"read": done.read, "added": done.added, "skipped": done.skipped})
    else:
        print(f"读取 {done.read} 件，导入 {done.added} 件，已有 {done.skipped} 件未重复导入")
    return 0
