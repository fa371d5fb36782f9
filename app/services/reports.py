"""The report use case (``casereview report``, 统计 → 报表导出与打印…) and the statistics use case (``casereview
stats``, the dashboard): one list of report kinds, each with the function that builds its data and how
it is rendered; preview and export; the ledger brought up to date once, lazily, before reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import ErrorCode, KnownError
from app.reports import gongwen_kinds, layouts, score_sheet, xlsx_out
from app.reports.model import ReportKind
from app.reports.render import KindSpec, concat, preview_html, render
from app.services.dto import UserDTO
from app.services.ledger import ensure_ledger
from app.services.report_data import (
    DEFAULT_ISSUER,
    Context,
    build_casesheets,
    build_circular,
    build_ledger,
    build_opinions,
    build_problem_list,
    context,
    masker,
)
from app.stats import CampaignStats, Filters, campaign_stats
from app.store.engine import Store


@dataclass(frozen=True, slots=True)
class ReportKindEntry:
    spec: KindSpec
    build: Callable[[Context], Any]


# The one list of report kinds: a new kind is a ReportKind member, its entry here, and its code.
KINDS: tuple[ReportKindEntry, ...] = (
    ReportKindEntry(KindSpec(ReportKind.CASESHEET, "行政执法案卷评查表", ("pdf", "docx"),
                             lambda sheets, m: concat(score_sheet.casesheet_blocks(s, m) for s in sheets),
                             docx=score_sheet.casesheets_docx, masked=False, per_file=True), build_casesheets),
    ReportKindEntry(KindSpec(ReportKind.OPINION, "行政执法监督意见书", ("docx", "pdf"), gongwen_kinds.opinion_blocks,
                             docx=gongwen_kinds.opinions_docx, pdf=gongwen_kinds.opinions_pdf), build_opinions),
    ReportKindEntry(KindSpec(ReportKind.CIRCULAR, "案卷评查情况通报", ("docx", "pdf"), gongwen_kinds.circular_blocks,
                             docx=gongwen_kinds.circular_docx, pdf=gongwen_kinds.circular_pdf,
                             images=lambda c: {x.name: x.png for x in c.charts}), build_circular),
    ReportKindEntry(KindSpec(ReportKind.PROBLEMS, "突出问题清单", ("xlsx", "pdf"), layouts.problems_blocks,
                             xlsx=xlsx_out.problems_xlsx, landscape=True), build_problem_list),
    ReportKindEntry(KindSpec(ReportKind.LEDGER, "问题整改详细台账", ("xlsx", "pdf"), layouts.ledger_blocks,
                             xlsx=xlsx_out.ledger_xlsx, landscape=True), build_ledger),
)
ENTRIES: dict[ReportKind, ReportKindEntry] = {e.spec.kind: e for e in KINDS}
FORMATS: dict[ReportKind, tuple[str, ...]] = {e.spec.kind: e.spec.formats for e in KINDS}
TITLES: dict[ReportKind, str] = {e.spec.kind: e.spec.title for e in KINDS}


def default_mask(kind: ReportKind) -> bool:
    """Masking is on for everything that leaves the review room; the per-case sheet shows the file as is."""
    return ENTRIES[kind].spec.masked


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Everything a report depends on, read from the dialog (on the GUI thread) or the command line."""

    campaign: str | int
    kind: ReportKind
    fmt: str = ""  # "" : the kind's first format
    mask: bool | None = None  # None: the kind's default
    split: bool = False  # score sheets: one file per dossier
    issuer: str = DEFAULT_ISSUER
    issued: dt.date | None = None
    deadline: dt.date | None = None

    @property
    def masked(self) -> bool:
        return default_mask(self.kind) if self.mask is None else self.mask


def _built(store: Store, req: ReportRequest, *, user: UserDTO) -> tuple[Context, ReportKindEntry, Any]:
    ctx = context(store, req.campaign, issuer=req.issuer.strip() or DEFAULT_ISSUER, issued=req.issued,
                  deadline=req.deadline)
    ensure_ledger(store, ctx.campaign.id, user=user)
    entry = ENTRIES[req.kind]
    return ctx, entry, entry.build(ctx)


def preview_report(store: Store, req: ReportRequest, *, user: UserDTO) -> tuple[str, dict[str, bytes]]:
    """The report as one HTML document for the print preview, and the pictures it refers to."""
    ctx, entry, data = _built(store, req, user=user)
    return preview_html(entry.spec, data, masker(ctx, enabled=req.masked)), entry.spec.images(data)


def export_report(store: Store, req: ReportRequest, out: Path, *, user: UserDTO, overwrite: bool = True) -> list[Path]:
    """Write the report to ``out`` (a file; a folder when split); returns the files written. Each file is
    written beside its name and renamed into place, so a failure never leaves half a report. With
    ``overwrite`` False an existing file is a KnownError naming it (the command line's default)."""
    ctx, entry, data = _built(store, req, user=user)
    files = render(entry.spec, req.fmt or entry.spec.formats[0], data, masker(ctx, enabled=req.masked),
                   campaign=ctx.campaign.name, split=req.split)
    try:
        if req.split:
            out.mkdir(parents=True, exist_ok=True)
            paths = [out / f.name for f in files]
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            paths = [out]
        existing = [p for p in paths if p.exists()]
        if existing and not overwrite:
            raise KnownError(ErrorCode.USAGE, "输出文件已存在，不覆盖（要覆盖请加 --force）", file=str(existing[0]))
        for path, f in zip(paths, files, strict=True):
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(f.data)
            tmp.replace(path)
    except OSError as exc:
        raise KnownError(ErrorCode.USAGE, f"无法写入报告文件：{exc.strerror or exc}", file=str(out)) from exc
    return paths


def dashboard(store: Store, campaign: str | int, *, user: UserDTO, filters: Filters | None = None) -> CampaignStats:
    """Every figure of the statistics dashboard (and ``casereview stats``), the ledger brought up to date once."""
    ctx = context(store, campaign)
    ensure_ledger(store, ctx.campaign.id, user=user)
    return campaign_stats(
        store, ctx.campaign.id, name=ctx.campaign.name, rubric=ctx.rubric, filters=filters or Filters()
    )
