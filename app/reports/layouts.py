"""Report data -> blocks (HTML paragraphs and tables) for the PDF writer and Qt print preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.reports.blocks import Block, Html, Table, esc
from app.reports.masking import Mask, plain
from app.reports.model import Ledger, ProblemList
from app.vocab.grades import in_order
from scoring.config import CASE_KIND_LABELS

KIND_NAMES = CASE_KIND_LABELS


def fmt(x: float | None) -> str:
    """Points as people write them: 86.5, 100, 0.5; "—" for no figure (nothing reviewed)."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x is not None and x == x else "—"


def pct(x: float) -> str:
    return f"{x:.2f}%"


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "    年  月  日"


def pages_text(pages: Sequence[int]) -> str:
    return "、".join(f"第{p}页" for p in pages)


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
