"""Compare `casereview check --format json` output with the generator's truth; aggregate the yardstick."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

NAME_SEPARATORS = re.compile(r"[·•・‧．.\s]+")


def norm_name(name: object) -> object:
    """Names are compared with the dot-like separators of Uyghur/Kazakh names unified (艾力•沙吾提 == 艾力·沙吾提)."""
    if not isinstance(name, str):
        return name
    return NAME_SEPARATORS.sub("·", name.strip())


def _prov_key(prov: dict[str, Any]) -> tuple[object, ...]:
    return (str(prov.get("law", "")).strip("《》"), prov.get("article"), prov.get("paragraph"), prov.get("item"))


def same(field_name: str, want: Any, got: Any) -> bool:
    if field_name == "officers":
        want_l = [(norm_name(o["name"]), o.get("cert_no")) for o in want]
        got_l = [(norm_name(o.get("name")), o.get("cert_no")) for o in (got or [])]
        return want_l == got_l
    if field_name in ("violated_provisions", "penalty_provisions"):
        return sorted(map(_prov_key, want), key=str) == sorted(map(_prov_key, got or []), key=str)
    if field_name == "penalty_types":
        return sorted(want) == sorted(got or [])
    if field_name in ("fine_amount", "confiscation_amount"):
        if want is None or got is None:
            return want is got
        return abs(float(want) - float(got)) < 0.005
    if field_name == "case_number" and isinstance(got, str):
        return "".join(got.split()) == want
    if field_name == "party_name":
        return norm_name(want) == norm_name(got)
    if field_name == "party_id" and isinstance(got, str):
        return got.upper() == want
    return bool(want == got)


def page_types(extraction: dict[str, Any]) -> dict[int, str]:
    out: dict[int, str] = {}
    for doc in extraction.get("documents", []):
        for pg in doc.get("pages", []):
            out[int(pg)] = doc.get("type", "")
    return out


@dataclass
class Result:
    id: str
    split: str
    fmt: str
    scenario: str
    fields: dict[str, bool] = field(default_factory=dict)
    field_values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    pages_ok: int = 0
    pages_total: int = 0
    page_errors: list[tuple[int, str, str]] = field(default_factory=list)
    planted_found: list[str] = field(default_factory=list)
    planted_missed: list[str] = field(default_factory=list)
    false_fails: list[str] = field(default_factory=list)
    lookalike: list[tuple[str, str, str]] = field(default_factory=list)   # feature, rule, status
    silent: bool = False
    score: float | None = None


def compare(truth: dict[str, Any], check: dict[str, Any], fmt: str) -> Result:
    ext = check.get("extraction", {})
    got = ext.get("fields", {})
    res = Result(truth["id"], truth["split"], fmt, truth["scenario"])
    for name in truth["scored_fields"]:
        want = truth["fields"][name]
        value = ext.get("case_kind") if name == "case_kind" else got.get(name)
        res.fields[name] = same(name, want, value)
        if not res.fields[name]:
            res.field_values[name] = (want, value)
    ptypes = page_types(ext)
    for i, want in enumerate(truth["pages"], 1):
        res.pages_total += 1
        if ptypes.get(i) == want:
            res.pages_ok += 1
        else:
            res.page_errors.append((i, want, ptypes.get(i, "—")))
    status: dict[str, str] = {}
    for f in check.get("findings", []):
        rule, st = f.get("rule", ""), f.get("status", "")
        if st == "fail" or rule not in status:
            status[rule] = st
    fails = {r for r, s in status.items() if s == "fail"}
    planted = set(truth["planted"])
    res.planted_found = sorted(planted & fails)
    res.planted_missed = sorted(planted - fails)
    res.false_fails = sorted(fails - planted - set(truth.get("tolerated", [])))
    for look in truth.get("lookalikes", []):
        for rule in look["rules"]:
            res.lookalike.append((look["feature"], rule, status.get(rule, "absent")))
    score = check.get("score", {})
    res.score = score.get("total")
    flagged = any(s in ("fail", "unknown") for s in status.values())
    res.silent = bool(planted) and not flagged and score.get("total") == score.get("max", 100.0)
    return res


def pct(num: int, den: int) -> float:
    return 100.0 * num / den if den else 100.0


def summary(results: list[Result]) -> dict[str, Any]:
    fields_ok = sum(sum(r.fields.values()) for r in results)
    fields_n = sum(len(r.fields) for r in results)
    found = sum(len(r.planted_found) for r in results)
    planted = found + sum(len(r.planted_missed) for r in results)
    false = sum(len(r.false_fails) for r in results)
    looks = [s for r in results for (_, _, s) in r.lookalike]
    per_field: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        for k, v in r.fields.items():
            per_field[k].append(v)
    return {
        "dossiers": len(results),
        "fields": pct(fields_ok, fields_n),
        "pages": pct(sum(r.pages_ok for r in results), sum(r.pages_total for r in results)),
        "recall": pct(found, planted),
        "precision": pct(found, found + false),
        "fails_true": found, "fails_false": false, "planted": planted,
        "lookalike_pass": pct(sum(s not in ("fail", "unknown") for s in looks), len(looks)),
        "lookalike_n": len(looks), "lookalike_fail": sum(s == "fail" for s in looks),
        "lookalike_unknown": sum(s == "unknown" for s in looks),
        "silent": sum(r.silent for r in results),
        "per_field": {k: pct(sum(v), len(v)) for k, v in sorted(per_field.items())},
        "missed_rules": Counter(m for r in results for m in r.planted_missed),
        "false_rules": Counter(m for r in results for m in r.false_fails),
        "page_confusions": Counter((w, g) for r in results for (_, w, g) in r.page_errors),
    }


def table(groups: dict[str, list[Result]]) -> str:
    lines = ["group              n  fields%  pages%  recall%  precision%  look-alike%  silent",
             "-" * 80]
    sums = {k: summary(v) for k, v in groups.items() if v}
    for k, s in sums.items():
        look = f"{s['lookalike_pass']:10.1f}" if s["lookalike_n"] else f"{'n/a':>10}"
        lines.append(f"{k:<17}{s['dossiers']:>3}  {s['fields']:7.1f}  {s['pages']:6.1f}  {s['recall']:7.1f}  "
                     f"{s['precision']:10.1f}  {look}  {s['silent']:>6}")
    for k, s in sums.items():
        lines.append(f"\n[{k}] per field: " + ", ".join(f"{f} {v:.0f}" for f, v in s["per_field"].items()))
        lines.append(f"[{k}] planted missed: {dict(s['missed_rules'].most_common())}")
        lines.append(f"[{k}] false fails: {dict(s['false_rules'].most_common())}")
        lines.append(f"[{k}] page confusions (truth→read): "
                     f"{ {f'{a}→{b}': n for (a, b), n in s['page_confusions'].most_common(8)} }")
        lines.append(f"[{k}] look-alikes: {s['lookalike_n']} checked, {s['lookalike_fail']} failed, "
                     f"{s['lookalike_unknown']} unknown; fails {s['fails_true']} true / {s['fails_false']} false")
    return "\n".join(lines)


def dumps(results: list[Result]) -> str:
    return json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1, default=str)
