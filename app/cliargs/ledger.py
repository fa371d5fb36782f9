"""`casereview ledger --campaign NAME [--agency A] [--status S] [--set-status ROW STATUS] [--deadline D]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import ROLE_HELP, command, iso_date, text_or_json
from app.reports.model import Rectification  # standard library only

STATUSES = tuple(s.value for s in Rectification)


def register(sub: Any) -> None:
    p = command(sub, "ledger", help="问题整改台账：列出问题、更新整改状态、设置整改期限",
                description="列出详细台账（每卷每个扣分项一行）；--set-status 更新一行的整改状态，"
                            "--deadline 设置未整改问题的整改期限。" + ROLE_HELP)
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--agency", help="只看（或只设置）该单位；写师市名则含其下属各单位")
    p.add_argument("--status", choices=STATUSES, help="只列出该整改状态的问题")
    p.add_argument("--set-status", nargs=2, metavar=("ROW_ID", "STATUS"), help="更新台账某行的整改状态（待整改 或 已整改），如 12 已整改")
    p.add_argument("--note", default="", help="整改说明（与 --set-status 同用）")
    p.add_argument("--deadline", type=iso_date, help="整改期限 YYYY-MM-DD（未整改的问题）")
    text_or_json(p)
