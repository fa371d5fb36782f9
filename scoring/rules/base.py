"""What a rule is (id, family, legal basis, case kinds, a pure function) and helpers the rules share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from scoring.calendar import WorkCalendar
from scoring.config import CheckConfig
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact, Status

ALL_KINDS = ("penalty", "license", "enforcement", "inspection", "other")
PENALTY = ("penalty",)


@dataclass(frozen=True, slots=True)
class Context:
    config: CheckConfig
    calendar: WorkCalendar


@dataclass(frozen=True, slots=True)
class Outcome:
    """A rule's verdict; `rule` is set only by rules that report several ids (missing_document:TYPE)."""

    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    count: int = 1
    rule: str | None = None


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


def passed(message: str, evidence: Iterable[Evidence] = ()) -> Outcome:
    return Outcome(Status.PASS, message, tuple(evidence))


def failed(message: str, evidence: Iterable[Evidence] = (), *, count: int = 1) -> Outcome:
    return Outcome(Status.FAIL, message, tuple(evidence), max(1, count))


def not_applicable(message: str) -> Outcome:
    return Outcome(Status.NA, message)


def unknown(message: str, evidence: Iterable[Evidence] = ()) -> Outcome:
    return Outcome(Status.UNKNOWN, message, tuple(evidence))


# ---- reading facts -------------------------------------------------------------------------


def ev(fact: Fact[Any] | None) -> tuple[Evidence, ...]:
    return fact.evidence if fact is not None else ()


def doc_field(doc: DocumentInfo, key: str) -> Fact[Any] | None:
    value = doc.fields.get(key)
    return value if isinstance(value, Fact) else None


def doc_evidence(doc: DocumentInfo, fact: Fact[Any] | None = None) -> tuple[Evidence, ...]:
    """The fact's own evidence, else the document's first page with its title."""
    if fact is not None and fact.evidence:
        return fact.evidence
    return (Evidence(page=doc.pages[0], text=doc.title),) if doc.pages else ()


def doc_text(facts: CaseFacts, doc: DocumentInfo) -> str:
    return "\n".join(facts.page_text(n) for n in doc.pages)


def first_line(facts: CaseFacts, page: int) -> str:
    for line in facts.page_text(page).splitlines():
        if line.strip():
            return line.strip()[:40]
    return ""


def find_words(facts: CaseFacts, pages: Iterable[int], pattern: str) -> Evidence | None:
    """The first line on the given pages matching the regex, as evidence."""
    rx = re.compile(pattern)
    for number in pages:
        for line in facts.page_text(number).splitlines():
            if rx.search(line):
                return Evidence(page=number, text=line.strip()[:80])
    return None


_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "O": 0, "○": 0}
_DATE = re.compile(
    r"([12一二][\d〇零○O一二三四五六七八九]{3})\s*[年./\-]\s*([\d一二三四五六七八九十]{1,3})\s*[月./\-]\s*"
    r"([\d一二三四五六七八九十]{1,3})"
)


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return int("".join(str(_CN.get(c, 0)) for c in text))


def dates_in(text: str) -> list[dt.date]:
    """Calendar dates written in the text (2024年3月4日, 二〇二四年三月四日, 2024.3.4, 2024-03-04)."""
    out = []
    for m in _DATE.finditer(text):
        try:
            out.append(dt.date(_cn_int(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))))
        except ValueError:
            continue
    return out


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
