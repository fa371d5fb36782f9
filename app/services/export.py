"""`casereview export` / `import-export`: the campaign's reviewed cases leave the workstation in the 双公示 行政处罚
field names (table 行政处罚) with their review results (table 评查结果), as CSV, JSON or XLSX, and come back into
another workstation's campaign. The tables and their fields are documented in
``resources/export/xzcf-shuanggongshi.schema.json``; :mod:`app.services.gongshi` fills them."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.errors import ErrorCode, KnownError
from app.services.dto import UserDTO
from app.services.gongshi import CASE_FIELDS, REVIEW_FIELDS, case_row
from app.services.ledger_read import list_problems
from app.services.review_read import reviews_in
from app.services.units import unit_paths
from app.services.users import require_role
from app.stats import Filters, effective_reviews
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Campaign, Dossier, ExchangeCase
from app.vocab import units

SCHEMA_ID = "casereview.xzcf-shuanggongshi/1"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "resources" / "export" / "xzcf-shuanggongshi.schema.json"
CASES, REVIEWS = "行政处罚", "评查结果"
FORMATS = ("csv", "json", "xlsx")


@dataclass(frozen=True, slots=True)
class ExportTables:
    campaign: str
    masked: bool
    cases: tuple[dict[str, str], ...]
    reviews: tuple[dict[str, Any], ...]

    def document(self) -> dict[str, Any]:
        return {"schema": SCHEMA_ID, "campaign": self.campaign, "masked": self.masked,
                CASES: list(self.cases), REVIEWS: list(self.reviews)}


def _problems(store: Store, campaign_id: int, mask: bool) -> dict[int, list[str]]:
    from app.reports.masking import mask_text

    out: dict[int, list[str]] = defaultdict(list)
    for p in list_problems(store, campaign_id):
        text = mask_text(p.description) if mask else p.description
        out[p.dossier_id].append(f"{p.item_title}（扣{p.deducted:g}分）：{text}")
    return out


def export_tables(store: Store, campaign_id: int, *, mask: bool = True) -> ExportTables:
    """Every reviewed case of the campaign (its effective review), then the cases imported into it."""
    with store.session() as session:
        name = session.scalar(select(Campaign.name).where(Campaign.id == campaign_id))
        if name is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查活动 {campaign_id} 不存在")
        eff = effective_reviews(campaign_id, Filters())
        pairs: dict[int, int] = {int(d): int(r) for d, r in session.execute(select(eff.c.dossier_id, eff.c.review_id))}
        dossiers = list(session.scalars(select(Dossier).where(Dossier.id.in_(list(pairs))).order_by(Dossier.id)))
        paths = unit_paths(session)
        reviews = reviews_in(session, list(pairs.values()))
        imported = list(session.scalars(select(ExchangeCase).where(ExchangeCase.campaign_id == campaign_id)
                                        .order_by(ExchangeCase.id)))
        problems = _problems(store, campaign_id, mask)
        cases: list[dict[str, str]] = []
        results: list[dict[str, Any]] = []
        for d in dossiers:
            fields = (d.extraction or {}).get("fields", {}) if isinstance(d.extraction, dict) else {}
            path = paths.get(d.agency_id, units.NO_UNIT) if d.agency_id is not None else units.NO_UNIT
            organ = str(fields.get("agency") or units.leaf(path))
            cases.append(case_row(fields, case_number=d.case_number or "", party=d.party_name or "", organ=organ,
                                  mask=mask))
            r = reviews[pairs[d.id]]
            results.append({"案件序号": len(cases), "决定书文号": cases[-1]["决定书文号"], "被评查单位": path,
                            "案卷文件": d.file_name, "案卷SHA256": d.sha256, "评查活动": name, "得分": r.total,
                            "满分": r.max, "等次": r.grade, "否决": r.veto, "评查状态": r.status_label,
                            "扣分合计": round(sum(i.deducted for i in r.items), 2), "评查问题": problems.get(d.id, [])})
        for e in imported:
            cases.append({k: str(e.case.get(k, "")) for k in CASE_FIELDS})
            results.append({**{k: e.review.get(k) for k in REVIEW_FIELDS}, "案件序号": len(cases)})
    return ExportTables(name, mask, tuple(cases), tuple(results))


# --- files ---------------------------------------------------------------------------------------------

def review_csv_path(path: Path) -> Path:
    """CSV: the 评查结果 table sits beside the 行政处罚 file (案件.csv → 案件_评查结果.csv)."""
    return path.with_name(f"{path.stem}_{REVIEWS}{path.suffix}")


def outputs(path: Path, fmt: str) -> list[Path]:
    return [path, review_csv_path(path)] if fmt == "csv" else [path]


def _cell(value: Any) -> Any:
    return (
        "；".join(value) if isinstance(value, list) else ("是" if value is True else "否" if value is False else value)
    )


def write_tables(tables: ExportTables, path: Path, fmt: str) -> list[Path]:
    if fmt == "json":
        path.write_text(json.dumps(tables.document(), ensure_ascii=False, indent=2), encoding="utf-8")
    elif fmt == "csv":
        import csv

        for target, header, rows in (
            (path, CASE_FIELDS, tables.cases),
            (review_csv_path(path), REVIEW_FIELDS, tables.reviews),
        ):
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(header)
                writer.writerows([[_cell(r.get(k, "")) for k in header] for r in rows])
    else:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for title, header, rows in ((CASES, CASE_FIELDS, tables.cases), (REVIEWS, REVIEW_FIELDS, tables.reviews)):
            ws = wb.create_sheet(title)
            ws.append(list(header))
            for r in rows:
                ws.append([_text(_cell(r.get(k, ""))) for k in header])
        wb.properties.title = f"{tables.campaign} 行政处罚信息（双公示）及评查结果"
        wb.save(path)
    return outputs(path, fmt)


def _text(value: Any) -> Any:
    """Cells are written as they are: text stays text (no formula from a leading "="), numbers numbers."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def export_campaign(
    store: Store, campaign_id: int, path: Path, fmt: str, *, user: UserDTO, mask: bool = True, force: bool = False
) -> tuple[ExportTables, list[Path]]:
    """Write the tables; an existing output file is never overwritten without ``force``."""
    if fmt not in FORMATS:
        raise KnownError(ErrorCode.USAGE, f"导出格式只能是 {'、'.join(FORMATS)}，而不是“{fmt}”")
    if not mask:
        require_role(user, "supervisor", "admin", action="导出未屏蔽个人信息的数据")
    existing = [p for p in outputs(path, fmt) if p.exists()]
    if existing and not force:
        raise KnownError(ErrorCode.USAGE, f"文件已存在：{'、'.join(str(p) for p in existing)}；如要覆盖请加 --force")
    tables = export_tables(store, campaign_id, mask=mask)
    written = write_tables(tables, path, fmt)
    with store.write() as session:
        record_event(
            session,
            user=user.name,
            action="export.shuanggongshi",
            entity="campaign",
            entity_id=campaign_id,
            after={"file": str(path), "format": fmt, "cases": len(tables.cases), "masked": mask},
        )
    return tables, written
