"""`casereview export --campaign NAME --format csv|json|xlsx -o FILE [--force] [--no-mask]` and
`casereview import-export FILE --campaign NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cliargs.common import command, text_or_json


def register(sub: Any) -> None:
    p = command(
        sub,
        "export",
        help="导出已评查案件：双公示行政处罚字段及评查结果（CSV/JSON/XLSX）",
        description="按信用“双公示”行政处罚信息字段导出评查活动中已评查的案件（金额以万元计，个人信息按公示规则屏蔽），"
        "评查结果（得分、等次、问题）在第二张表；字段说明见 resources/export/xzcf-shuanggongshi.schema.json。"
        "CSV 另写“文件名_评查结果.csv”。",
    )
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--format", dest="export_format", required=True, choices=("csv", "json", "xlsx"), help="文件格式")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument(
        "--no-mask",
        dest="mask",
        action="store_false",
        default=True,
        help="不屏蔽个人信息（仅限组织者、管理员，供工作站之间交换）",
    )


def register_import(sub: Any) -> None:
    p = command(
        sub,
        "import-export",
        help="导入另一工作站导出的双公示数据及评查结果",
        description="把 casereview export 导出的文件（.json、.csv 或 .xlsx）导入本工作站的评查活动；"
        "同一案卷（按 SHA-256）只导入一次。",
    )
    p.add_argument("file", type=Path, help="导出文件（CSV 时为行政处罚表，评查结果表须在同目录）")
    p.add_argument("--campaign", required=True, help="导入到的评查活动名称")
    text_or_json(p)
