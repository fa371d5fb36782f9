"""Report data -> blocks (HTML paragraphs and tables) for the PDF writer and Qt print preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.reports.blocks import Block, Html, Table, esc
from app.reports.masking import Mask, plain
from app.reports.model import CaseSheet, Ledger, ProblemList
from app.vocab.grades import in_order

KIND_NAMES = {"penalty": "行政处罚", "license": "行政许可", "enforcement": "行政强制", "inspection": "行政检查"}


def fmt(x: float | None) -> str:
    """Points as people write them: 86.5, 100, 0.5; "—" for no figure (nothing reviewed)."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x is not None and x == x else "—"


def pct(x: float) -> str:
    return f"{x:.2f}%"


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "    年  月  日"


def pages_text(pages: Sequence[int]) -> str:
    return "、".join(f"第{p}页" for p in pages)


def _keyvalue(rows: Sequence[tuple[str, str, str, str]], last: tuple[str, str] | None = None) -> str:
    cells = "".join(
        f'<tr><th style="width:70pt">{esc(a)}</th><td style="width:160pt">{esc(b)}</td>'
        f'<th style="width:70pt">{esc(c)}</th><td style="width:160pt">{esc(d)}</td></tr>'
        for a, b, c, d in rows
    )
    if last:
        cells += f'<tr><th>{esc(last[0])}</th><td colspan="3">{esc(last[1])}</td></tr>'
    return f"<table>{cells}</table>"


def casesheet_blocks(s: CaseSheet, mask: Mask = plain) -> list[Block]:
    kind = KIND_NAMES.get(s.case_kind, s.case_kind)
    info = _keyvalue(
        [
            ("执法单位", s.agency, "案件类型", kind),
            ("案号", s.case_number or "（未识别）", "当事人", mask(s.party_name, s.dossier_id) or "（未识别）"),
            ("案由", mask(s.case_title, s.dossier_id) or "（未识别）", "案卷文件", s.file_name),
            ("评查标准", f"{s.rubric_title}（版本 {s.rubric_version}）", "评查状态", s.status),
            ("评查人员", "、".join(s.reviewers), "评查日期", cn_date(s.review_date)),
        ],
        ("文件 SHA-256", s.sha256),
    )
    head = Html(
        f"<h1>行政执法案卷评查表</h1><p class='center'>评查活动：{esc(s.campaign)}</p>{info}"
    )
    rows, classes = [], []
    for n, item in enumerate(s.items, start=1):
        title = f"{item.category}：{item.title}" if item.category else item.title
        points = "否决" if item.veto else fmt(item.points)
        deducted = ("触发" if item.triggered else "") if item.veto else fmt(item.deducted) if item.deducted else ""
        rows.append((str(n), title, points, deducted, mask(item.reason, s.dossier_id), pages_text(item.pages)))
        classes.append("ded" if item.deducted or item.triggered else "")
    rows.append(("", "合计", fmt(s.max_points), fmt(s.deducted), f"得分 {fmt(s.total)}", ""))
    classes.append("sum")
    items = Table(("序号", "评查项目", "分值", "扣分", "扣分理由", "页码"), tuple(rows),
                  (6, 38, 7, 7, 30, 12), ("c", "l", "r", "r", "l", "c"), classes=tuple(classes))
    blocks: list[Block] = [head, Html("<h2>一、评查项目与扣分</h2>"), items]
    if s.findings:
        blocks.append(Html("<h2>二、自动检查发现的问题</h2>"))
        frows = tuple(
            (str(n), "不符合" if f.status == "fail" else "需人工核实", mask(f.message, s.dossier_id), f.legal_basis, pages_text(f.pages))
            for n, f in enumerate(s.findings, start=1)
        )
        blocks.append(Table(("序号", "结论", "问题", "法律依据", "页码"), frows, (6, 12, 44, 24, 14), ("c", "c", "l", "l", "c")))
    verdict = "触发否决项，" if s.veto else ""
    blocks.append(
        Html(
            f"<h2>{'三' if s.findings else '二'}、评查结论</h2>"
            f"<p>本案卷满分 {fmt(s.max_points)} 分，扣 {fmt(s.deducted)} 分，{verdict}"
            f"得分 <b>{fmt(s.total)}</b> 分，评查等次：<b>{esc(s.grade)}</b>。</p>"
            "<p>&#160;</p><p>评查人（签名）：____________　____________　　日期：______年____月____日</p>"
            "<p>&#160;</p><p>复核人（签名）：____________　　　　　　　　　日期：______年____月____日</p>"
        )
    )
    return blocks


def grade_summary(grades: Sequence[str]) -> str:
    """优秀 3 件，良好 1 件 … in the order of the grade table."""
    order = in_order(grades)
    return "，".join(f"{g} {grades.count(g)} 件" for g in order if g in grades)


def circular_title(campaign: str) -> str:
    subject = campaign if campaign.endswith(("评查", "评查活动")) else f"{campaign}行政执法案卷评查"
    return f"关于{subject}情况的通报"


def problems_blocks(p: ProblemList, mask: Mask = plain) -> list[Block]:
    rows = tuple((str(i), r.item_title, r.category, r.legal_basis, str(r.files), pct(r.share), "、".join(r.agencies),
                  mask(r.example, r.example_dossier)) for i, r in enumerate(p.rows, 1))
    return [Html(f"<h1>突出问题清单</h1><p class='center'>{esc(p.campaign)}　{cn_date(p.issued)}</p>"),
            Table(("序号", "问题", "类别", "法律依据", "案卷数", "占比", "涉及单位", "典型案例"), rows,
                  (4, 24, 7, 20, 6, 7, 12, 20), ("c", "l", "c", "l", "r", "r", "l", "l"))]


def ledger_blocks(led: Ledger, mask: Mask = plain) -> list[Block]:
    rows = tuple((str(i), r.agency, r.case_number, r.item_title, mask(r.description, r.dossier_id), pages_text(r.pages),
                  fmt(r.deducted), str(r.status), r.deadline.isoformat() if r.deadline else "")
                 for i, r in enumerate(led.rows, 1))
    return [Html(f"<h1>问题整改详细台账</h1><p class='center'>{esc(led.campaign)}　{cn_date(led.issued)}</p>"),
            Table(("序号", "单位", "案号", "评查项目", "问题描述", "页码", "扣分", "整改状态", "整改期限"), rows,
                  (4, 11, 14, 21, 25, 6, 4, 6, 9), ("c", "l", "l", "l", "l", "c", "r", "c", "c"))]
