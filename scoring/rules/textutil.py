"""Reading a document's own words for the rules of this package: labelled values, names, titles, dates.

The rules read the text of the pages a document spans (``DocumentInfo.pages``) rather than asking the
extractor for more fields; these helpers keep that reading in one place. Everything here is pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from scoring.rules.base import dates_in, doc_field, doc_text
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

_SPACE = re.compile(r"[ \t\u3000]+")
_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_LABEL_LINE = re.compile(r"[：:\t]")  # a line that is itself "label：value" is no value of the line before
_NOT_A_NAME = re.compile(r"[\d:：（）()年月日号]|签名|签字|盖章|同意|意见|以下|空白|拒绝|本人|执法|证号")


def flat(facts: CaseFacts, doc: DocumentInfo) -> str:
    """The document's text on one line (line breaks removed, runs of spaces kept as one)."""
    return _SPACE.sub(" ", doc_text(facts, doc).replace("\n", ""))


def readable(facts: CaseFacts, doc: DocumentInfo, *, minimum: int = 20) -> bool:
    """Whether the document's pages carry enough text to judge its contents."""
    return len(re.sub(r"\s", "", doc_text(facts, doc))) >= minimum


def read_by_ocr(facts: CaseFacts, docs: Iterable[DocumentInfo]) -> bool:
    """Whether any page of these documents was read by OCR (a word missing there may be a misreading)."""
    pages = {n for d in docs for n in d.pages}
    return any(p.ocr for p in facts.pages if p.number in pages)


def all_docs_text(facts: CaseFacts, *, exclude: tuple[str, ...] = ()) -> str:
    return "\n".join(doc_text(facts, d) for d in facts.documents if d.type not in exclude)


def titled(facts: CaseFacts, pattern: str, *, types: tuple[str, ...] = ()) -> list[DocumentInfo]:
    """Documents whose title matches the regex (of the given types, when any are named)."""
    rx = re.compile(pattern)
    return [d for d in facts.documents if rx.search(d.title) and (not types or d.type in types)]


def first_evidence(facts: CaseFacts, doc: DocumentInfo, pattern: str) -> Evidence | None:
    """The first line of the document matching the regex, with its page."""
    rx = re.compile(pattern)
    for n in doc.pages:
        for line in facts.page_text(n).splitlines():
            if rx.search(line):
                return Evidence(page=n, text=line.strip()[:80])
    return None


def where(doc: DocumentInfo) -> tuple[Evidence, ...]:
    """A document's first page with its title, as evidence of what was looked at."""
    return (Evidence(page=doc.pages[0], text=doc.title),) if doc.pages else ()


@dataclass(frozen=True, slots=True)
class Labelled:
    label: str
    value: str
    evidence: Evidence


def labelled(facts: CaseFacts, doc: DocumentInfo, labels: Iterable[str]) -> Iterator[Labelled]:
    """Values written after one of the labels: on the same line ("审核人：张三", "主持人  李四") or, for a
    table cell read as its own line ("审核人" then "张三、李四"), on the next line."""
    alternation = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    same_line = re.compile(rf"(?<!被)({alternation})[^：:\t\n]{{0,6}}?[：:\t ]\s*([^\n\t]*)")  # 询问人 ≠ 被询问人
    alone = re.compile(rf"^\s*({alternation})\s*[：:]?\s*$")
    for n in doc.pages:
        lines = [line for line in facts.page_text(n).splitlines() if line.strip()]
        for i, line in enumerate(lines):
            m = alone.match(line)
            if m and i + 1 < len(lines) and not _LABEL_LINE.search(lines[i + 1]):
                yield Labelled(m.group(1), lines[i + 1].strip(), Evidence(page=n, text=f"{line.strip()} {lines[i + 1].strip()}"[:80]))
                continue
            for m in same_line.finditer(line):
                yield Labelled(m.group(1), m.group(2).strip(), Evidence(page=n, text=line.strip()[:80]))


def names(value: str) -> list[str]:
    """Personal names listed in a value ("张三、李四（执法证号…）" → [张三, 李四]); words that are no names dropped."""
    value = re.sub(r"[（(][^）)]*[）)]", " ", value)
    out = []
    for part in _NAME_SPLIT.split(value):
        part = part.strip("：:。.")
        if 2 <= len(part) <= 4 and not _NOT_A_NAME.search(part) and all("\u4e00" <= c <= "\u9fff" for c in part):
            out.append(part)
    return out


def doc_date(doc: DocumentInfo) -> Fact[dt.date] | None:
    fact = doc_field(doc, "date")
    return fact if fact is not None and isinstance(fact.value, dt.date) else None


def date_value(fact: Fact[Any] | None) -> dt.date | None:
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else None


def last_date(facts: CaseFacts, doc: DocumentInfo) -> Fact[dt.date] | None:
    """The last calendar date written on the document (its 落款, for forms without a labelled date)."""
    for n in reversed(doc.pages):
        lines = facts.page_text(n).splitlines()
        for line in reversed(lines):
            found = dates_in(line)
            if found:
                return Fact(found[-1], (Evidence(page=n, text=line.strip()[:80]),))
    return None


def decision_doc(facts: CaseFacts) -> DocumentInfo | None:
    docs = facts.documents_of("penalty_decision")
    return docs[0] if docs else None


def same_person(a: str, b: str) -> bool:
    """Two written names are the same person (exact, or one character of reading noise on 3+ characters)."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 3:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
