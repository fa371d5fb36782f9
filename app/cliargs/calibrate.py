"""`casereview calibrate mark|assign|report`: the calibration gold set and each reviewer's drift."""

from __future__ import annotations

from typing import Any

from app.cliargs.common import ROLE_HELP, command, positive_int, text_or_json


def register(sub: Any) -> None:
    p = command(sub, "calibrate", help="评查校准：标记金标准案卷、分配给新评查人员、对照与尺度漂移报告",
                description="组织者把已定稿的案卷标记为本活动的金标准（mark），先分配给新评查人员背靠背评查（assign）；"
                            "评查人员提交后逐项对照金标准结果与理由，report 列出对照结果和每位评查人员按周（或每 N 件）"
                            "与金标准、与定稿结果的一致率。" + ROLE_HELP)
    verbs = p.add_subparsers(dest="verb", required=True, metavar="{mark,assign,report}")
    mark = command(
        verbs, "mark", help="标记（或取消）金标准案卷", description="把已定稿的案卷标记为金标准（需组织者或管理员）"
    )
    mark.add_argument("--campaign", required=True, help="评查活动名称")
    mark.add_argument("--dossier", type=positive_int, nargs="+", required=True, help="案卷编号（可多个）")
    mark.add_argument("--remove", action="store_true", help="取消这些案卷的金标准标记")
    text_or_json(mark)
    assign = command(
        verbs,
        "assign",
        help="把金标准案卷分配给评查人员",
        description="把本活动全部金标准案卷（该评查人员尚未评查的）背靠背分配给他，作为首批任务",
    )
    assign.add_argument("--campaign", required=True, help="评查活动名称")
    assign.add_argument("--reviewer", required=True, help="评查人员姓名")
    text_or_json(assign)
    report = command(
        verbs,
        "report",
        help="校准对照与尺度漂移报告",
        description="逐卷逐项列出评查人员与金标准的差异和金标准理由；并按周（或每 N 件）列出一致率",
    )
    report.add_argument("--campaign", required=True, help="评查活动名称")
    report.add_argument("--reviewer", help="只看该评查人员")
    report.add_argument("--per", type=positive_int, help="按每 N 件分段（默认按周）")
    text_or_json(report)
