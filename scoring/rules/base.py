"""What a rule is (id, family, legal basis, case kinds, a pure function) and helpers the rules share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from scoring.calendar import WorkCalendar
from scoring.config import CheckConfig
from scoring.parsing.dates import find_dates
from scoring.types import LOW_CONFIDENCE, CaseFacts, DocumentInfo, Evidence, Fact, Status

ALL_KINDS = ("penalty", "license", "enforcement", "inspection", "other")
PENALTY = ("penalty",)


@dataclass(frozen=True, slots=True)
class Context:
    config: CheckConfig
    calendar: WorkCalendar


@dataclass(frozen=True, slots=True)
class Outcome:
    """A rule's verdict; `rule` is set only by rules that report several ids (missing_document:TYPE).

    ``confidence`` is the lowest confidence of the extracted values in its evidence (1.0 when none).
    """

    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    count: int = 1
    rule: str | None = None
    confidence: float = 1.0


RuleFn = Callable[[CaseFacts, Context], Outcome | list[Outcome]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    family: str
    title: str
    legal_basis: str
    kinds: tuple[str, ...]
    fn: RuleFn = field(compare=False)


REGISTRY: list[Rule] = []


def rule(
    rule_id: str, family: str, *, title: str, basis: str, kinds: tuple[str, ...] = PENALTY
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function in the one table (`scoring.rules.RULES`)."""

    def wrap(fn: RuleFn) -> RuleFn:
        REGISTRY.append(Rule(rule_id, family, title, basis, kinds, fn))
        return fn

    return wrap


def confidence_of(evidence: Iterable[Evidence]) -> float:
    """The lowest confidence of the extracted values among the evidence (1.0 if none carries one)."""
    return min((e.confidence for e in evidence if e.confidence is not None), default=1.0)


def passed(message: str, evidence: Iterable[Evidence] = ()) -> Outcome:
    items = tuple(evidence)
    return Outcome(Status.PASS, message, items, confidence=confidence_of(items))


def failed(message: str, evidence: Iterable[Evidence] = (), *, count: int = 1) -> Outcome:
    """A failed check; `unknown` instead when a value it rests on was read with low confidence.

    Every rule reports its failure through here, so a doubtful reading (a date guessed without its
    label, an OCR line read poorly) never costs points: the reviewer is asked to look instead.
    """
    items = tuple(evidence)
    conf = confidence_of(items)
    if conf < LOW_CONFIDENCE:
        shaky = next(e for e in items if e.confidence is not None and e.confidence < LOW_CONFIDENCE)
        note = f"（所依据的第{shaky.page}页“{shaky.text[:30]}”识别把握不足（{conf:.0%}），请人工核对）"
        return Outcome(Status.UNKNOWN, message + note, items, confidence=conf)
    return Outcome(Status.FAIL, message, items, max(1, count), confidence=conf)


def not_applicable(message: str) -> Outcome:
    return Outcome(Status.NA, message)


def unknown(message: str, evidence: Iterable[Evidence] = ()) -> Outcome:
    items = tuple(evidence)
    return Outcome(Status.UNKNOWN, message, items, confidence=confidence_of(items))


# ---- reading facts -------------------------------------------------------------------------


def ev(fact: Fact[Any] | None) -> tuple[Evidence, ...]:
    """The fact's evidence, each marked with the fact's confidence (what `failed` looks at)."""
    if fact is None:
        return ()
    return tuple(e if e.confidence is not None else replace(e, confidence=fact.confidence) for e in fact.evidence)


def doc_field(doc: DocumentInfo, key: str) -> Fact[Any] | None:
    value = doc.fields.get(key)
    return value if isinstance(value, Fact) else None


def doc_evidence(doc: DocumentInfo, fact: Fact[Any] | None = None) -> tuple[Evidence, ...]:
    """The fact's own evidence, else the document's first page with its title."""
    if fact is not None and fact.evidence:
        return ev(fact)
    return (Evidence(page=doc.pages[0], text=doc.title),) if doc.pages else ()


def on_poor_pages(facts: CaseFacts, outcome: Outcome) -> Outcome:
    """A fail whose evidence stands on a page OCR read poorly (mean confidence < LOW_CONFIDENCE) becomes
    unknown: words missing from such a page, or misread on it, are no ground to deduct points.
    The engine applies it to every rule's outcome."""
    if outcome.status is not Status.FAIL:
        return outcome
    poor = {p.number: p.confidence for p in facts.pages
            if p.ocr and p.confidence is not None and p.confidence < LOW_CONFIDENCE}
    shaky = next((e for e in outcome.evidence if e.page in poor), None)
    if shaky is None:
        return outcome
    conf = poor[shaky.page] or 0.0
    note = f"（第{shaky.page}页为识别质量较低的扫描页（OCR 置信度 {conf:.0%}），请人工核对）"
    return replace(outcome, status=Status.UNKNOWN, message=outcome.message + note, count=1,
                   confidence=min(outcome.confidence, conf))


def doc_text(facts: CaseFacts, doc: DocumentInfo) -> str:
    return "\n".join(facts.page_text(n) for n in doc.pages)


def first_line(facts: CaseFacts, page: int) -> str:
    for line in facts.page_text(page).splitlines():
        if line.strip():
            return line.strip()[:40]
    return ""


_SPACE = re.compile(r"[ \t\u3000\xa0]+")


def unspaced(text: str) -> str:
    """Text without the spaces published PDFs put inside words ("地 址", "违 反 了")."""
    return _SPACE.sub("", text)


def find_words(facts: CaseFacts, pages: Iterable[int], pattern: str) -> Evidence | None:
    """The first line on the given pages matching the regex (spaces inside words ignored), as evidence."""
    rx = re.compile(pattern)
    for number in pages:
        for line in facts.page_text(number).splitlines():
            if rx.search(line) or rx.search(unspaced(line)):
                return Evidence(page=number, text=line.strip()[:80])
    return None


def dates_in(text: str) -> list[dt.date]:
    """Calendar dates written in the text, read by the one date parser (`scoring.parsing.dates`)."""
    return [m.value for m in find_dates(text)]


def fmt(day: dt.date) -> str:
    return day.isoformat()


def served_date(facts: CaseFacts, served: str) -> tuple[Fact[dt.date] | None, DocumentInfo | None]:
    """The date a 送达回证 records for serving the document whose title contains `served`."""
    for doc in facts.documents_of("service_receipt"):
        what = doc_field(doc, "served_document")
        if what is None or served not in str(what.value):
            continue
        date = doc_field(doc, "service_date") or doc_field(doc, "date")
        if date is not None and isinstance(date.value, dt.date):
            return date, doc
    return None, None


def any_flag(facts: CaseFacts, key: str, *, exclude: tuple[str, ...] = ()) -> Fact[Any] | None:
    """The first document field `key` whose value is True (documents of the `exclude` types skipped)."""
    for doc in facts.documents:
        if doc.type in exclude:
            continue
        value = doc_field(doc, key)
        if value is not None and value.value is True:
            return value if value.evidence else Fact(True, doc_evidence(doc))
    return None


def is_organization(facts: CaseFacts) -> bool | None:
    if facts.party_type is None:
        return None
    return str(facts.party_type.value) == "organization"


def penalty_types(facts: CaseFacts) -> tuple[str, ...]:
    return tuple(facts.penalty_types.value) if facts.penalty_types is not None else ()
