"""评查表 (一卷一表) as blocks for the PDF / print preview and as Word (issue 15.5): the case as the file records
it, the items and deductions of the one result printed, automatic findings, 异议 and their answers, the
conclusion with the overall comment — or 不符合评查条件 with its reason and no score —, signature lines for
the people who wrote that result, and the file's SHA-256."""

from __future__ import annotations

from collections.abc import Sequence

from app.reports.blocks import Block, Html, Table, esc
from app.reports.docx_out import Writer
from app.reports.layouts import KIND_NAMES, cn_date, fmt, pages_text
from app.reports.masking import Mask, plain
from app.reports.model import CaseSheet, SheetObjection

TITLE = "行政执法案卷评查表"
UNREVIEWABLE = "不符合评查条件"
NUMERALS = "一二三四五六七八"


def _outcome(s: CaseSheet) -> str:
    money = "，".join(f"{label} {fmt(v)} 元" for label, v in s.amounts)
    text = "；".join(x for x in (s.outcome, money) if x)
    return text or "（未识别）"


def info_rows(s: CaseSheet, mask: Mask) -> list[tuple[str, str, str, str]]:
    officers = "、".join(mask(o, s.dossier_id) for o in s.officers) or "（未识别）"
    return [
        ("执法单位", s.agency, "案件类型", KIND_NAMES.get(s.case_kind, s.case_kind)),
        ("案号", s.case_number or "（未识别）", "当事人", mask(s.party_name, s.dossier_id) or "（未识别）"),
        ("案由", mask(s.case_title, s.dossier_id) or "（未识别）", "案卷文件", s.file_name),
        (
            "立案日期",
            cn_date(s.filed) if s.filed else "（未识别）",
            "结案日期",
            cn_date(s.closed) if s.closed else "（未识别）",
        ),
        ("承办人员", officers, "处理结果", _outcome(s)),
        ("评查标准", f"{s.rubric_title}（版本 {s.rubric_version}）", "评查状态", s.status),
        ("评查人员", "、".join(s.signers or s.reviewers), "评查日期", cn_date(s.review_date)),
    ]


def item_rows(s: CaseSheet, mask: Mask) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for n, item in enumerate(s.items, start=1):
        title = f"{item.category}：{item.title}" if item.category else item.title
        points = "否决" if item.veto else fmt(item.points)
        deducted = ("触发" if item.triggered else "") if item.veto else fmt(item.deducted) if item.deducted else ""
        rows.append((str(n), title, points, deducted, mask(item.reason, s.dossier_id), pages_text(item.pages)))
    rows.append(("", "合计", fmt(s.max_points), fmt(s.deducted), f"得分 {fmt(s.total)}", ""))
    return rows


def _objection_text(o: SheetObjection) -> str:
    when = f"，{cn_date(o.raised_on)}" if o.raised_on else ""
    files = "；附件：" + "、".join(f"{name}（SHA-256 {sha[:16]}…）" for name, sha in o.files) if o.files else ""
    return f"{o.raised_by}{when}：{o.reason}{files}"


def _answer_text(o: SheetObjection) -> str:
    if o.status == "待答复":
        return "待答复"
    change = (
        f"；扣分由 {fmt(o.deducted_before)} 改为 {fmt(o.deducted_after)}"
        if o.deducted_after is not None and abs(o.deducted_after - o.deducted_before) > 1e-9
        else ""
    )
    by = f"（{o.answered_by}）" if o.answered_by else ""
    return f"{o.status}{by}：{o.answer}{change}"


def objection_rows(s: CaseSheet, mask: Mask) -> list[tuple[str, str, str, str]]:
    return [
        (str(n), o.item_title, mask(_objection_text(o), s.dossier_id), mask(_answer_text(o), s.dossier_id))
        for n, o in enumerate(s.objections, start=1)
    ]


def conclusion(s: CaseSheet) -> str:
    if s.unreviewable:
        return f"本案卷{UNREVIEWABLE}：{s.unreviewable}。不评分，不计入平均分和等次统计。"
    veto = "触发否决项，" if s.veto else ""
    return (
        f"本案卷满分 {fmt(s.max_points)} 分，扣 {fmt(s.deducted)} 分，{veto}得分 {fmt(s.total)} 分，"
        f"评查等次：{s.grade}。"
    )


def signature_lines(s: CaseSheet) -> list[str]:
    """One line per person who wrote the printed result (their name printed beside the blank), and the
    person who settled it (复核人), or a blank 复核人 line."""
    lines = [
        f"评查人（签名）：____________（{name}）　　日期：______年____月____日" for name in s.signers or s.reviewers
    ]
    lines.append(
        f"复核人（签名）：____________（{s.finaliser}）　　日期：______年____月____日"
        if s.finaliser
        else "复核人（签名）：____________　　　　　　　　日期：______年____月____日"
    )
    return lines


def _sections(s: CaseSheet) -> list[str]:
    """The section headings in order (the numbering follows what the sheet holds)."""
    names = [] if s.unreviewable else ["评查项目与扣分"]
    names += ["自动检查发现的问题"] * bool(s.findings) + ["异议及答复"] * bool(s.objections) + ["评查结论"]
    return [f"{NUMERALS[k]}、{name}" for k, name in enumerate(names)]


def _keyvalue(rows: Sequence[tuple[str, str, str, str]], last: tuple[str, str]) -> str:
    cells = "".join(
        f'<tr><th style="width:62pt">{esc(a)}</th><td style="width:168pt">{esc(b)}</td>'
        f'<th style="width:62pt">{esc(c)}</th><td style="width:168pt">{esc(d)}</td></tr>'
        for a, b, c, d in rows
    )
    cells += f'<tr><th>{esc(last[0])}</th><td colspan="3">{esc(last[1])}</td></tr>'
    return f"<table>{cells}</table>"


def casesheet_blocks(s: CaseSheet, mask: Mask = plain) -> list[Block]:
    heads = iter(_sections(s))
    info = _keyvalue(info_rows(s, mask), ("文件 SHA-256", s.sha256))
    blocks: list[Block] = [Html(f"<h1>{TITLE}</h1><p class='center'>评查活动：{esc(s.campaign)}</p>{info}")]
    if not s.unreviewable:
        classes = tuple(["ded" if i.deducted or i.triggered else "" for i in s.items] + ["sum"])
        blocks += [
            Html(f"<h2>{next(heads)}</h2>"),
            Table(
                ("序号", "评查项目", "分值", "扣分", "扣分理由", "页码"),
                tuple(item_rows(s, mask)),
                (6, 38, 7, 7, 30, 12),
                ("c", "l", "r", "r", "l", "c"),
                classes=classes,
            ),
        ]
    if s.findings:
        frows = tuple(
            (
                str(n),
                "不符合" if f.status == "fail" else "需人工核实",
                mask(f.message, s.dossier_id),
                f.legal_basis,
                pages_text(f.pages),
            )
            for n, f in enumerate(s.findings, start=1)
        )
        blocks += [
            Html(f"<h2>{next(heads)}</h2>"),
            Table(("序号", "结论", "问题", "法律依据", "页码"), frows, (6, 12, 44, 24, 14), ("c", "c", "l", "l", "c")),
        ]
    if s.objections:
        blocks += [
            Html(f"<h2>{next(heads)}</h2>"),
            Table(
                ("序号", "评查项目", "异议（提出单位、日期、理由、附件）", "答复"),
                tuple(objection_rows(s, mask)),
                (6, 22, 40, 32),
                ("c", "l", "l", "l"),
            ),
        ]
    comment = f"<p>总体评价：{esc(mask(s.comment, s.dossier_id))}</p>" if s.comment.strip() else ""
    signatures = "".join(f"<p>&#160;</p><p>{esc(line)}</p>" for line in signature_lines(s))
    blocks.append(Html(f"<h2>{next(heads)}</h2><p>{esc(conclusion(s))}</p>{comment}{signatures}"))
    return blocks


def _sheet_docx(w: Writer, s: CaseSheet, mask: Mask) -> None:
    heads = iter(_sections(s))
    w.title(TITLE, size=20)
    w.para(f"评查活动：{s.campaign}", align="c", size=12)
    w.table(("项目", "内容", "项目", "内容"), info_rows(s, mask), (2.4, 5.6, 2.4, 5.6))
    w.para(f"案卷文件 SHA-256：{s.sha256}", size=9)
    if not s.unreviewable:
        w.heading(next(heads))
        w.table(
            ("序号", "评查项目", "分值", "扣分", "扣分理由", "页码"),
            item_rows(s, mask),
            (1.2, 5.8, 1.2, 1.2, 4.6, 2.0),
            "clrrlc",
            shade=[bool(i.deducted or i.triggered) for i in s.items],
        )
    if s.findings:
        w.heading(next(heads))
        w.table(
            ("序号", "结论", "问题", "法律依据", "页码"),
            [
                (
                    str(n),
                    "不符合" if f.status == "fail" else "需人工核实",
                    mask(f.message, s.dossier_id),
                    f.legal_basis,
                    pages_text(f.pages),
                )
                for n, f in enumerate(s.findings, 1)
            ],
            (1.2, 2.0, 6.8, 4.0, 2.0),
            "ccllc",
        )
    if s.objections:
        w.heading(next(heads))
        w.table(
            ("序号", "评查项目", "异议（提出单位、日期、理由、附件）", "答复"),
            objection_rows(s, mask),
            (1.2, 3.6, 6.2, 5.0),
            "clll",
        )
    w.heading(next(heads))
    w.para(conclusion(s), indent=True)
    if s.comment.strip():
        w.para(f"总体评价：{mask(s.comment, s.dossier_id)}", indent=True)
    for line in signature_lines(s):
        w.para(line, size=12)


def casesheets_docx(sheets: Sequence[CaseSheet], mask: Mask = plain) -> bytes:
    """All sheets in one Word file, one per page."""
    w = Writer(title=TITLE)
    for k, s in enumerate(sheets):
        if k:
            w.page_break()
        _sheet_docx(w, s, mask)
    return w.to_bytes()


__all__ = ["casesheet_blocks", "casesheets_docx", "conclusion", "signature_lines"]
