"""One entry point for every report: kind × format → bytes (or files), and HTML for Qt print preview."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from app.errors import ErrorCode, KnownError
from app.reports import docx_kinds, layouts, xlsx_out
from app.reports.blocks import Block, single_html
from app.reports.build import (
    Context,
    build_casesheets,
    build_circular,
    build_ledger,
    build_opinions,
    build_problem_list,
    masker,
)
from app.reports.model import ReportKind
from app.reports.pdf import CSS, render_pdf

FORMATS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.CASESHEET: ("pdf", "docx"),
    ReportKind.OPINION: ("docx", "pdf"),
    ReportKind.CIRCULAR: ("docx", "pdf"),
    ReportKind.PROBLEMS: ("xlsx", "pdf"),
    ReportKind.LEDGER: ("xlsx", "pdf"),
}
TITLES = {
    ReportKind.CASESHEET: "行政执法案卷评查表",
    ReportKind.OPINION: "行政执法监督意见书",
    ReportKind.CIRCULAR: "案卷评查情况通报",
    ReportKind.PROBLEMS: "突出问题清单",
    ReportKind.LEDGER: "问题整改详细台账",
}


@dataclass(frozen=True, slots=True)
class Rendered:
    name: str  # suggested file name
    data: bytes


def default_mask(kind: ReportKind) -> bool:
    """Masking is on for everything that leaves the review room; the per-case sheet shows the file as is."""
    return kind != ReportKind.CASESHEET


def check_format(kind: ReportKind, fmt: str) -> None:
    if fmt not in FORMATS[kind]:
        allowed = "、".join(FORMATS[kind])
        raise KnownError(ErrorCode.USAGE, f"{TITLES[kind]}（{kind}）只能导出为 {allowed}，不支持 {fmt}")


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f-\x9f]+', "_", text).strip("_") or "report"


def blocks_for(ctx: Context, kind: ReportKind, *, mask: bool) -> tuple[list[Block], dict[str, bytes]]:
    """The report as blocks plus the images it refers to (for PDF and for Qt print preview)."""
    m = masker(ctx, enabled=mask)
    if kind == ReportKind.CASESHEET:
        return _concat(layouts.casesheet_blocks(s, m) for s in build_casesheets(ctx)), {}
    if kind == ReportKind.OPINION:
        return _concat(layouts.opinion_blocks(o, m) for o in build_opinions(ctx)), {}
    if kind == ReportKind.CIRCULAR:
        circ = build_circular(ctx)
        return layouts.circular_blocks(circ, m), {c.name: c.png for c in circ.charts}
    if kind == ReportKind.PROBLEMS:
        return layouts.problems_blocks(build_problem_list(ctx), m), {}
    return layouts.ledger_blocks(build_ledger(ctx), m), {}


def _concat(parts: Iterable[list[Block]]) -> list[Block]:
    """Several documents in one file, each starting on a new page."""
    out: list[Block] = []
    for k, part in enumerate(parts):
        if k and part:
            part[0] = replace(part[0], page_break_before=True)
        out += part
    return out


def preview_html(ctx: Context, kind: ReportKind, *, mask: bool) -> tuple[str, dict[str, bytes]]:
    """One HTML document for QTextDocument (the UI's print preview); images keyed by their src."""
    blocks, images = blocks_for(ctx, kind, mask=mask)
    return single_html(blocks, css=CSS.split("}", 1)[1], title=TITLES[kind]), images


def render(ctx: Context, kind: ReportKind, fmt: str, *, mask: bool, split: bool = False) -> list[Rendered]:
    """Render a report; ``split`` gives one casesheet file per dossier."""
    check_format(kind, fmt)
    base = safe_name(f"{ctx.campaign.name}_{TITLES[kind]}")
    m = masker(ctx, enabled=mask)
    if kind == ReportKind.CASESHEET and split:
        out = []
        for sheet in build_casesheets(ctx):
            name = safe_name(f"评查表_{sheet.case_number or sheet.file_name}_{sheet.dossier_id}")
            data = (render_pdf(layouts.casesheet_blocks(sheet, m), title=f"评查表 {sheet.file_name}",
                               footer=f"SHA-256 {sheet.sha256[:16]}…") if fmt == "pdf"
                    else docx_kinds.casesheets_docx([sheet], m))
            out.append(Rendered(f"{name}.{fmt}", data))
        return out
    if fmt == "pdf":
        blocks, images = blocks_for(ctx, kind, mask=mask)
        wide = kind in (ReportKind.PROBLEMS, ReportKind.LEDGER)
        return [Rendered(f"{base}.pdf", render_pdf(blocks, title=f"{ctx.campaign.name} {TITLES[kind]}",
                                                    images=images, footer=ctx.campaign.name, landscape=wide))]
    if fmt == "docx":
        if kind == ReportKind.CASESHEET:
            data = docx_kinds.casesheets_docx(build_casesheets(ctx), m)
        elif kind == ReportKind.OPINION:
            data = docx_kinds.opinion_docx(build_opinions(ctx), m)
        else:
            data = docx_kinds.circular_docx(build_circular(ctx), m)
        return [Rendered(f"{base}.docx", data)]
    data = (xlsx_out.ledger_xlsx(build_ledger(ctx), m) if kind == ReportKind.LEDGER
            else xlsx_out.problems_xlsx(build_problem_list(ctx), m))
    return [Rendered(f"{base}.xlsx", data)]


def write(ctx: Context, kind: ReportKind, fmt: str, out: Path, *, mask: bool, split: bool = False) -> list[Path]:
    """Write the report to ``out`` (a file; a folder when ``split``). Returns the files written."""
    files = render(ctx, kind, fmt, mask=mask, split=split)
    try:
        if split:
            out.mkdir(parents=True, exist_ok=True)
            paths = [out / f.name for f in files]
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            paths = [out]
        for path, f in zip(paths, files, strict=True):
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(f.data)
            tmp.replace(path)
    except OSError as exc:
        raise KnownError(ErrorCode.USAGE, f"无法写入报告文件：{exc.strerror or exc}", file=str(out)) from exc
    return paths
