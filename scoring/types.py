"""Plain data the rules read (CaseFacts) and return (Finding, Score); frozen, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in PDF points (1/72 inch), origin top-left of the page."""


LOW_CONFIDENCE = 0.7
"""A value read with less confidence than this is not enough to call a rule failed (it says unknown)."""


class How(StrEnum):
    """How a value was found, from the most to the least direct reading."""

    LABEL = "label"  # printed after its label (当事人：…, 立案日期：…), or in a labelled table cell
    POSITION = "position"  # where the document form puts it (the 落款 date, the 文号 under the title)
    SENTENCE = "sentence"  # stated in a sentence of the body (于2024年3月4日立案调查)
    INFERENCE = "inference"  # guessed from other signs (a type from the name's shape, a date with no label)
    NOT_FOUND = "not_found"


# What each way of finding is worth before OCR: a 0-1 confidence.
BASE_CONFIDENCE: dict[str, float] = {
    How.LABEL: 0.95, How.POSITION: 0.9, How.SENTENCE: 0.85, How.INFERENCE: 0.6, How.NOT_FOUND: 0.0,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value or a finding comes from: a 1-based page and the words seen there.

    ``confidence`` is that of the value read there (None: not an extracted value, e.g. words a rule
    looked up itself); it does not take part in comparisons.
    """

    page: int
    text: str
    box: Box | None = None
    confidence: float | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "text": self.text}
        if self.box is not None:
            out["box"] = [round(v, 1) for v in self.box]
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 2)
        return out


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """One extracted value with the evidence it was read from, how it was found and how sure that is."""

    value: T
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    how: str = How.LABEL
    reason: str = ""

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    def confidence_json(self) -> dict[str, Any]:
        return {"confidence": round(self.confidence, 2), "how": str(self.how), "reason": self.reason}


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
    confidence: float | None = None  # mean OCR confidence of an OCR page (None: a text layer, or not known)


@dataclass(frozen=True, slots=True)
class DocFacts(Mapping[str, Fact[Any]]):
    """What one document alone says, for the rules that compare documents. Every attribute is optional.

    Typed attributes; it also reads as a mapping of the names that are set (``facts.get("date")``,
    ``facts["case_number"]``), and one is made from such a mapping (:meth:`of`); names outside the
    list go to ``extra``.
    """

    date: Fact[dt.date] | None = None  # 落款 date, or the labelled date of a record or form
    case_number: Fact[str] | None = None
    party_name: Fact[str] | None = None
    party_id: Fact[str] | None = None
    fine_amount: Fact[float] | None = None
    confiscation_amount: Fact[float] | None = None
    officers: Fact[tuple[Officer, ...]] | None = None
    served_document: Fact[str] | None = None  # title of the document a 送达回证 serves
    service_date: Fact[dt.date] | None = None
    has_seal: Fact[bool] | None = None
    has_signature: Fact[bool] | None = None
    statement_waived: Fact[bool] | None = None
    hearing_requested: Fact[bool] | None = None
    extension_approved: Fact[bool] | None = None
    remedy_notice: Fact[bool] | None = None
    procedure: Fact[str] | None = None  # ordinary | simple
    toc_entries: Fact[tuple[TocEntry, ...]] | None = None  # rows of a 卷内目录
    summary: Fact[bool] | None = None  # a decision known only by its 公示 summary table, not its full text
    extra: Mapping[str, Fact[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, values: Mapping[str, Fact[Any]]) -> DocFacts:
        if isinstance(values, DocFacts):
            return values
        known = {k: v for k, v in values.items() if k in _DOC_FACT_NAMES}
        extra = {k: v for k, v in values.items() if k not in _DOC_FACT_NAMES}
        return cls(**known, extra=extra)

    def _items(self) -> dict[str, Fact[Any]]:
        out = {name: getattr(self, name) for name in _DOC_FACT_NAMES}
        return {**{k: v for k, v in out.items() if v is not None}, **self.extra}

    def __getitem__(self, key: str) -> Fact[Any]:
        value = getattr(self, key, None) if key in _DOC_FACT_NAMES else self.extra.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One row of a 卷内目录: its number, the title as listed, the type it names, the first page listed."""

    number: int
    title: str
    type: str
    first_page: int


_DOC_FACT_NAMES = (
    "date", "case_number", "party_name", "party_id", "fine_amount", "confiscation_amount", "officers",
    "served_document", "service_date", "has_seal", "has_signature", "statement_waived", "hearing_requested",
    "extension_approved", "remedy_notice", "procedure", "toc_entries", "summary",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One document of the dossier (立案审批表, 告知书, 决定书 …) and what was read from it alone
    (``fields``: a :class:`DocFacts`; a plain mapping given here is turned into one)."""

    type: str
    title: str
    pages: tuple[int, ...]
    fields: DocFacts = field(default_factory=DocFacts)

    def __post_init__(self) -> None:
        if not isinstance(self.fields, DocFacts):
            object.__setattr__(self, "fields", DocFacts.of(self.fields))


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
    scope: str = "dossier"  # dossier (a case file) | decision / notice (that document alone) | unrecognised
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
    confidence: float = 1.0  # the lowest confidence of the extracted values it rests on

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": str(self.status),
            "message": self.message,
            "legal_basis": self.legal_basis,
            "evidence": [e.to_json() for e in self.evidence],
            "count": self.count,
            "confidence": round(self.confidence, 2),
        }


@dataclass(frozen=True, slots=True)
class Override:
    """A reviewer's decision on one rubric item: it always wins over the automatic value."""

    item: str
    deducted: float
    reason: str
    pages: tuple[int, ...] = ()


class ItemStatus(StrEnum):
    """What the automatic check could say about one rubric item."""

    PASS = "pass"  # checked: its rules hold
    FAIL = "fail"  # checked: a rule failed (points deducted)
    NA = "na"  # checked: does not apply to this dossier
    UNKNOWN = "unknown"  # a rule could not read what it needs: the reviewer must look
    NOT_CHECKED = "not_checked"  # its rules gave no finding for this dossier
    NO_RULE = "no_rule"  # no automatic rule: only a reviewer can score it


CHECKED = frozenset({ItemStatus.PASS, ItemStatus.FAIL, ItemStatus.NA})
NEEDS_REVIEW_GRADE = "不可自动评分"


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
    status: ItemStatus = ItemStatus.NO_RULE

    @property
    def checked(self) -> bool:
        return self.status in CHECKED

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
            "status": str(self.status),
            "checked": self.checked,
        }


@dataclass(frozen=True, slots=True)
class Score:
    """The pre-score. ``coverage`` = points of items checked automatically / all points; when
    ``auto_scorable`` is False (the main document of the case was not found) the automatic grade is
    :data:`NEEDS_REVIEW_GRADE`, never a grade a reviewer did not give."""

    total: float
    max: float
    grade: str
    veto: bool
    items: tuple[ItemScore, ...] = ()
    checked_points: float = 0.0
    auto_scorable: bool = True
    review_reasons: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        return round(self.checked_points / self.max, 4) if self.max else 0.0

    @property
    def needs_review(self) -> bool:
        return not self.auto_scorable or any(i.status is ItemStatus.UNKNOWN for i in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "max": self.max,
            "grade": self.grade,
            "veto": self.veto,
            "items": [i.to_json() for i in self.items],
            "coverage": self.coverage,
            "checked_points": self.checked_points,
            "auto_scorable": self.auto_scorable,
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons),
        }
