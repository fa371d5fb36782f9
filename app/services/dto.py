"""Frozen data the services return: the UI and the CLI never see ORM objects or sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.vocab.states import ReviewState, state_label
from scoring.types import Finding, PageText


@dataclass(frozen=True, slots=True)
class UserDTO:
    id: int
    name: str
    role: str  # reviewer | supervisor | admin
    agency_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgencyDTO:
    id: int
    name: str
    parent_id: int | None
    path: str  # "师市/部门"


@dataclass(frozen=True, slots=True)
class CampaignDTO:
    id: int
    name: str
    year: int
    rubric_id: str
    rubric_version: str
    rubric_title: str
    created_at: dt.datetime
    dossiers: int = 0


@dataclass(frozen=True, slots=True)
class ImportedFile:
    file: str
    dossier_id: int
    sha256: str
    pages: int
    unit: str | None = None  # the 被评查单位 path given to the dossier ("师市/部门"), if any


@dataclass(frozen=True, slots=True)
class DuplicateFile:
    file: str
    sha256: str
    dossier_id: int | None  # the dossier already in the campaign (None: twice in this batch)


@dataclass(frozen=True, slots=True)
class RejectedFile:
    file: str
    reason: str  # Chinese, names the problem
    code: str = ""  # app.errors.ErrorCode value


@dataclass(frozen=True, slots=True)
class Changes:
    """What a mutating service changed, so each view refreshes only what it shows (as Anki's OpChanges).

    ``ledger`` and ``assignments`` hold campaign ids; ``users`` says the user list or a role changed.
    """

    campaigns: frozenset[int] = frozenset()
    dossiers: frozenset[int] = frozenset()
    reviews: frozenset[int] = frozenset()
    ledger: frozenset[int] = frozenset()
    assignments: frozenset[int] = frozenset()
    users: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.campaigns | other.campaigns, self.dossiers | other.dossiers,
                       self.reviews | other.reviews, self.ledger | other.ledger,
                       self.assignments | other.assignments, self.users or other.users)

    def __bool__(self) -> bool:
        return bool(self.campaigns or self.dossiers or self.reviews or self.ledger or self.assignments
                    or self.users)


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: tuple[ImportedFile, ...] = ()
    duplicates: tuple[DuplicateFile, ...] = ()
    rejected: tuple[RejectedFile, ...] = ()
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)
    no_unit: tuple[str, ...] = ()  # imported files the folder rule found no 被评查单位 for

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": [{"file": f.file, "dossier_id": f.dossier_id, "sha256": f.sha256, "pages": f.pages,
                          "unit": f.unit} for f in self.imported],
            "no_unit": list(self.no_unit),
            "duplicates": [{"file": f.file, "sha256": f.sha256, "dossier_id": f.dossier_id}
                           for f in self.duplicates],
            "rejected": [{"file": f.file, "reason": f.reason, "code": f.code} for f in self.rejected],
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True, slots=True)
class DossierRow:
    id: int
    file_name: str
    agency: str | None
    agency_id: int | None
    kind: str
    pages: int
    status: ReviewState | None  # its most advanced review's state; None: no review yet (未评)
    auto_total: float | None
    auto_grade: str | None
    total: float | None  # of the most advanced review (final > submitted > draft)
    grade: str | None
    reviewers: tuple[str, ...]
    case_number: str | None = None
    party_name: str | None = None
    imported_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentDTO:
    type: str
    title: str
    pages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DossierDetail:
    id: int
    campaign_id: int
    file_name: str
    sha256: str
    format: str
    pages: int
    kind: str
    agency: str | None
    agency_id: int | None
    case_number: str | None
    party_name: str | None
    imported_at: dt.datetime
    importer: str | None
    rubric_id: str
    rubric_version: str
    auto_total: float | None
    auto_grade: str | None
    auto_veto: bool
    extraction: dict[str, Any]  # the extraction-contract.md object
    documents: tuple[DocumentDTO, ...]
    findings: tuple[Finding, ...]  # with evidence (pages + words)
    page_texts: tuple[PageText, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    dossier_id: int
    file_name: str
    page: int
    snippet: str
    matched: tuple[str, ...]  # the matched words as they appear on the page


@dataclass(frozen=True, slots=True)
class ReviewItemDTO:
    item: str
    title: str
    category: str  # the rubric section's title
    points: float
    auto_deducted: float
    deducted: float
    reason: str
    pages: tuple[int, ...]
    rules: tuple[str, ...]
    needs_review: bool
    overridden: bool
    veto: bool = False  # a veto item (否决项) that applies to this file
    veto_item: bool = False  # the item is a veto item (it carries no points: it applies or not)

    @property
    def decided(self) -> float:
        """What the reviewer decided, as one number two reviews can be compared by: the deduction, or for
        a veto item 1 (applies) / 0 (does not)."""
        if self.veto_item:
            return 1.0 if self.veto else 0.0
        return self.deducted


@dataclass(frozen=True, slots=True)
class ReviewDTO:
    id: int
    dossier_id: int
    reviewer: str
    reviewer_id: int
    rubric_id: str
    rubric_version: str
    status: str  # a ReviewState value: draft | submitted | final
    version: int  # row version: pass it back as expected_version
    total: float
    max: float
    grade: str
    veto: bool
    items: tuple[ReviewItemDTO, ...]
    rubric_current: str = ""  # the version of the rubric as it is now (items are shown against it)

    @property
    def status_label(self) -> str:
        return state_label(self.status)

    @property
    def rubric_outdated(self) -> bool:
        """Scored against an older version of its rubric: the stored total may not match today's items."""
        return bool(self.rubric_current) and self.rubric_current != self.rubric_version

    @property
    def rubric_note(self) -> str:
        """What to tell a reader when the rubric changed since this review was scored ("" if it did not)."""
        if not self.rubric_outdated:
            return ""
        return (f"本评查按评查标准版本 {self.rubric_version} 评分，现行版本为 {self.rubric_current}；"
                "得分按评分时的标准计算，各项按现行标准列出")

    def item(self, item_id: str) -> ReviewItemDTO:
        for row in self.items:
            if row.item == item_id:
                return row
        raise KeyError(item_id)
