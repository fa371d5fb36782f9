"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cliargs.common import command, iso_date
from app.reports.model import ReportKind  # standard library only

DEFAULT_ISSUER = "行政执法案卷评查工作领导小组办公室"  # app.services.report_data.DEFAULT_ISSUER (a test keeps them equal)


def register(sub: Any) -> None:
    p = command(sub, "report", help="生成评查表、监督意见书、通报、突出问题清单、详细台账")
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument("--kind", required=True, choices=[k.value for k in ReportKind],
                   help="casesheet 评查表 / opinion 监督意见书 / circular 通报 / problems 突出问题清单 / ledger 详细台账")
    p.add_argument("--format", required=True, choices=("pdf", "docx", "xlsx"), help="文件格式")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件（--split 时为文件夹）")
    mask = p.add_mutually_exclusive_group()
    mask.add_argument("--no-mask", dest="mask", action="store_false", default=None, help="不屏蔽个人信息")
    mask.add_argument("--mask", dest="mask", action="store_true", help="屏蔽个人信息（评查表以外默认屏蔽）")
    p.add_argument("--split", action="store_true", help="评查表每卷一个文件")
    p.add_argument("--issuer", default=DEFAULT_ISSUER, help=f"发文单位（默认“{DEFAULT_ISSUER}”）")
    p.add_argument("--date", type=iso_date, help="落款日期（默认今天）")
    p.add_argument("--deadline", type=iso_date, help="整改期限（默认落款日期后 30 日）")
