"""The result of extraction and its JSON form (../shared/design/extraction-contract.md, v1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.types import BASE_CONFIDENCE, CaseFacts, Evidence, Fact, How

CONTRACT_VERSION = 1


def _value(fact: Fact[Any] | None) -> Any:
    if fact is None:
        return None
    value = fact.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


_FACT_FIELDS = (
    "case_number", "case_title", "agency", "party_name", "party_type", "party_id", "filing_date", "notice_date",
    "decision_date", "service_date", "closing_date", "penalty_types", "fine_amount", "confiscation_amount",
)  # fmt: skip
_NOT_FOUND: dict[str, Any] = {"confidence": 0.0, "how": str(How.NOT_FOUND), "reason": "未找到"}


def _listed(evidence: list[Evidence], how: How, reason: str) -> dict[str, Any]:
    """A list field's confidence: the lowest of its entries' readings (none found: 0)."""
    if not evidence:
        return _NOT_FOUND
    conf = min(e.confidence if e.confidence is not None else BASE_CONFIDENCE[how] for e in evidence)
    return {"confidence": round(conf, 2), "how": str(how), "reason": reason}


@dataclass(frozen=True, slots=True)
class Extraction:
    file: str
    sha256: str
    pages: int
    facts: CaseFacts
    warnings: tuple[str, ...] = ()

    def fields_json(self) -> dict[str, Any]:
        f = self.facts
        return {
            "case_number": _value(f.case_number),
            "case_title": _value(f.case_title),
            "agency": _value(f.agency),
            "party_name": _value(f.party_name),
            "party_type": _value(f.party_type),
            "party_id": _value(f.party_id),
            "officers": [{"name": o.name, "cert_no": o.cert_no} for o in f.officers],
            "filing_date": _value(f.filing_date),
            "notice_date": _value(f.notice_date),
            "decision_date": _value(f.decision_date),
            "service_date": _value(f.service_date),
            "closing_date": _value(f.closing_date),
            "penalty_types": _value(f.penalty_types) or [],
            "fine_amount": _value(f.fine_amount),
            "confiscation_amount": _value(f.confiscation_amount),
            "violated_provisions": [p.to_json() for p in f.violated_provisions],
            "penalty_provisions": [p.to_json() for p in f.penalty_provisions],
        }

    def evidence_json(self) -> dict[str, Any]:
        """Where each field came from (an added key; the contract allows additions)."""
        f = self.facts
        out: dict[str, Any] = {}
        for name in _FACT_FIELDS:
            fact = getattr(f, name)
            if fact is not None and fact.evidence:
                out[name] = [e.to_json() for e in fact.evidence]
        if f.officers:
            out["officers"] = [[e.to_json() for e in o.evidence] for o in f.officers]
        for name in ("violated_provisions", "penalty_provisions"):
            provs = getattr(f, name)
            if provs:
                out[name] = [[e.to_json() for e in p.evidence] for p in provs]
        return out

    def field_confidence(self) -> dict[str, dict[str, Any]]:
        """How each field was found and how sure that is (an added key beside ``fields``)."""
        f = self.facts
        out: dict[str, dict[str, Any]] = {}
        for name in _FACT_FIELDS:
            fact = getattr(f, name)
            out[name] = fact.confidence_json() if fact is not None else _NOT_FOUND
        out["officers"] = _listed(
            [e for o in f.officers for e in o.evidence], How.LABEL, "执法人员、承办人等标签后的姓名和证号"
        )
        for name in ("violated_provisions", "penalty_provisions"):
            provs = getattr(f, name)
            out[name] = _listed([e for p in provs for e in p.evidence], How.SENTENCE,
                                "“违反了”“依据”等所在语句中的引用")
        return out

    def to_contract(self) -> dict[str, Any]:
        return {
            "contract": CONTRACT_VERSION,
            "file": self.file,
            "sha256": self.sha256,
            "pages": self.pages,
            "case_kind": self.facts.case_kind,
            "scope": self.facts.scope,
            "fields": self.fields_json(),
            "documents": [
                {"type": d.type, "title": d.title, "pages": list(d.pages)} for d in self.facts.documents
            ],
            "warnings": list(self.warnings),
            "field_confidence": self.field_confidence(),
            "evidence": self.evidence_json(),
            "ocr_pages": [p.number for p in self.facts.pages if p.ocr],
        }
