"""`casereview ledger`: the problem ledger (详细台账) with 整改 status: list and filter rows, set a row's
status, set deadlines — each a call of ``app.services.ledger``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.commands.supervise import ROLE_HELP, fail, print_json, usage
from app.errors import ErrorCode, KnownError
from app.reports.model import Problem, Rectification
from app.services import CampaignDTO, Store, UserDTO, campaign_rubric, current_user, get_campaign, open_store
from app.services.ledger import SETTABLE, ensure_ledger, list_problems, read_ledger, set_deadline, set_status

STATUSES = tuple(s.value for s in Rectification)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，而不是“{text}”") from exc


def register(sub: Any) -> None:
    p = sub.add_parser("ledger", help="问题整改台账：列出问题、更新整改状态、设置整改期限",
                       description="列出详细台账（每卷每个扣分项一行）；--set-status 更新一行的整改状态，"
                                   "--deadline 设置未整改问题的整改期限。" + ROLE_HELP)
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--agency", help="只看（或只设置）该单位；写师市名则含其下属各单位")
    p.add_argument("--status", choices=STATUSES, help="只列出该整改状态的问题")
    p.add_argument("--set-status", nargs=2, metavar=("ROW_ID", "STATUS"), help="更新台账某行的整改状态（待整改 或 已整改），如 12 已整改")
    p.add_argument("--note", default="", help="整改说明（与 --set-status 同用）")
    p.add_argument("--deadline", type=_date, help="整改期限 YYYY-MM-DD（未整改的问题）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    p.set_defaults(func=run)


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
    try:
        out, text = _run(open_store(args.db), args)
    except KnownError as exc:
        return fail("ledger", exc)
    if args.format == "json":
        print_json(out)
    else:
        print(text)
    return 0
