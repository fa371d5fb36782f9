"""`casereview objection add|answer|list`: each a call of ``app.services.objections``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands.supervise import fail, print_json
from app.errors import ErrorCode, KnownError
from app.services import Store, current_user, get_campaign, open_store
from app.services.objections import (
    ObjectionDTO,
    add_objection,
    answer_objection,
    attachment_bytes,
    get_objection,
    list_objections,
)


def as_json(o: ObjectionDTO) -> dict[str, Any]:
    return {"id": o.id, "dossier_id": o.dossier_id, "case_number": o.case_number, "file": o.file_name, "unit": o.unit,
            "item": o.item, "item_title": o.item_title, "reason": o.reason, "raised_by": o.raised_by,
            "raised_on": o.raised_on.isoformat() if o.raised_on else None, "deducted_before": o.deducted_before,
            "status": o.status, "status_label": o.status_label, "answer": o.answer, "deducted_after": o.deducted_after,
            "recorded_by": o.recorded_by, "answered_by": o.answered_by,
            "files": [{"id": f.id, "name": f.file_name, "sha256": f.sha256, "size": f.size} for f in o.files],
            "version": o.version}


def line(o: ObjectionDTO) -> str:
    change = f"，改扣 {o.deducted_after:g} 分" if o.changed else ""
    answer = f"\t答复：{o.answer}{change}" if o.answer else ""
    files = f"\t附件 {len(o.files)} 件" if o.files else ""
    return (f"{o.id}\t{o.unit}\t{o.case_number or o.file_name}\t{o.item_title}（原扣 {o.deducted_before:g} 分）\t"
            f"{o.status_label}\t理由：{o.reason}{files}{answer}")


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, str]:
    user = current_user(store)
    if args.verb == "add":
        o = add_objection(store, args.dossier, args.item, reason=args.reason, raised_by=args.by, raised_on=args.date,
                          attachments=[Path(p) for p in args.attach], user=user)
        return as_json(o), f"已登记异议 {o.id}\n{line(o)}"
    if args.verb == "answer":
        seen = get_objection(store, args.id)
        o = answer_objection(store, args.id, upheld=args.upheld, answer=args.text, deducted=args.deducted, user=user,
                             expected_version=seen.version)
        return as_json(o), f"已答复异议 {o.id}：{o.status_label}\n{line(o)}"
    campaign = get_campaign(store, args.campaign)
    rows = list_objections(store, campaign.id, dossier_ids=[args.dossier] if args.dossier else None,
                           status=args.status)
    lines = ["编号\t单位\t案号\t评查项\t状态\t理由与答复", *(line(o) for o in rows),
             f"共 {len(rows)} 件（成立 {sum(o.status == 'upheld' for o in rows)}，"
             f"不成立 {sum(o.status == 'rejected' for o in rows)}，待答复 {sum(o.status == 'pending' for o in rows)}）"]
    if args.save_attachments:
        lines.append(_save(store, rows, Path(args.save_attachments)))
    return [as_json(o) for o in rows], "\n".join(lines)


def _save(store: Store, rows: list[ObjectionDTO], folder: Path) -> str:
    """Each attachment as 异议<id>_<name>, read back hash-checked; an existing file is left as it is."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        saved, kept = 0, 0
        for o in rows:
            for f in o.files:
                target = folder / f"异议{o.id}_{f.file_name}"
                if target.exists():
                    kept += 1
                    continue
                _name, data = attachment_bytes(store, f.id)
                tmp = target.with_name(target.name + ".part")
                tmp.write_bytes(data)
                tmp.replace(target)
                saved += 1
    except OSError as exc:
        raise KnownError(ErrorCode.USAGE, f"无法保存异议附件：{exc.strerror or exc}", file=str(folder)) from exc
    return f"已保存附件 {saved} 件到 {folder}" + (f"（{kept} 件已存在，未覆盖）" if kept else "")


def run(args: argparse.Namespace) -> int:
    try:
        out, text = _run(open_store(args.db), args)
    except KnownError as exc:
        return fail(f"objection {args.verb}", exc)
    if args.format == "json":
        print_json(out)
    else:
        print(text)
    return 0
