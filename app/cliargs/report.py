"""`casereview report --campaign NAME --kind K --format F -o PATH [--no-mask]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cliargs.common import command, iso_date
from app.reports.model import ReportKind  # standard library only

DEFAULT_ISSUER = (
    "行政执法案卷评查工作领导小组办公室"  # app.services.report_data.DEFAULT_ISSUER (a test keeps them equal)
)


def register(sub: Any) -> None:
    p = command(sub, "report", help="生成评查表、监督意见书、通报、突出问题清单、详细台账")
    p.add_argument("--campaign", required=True, help="评查活动名称")
    p.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in ReportKind],
        help="casesheet 评查表 / opinion 监督意见书 / circular 通报 / problems 突出问题清单 / ledger 详细台账",
    )
    p.add_argument("--format", required=True, choices=("pdf", "docx", "xlsx"), help="文件格式")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件（--split 时为文件夹）；已存在时不覆盖")
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    mask = p.add_mutually_exclusive_group()
    mask.add_argument("--no-mask", dest="mask", action="store_false", default=None, help="不屏蔽个人信息")
    mask.add_argument("--mask", dest="mask", action="store_true", help="屏蔽个人信息（评查表以外默认屏蔽）")
    p.add_argument("--split", action="store_true", help="评查表每卷一个文件")
    p.add_argument("--issuer", default=DEFAULT_ISSUER, help="本次报告的发文机关（不保存；保存用 --organ）")
    p.add_argument("--date", type=iso_date, help="成文日期（默认今天）")
    p.add_argument("--deadline", type=iso_date, help="整改期限：仅用于台账中没有期限的情形（期限以台账为准）")
    g = p.add_argument_group("发文设置（保存到评查活动，以后的报告沿用）")
    g.add_argument("--organ", help="发文机关（署名、印发机关）")
    g.add_argument("--mark", help="发文机关标志，如“××市司法局文件”（默认为发文机关）")
    g.add_argument("--number", help="通报的发文字号，如“×司发〔2026〕12号”")
    g.add_argument("--opinion-prefix", help="意见书文号的机关代字，如“×司监”（得到 ×司监〔2026〕1号…）")
    g.add_argument("--to", dest="recipients", help="通报的主送机关，以顿号或逗号分隔")
    g.add_argument("--cc", help="抄送机关，以顿号或逗号分隔")
    g.add_argument("--plan", help="评查工作方案名称，如“《2026年度行政执法案卷评查工作方案》”")
    g.add_argument("--method", help="评查方式，如“采取自查与抽查相结合、交叉评查的方式，每个单位抽取 6 件”")
    g.add_argument("--objection-days", type=int, help="异议期限（收到意见书之日起的日数，默认 10）")
