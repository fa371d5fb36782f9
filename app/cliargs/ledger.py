"""`casereview ledger --campaign NAME [--agency A] [--status S] [--set-status ROW STATUS …] [--edit ROW …]
[--attach ROW FILE] [--deadline D]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import ROLE_HELP, command, iso_date, text_or_json
from app.reports.model import Rectification  # standard library only

STATUSES = tuple(s.value for s in Rectification)
SETTABLE = tuple(s for s in STATUSES if s != Rectification.OVERDUE)


def register(sub: Any) -> None:
    p = command(
        sub,
        "ledger",
        help="问题整改台账：列出问题、填写整改情况、复核销号、设置整改期限",
        description="列出详细台账（每卷每个扣分项一行）；--edit 填写整改措施、责任单位等；--attach 上传佐证材料；"
        "--set-status 推进整改状态（待整改 → 整改中 → 已整改待复核 → 已销号，或 无法整改（已归档））；"
        "--deadline 设置未整改问题的整改期限。逾期由期限自动判断。" + ROLE_HELP,
    )
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--agency", help="只看（或只设置）该单位；写师市名则含其下属各单位")
    p.add_argument("--status", choices=STATUSES, help="只列出该整改状态的问题")
    p.add_argument(
        "--set-status",
        nargs=2,
        metavar=("ROW_ID", "STATUS"),
        help=f"更新台账某行的整改状态（{'、'.join(SETTABLE)}），如 12 已整改待复核",
    )
    p.add_argument("--note", default="", help="说明（与 --set-status 同用；无法整改须写明原因）")
    p.add_argument("--checker", default="", help="复核人（销号时必填）")
    p.add_argument("--closed-on", type=iso_date, help="销号日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--edit", metavar="ROW_ID", help="编辑台账某行的整改栏目（与下列选项同用）")
    p.add_argument("--measure", help="整改措施")
    p.add_argument("--responsible-unit", help="责任单位")
    p.add_argument("--responsible-person", help="责任人")
    p.add_argument("--progress", help="整改情况（--edit 或报已整改待复核时）")
    p.add_argument("--completed-on", type=iso_date, help="完成日期 YYYY-MM-DD")
    p.add_argument("--row-deadline", type=iso_date, help="该行的整改期限 YYYY-MM-DD（与 --edit 同用）")
    p.add_argument(
        "--attach", nargs=2, metavar=("ROW_ID", "FILE"), type=str, help="为台账某行上传佐证材料（原样保存，不覆盖）"
    )
    p.add_argument("--deadline", type=iso_date, help="整改期限 YYYY-MM-DD（未整改的问题）")
    text_or_json(p)
