"""Word versions of the score sheet, the opinion to an agency and the circular."""

from __future__ import annotations

from collections.abc import Sequence

from app.reports.docx_out import Writer
from app.reports.layouts import circular_title, cn_date, fmt, grade_summary, pages_text, pct
from app.reports.masking import Mask, plain
from app.reports.model import AgencyOpinion, Circular


def opinion_docx(opinions: Sequence[AgencyOpinion], mask: Mask = plain) -> bytes:
    """行政执法监督意见书, one per agency, each starting on a new page."""
    w = Writer(title="行政执法监督意见书")
    for k, o in enumerate(opinions):
        if k:
            w.page_break()
        w.title("行政执法监督意见书")
        w.para(o.serial, align="c", size=14)
        w.para(f"{o.agency}：", bold=True)
        grade_text = grade_summary([f.grade for f in o.files])
        w.para(f"根据{o.campaign}工作安排，我们对你单位 {len(o.files)} 件行政执法案卷进行了评查，平均得分 "
               f"{fmt(o.average)} 分，其中{grade_text}。评查发现的问题及整改要求如下：", indent=True)
        w.heading("一、案卷评查结果")
        w.table(("序号", "案号", "案卷文件", "得分", "等次"),
                [(str(i), f.case_number, f.file_name, fmt(f.total), f.grade) for i, f in enumerate(o.files, 1)],
                (1.2, 5.0, 5.8, 1.8, 2.2), "cllrc")
        w.heading("二、发现的问题")
        w.table(("序号", "案号", "评查项目", "问题描述", "页码", "扣分"),
                [(str(i), p.case_number, p.item_title, mask(p.description, p.dossier_id), pages_text(p.pages), fmt(p.deducted))
                 for i, p in enumerate(o.problems, 1)],
                (1.2, 3.6, 3.4, 5.0, 1.6, 1.2), "clllcr")
        w.heading("三、整改要求")
        w.para(f"请你单位对上述问题逐项整改，于 {cn_date(o.deadline)} 前将整改情况书面报送{o.issuer}。"
               "对已归档案卷中无法补正的问题，应当在今后执法中杜绝；逾期未整改或整改不到位的，将予以通报。",
               indent=True)
        w.para("")
        w.para(f"{o.issuer}（印章）", align="r")
        w.para(cn_date(o.issued), align="r")
    return w.to_bytes()


def circular_docx(c: Circular, mask: Mask = plain) -> bytes:
    w = Writer(title=f"{c.campaign}通报")
    w.title(circular_title(c.campaign), size=20)
    w.para("各有关单位：")
    w.para(f"{c.campaign}已完成，现将评查情况通报如下。", indent=True)
    w.heading("一、总体情况")
    by_grade = "；".join(f"{g.grade} {g.count} 件，占 {pct(g.share)}" for g in c.grades)
    w.para(f"本次共评查行政执法案卷 {c.reviewed} 件，平均得分 {fmt(c.average)} 分。其中{by_grade}。", indent=True)
    w.table(("等次", "件数", "占比"), [(g.grade, str(g.count), pct(g.share)) for g in c.grades], (5.0, 5.0, 5.0), "crr")
    for ch in c.charts[:1]:
        w.image(ch.png, caption=ch.title)
    w.heading("二、各单位评查得分")
    w.table(("序号", "单位", "所属师市", "件数", "平均分", "最高分", "最低分", "优秀", "不合格"),
            [(str(i), a.agency, a.parent_agency, str(a.files), fmt(a.average), fmt(a.highest), fmt(a.lowest),
              str(a.excellent), str(a.failed)) for i, a in enumerate(c.agencies, 1)],
            (1.2, 3.4, 2.4, 1.2, 1.5, 1.5, 1.5, 1.2, 1.5), "cllrrrrrr")
    for ch in c.charts[1:]:
        w.image(ch.png, caption=ch.title)
    w.heading("三、存在的主要问题")
    for i, p in enumerate(c.problems, 1):
        basis = f"（依据：{p.legal_basis}）" if p.legal_basis else ""
        example = f"如：{mask(p.example, p.example_dossier)}" if p.example else ""
        w.para(f"{i}. {p.item_title}。涉及 {p.files} 件案卷，占评查案卷的 {pct(p.share)}，涉及 "
               f"{len(p.agencies)} 个单位{basis}。{example}", indent=True)
    w.heading("四、整改要求")
    deadline = f"于 {cn_date(c.deadline)} 前" if c.deadline else "在规定期限内"
    w.para(f"各单位要对照本通报及评查意见书指出的问题，逐卷逐项整改，{deadline}将整改情况报送{c.issuer}。"
           "要举一反三，健全执法案卷制作和归档制度，切实提高行政执法规范化水平。", indent=True)
    w.para("")
    w.para(c.issuer, align="r")
    w.para(cn_date(c.issued), align="r")
    return w.to_bytes()
