"""`casereview reconcile --campaign NAME [--dossier ID [--settle …] [--take a|b] [--finalise]] [--agreement]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import ROLE_HELP, command, text_or_json


def register(sub: Any) -> None:
    p = command(
        sub,
        "reconcile",
        help="双人评查合议：列出分歧、逐项裁定并定稿；一致性报告",
        description="不带 --dossier：列出待合议（两份已提交评查）与待定稿（一份）的案卷；带 --dossier：逐项对照两人的"
        "扣分与理由；加 --finalise 定稿（两人评查须用 --settle 或 --take 裁定每个分歧项）。" + ROLE_HELP,
    )
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--dossier", type=int, help="案卷编号")
    p.add_argument(
        "--settle",
        nargs="+",
        default=[],
        metavar="ITEM=DEDUCTION[:REASON]",
        help="裁定某评查项的扣分与理由，如 documents.templates=1:文书不规范；否决项写 1（否决）或 0",
    )
    p.add_argument("--take", choices=("a", "b"), help="未单独裁定的分歧项采用评查人 A 或 B 的意见")
    p.add_argument("--finalise", action="store_true", help="定稿（已定稿）")
    p.add_argument("--agreement", action="store_true", help="双人评查一致性报告（kappa、总分差、评查尺度）")
    text_or_json(p)
