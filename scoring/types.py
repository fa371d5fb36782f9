"""Plain data the rules read (CaseFacts) and return (Finding, Score); frozen, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in PDF points (1/72 inch), origin top-left of the page."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value or a finding comes from: a 1-based page and the words seen there."""

    page: int
    text: str
    box: Box | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "text": self.text}
        if self.box is not None:
            out["box"] = [round(v, 1) for v in self.box]
        return out


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """One extracted value with the evidence it was read from."""

    value: T
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Officer:
    name: str
    cert_no: str | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Provision:
    """A cited legal provision: law full name (no 《》), article, 款, 项 (None where not cited)."""

    law: str
    article: int | None
    paragraph: int | None = None
    item: int | None = None
    raw: str = ""
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"law": self.law, "article": self.article, "paragraph": self.paragraph, "item": self.item}


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    text: str
    ocr: bool = False
    has_seal: bool | None = None  # a red stamp was seen on the page; None = could not tell


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One document of the dossier (立案审批表, 告知书, 决定书 …) and what was read from it alone.

    ``fields`` holds per-document observations, keyed by well-known names so that
    consistency rules can compare documents. Keys used so far (all optional):
    ``date`` (落款日期, dt.date), ``case_number`` (str), ``party_name`` (str),
    ``party_id`` (str), ``fine_amount`` (float), ``confiscation_amount`` (float),
    ``officers`` (tuple[Officer, ...]), ``served_document`` (str: title of the document a
    送达回证 serves), ``service_date`` (dt.date), ``has_seal`` (bool),
    ``has_signature`` (bool), ``statement_waived`` (bool), ``hearing_requested`` (bool),
    ``extension_approved`` (bool), ``remedy_notice`` (bool), ``procedure`` (str).
    """

    type: str
    title: str
    pages: tuple[int, ...]
    fields: Mapping[str, Fact[Any]] = field(default_factory=dict)


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NA = "na"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Everything the rule checks may read about one dossier."""

    case_kind: str = "other"  # penalty | license | enforcement | inspection | other
    procedure: str | None = None  # ordinary | simple | None (unknown)
    case_number: Fact[str] | None = None
    case_title: Fact[str] | None = None
    agency: Fact[str] | None = None
    party_name: Fact[str] | None = None
    party_type: Fact[str] | None = None
    party_id: Fact[str] | None = None
    officers: tuple[Officer, ...] = ()
    filing_date: Fact[dt.date] | None = None
    notice_date: Fact[dt.date] | None = None
    decision_date: Fact[dt.date] | None = None
    service_date: Fact[dt.date] | None = None
    closing_date: Fact[dt.date] | None = None
    penalty_types: Fact[tuple[str, ...]] | None = None
    fine_amount: Fact[float] | None = None
    confiscation_amount: Fact[float] | None = None
    violated_provisions: tuple[Provision, ...] = ()
    penalty_provisions: tuple[Provision, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    pages: tuple[PageText, ...] = ()
    extras: Mapping[str, Fact[Any]] = field(default_factory=dict)

    def documents_of(self, doc_type: str) -> tuple[DocumentInfo, ...]:
        return tuple(d for d in self.documents if d.type == doc_type)

    def page_text(self, number: int) -> str:
        for p in self.pages:
            if p.number == number:
                return p.text
        return ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    status: Status
    message: str
    legal_basis: str = ""
    evidence: tuple[Evidence, ...] = ()
    count: int = 1  # occurrences, for per-occurrence deductions

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": str(self.status),
            "message": self.message,
            "legal_basis": self.legal_basis,
            "evidence": [e.to_json() for e in self.evidence],
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class Override:
    """A reviewer's decision on one rubric item: it always wins over the automatic value."""

    item: str
    deducted: float
    reason: str
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemScore:
    item: str
    title: str
    points: float
    auto_deducted: float
    deducted: float
    rules: tuple[str, ...] = ()
    override: Override | None = None
    veto: bool = False
    needs_review: bool = False  # an `unknown` finding feeds this item

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "title": self.title,
            "points": self.points,
            "deducted": self.deducted,
            "auto_deducted": self.auto_deducted,
            "rules": list(self.rules),
            "override": None
            if self.override is None
            else {"deducted": self.override.deducted, "reason": self.override.reason},
            "veto": self.veto,
            "needs_review": self.needs_review,
        }


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    max: float
    grade: str
    veto: bool
    items: tuple[ItemScore, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "max": self.max,
            "grade": self.grade,
            "veto": self.veto,
            "items": [i.to_json() for i in self.items],
        }
