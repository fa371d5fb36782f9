"""Word version of the score sheet (the 通报 and 意见书 are 公文: ``app.reports.gongwen_kinds``)."""

from __future__ import annotations

from collections.abc import Sequence

from app.reports.docx_out import Writer
from app.reports.layouts import KIND_NAMES, cn_date, fmt, pages_text
from app.reports.masking import Mask, plain
from app.reports.model import CaseSheet


def _sheet(w: Writer, s: CaseSheet, mask: Mask) -> None:
    w.title("行政执法案卷评查表", size=20)
    w.para(f"评查活动：{s.campaign}", align="c", size=12)
    info = [
        ("执法单位", s.agency, "案件类型", KIND_NAMES.get(s.case_kind, s.case_kind)),
        ("案号", s.case_number or "（未识别）", "当事人", mask(s.party_name, s.dossier_id) or "（未识别）"),
        ("案由", mask(s.case_title, s.dossier_id) or "（未识别）", "案卷文件", s.file_name),
        ("评查标准", f"{s.rubric_title}（版本 {s.rubric_version}）", "评查状态", s.status),
        ("评查人员", "、".join(s.reviewers), "评查日期", cn_date(s.review_date)),
    ]
    w.table(("项目", "内容", "项目", "内容"), info, (2.6, 5.4, 2.6, 5.4))
    w.para(f"案卷文件 SHA-256：{s.sha256}", size=9)
    w.heading("一、评查项目与扣分")
    rows = [
        (str(n), (f"{i.category}：" if i.category else "") + i.title, "否决" if i.veto else fmt(i.points),
         ("触发" if i.triggered else "") if i.veto else fmt(i.deducted) if i.deducted else "", mask(i.reason, s.dossier_id),
         pages_text(i.pages))
        for n, i in enumerate(s.items, 1)
    ]
    rows.append(("", "合计", fmt(s.max_points), fmt(s.deducted), f"得分 {fmt(s.total)}", ""))
    w.table(("序号", "评查项目", "分值", "扣分", "扣分理由", "页码"), rows, (1.2, 5.8, 1.2, 1.2, 4.6, 2.0),
            "clrrlc", shade=[bool(i.deducted or i.triggered) for i in s.items])
    if s.findings:
        w.heading("二、自动检查发现的问题")
        w.table(("序号", "结论", "问题", "法律依据", "页码"),
                [(str(n), "不符合" if f.status == "fail" else "需人工核实", mask(f.message, s.dossier_id), f.legal_basis,
                  pages_text(f.pages)) for n, f in enumerate(s.findings, 1)],
                (1.2, 2.0, 6.8, 4.0, 2.0), "ccllc")
    w.heading(f"{'三' if s.findings else '二'}、评查结论")
    veto = "触发否决项，" if s.veto else ""
    w.para(f"本案卷满分 {fmt(s.max_points)} 分，扣 {fmt(s.deducted)} 分，{veto}得分 {fmt(s.total)} 分，"
           f"评查等次：{s.grade}。", indent=True)
    w.para("评查人（签名）：____________　____________　日期：______年____月____日", size=12)
    w.para("复核人（签名）：____________　　　　　　　　日期：______年____月____日", size=12)


def casesheets_docx(sheets: Sequence[CaseSheet], mask: Mask = plain) -> bytes:
    """All sheets in one Word file, one per page."""
    w = Writer(title="行政执法案卷评查表")
    for k, s in enumerate(sheets):
        if k:
            w.page_break()
        _sheet(w, s, mask)
    return w.to_bytes()
