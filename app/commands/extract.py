"""`casereview extract FILE... [--format json|text]`: the extraction contract of each file.

Several files are read on both cores (a process pool) and printed in the order given. Exit 0 when
every file was read, 1 when some failed (each failure is reported, the others still processed),
2 on a usage error (argparse).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from app.commands.output import print_results
from app.commands.warnings_zh import warning_zh
from app.errors import KnownError
from app.extract.types import CONTRACT_VERSION
from scoring.config import CASE_KIND_LABELS

log = logging.getLogger(__name__)
WORKERS = 2

FIELD_NAMES = {
    "case_number": "案号", "case_title": "案件名称", "agency": "执法机关", "party_name": "当事人",
    "party_type": "当事人类型", "party_id": "证件号码", "filing_date": "立案日期", "notice_date": "告知日期",
    "decision_date": "决定日期", "service_date": "送达日期", "closing_date": "结案日期",
    "penalty_types": "处罚种类", "fine_amount": "罚款金额（元）", "confiscation_amount": "没收金额（元）",
}  # fmt: skip
PARTY_TYPES = {"person": "自然人/个体", "organization": "法人/其他组织"}


def extract_file(path: str) -> dict[str, Any]:
    """The contract object of one file, or an error object; never raises for bad input."""
    result = _read_and_extract(path, ocr=True)
    return result if result is not None else _error(Path(path).name, "internal", reason="内部错误：未得到结果")


def _read_and_extract(path: str, *, ocr: bool) -> dict[str, Any] | None:
    """With ``ocr=False`` a file with a page that has no text layer gives None (it needs OCR)."""
    from app.extract import extract
    from app.ingest import read

    name = Path(path).name
    try:
        dossier = read(Path(path), ocr=ocr)
        if not ocr and any(not page.text.strip() for page in dossier.pages):
            return None
        return extract(dossier).to_contract()
    except KnownError as exc:
        return _error(name, str(exc.code), reason=exc.message)
    except Exception as exc:  # a bug of ours: report it for this file and go on with the others
        log.exception("extract failed on %s", path)
        return _error(name, "internal", reason=f"内部错误（{type(exc).__name__}）：{exc}")


def _text_pass(path: str) -> dict[str, Any] | None:
    return _read_and_extract(path, ocr=False)


def _error(name: str, code: str, *, reason: str) -> dict[str, Any]:
    return {"contract": CONTRACT_VERSION, "file": name, "error": {"code": code, "reason": reason}}


def extract_files(paths: list[str]) -> list[dict[str, Any]]:
    """Results in the order of `paths`.

    Files with a text layer are spread over a process pool; files that need OCR are done after,
    one by one, in this process, whose OCR pool already keeps both cores busy (pools are not
    nested).
    """
    if len(paths) <= 1:
        first: list[dict[str, Any] | None] = [None] * len(paths)
    else:
        with ProcessPoolExecutor(max_workers=min(WORKERS, len(paths))) as pool:
            first = list(pool.map(_text_pass, paths))
    return [done if done is not None else extract_file(path) for path, done in zip(paths, first, strict=True)]


def run(args: argparse.Namespace) -> int:
    results = extract_files([str(f) for f in args.files])
    return print_results(results, args.format, summary_lines)


def _fmt(value: Any) -> str:
    if value is None or value == []:
        return "（未识别）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(PARTY_TYPES.get(value, value)) if isinstance(value, str) else str(value)


def _provisions(items: Iterable[dict[str, Any]]) -> str:
    parts = []
    for p in items:
        text = f"《{p['law']}》"
        text += f"第{p['article']}条" if p["article"] is not None else "（未注明条款）"
        text += f"第{p['paragraph']}款" if p["paragraph"] is not None else ""
        text += f"第{p['item']}项" if p["item"] is not None else ""
        parts.append(text)
    return "；".join(parts) or "（未识别）"


def summary_lines(result: dict[str, Any]) -> list[str]:
    """A readable Chinese summary of one contract object."""
    f = result["fields"]
    kind = CASE_KIND_LABELS.get(result["case_kind"], "其他")
    lines = [f"文件：{result['file']}（共 {result['pages']} 页，{kind}案卷）"]
    lines += [f"  {label}：{_fmt(f[key])}" for key, label in FIELD_NAMES.items()]
    officers = "、".join(f"{o['name']}（{o['cert_no'] or '无执法证号'}）" for o in f["officers"])
    lines.append(f"  执法人员：{officers or '（未识别）'}")
    lines.append(f"  违法依据：{_provisions(f['violated_provisions'])}")
    lines.append(f"  处罚依据：{_provisions(f['penalty_provisions'])}")
    lines.append("  文书：")
    for d in result["documents"]:
        pages = d["pages"]
        span = f"第{pages[0]}页" if len(pages) == 1 else f"第{pages[0]}–{pages[-1]}页"
        lines.append(f"    {span}  {d['title'] or d['type']}（{d['type']}）")
    lines += [f"  提示：{warning_zh(w)}" for w in result["warnings"]]
    return lines
