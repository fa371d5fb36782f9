"""Blind review (盲评): what the reviewer's window hides when the current user reviews a dossier blind.

The metadata we show is redacted — the agency (被评查单位, 执法机关) and the officers' names, which become
执法人员甲/乙/丙… in the order the extraction lists them, in the fields, the findings, their evidence
text and the document titles. The scanned pages are the evidence and stay as they are: a letterhead or a
signature on the page itself is not covered.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.services.sampling import BLIND_AGENCY, MyWork, display_agency
from scoring.types import Evidence, Finding

ORDINALS = "甲乙丙丁戊己庚辛壬癸"


def officer_alias(index: int) -> str:
    """执法人员甲, 执法人员乙, … (执法人员11 beyond the ten stems)."""
    return f"执法人员{ORDINALS[index]}" if index < len(ORDINALS) else f"执法人员{index + 1}"


@dataclass(frozen=True, slots=True)
class Redactor:
    """Replaces each hidden name in a text by its stand-in, longest names first."""

    replacements: tuple[tuple[str, str], ...]

    def __call__(self, text: str) -> str:
        if not text or not self.replacements:
            return text
        table = dict(self.replacements)
        pattern = "|".join(re.escape(name) for name, _ in self.replacements)
        return re.sub(pattern, lambda m: table[m.group(0)], text)


# A leading 师 (第八师) or place (石河子市, 天山区, 新疆生产建设兵团…) of an agency's printed name:
# "第八师石河子市市场监督管理局" is also written "石河子市市场监督管理局" or "市场监督管理局". The place alone is
# not hidden (a party's name often starts with it).
_PLACE = re.compile(r"^(第[一二三四五六七八九十〇零百\d]+师|[\u4e00-\u9fff]{2,8}?(?:市|县|区|州|盟|旗|兵团))")


def _variants(name: str) -> set[str]:
    out = {name}
    rest = name if "/" not in name else ""
    while (m := _PLACE.match(rest)) and len(rest) - m.end() >= 4:
        rest = rest[m.end():]
        out.add(rest)
    return out


def _agency_names(agencies: Iterable[str | None]) -> set[str]:
    """The agency as printed, its path ("师市/部门"), each level of the path and the name without its leading
    师 or place (names under two characters are skipped)."""
    names: set[str] = set()
    for agency in agencies:
        if not agency:
            continue
        parts = [p.strip() for p in agency.replace("／", "/").split("/") if len(p.strip()) > 1]
        for name in {agency, *parts}:
            names.update(_variants(name))
    return {n for n in names if len(n) > 1}


def officer_names(extraction: Mapping[str, Any]) -> list[str]:
    officers = (extraction.get("fields") or {}).get("officers") or []
    names = [str(o.get("name") or "").strip() for o in officers if isinstance(o, Mapping)]
    return list(dict.fromkeys(n for n in names if n))


def redactor_for(*, agencies: Iterable[str | None], officers: Sequence[str]) -> Redactor:
    pairs = {name: officer_alias(i) for i, name in enumerate(officers)}
    pairs.update({name: BLIND_AGENCY for name in _agency_names(agencies) if name not in pairs})
    ordered = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
    return Redactor(tuple(ordered))


def _evidence(items: Any, hide: Redactor) -> Any:
    """Evidence JSON (dicts, or lists of them for officers/provisions) with the text redacted."""
    if isinstance(items, list):
        return [_evidence(e, hide) for e in items]
    if isinstance(items, dict):
        return {**items, "text": hide(str(items.get("text", "")))} if "text" in items else items
    return items


def redact_extraction(extraction: Mapping[str, Any], hide: Redactor, officers: Sequence[str]) -> dict[str, Any]:
    fields = dict(extraction.get("fields") or {})
    if fields.get("agency"):
        fields["agency"] = BLIND_AGENCY
    aliases = {name: officer_alias(i) for i, name in enumerate(officers)}
    fields["officers"] = [{**o, "name": aliases.get(str(o.get("name") or "").strip(), officer_alias(i))}
                          for i, o in enumerate(fields.get("officers") or []) if isinstance(o, Mapping)]
    for key in ("case_title", "case_number"):
        if isinstance(fields.get(key), str):
            fields[key] = hide(fields[key])
    evidence = {key: _evidence(value, hide) for key, value in (extraction.get("evidence") or {}).items()}
    out = dict(extraction)
    out["fields"] = fields
    out["evidence"] = evidence
    if "documents" in out:
        out["documents"] = [{**d, "title": hide(str(d.get("title", "")))} if isinstance(d, dict) else d
                            for d in out["documents"]]
    return out


def redact_finding(finding: Finding, hide: Redactor) -> Finding:
    evidence = tuple(Evidence(e.page, hide(e.text), e.box) for e in finding.evidence)
    return dataclasses.replace(finding, message=hide(finding.message), evidence=evidence)


def redact_detail(detail: Any) -> Any:
    """A DossierDetail as a blind reviewer sees it (page texts, used to find words on the page, are kept)."""
    extraction = detail.extraction or {}
    officers = officer_names(extraction)
    agencies = [detail.agency, (extraction.get("fields") or {}).get("agency")]
    hide = redactor_for(agencies=agencies, officers=officers)
    documents = tuple(dataclasses.replace(d, title=hide(d.title)) for d in detail.documents)
    return dataclasses.replace(
        detail, agency=display_agency(detail.agency or "", blind=True), file_name=hide(detail.file_name),
        extraction=redact_extraction(extraction, hide, officers), documents=documents,
        findings=tuple(redact_finding(f, hide) for f in detail.findings),
        warnings=tuple(hide(w) for w in detail.warnings),
    )


def redact_row(row: Any) -> Any:
    """A case-list row with the agency hidden, also in the file name (non-dataclass rows are kept as they are)."""
    if not dataclasses.is_dataclass(row) or isinstance(row, type):
        return row
    agency = str(getattr(row, "agency", "") or "")
    hide = redactor_for(agencies=[agency], officers=[])
    return dataclasses.replace(row, agency=display_agency(agency, blind=True),
                               file_name=hide(str(getattr(row, "file_name", ""))))


# --- the current user's assignments in a campaign (runs on the db executor) ------------------------


def my_work(svc: Any, campaign_id: int) -> MyWork:
    """The dossiers assigned to the current user (``app.services.sampling.my_work``); nothing for a services
    object without that use case (tests' stand-ins)."""
    fn = getattr(svc, "my_work", None)
    return fn(campaign_id) if callable(fn) else MyWork()
