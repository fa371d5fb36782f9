"""`casereview sample --campaign NAME (--count N | --percent P) --reviewers A,B,C …`."""

from __future__ import annotations

import argparse
from typing import Any

from app.cliargs.common import ROLE_HELP, command, percent, seed, text_or_json


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"件数应为正整数，而不是“{text}”")
    return int(text)


def register(sub: Any) -> None:
    p = command(sub, "sample", help="按单位分层抽取案卷并分配评查人员（回避本单位，可盲评）",
                description="按单位、案件类型分层随机抽取案卷并分配评查人员。显示的抽样种子写入审计日志，"
                            "用相同种子、相同活动可复现同一抽取结果。" + ROLE_HELP)
    p.add_argument("--campaign", required=True, help="评查活动名称")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--count", type=count, help="每单位抽取件数")
    how.add_argument("--percent", type=percent, help="每单位抽取比例（%%）")
    p.add_argument("--reviewers", required=True, help="评查人员姓名，逗号分隔，如 张三,李四,王五")
    p.add_argument("--per-file", type=int, choices=(1, 2), default=1, help="每卷评查人数（2 人时须合议定稿）")
    p.add_argument("--seed", type=seed, help="抽样种子（不给则随机生成并显示）")
    p.add_argument("--blind", action="store_true", help="盲评：评查人员看不到单位与执法人员姓名")
    p.add_argument("--dry-run", action="store_true", help="只抽取并显示，不保存分配")
    text_or_json(p)
