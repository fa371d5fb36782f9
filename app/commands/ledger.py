"""`casereview ledger`: the problem ledger (详细台账) with 整改 status: list and filter rows, set a row's
status, set deadlines — each a call of ``app.services.ledger``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.commands.supervise import answer, usage
from app.errors import ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services import CampaignDTO, Store, UserDTO, campaign_rubric, current_user, get_campaign, open_store
from app.services.ledger import SETTABLE, ensure_ledger, list_problems, read_ledger, set_deadline, set_status

STATUSES = tuple(s.value for s in Rectification)




def _row(p: Problem) -> dict[str, Any]:
    return {"id": p.row_id, "agency": p.unit_path, "dossier_id": p.dossier_id, "case_number": p.case_number,
            "file": p.file_name, "item": p.item_id, "item_title": p.item_title, "description": p.description,
            "pages": list(p.pages), "deducted": p.deducted, "status": str(p.status),
            "deadline": p.deadline.isoformat() if p.deadline else None, "version": p.version}


def _line(r: dict[str, Any]) -> str:
    return (f"{r['id']}\t{r['agency']}\t{r['case_number'] or r['file']}\t{r['item_title']}\t扣 {r['deducted']:g} 分\t"
            f"{r['status']}\t{r['deadline'] or '—'}")


def _set_status(store: Store, campaign: CampaignDTO, *, user: UserDTO, args: argparse.Namespace) -> dict[str, Any]:
    row_text, status = args.set_status
    if not row_text.isdigit():
        raise KnownError(ErrorCode.USAGE, f"台账行号应为正整数，而不是“{row_text}”")
    row_id = int(row_text)
    seen = list_problems(store, campaign.id, row_ids=[row_id])  # one row: its version guards the change
    if not seen:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign.name}”的台账中没有第 {row_id} 行")
    done = set_status(store, {row_id: seen[0].version}, status=status, user=user, note=args.note)
    return _row(done.problems[0])


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, str]:
    campaign = get_campaign(store, args.campaign)
    user = current_user(store)
    if args.set_status:
        ensure_ledger(store, campaign.id, user=user)
        row = _set_status(store, campaign, user=user, args=args)
        return row, f"已将台账第 {row['id']} 行设为 {row['status']}\n{_line(row)}"
    if args.deadline:
        ensure_ledger(store, campaign.id, user=user)
        done = set_deadline(store, campaign.id, args.deadline, user=user, unit=args.agency)
        where = f"{args.agency} " if args.agency else ""
        out = {"rows": done.rows, "deadline": args.deadline.isoformat()}
        return out, f"已将 {where}{done.rows} 个未整改问题的期限设为 {args.deadline}"
    view = read_ledger(store, campaign.id, user=user, rubric=campaign_rubric(store, campaign), unit=args.agency, status=args.status)
    rows = [_row(p) for p in view.problems]
    counts = "，".join(f"{s} {sum(r['status'] == s for r in rows)}" for s in STATUSES)
    lines = ["行号\t单位\t案号\t评查项\t扣分\t状态\t期限", *(_line(r) for r in rows), f"共 {len(rows)} 行（{counts}）"]
    return rows, "\n".join([*([view.note] if view.note else []), *lines])


def run(args: argparse.Namespace) -> int:
    if args.set_status and args.deadline:
        return usage("ledger", "--set-status 与 --deadline 请分开执行")
    if args.set_status and args.set_status[1] not in SETTABLE:
        return usage("ledger", f"整改状态只能设为 {'、'.join(SETTABLE)}，而不是“{args.set_status[1]}”"
                               "（逾期由整改期限自动判断）")
    if args.note and not args.set_status:
        return usage("ledger", "--note 须与 --set-status 同用")
    def work() -> tuple[Any, Callable[[], None]]:
        out, text = _run(open_store(args.db), args)
        return out, lambda: print(text)

    return answer("ledger", args.format, work)
