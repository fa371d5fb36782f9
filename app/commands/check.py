"""`casereview check FILE... [--format json|text] [--rubric ID|PATH]`: findings and pre-score per file.

Exit 0 when every file was read, 1 when some could not be (their error is in the output, the
others are still checked), 2 on a usage error (bad option, unknown rubric).
"""

from __future__ import annotations

import argparse
import logging
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from app.checking import CHECK_CONTRACT_VERSION, check_contract
from app.commands.output import print_results
from app.errors import KnownError
from scoring.rubric import Rubric, RubricError, load_rubric

log = logging.getLogger(__name__)
WORKERS = 2
STATUS_NAMES = {"fail": "不符合", "unknown": "待人工核对", "pass": "符合", "na": "不适用"}


def check_file(path: str, rubric: Rubric | None = None) -> dict[str, Any]:
    """The check contract of one file, or an error object; never raises for bad input."""
    from app.pipeline import analyse

    name = Path(path).name
    try:
        a = analyse(Path(path), rubric=rubric)
        return check_contract(a.extraction, a.rubric, a.findings, a.score)
    except KnownError as exc:
        return _error(name, str(exc.code), exc.message)
    except Exception as exc:  # a bug of ours: report it for this file and go on with the others
        log.exception("check failed on %s", path)
        return _error(name, "internal", f"内部错误（{type(exc).__name__}）：{exc}")


def _error(name: str, code: str, reason: str) -> dict[str, Any]:
    return {"contract": CHECK_CONTRACT_VERSION, "file": name, "error": {"code": code, "reason": reason}}


def check_files(paths: list[str], rubric: Rubric | None = None) -> list[dict[str, Any]]:
    if len(paths) <= 1:
        return [check_file(p, rubric) for p in paths]
    # worker_init: each worker dies with us, and stops the OCR workers it started when it exits (a
    # multiprocessing child runs no atexit handlers, and its exit joins its children: without this the
    # command hung after the last scanned file, waiting for idle OCR workers).
    from app.services.analysis import worker_init

    with ProcessPoolExecutor(max_workers=min(WORKERS, len(paths)), initializer=worker_init) as pool:
        return list(pool.map(partial(check_file, rubric=rubric), paths))


def run(args: argparse.Namespace) -> int:
    rubric = None
    if args.rubric:
        try:
            rubric = load_rubric(args.rubric)
        except RubricError as exc:
            print(f"casereview: 用法错误: {exc}", file=sys.stderr)
            return 2
    results = check_files([str(f) for f in args.files], rubric)
    return print_results(results, args.format, summary_lines)


def _evidence(finding: dict[str, Any]) -> str:
    parts = [f"第{e['page']}页“{e['text']}”" for e in finding["evidence"][:3]]
    return "；".join(parts)


def summary_lines(result: dict[str, Any]) -> list[str]:
    """A readable Chinese summary: score, deductions, then failed and to-review findings with pages."""
    s, r = result["score"], result["rubric"]
    lines = [
        f"文件：{result['file']}（{result['extraction']['pages']} 页）",
        f"  评查标准：{r['title']}（{r['id']}，版本 {r['version']}）",
        f"  预评分：{s['total']:g} / {s['max']:g}，等次：{s['grade']}" + ("（触发否决项）" if s["veto"] else ""),
        f"  自动检查覆盖 {s['checked_points']:g} / {s['max']:g} 分（{s['coverage']:.0%}）"
        + ("，须人工评查" if s["needs_review"] else ""),
        *(f"  须人工核查：{reason}" for reason in s["review_reasons"]),
    ]
    for item in s["items"]:
        if item["veto"]:
            why = "；".join(f["message"] for f in result["findings"]
                           if f["status"] == "fail" and f["rule"] in item["rules"])
            lines.append(f"  否决：{item['title']}" + (f"（{why}）" if why else ""))
        elif item["deducted"]:
            lines.append(f"  扣 {item['deducted']:g} 分：{item['title']}（规则：{'、'.join(item['rules'])}）")
    for status in ("fail", "unknown"):
        found = [f for f in result["findings"] if f["status"] == status]
        if found:
            lines.append(f"  {STATUS_NAMES[status]}（{len(found)} 项）：")
        for f in found:
            where = _evidence(f)
            lines.append(f"    [{f['rule']}] {f['message']}" + (f" —— {where}" if where else ""))
            if f["legal_basis"]:
                lines.append(f"        依据：{f['legal_basis']}")
    passed = sum(1 for f in result["findings"] if f["status"] == "pass")
    lines.append(f"  符合 {passed} 项；不适用 {sum(1 for f in result['findings'] if f['status'] == 'na')} 项")
    return lines
