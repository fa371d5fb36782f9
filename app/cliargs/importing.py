"""`casereview import PATH... --campaign NAME [--agency NAME] [--queue] [--format json]`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.cliargs.common import command, text_or_json


def register(sub: Any) -> None:
    p = command(sub, "import", help="批量导入案卷（文件、文件夹、ZIP 压缩包）到评查活动",
                description="批量导入案卷到评查活动。默认在本机分析（OCR）并保存；加 --queue 时（仅 PostgreSQL）"
                            "只把原始文件存入数据库并排入队列，由各工作站的 `casereview worker` 分担识别与分析。")
    p.add_argument("paths", nargs="+", metavar="PATH", help="PDF / DOCX / 图片文件、文件夹或 ZIP 压缩包")
    p.add_argument("--campaign", required=True, help="评查活动名称（不存在时自动创建）")
    unit = p.add_mutually_exclusive_group()
    unit.add_argument("--agency", help="被评查单位（全部文件），可写成“师市/部门”，不存在时新建")
    unit.add_argument(
        "--agency-from-folders",
        action="store_true",
        help="按文件夹确定被评查单位：以已有单位命名的文件夹（如 第八师/石河子市市场监督管理局）中的案卷归该单位",
    )
    p.add_argument("--year", type=int, default=dt.date.today().year, help="新建评查活动的年度（默认今年）")
    p.add_argument("--rubric", default="penalty", help="新建评查活动使用的评查标准（默认 penalty）")
    p.add_argument("--workers", type=int, default=2, help="本机并行分析的进程数（默认 2；0 为在本进程内逐个分析）")
    p.add_argument(
        "--queue",
        action="store_true",
        help="排入共享队列，由 `casereview worker` 处理（仅 PostgreSQL；原始文件先存入数据库）",
    )
    text_or_json(p)
