"""`casereview ledger`: the problem ledger (详细台账) with 整改 status: list and filter rows, set a row's
status, set deadlines. The ledger is synced with the effective reviews and overdue rows refreshed first."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.commands.supervise import fail, find_agency, print_json, usage
from app.errors import ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services import CampaignDTO, Store, UserDTO, current_user, get_campaign, list_agencies, open_store
from app.services.campaigns import load_rubric_known
from app.services.ledger import list_problems, refresh_overdue, set_deadline, set_status, sync_ledger
from scoring.rubric import Rubric

STATUSES = tuple(s.value for s in Rectification)


def _rubric(campaign: CampaignDTO) -> Rubric | None:
    try:
        return load_rubric_known(campaign.rubric_id)
    except KnownError:
        return None  # item ids are shown instead of titles


def _agency_ids(store: Store, name: str) -> list[int]:
    """The agency and, for a 师市, every unit under it."""
    root = find_agency(store, name)
    return [a.id for a in list_agencies(store) if a.id == root.id or a.path.startswith(root.path + "/")]


def _row(p: Problem) -> dict[str, Any]:
    return {"id": p.row_id, "agency": f"{p.parent_agency}/{p.agency}" if p.parent_agency else p.agency,
            "dossier_id": p.dossier_id, "case_number": p.case_number, "file": p.file_name, "item": p.item_id,
            "item_title": p.item_title, "description": p.description, "pages": list(p.pages), "deducted": p.deducted,
            "status": str(p.status), "deadline": p.deadline.isoformat() if p.deadline else None}


def _line(r: dict[str, Any]) -> str:
    return (f"{r['id']}\t{r['agency']}\t{r['case_number'] or r['file']}\t{r['item_title']}\t扣 {r['deducted']:g} 分\t"
            f"{r['status']}\t{r['deadline'] or '—'}")


def _list(store: Store, campaign: CampaignDTO, *, args: argparse.Namespace, today: dt.date) -> list[dict[str, Any]]:
    rubric = _rubric(campaign)
    if args.agency:
        rows = [p for a in _agency_ids(store, args.agency)
                for p in list_problems(store, campaign.id, today=today, rubric=rubric, agency_id=a)]
    else:
        rows = list_problems(store, campaign.id, today=today, rubric=rubric)
    if args.status:
        rows = [p for p in rows if str(p.status) == args.status]
    return [_row(p) for p in rows]


def _set_status(store: Store, campaign: CampaignDTO, *, user: UserDTO, args: argparse.Namespace) -> dict[str, Any]:
    row_text, status = args.set_status
    if not row_text.isdigit():
        raise KnownError(ErrorCode.USAGE, f"台账行号应为正整数，而不是“{row_text}”")
    row_id = int(row_text)
    if not list_problems(store, campaign.id, row_ids=[row_id]):  # one row, not the whole ledger
        raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign.name}”的台账中没有第 {row_id} 行")
    done = set_status(store, row_id, status=status, user=user, note=args.note)
    assert done is not None
    return _row(done)


def _set_deadline(store: Store, campaign: CampaignDTO, *, user: UserDTO, args: argparse.Namespace) -> dict[str, Any]:
    """New deadline for the open rows; rows that were 逾期 and are now within the deadline become 待整改 again."""
    ids: list[int | None] = list(_agency_ids(store, args.agency)) if args.agency else [None]
    overdue = [p.row_id for a in ids for p in list_problems(store, campaign.id, agency_id=a)
               if p.status == Rectification.OVERDUE and p.row_id is not None]
    n = sum(set_deadline(store, campaign.id, args.deadline, user=user, agency_id=a) for a in ids)
    reopened = len(overdue) if args.deadline >= dt.date.today() else 0  # set_deadline reopens them
    return {"rows": n, "deadline": args.deadline.isoformat(), "reopened": reopened}


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, str]:
    campaign = get_campaign(store, args.campaign)
    user = current_user(store)
    today = dt.date.today()
    sync_ledger(store, campaign.id, user=user)
    refresh_overdue(store, campaign.id, today=today, user=user)
    if args.set_status:
        row = _set_status(store, campaign, user=user, args=args)
        return row, f"已将台账第 {row['id']} 行设为 {row['status']}\n{_line(row)}"
    if args.deadline:
        done = _set_deadline(store, campaign, user=user, args=args)
        where = f"{args.agency} " if args.agency else ""
        again = f"，其中 {done['reopened']} 个逾期问题恢复为待整改" if done["reopened"] else ""
        return done, f"已将 {where}{done['rows']} 个未整改问题的期限设为 {args.deadline}{again}"
    rows = _list(store, campaign, args=args, today=today)
    counts = "，".join(f"{s} {sum(r['status'] == s for r in rows)}" for s in STATUSES)
    text = "\n".join(["行号\t单位\t案号\t评查项\t扣分\t状态\t期限", *(_line(r) for r in rows), f"共 {len(rows)} 行（{counts}）"])
    return rows, text


def run(args: argparse.Namespace) -> int:
    if args.set_status and args.deadline:
        return usage("ledger", "--set-status 与 --deadline 请分开执行")
    if args.set_status and args.set_status[1] not in STATUSES:
        return usage("ledger", f"整改状态只能是 {'、'.join(STATUSES)}，而不是“{args.set_status[1]}”")
    if args.note and not args.set_status:
        return usage("ledger", "--note 须与 --set-status 同用")
    try:
        out, text = _run(open_store(args.db), args)
    except KnownError as exc:
        return fail("ledger", exc)
    if args.format == "json":
        print_json(out)
    else:
        print(text)
    return 0
