"""The 行政执法监督意见书 to one unit as a 公文: its files, each problem with a corrective measure and the
ledger's deadline, the basis sentence (《行政执法监督条例》第二十八条), the 异议 clause (第三十条) with its
deadline, and a 回执 (整改情况回执) as its 附件.

Article texts (国务院令第825号, in force 2026-02-01), as checked:
第二十八条 对行政执法监督工作中查明的违法或者明显不当的行政执法问题，行政执法监督机构可以制发行政执法监督
意见书，监督有关行政执法机关予以纠正。行政执法机关应当按照行政执法监督意见书的要求及时纠正，并在规定时限内
向行政执法监督机构报送纠正情况。
第三十条 行政执法机关对行政执法监督机构作出的处理结果有异议的，可以向其提出并说明理由，行政执法监督机构应当
及时处理。
"""

from __future__ import annotations

import datetime as dt

from app.reports import gongwen as gw
from app.reports.circular_text import group_of
from app.reports.layouts import fmt, grade_summary
from app.reports.masking import Mask, plain
from app.reports.model import AgencyOpinion, Problem

RECEIPT = "整改情况回执"

MEASURES = {
    "立卷": "对本案卷补正、规范相关文书和归档材料；已归档无法补正的，说明情况并在今后同类案件中按立卷规范制作、归档",
    "程序": "对照法定程序逐项核查本案，能补正的依法补正；建立程序环节清单，今后同类案件严格按程序办理",
    "实体": "对本案依法开展自查，确有错误的依法纠正；组织承办人员学习相关法律规定和裁量基准，防止同类问题再次发生",
}


def measure_for(p: Problem) -> str:
    """The corrective measure for one problem: the ledger's own (when it holds one), else by its kind."""
    own = str(getattr(p, "measure", "") or "").strip()
    return own or MEASURES[group_of(p.category)]


def _deadline_text(o: AgencyOpinion) -> str:
    if o.deadline is None:
        return "在规定时限内"
    late = "（台账所载期限已过，请即整改并报送）" if o.deadline < o.issued else ""
    return f"于 {gw.gw_date(o.deadline)} 前{late}"


def objection_deadline(o: AgencyOpinion) -> dt.date:
    return o.issued + dt.timedelta(days=o.settings.objection_days)


def _files_table(o: AgencyOpinion) -> gw.GTable:
    return gw.GTable(
        ("序号", "案号", "案卷文件", "得分", "等次", "状态"),
        tuple(
            (str(i), f.case_number, f.file_name, fmt(f.total), f.grade, "已定稿" if f.final else "未定稿")
            for i, f in enumerate(o.files, 1)
        ),
        (7, 28, 31, 10, 12, 12),
        "cllrcc",
    )


def _problems_table(o: AgencyOpinion, mask: Mask) -> gw.GTable:
    rows = tuple(
        (
            str(i),
            p.case_number or p.file_name,
            f"{p.item_title}：{mask(p.description, p.dossier_id)}",
            measure_for(p),
            gw.gw_date(p.deadline) if p.deadline else "",
        )
        for i, p in enumerate(o.problems, 1)
    )
    return gw.GTable(("序号", "案号", "问题", "整改措施", "整改期限"), rows, (6, 18, 34, 28, 14), "cllll")


def _receipt(o: AgencyOpinion) -> tuple[str, tuple[gw.Element, ...]]:
    """回执: the unit fills in what it corrected, when, with which evidence, and whether it objects."""
    rows = tuple((str(i), p.case_number or p.file_name, p.item_title, "", "", "") for i, p in enumerate(o.problems, 1))
    body: tuple[gw.Element, ...] = (
        gw.Para(f"意见书文号：{o.serial}　　被监督单位：{o.agency}", indent=False),
        gw.GTable(
            ("序号", "案号", "问题", "整改情况", "完成日期", "佐证材料"),
            rows or (("", "", "", "", "", ""),),
            (6, 17, 27, 24, 12, 14),
            "clllcl",
        ),
        gw.Para("是否对意见书提出异议：□否　□是（理由另附）", indent=False),
        gw.Para("单位负责人（签字）：　　　　　　经办人及电话：", indent=False),
        gw.Para("（单位印章）　　　　年　　月　　日", align="r"),
    )
    return f"{RECEIPT}", body


def opinion_doc(o: AgencyOpinion, mask: Mask = plain) -> gw.Doc:
    s = o.settings
    head = gw.Head(s.organ, s.mark, o.serial, (o.agency,), s.cc)
    grades = grade_summary([f.grade for f in o.files])
    pending = sum(1 for f in o.files if not f.final)
    note = f"（其中 {pending} 件尚未定稿，得分按评查人员提交的结果暂计，以定稿结果为准）" if pending else ""
    body: list[gw.Element] = [
        gw.Para(
            f"根据《行政执法监督条例》第十五条、第十八条和{o.campaign}工作安排，我们对你单位 {len(o.files)} 件"
            f"行政执法案卷进行了评查，平均得分 {fmt(o.average)} 分，其中{grades or '无'}{note}。"
            "对评查中查明的问题，依据《行政执法监督条例》第二十八条，现提出如下监督意见。"
        ),
        gw.Heading(1, "一、案卷评查结果"),
        _files_table(o),
        gw.Heading(1, "二、存在的问题及整改措施"),
    ]
    body.append(_problems_table(o, mask) if o.problems else gw.Para("评查未发现需要整改的问题。"))
    body += [
        gw.Heading(1, "三、整改要求"),
        gw.Para(
            f"请你单位按照本意见书要求及时纠正，{_deadline_text(o)}将纠正情况（填写附件回执，附佐证材料）"
            f"书面报送{s.organ}。逾期未纠正或纠正不到位的，将依照《行政执法监督条例》第二十九条、第三十一条处理。"
        ),
        gw.Heading(1, "四、异议"),
        gw.Para(
            f"你单位对本意见书的处理结果有异议的，可以依照《行政执法监督条例》第三十条，于 "
            f"{gw.gw_date(objection_deadline(o))} 前（收到本意见书之日起 {s.objection_days} 日内）向{s.organ}"
            "书面提出并说明理由。"
        ),
    ]
    receipt = _receipt(o)
    return gw.Doc(head, "行政执法监督意见书", tuple(body), o.issued, attachments=(receipt[0],), annexes=(receipt,))


def empty_opinion_doc(campaign: str, organ: str, issued: dt.date) -> gw.Doc:
    """No unit has a submitted review: say so instead of an empty file."""
    text = f"{campaign}尚无已提交的评查结果（评查表均未提交或未导入案卷），没有可以发出的行政执法监督意见书。"
    return gw.Doc(gw.Head(organ), "行政执法监督意见书", (gw.Para(text),), issued)
