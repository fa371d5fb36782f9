"""`casereview stats --campaign NAME [filters] [--format json|text]`."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import command, text_or_json


def register(sub: Any) -> None:
    p = command(sub, "stats", help="评查活动统计：等次分布、各单位平均分、常见问题、规则采纳率、进度")
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--agency", help="只统计该单位（或该师市下属各单位）")
    p.add_argument("--kind", help="只统计该案件类型（penalty / license / enforcement / inspection）")
    p.add_argument("--reviewer", help="只统计该评查人员的评查")
    p.add_argument("--agreement", action="store_true", help="同时计算双人评查一致性（kappa）与评查尺度")
    text_or_json(p)
