"""Report data -> blocks (HTML paragraphs and tables) for the PDF writer and Qt print preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.reports.blocks import Block, Html, Table, esc
from app.reports.masking import Mask, plain
from app.reports.model import AgencyOpinion, CaseSheet, Circular, Ledger, ProblemList
from app.vocab.grades import in_order
from scoring.config import CASE_KIND_LABELS

KIND_NAMES = CASE_KIND_LABELS


def fmt(x: float) -> str:
    """Points as people write them: 86.5, 100, 0.5."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x == x else "—"


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


def opinion_blocks(o: AgencyOpinion, mask: Mask = plain) -> list[Block]:
    grade_text = grade_summary([f.grade for f in o.files])
    intro = (
        f"<h1>行政执法监督意见书</h1><p class='serial'>{esc(o.serial)}</p>"
        f"<p><b>{esc(o.agency)}</b>：</p>"
        f"<p>　　根据{esc(o.campaign)}工作安排，我们对你单位 {len(o.files)} 件行政执法案卷进行了评查，"
        f"平均得分 {fmt(o.average)} 分，其中{esc(grade_text)}。评查发现的问题及整改要求如下：</p>"
        "<h2>一、案卷评查结果</h2>"
    )
    files = Table(("序号", "案号", "案卷文件", "得分", "等次"),
                  tuple((str(i), f.case_number, f.file_name, fmt(f.total), f.grade) for i, f in enumerate(o.files, 1)),
                  (8, 32, 36, 10, 14), ("c", "l", "l", "r", "c"))
    probs = Table(("序号", "案号", "评查项目", "问题描述", "页码", "扣分"),
                  tuple((str(i), p.case_number, p.item_title, mask(p.description, p.dossier_id), pages_text(p.pages), fmt(p.deducted))
                        for i, p in enumerate(o.problems, 1)),
                  (6, 23, 23, 34, 8, 6), ("c", "l", "l", "l", "c", "r"))
    outro = Html(
        "<h2>三、整改要求</h2>"
        f"<p>　　请你单位对上述问题逐项整改，于 <b>{cn_date(o.deadline)}</b> 前将整改情况书面报送{esc(o.issuer)}。"
        "对已归档案卷中无法补正的问题，应当在今后执法中杜绝；逾期未整改或整改不到位的，将予以通报。</p>"
        f"<p>&#160;</p><p class='right'>{esc(o.issuer)}（印章）</p><p class='right'>{cn_date(o.issued)}</p>"
    )
    return [Html(intro), files, Html("<h2>二、发现的问题</h2>"), probs, outro]


def circular_blocks(c: Circular, mask: Mask = plain) -> list[Block]:
    by_grade = "；".join(f"{g.grade} {g.count} 件，占 {pct(g.share)}" for g in c.grades)
    head = Html(
        f"<h1>{esc(circular_title(c.campaign))}</h1>"
        f"<p>各有关单位：</p><p>　　{esc(c.campaign)}已完成，现将评查情况通报如下。</p>"
        f"<h2>一、总体情况</h2><p>　　本次共评查行政执法案卷 {c.reviewed} 件，平均得分 {fmt(c.average)} 分。"
        f"其中{esc(by_grade)}。</p>"
    )
    grades = Table(("等次", "件数", "占比"), tuple((g.grade, str(g.count), pct(g.share)) for g in c.grades),
                   (40, 30, 30), ("c", "r", "r"))
    blocks: list[Block] = [head, grades]
    blocks += [Html(f"<p class='center'><img src='{ch.name}'/></p><p class='center small'>{esc(ch.title)}</p>")
               for ch in c.charts[:1]]
    blocks.append(Html("<h2>二、各单位评查得分</h2>"))
    blocks.append(Table(("序号", "单位", "所属师市", "件数", "平均分", "最高分", "最低分", "优秀", "不合格"),
                        tuple((str(i), a.agency, a.parent_agency, str(a.files), fmt(a.average), fmt(a.highest),
                               fmt(a.lowest), str(a.excellent), str(a.failed)) for i, a in enumerate(c.agencies, 1)),
                        (6, 22, 16, 8, 10, 10, 10, 8, 10), ("c", "l", "l", "r", "r", "r", "r", "r", "r")))
    blocks += [Html(f"<p class='center'><img src='{ch.name}'/></p><p class='center small'>{esc(ch.title)}</p>")
               for ch in c.charts[1:]]
    blocks.append(Html("<h2>三、存在的主要问题</h2>"))
    for i, p in enumerate(c.problems, 1):
        basis = f"（依据：{esc(p.legal_basis)}）" if p.legal_basis else ""
        example = f"如：{esc(mask(p.example, p.example_dossier))}" if p.example else ""
        blocks.append(Html(
            f"<p>　　{i}. <b>{esc(p.item_title)}</b>。涉及 {p.files} 件案卷，占评查案卷的 {pct(p.share)}，"
            f"涉及 {len(p.agencies)} 个单位{basis}。{example}</p>"
        ))
    deadline = f"于 {cn_date(c.deadline)} 前" if c.deadline else "在规定期限内"
    blocks.append(Html(
        "<h2>四、整改要求</h2>"
        f"<p>　　各单位要对照本通报及评查意见书指出的问题，逐卷逐项整改，{deadline}将整改情况报送{esc(c.issuer)}。"
        "要举一反三，健全执法案卷制作和归档制度，切实提高行政执法规范化水平。</p>"
        f"<p>&#160;</p><p class='right'>{esc(c.issuer)}</p><p class='right'>{cn_date(c.issued)}</p>"
    ))
    return blocks


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
