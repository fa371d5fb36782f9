"""`casereview ledger`: the problem ledger (详细台账) worked to 销号: list and filter rows, fill a row's 整改
columns, attach 佐证材料, move a row's status, set deadlines — each a call of ``app.services.ledger``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.commands.supervise import answer, usage
from app.errors import ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services import CampaignDTO, Store, UserDTO, campaign_rubric, current_user, get_campaign, open_store
from app.services.ledger import (
    attach_evidence,
    edit_row,
    ensure_ledger,
    list_problems,
    parse_status,
    read_ledger,
    set_deadline,
    set_status,
)

STATUSES = tuple(s.value for s in Rectification)
EDIT_OPTIONS = {"measure": "measure", "responsible_unit": "responsible_unit",
                "responsible_person": "responsible_person", "progress": "progress", "completed_on": "completed_on",
                "row_deadline": "deadline"}


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def _row(p: Problem) -> dict[str, Any]:
    return {"id": p.row_id, "agency": p.unit_path, "dossier_id": p.dossier_id, "case_number": p.case_number,
            "file": p.file_name, "item": p.item_id, "item_title": p.item_title, "description": p.description,
            "legal_basis": p.legal_basis, "pages": list(p.pages), "deducted": p.deducted, "status": str(p.status),
            "deadline": _day(p.deadline), "version": p.version, "measure": p.measure,
            "responsible_unit": p.responsible_unit, "responsible_person": p.responsible_person,
            "progress": p.progress, "completed_on": _day(p.completed_on), "evidence": list(p.evidence),
            "checker": p.checker, "closed_on": _day(p.closed_on), "note": p.note}


def _line(r: dict[str, Any]) -> str:
    return (f"{r['id']}\t{r['agency']}\t{r['case_number'] or r['file']}\t{r['item_title']}\t扣 {r['deducted']:g} 分\t"
            f"{r['status']}\t{r['deadline'] or '—'}\t{r['responsible_person'] or '—'}\t{r['checker'] or '—'}")


def _seen(store: Store, campaign: CampaignDTO, row_text: str) -> Problem:
    if not row_text.isdigit():
        raise KnownError(ErrorCode.USAGE, f"台账行号应为正整数，而不是“{row_text}”")
    seen = list_problems(store, campaign.id, row_ids=[int(row_text)])  # one row: its version guards the change
    if not seen:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign.name}”的台账中没有第 {row_text} 行")
    return seen[0]


def _change(store: Store, campaign: CampaignDTO, user: UserDTO, args: argparse.Namespace) -> tuple[Any, str]:
    ensure_ledger(store, campaign.id, user=user)
    if args.set_status:
        row = _seen(store, campaign, args.set_status[0])
        done = set_status(store, {row.row_id or 0: row.version}, status=args.set_status[1], user=user,
                          note=args.note, progress=args.progress or "", completed_on=args.completed_on,
                          checker=args.checker, closed_on=args.closed_on)
        out = _row(done.problems[0])
        return out, f"已将台账第 {out['id']} 行设为 {out['status']}\n{_line(out)}"
    if args.edit:
        row = _seen(store, campaign, args.edit)
        fields = {key: getattr(args, opt) for opt, key in EDIT_OPTIONS.items() if getattr(args, opt) is not None}
        done = edit_row(store, row.row_id or 0, row.version, user=user, **fields)
        out = _row(done.problems[0])
        return out, f"已更新台账第 {out['id']} 行（{done.rows} 处修改）\n{_line(out)}"
    if args.attach:
        row = _seen(store, campaign, args.attach[0])
        done = attach_evidence(store, row.row_id or 0, Path(args.attach[1]).expanduser(), user=user,
                               expected=row.version)
        out = _row(done.problems[0])
        return out, f"已为台账第 {out['id']} 行保存佐证材料：{'、'.join(out['evidence'])}"
    done = set_deadline(store, campaign.id, args.deadline, user=user, unit=args.agency)
    where = f"{args.agency} " if args.agency else ""
    return ({"rows": done.rows, "deadline": args.deadline.isoformat()},
            f"已将 {where}{done.rows} 个未整改问题的期限设为 {args.deadline}")


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, str]:
    campaign = get_campaign(store, args.campaign)
    user = current_user(store)
    if args.set_status or args.edit or args.attach or args.deadline:
        return _change(store, campaign, user, args)
    view = read_ledger(store, campaign.id, user=user, rubric=campaign_rubric(store, campaign), unit=args.agency,
                       status=args.status)
    rows = [_row(p) for p in view.problems]
    counts = "，".join(f"{s} {sum(r['status'] == s for r in rows)}" for s in STATUSES)
    lines = ["行号\t单位\t案号\t评查项\t扣分\t状态\t期限\t责任人\t复核人", *(_line(r) for r in rows),
             f"共 {len(rows)} 行（{counts}）"]
    return rows, "\n".join([*([view.note] if view.note else []), *lines])


def _misuse(args: argparse.Namespace) -> str:
    if args.set_status:
        try:
            parse_status(args.set_status[1])
        except KnownError as exc:
            return str(exc)
    actions = [a for a in ("set_status", "edit", "attach", "deadline") if getattr(args, a)]
    if len(actions) > 1:
        return "--set-status、--edit、--attach 与 --deadline 请分开执行"
    if (args.note or args.checker or args.closed_on) and not args.set_status:
        return "--note、--checker、--closed-on 须与 --set-status 同用"
    edits = [o for o in EDIT_OPTIONS if getattr(args, o) is not None and o not in ("progress", "completed_on")]
    if edits and not args.edit:
        return "--measure、--responsible-unit、--responsible-person、--row-deadline 须与 --edit 同用"
    if args.edit and not any(getattr(args, o) is not None for o in EDIT_OPTIONS):
        return "--edit 须给出要修改的栏目（如 --measure、--responsible-person）"
    return ""


def run(args: argparse.Namespace) -> int:
    problem = _misuse(args)
    if problem:
        return usage("ledger", problem)

    def work() -> tuple[Any, Callable[[], None]]:
        out, text = _run(open_store(args.db), args)
        return out, lambda: print(text)

    return answer("ledger", args.format, work)
