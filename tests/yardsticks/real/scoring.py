"""Compare `casereview extract` / `check` output with the hand-written truth of the real texts.

Values are compared exactly, normalised only as the extraction contract says: a 文号 loses its
spaces, a party_id is upper case without spaces, amounts are numbers, lists of penalty kinds,
provisions and officers are compared as sets (order is not part of the truth).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = (
    "case_kind",
    "document_type",
    "case_number",
    "agency",
    "party_name",
    "party_type",
    "party_id",
    "decision_date",
    "notice_date",
    "penalty_types",
    "fine_amount",
    "confiscation_amount",
    "violated_provisions",
    "penalty_provisions",
    "officers",
    "case_title",
)
DOC_TYPE = {"decision": "penalty_decision", "notice": "penalty_notice"}
NO_SCORE_ITEMS = ("missing_document",)


def _nospace(v: Any) -> Any:
    return re.sub(r"\s+", "", v) if isinstance(v, str) else v


def _prov_key(p: dict[str, Any]) -> tuple[Any, ...]:
    return (_nospace(p.get("law")), p.get("article"), p.get("paragraph"), p.get("item"))


def normalise(name: str, value: Any) -> Any:
    """The comparable form of one field value (truth or extracted)."""
    if name == "case_number":
        return _nospace(value)
    if name == "party_id":
        return _nospace(value).upper() if isinstance(value, str) else value
    if name in ("agency", "party_name", "case_title"):
        return value.strip() if isinstance(value, str) else value
    if name in ("fine_amount", "confiscation_amount"):
        return None if value is None else round(float(value), 2)
    if name == "penalty_types":
        return frozenset(value or [])
    if name in ("violated_provisions", "penalty_provisions"):
        return frozenset(_prov_key(p) for p in value or [])
    if name == "officers":
        return frozenset(_nospace(o["name"] if isinstance(o, dict) else o) for o in value or [])
    return value


def extracted_value(name: str, extraction: dict[str, Any], kind: str) -> Any:
    """What the extraction says for ``name``; document_type is the expected type if found."""
    if name == "case_kind":
        return extraction.get("case_kind")
    if name == "document_type":
        types = {d.get("type") for d in extraction.get("documents") or []}
        want = DOC_TYPE[kind]
        return want if want in types else sorted(t for t in types if t)
    return (extraction.get("fields") or {}).get(name)


def recognised(extraction: dict[str, Any] | None, kind: str) -> bool:
    if not extraction:
        return False
    return DOC_TYPE[kind] in {d.get("type") for d in extraction.get("documents") or []}


def field_results(truth: dict[str, Any], extraction: dict[str, Any] | None) -> dict[str, bool]:
    """Per scored field of one document: was the extracted value exactly the truth?"""
    out: dict[str, bool] = {}
    for name, want in truth["expected"].items():
        got = None if extraction is None else extracted_value(name, extraction, truth["kind"])
        out[name] = normalise(name, got) == normalise(name, want)
    return out


def is_silent_pass(check: dict[str, Any], kind: str) -> bool:
    """A check result that hides what the program could not see.

    Silent: the decision was not recognised (or the file is a lone notice) and yet the result
    has no ``missing_document`` / ``unknown`` finding (for a notice: no fail and no unknown)
    while scoring full marks or 优秀.
    """
    if "error" in check:
        return False
    findings = check.get("findings") or []
    score = check.get("score") or {}
    full = (score.get("total") is not None and score.get("total") >= score.get("max", 100.0)) or (
        score.get("grade") == "优秀"
    )
    if not full:
        return False
    if kind == "notice":
        return not any(f.get("status") in ("fail", "unknown") for f in findings)
    if recognised(check.get("extraction"), kind):
        return False
    flagged = any(
        f.get("status") == "unknown"
        or (str(f.get("rule", "")).startswith(NO_SCORE_ITEMS) and f.get("status") == "fail")
        for f in findings
    )
    return not flagged


def extract_check_differ(extraction: dict[str, Any] | None, check: dict[str, Any] | None) -> bool:
    """Do ``extract`` and the extraction embedded in ``check`` report different fields?"""
    if not extraction or not check or "error" in extraction or "error" in check:
        return False
    return extraction.get("fields") != (check.get("extraction") or {}).get("fields")


@dataclass
class Tally:
    """Counts for one split x format."""

    docs: int = 0
    recognised: int = 0
    errors: int = 0
    silent: list[str] = field(default_factory=list)
    disagree: list[str] = field(default_factory=list)  # extract and check's extraction differ
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(
        self,
        doc_id: str,
        truth: dict[str, Any],
        extraction: dict[str, Any] | None,
        check: dict[str, Any] | None,
    ) -> None:
        self.docs += 1
        if extraction is None or "error" in extraction:
            self.errors += 1
            extraction = None
        self.recognised += recognised(extraction, truth["kind"])
        for name, ok in field_results(truth, extraction).items():
            self.fields[name][0] += ok
            self.fields[name][1] += 1
            if not ok:
                self.misses[name].append(doc_id)
        if check is not None and is_silent_pass(check, truth["kind"]):
            self.silent.append(doc_id)

    @property
    def field_rate(self) -> float:
        ok = sum(v[0] for v in self.fields.values())
        n = sum(v[1] for v in self.fields.values())
        return ok / n if n else 0.0

    @property
    def recognised_rate(self) -> float:
        return self.recognised / self.docs if self.docs else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.docs,
            "errors": self.errors,
            "recognised": self.recognised,
            "recognised_rate": round(self.recognised_rate, 4),
            "fields_rate": round(self.field_rate, 4),
            "silent_passes": sorted(self.silent),
            "extract_check_disagree": sorted(self.disagree),
            "fields": {k: {"correct": v[0], "scored": v[1]} for k, v in sorted(self.fields.items())},
            "missed_in": {k: sorted(v) for k, v in sorted(self.misses.items())},
        }


def markdown(report: dict[str, dict[str, Tally]]) -> str:
    """The per split x format x field table as Markdown (document ids only, never texts)."""
    lines = [
        "| split | format | docs | recognised | fields exact | silent passes | extract≠check |",
        "|---|---|---|---|---|---|---|",
    ]
    for split, by_fmt in report.items():
        for fmt, t in by_fmt.items():
            lines.append(
                f"| {split} | {fmt} | {t.docs} | {t.recognised}/{t.docs} ({t.recognised_rate:.0%}) "
                f"| {t.field_rate:.1%} | {len(t.silent)} | {len(t.disagree)} |"
            )
    cols = [(s, f) for s, by in report.items() for f in by]
    lines += ["", "| field | " + " | ".join(f"{s} {f}" for s, f in cols) + " |", "|---|" + "---|" * len(cols)]
    for name in FIELDS:
        cells = []
        for s, f in cols:
            v = report[s][f].fields.get(name)
            cells.append(f"{v[0]}/{v[1]}" if v else "–")
        if any(c != "–" for c in cells):
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, dict[str, Tally]], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js = out_dir / "real-yardstick.json"
    md = out_dir / "real-yardstick.md"
    js.write_text(
        json.dumps(
            {s: {f: t.as_dict() for f, t in by.items()} for s, by in report.items()},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    md.write_text(markdown(report), encoding="utf-8")
    return js, md
