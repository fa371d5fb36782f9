"""`casereview objection add|answer|list`: 异议 of a reviewed agency against one item of a final review."""

from __future__ import annotations

import argparse
from typing import Any

from app.cliargs.common import ROLE_HELP, command, iso_date, positive_int, text_or_json


def _deduction(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"扣分应为数字，而不是“{text}”") from exc
    if value < 0:
        raise argparse.ArgumentTypeError(f"扣分不能为负数：{text}")
    return value


def register(sub: Any) -> None:
    p = command(sub, "objection", help="异议：登记被评查单位对评查结果的异议、答复异议、列出异议",
                description="被评查单位对定稿评查结果某一评查项提出异议（《行政执法监督条例》第三十条）：组织者登记异议"
                            "（理由与附件），并答复异议成立或不成立；异议成立且改动扣分的，定稿评查按新扣分重新计分并记入审计日志。"
                            + ROLE_HELP)
    verbs = p.add_subparsers(dest="verb", required=True, metavar="{add,answer,list}")
    add = command(verbs, "add", help="登记异议", description="登记被评查单位对案卷某一评查项的异议（需组织者或管理员）")
    add.add_argument("--dossier", type=positive_int, required=True, help="案卷编号")
    add.add_argument("--item", required=True, help="评查项编号或名称，如 law.discretion")
    add.add_argument("--reason", required=True, help="异议理由")
    add.add_argument("--by", default="", help="提出异议的单位或人员（默认：案卷所属单位）")
    add.add_argument("--date", type=iso_date, help="提出异议的日期 YYYY-MM-DD")
    add.add_argument("--attach", nargs="+", default=[], metavar="FILE", help="异议附件（按原件保存并记录 SHA-256）")
    text_or_json(add)
    ans = command(
        verbs, "answer", help="答复异议", description="答复一件异议：成立（可同时改动扣分）或不成立（需组织者或管理员）"
    )
    ans.add_argument("id", type=positive_int, help="异议编号")
    verdict = ans.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--upheld", action="store_true", help="异议成立")
    verdict.add_argument("--rejected", action="store_true", help="异议不成立")
    ans.add_argument("--text", required=True, help="答复意见")
    ans.add_argument("--deducted", type=_deduction, help="异议成立时该项改为的扣分（否决项写 1 或 0）；不写则不改分")
    text_or_json(ans)
    ls = command(verbs, "list", help="列出异议", description="列出评查活动的异议及答复")
    ls.add_argument("--campaign", required=True, help="评查活动名称")
    ls.add_argument("--dossier", type=positive_int, help="只列出该案卷的异议")
    ls.add_argument(
        "--status", choices=("pending", "upheld", "rejected"), help="pending 待答复 / upheld 成立 / rejected 不成立"
    )
    ls.add_argument(
        "--save-attachments",
        metavar="DIR",
        help="把列出的异议的附件（核对 SHA-256 后）保存到该文件夹，已有的同名文件不覆盖",
    )
    text_or_json(ls)
