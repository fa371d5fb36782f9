"""`casereview import-export FILE --campaign NAME`: another workstation's 双公示 export (CSV, JSON or XLSX, as
:mod:`app.services.export` writes it) brought into a campaign, checked against the documented schema first.
Each case is kept once per campaign (by its dossier's SHA-256): importing the same file twice adds nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.errors import ErrorCode, KnownError
from app.services.dto import UserDTO
from app.services.export import CASES, REVIEWS, SCHEMA_ID, review_csv_path
from app.services.gongshi import CASE_FIELDS, MONEY, REVIEW_FIELDS
from app.services.users import require_role
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import ExchangeCase


@dataclass(frozen=True, slots=True)
class ImportResult:
    read: int
    added: int
    skipped: int  # already in the campaign


def _bad(path: Path, reason: str) -> KnownError:
    return KnownError(ErrorCode.USAGE, f"无法导入：{reason}", file=path.name)


def _read_json(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"不是有效的 JSON 文件（{exc.__class__.__name__}）") from exc
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA_ID:
        raise _bad(path, f"不是本工作站导出的数据（schema 应为 {SCHEMA_ID}）")
    return list(doc.get(CASES) or []), list(doc.get(REVIEWS) or [])


def _read_csv(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import csv

    tables = []
    for p in (path, review_csv_path(path)):
        if not p.is_file():
            raise _bad(path, f"缺少评查结果表 {p.name}（与行政处罚表同目录）")
        try:
            with p.open(encoding="utf-8-sig", newline="") as fh:
                tables.append(list(csv.DictReader(fh)))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise _bad(path, f"{p.name} 不是 UTF-8 CSV 文件（{exc.__class__.__name__}）") from exc
    return tables[0], [_review_from_text(r) for r in tables[1]]


def _read_xlsx(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _bad(path, f"不是有效的 XLSX 文件（{exc.__class__.__name__}）") from exc
    tables: list[list[dict[str, Any]]] = []
    for title in (CASES, REVIEWS):
        if title not in wb.sheetnames:
            raise _bad(path, f"缺少工作表“{title}”")
        rows = list(wb[title].iter_rows(values_only=True))
        header = [str(h) for h in rows[0]] if rows else []
        tables.append([dict(zip(header, (_xlsx_value(v) for v in r), strict=False)) for r in rows[1:]])
    wb.close()
    return tables[0], [_review_from_text(r) for r in tables[1]]


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, float):
        return repr(v) if not v.is_integer() else str(int(v))
    return "" if v is None else v


def _review_from_text(r: dict[str, Any]) -> dict[str, Any]:
    """A 评查结果 row read from CSV / XLSX cells back to the JSON types."""
    out = dict(r)
    for key in ("得分", "满分", "扣分合计"):
        out[key] = float(r[key]) if str(r.get(key, "")).strip() else None
    out["案件序号"] = int(float(r["案件序号"])) if str(r.get("案件序号", "")).strip() else None
    out["否决"] = str(r.get("否决", "")).strip() in ("是", "True", "true", "1")
    problems = str(r.get("评查问题") or "")
    out["评查问题"] = [p for p in problems.split("；") if p] if problems else []
    return out


def _check(path: Path, cases: Sequence[dict[str, Any]], reviews: Sequence[dict[str, Any]]) -> None:
    if cases and set(CASE_FIELDS) - set(cases[0]):
        raise _bad(path, f"行政处罚表缺少字段：{'、'.join(f for f in CASE_FIELDS if f not in cases[0])}")
    if reviews and set(REVIEW_FIELDS) - set(reviews[0]):
        raise _bad(path, f"评查结果表缺少字段：{'、'.join(f for f in REVIEW_FIELDS if f not in reviews[0])}")
    if len(cases) != len(reviews):
        raise _bad(path, f"行政处罚表 {len(cases)} 行，评查结果表 {len(reviews)} 行，不对应")
    for n, case in enumerate(cases, 1):
        for key in MONEY:
            text = str(case.get(key) or "").strip()
            try:
                ok = not text or (Decimal(text).is_finite() and Decimal(text) >= 0)
            except InvalidOperation:
                ok = False
            if not ok:
                raise _bad(path, f"第 {n} 行“{key}”应为以万元计的数，而不是“{text}”")


def read_export(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    readers = {".json": _read_json, ".csv": _read_csv, ".xlsx": _read_xlsx}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise _bad(path, "只能导入 .json、.csv 或 .xlsx 文件")
    if not path.is_file():
        raise KnownError(ErrorCode.NOT_FOUND, "文件不存在", file=path.name)
    cases, reviews = reader(path)
    _check(path, cases, reviews)
    return ([{k: str(c.get(k) if c.get(k) is not None else "") for k in CASE_FIELDS} for c in cases],
            [{k: r.get(k) for k in REVIEW_FIELDS} for r in reviews])


def import_export(store: Store, campaign_id: int, path: Path, *, user: UserDTO) -> ImportResult:
    """Bring the file's cases into the campaign in one transaction (all or nothing), one audit event."""
    require_role(user, "supervisor", "admin", action="导入评查数据")
    cases, reviews = read_export(path)
    added = 0
    with store.write() as session:
        have = set(session.scalars(select(ExchangeCase.key).where(ExchangeCase.campaign_id == campaign_id)))
        for case, review in zip(cases, reviews, strict=True):
            key = str(review.get("案卷SHA256") or "") or hashlib.sha256(
                json.dumps(case, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
            if key in have:
                continue
            have.add(key)
            session.add(ExchangeCase(campaign_id=campaign_id, key=key, source=path.name, case=case, review=review,
                                     imported_by=user.name))
            added += 1
        record_event(session, user=user.name, action="import.shuanggongshi", entity="campaign", entity_id=campaign_id,
                     after={"file": path.name, "read": len(cases), "added": added})
    return ImportResult(len(cases), added, len(cases) - added)
