"""Reading a document's own words for the rules of this package: labelled values, names, titles, dates.

The rules read the text of the pages a document spans (``DocumentInfo.pages``) rather than asking the
extractor for more fields; these helpers keep that reading in one place. Everything here is pure.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from scoring.parsing.numerals import CN_NUMERAL_CHARS, cn_to_int
from scoring.rules.base import dates_in, doc_field, doc_text, unspaced
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

_SPACE = re.compile(r"[ \t\u3000]+")
_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_LABEL_LINE = re.compile(r"[：:\t]")  # a line that is itself "label：value" is no value of the line before
_NOT_A_NAME = re.compile(
    r"[\d:：（）()]|[〇○零一二三四五六七八九十两][年月日号]|^[年月日号]|签名|签字|盖章|同意|意见|以下|空白|拒绝|本人|执法|证号"
)


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


ANY_GAP = r"[^：:\t\n]{0,6}?"  # what may stand between a label and its colon ("送达方式（直接）：")
SIGN_GAP = r"(?:[（(][^）)\n]{0,10}[）)]|签名|签字|盖章|或)*"  # "询问人（签名）：", never a word of running text


def labelled(facts: CaseFacts, doc: DocumentInfo, labels: Iterable[str], *, gap: str = ANY_GAP) -> Iterator[Labelled]:
    """Values written after one of the labels: on the same line ("审核人：张三", "主持人  李四"; several labels of the
    set on one line each give their own value) or, for a table cell read as its own line ("审核人" then "张三、李四"),
    on the next line."""
    alternation = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # 询问人 ≠ 被询问人; a value ends at a tab or where the next label of the set begins ("询问人签名：A 记录人签名：B")
    same_line = re.compile(rf"(?<!被)({alternation}){gap}[：:\t ]\s*([^\n\t]*?)(?=(?<!被)(?:{alternation})|[\t\n]|$)")
    alone = re.compile(rf"^\s*({alternation})\s*[：:]?\s*$")
    for n in doc.pages:
        lines = [line for line in facts.page_text(n).splitlines() if line.strip()]
        for i, line in enumerate(lines):
            m = alone.match(line)
            if m and i + 1 < len(lines) and not _LABEL_LINE.search(lines[i + 1]):
                yield Labelled(
                    m.group(1),
                    lines[i + 1].strip(),
                    Evidence(page=n, text=f"{line.strip()} {lines[i + 1].strip()}"[:80]),
                )
                continue
            for m in same_line.finditer(line):
                yield Labelled(m.group(1), m.group(2).strip(), Evidence(page=n, text=line.strip()[:80]))


_DOTS = "·•・‧･∙⋅"  # the separator of transliterated names (米日古丽·吐尔逊), as fonts and typists print it
_DOT_RUN = re.compile(rf"\s*[{_DOTS}]\s*")
_LIST_SPLIT = re.compile(r"[、，,；;/]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _han(part: str) -> bool:
    return bool(_HAN.fullmatch(part))


def _name(part: str) -> str | None:
    """The part as a personal name ("张三", "米日古丽·吐尔逊" with its dot unified), or None."""
    part = part.strip("：:。.")
    if _NOT_A_NAME.search(part):
        return None
    pieces = _DOT_RUN.split(part)
    if len(pieces) > 1:  # a transliterated name: each piece a run of characters
        ok = len(pieces) <= 4 and all(1 <= len(p) <= 8 and _han(p) for p in pieces)
        return "·".join(pieces) if ok else None
    return part if 2 <= len(part) <= 4 and _han(part) else None


def _chunk_names(chunk: str) -> list[str]:
    """Names in a chunk without list separators. Words separated by spaces are several names when each is
    a Han name of two or three characters ("张三 李四"); otherwise the space is inside one transliterated
    name ("阿依古丽 居来提", as typists write 阿依古丽·居来提); words that are no names are dropped."""
    words = [w for w in chunk.split() if w]
    found = [(w, _name(w)) for w in words]
    named = [n for _, n in found if n is not None]
    plain = [n for n in named if "·" not in n]
    if len(plain) >= 2 and len(plain) == len(named) and any(len(n) >= 4 for n in plain):
        run = [w for w, n in found if n is not None]
        if all(_han(w) for w in run) and sum(map(len, run)) <= 12 and _adjacent(words, run):
            return ["·".join(run)]
    return named


def _adjacent(words: list[str], run: list[str]) -> bool:
    """The name words stand next to one another in the chunk."""
    start = words.index(run[0])
    return words[start : start + len(run)] == run


def names(value: str) -> list[str]:
    """Personal names listed in a value ("张三、李四（执法证号…）" → [张三, 李四]; "米日古丽・吐尔逊 执法证号：…" →
    [米日古丽·吐尔逊]); the dot of transliterated names is unified to "·", words that are no names dropped."""
    value = unicodedata.normalize("NFKC", value)  # fonts map some characters to compatibility ideographs (U+F967 不)
    value = re.sub(r"[（(][^）)]*(?:[）)]|$)", " ", value)  # a bracket left open at the line's end runs on
    out: list[str] = []
    for chunk in _LIST_SPLIT.split(value):
        out += _chunk_names(chunk)
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


# The officers a 询问笔录 / 现场（检查）笔录 names: one asks, one records ("询问人：… 记录人：…", both with their
# 执法证号), or they are listed together ("检查人员：A、B", "执法人员：A、B"); their signature lines name them again.
OFFICER_ROLES = (
    "询问人",
    "记录人",
    "检查人",
    "检查人员",
    "执法人员",
    "调查人",
    "调查人员",
    "勘验人",
    "勘查人",
    "承办人",
    "办案人员",
    "询问（调查）人",
)
OFFICER_SIGNS = tuple(
    f"{role}{suffix}"
    for role in OFFICER_ROLES
    for suffix in ("签名", "（签名）", "签字", "（签字）", "签名或盖章", "（签名或盖章）")
)


_RECORDER = "记录人"
_CERT_ON_LINE = re.compile(r"(?:执法|证件|证号|编号)[^\d\n]{0,8}[A-Z]?\d{6,}|[（(][^）)]{0,8}\d{6,}")


def _officer_names(facts: CaseFacts) -> set[str]:
    """Names the file gives as officers elsewhere (the extractor's lists; never a 记录人, whom it leaves out)."""
    found = {o.name for o in facts.officers}
    for doc in facts.documents:
        listed = doc_field(doc, "officers")
        if listed is not None and isinstance(listed.value, tuple):
            found |= {o.name for o in listed.value}
    return {n for name in found for n in names(name)} | found


def record_officers(
    facts: CaseFacts, doc: DocumentInfo, labels: Iterable[str] = OFFICER_ROLES
) -> tuple[set[str], tuple[Evidence, ...]]:
    """The distinct persons a record names after officer labels, with the lines naming them. A 记录人 counts when
    shown to be an officer: a 执法证号 on that line, or named as an officer on the record or elsewhere in the file
    (a recorder may be an assistant without a certificate: then the record shows one officer)."""
    people: set[str] = set()
    evidence: list[Evidence] = []
    recorders: list[tuple[list[str], Labelled]] = []
    for hit in labelled(facts, doc, labels, gap=SIGN_GAP):
        found = names(hit.value)
        if not found:
            continue
        if hit.label.startswith(_RECORDER) and not _CERT_ON_LINE.search(hit.value):
            recorders.append((found, hit))
            continue
        people.update(found)
        if hit.evidence not in evidence:
            evidence.append(hit.evidence)
    known = people | _officer_names(facts) if recorders else people
    for found, hit in recorders:
        shown = [n for n in found if n in known]
        people.update(shown)
        if shown and hit.evidence not in evidence:
            evidence.append(hit.evidence)
    return people, tuple(evidence)


def listed_officers(facts: CaseFacts, doc: DocumentInfo) -> set[str]:
    """The officers a record names (询问人, 记录人, 检查人员 …), else those the extractor listed for it."""
    people, _ = record_officers(facts, doc)
    if people:
        return people
    listed = doc_field(doc, "officers")
    return {o.name for o in listed.value} if listed is not None and isinstance(listed.value, tuple) else set()


# A form's next row: a short label then its value ("审核意见\t同意", "缴款日期：…"); dates after it are that row's.
_ROW_LABEL = re.compile(r"^\s*([\u4e00-\u9fff（）()]{2,12})\s*(?:[：:\t]|\s{2,})")
_DATE_ROW = re.compile(r"^(?:(?:审批|签[名字]|批准)?日期|年月日|签[名字]|时间)$")


def labelled_date(facts: CaseFacts, doc: DocumentInfo, label: str, *, rows: int = 3) -> Fact[dt.date] | None:
    """The date a form writes in the row the regex `label` names ("负责人审批意见\t同意。王五 2024年4月19日", or the
    date on one of the next `rows` lines of that cell: "签名：王五" / "2024年4月19日"), never a date of another row
    ("缴款日期", "审核日期") nor of another page. None when the row carries no date."""
    rx = re.compile(rf"(?:^|\t|\s)(?:{label})[^\t：:\n]{{0,6}}?(?:[：:\t ]|$)")
    for n in doc.pages:
        lines = facts.page_text(n).splitlines()
        for i, line in enumerate(lines):
            m = rx.search(line)
            if m is None:
                continue
            for text in [line[m.end() :], *lines[i + 1 : i + 1 + rows]]:
                row = _ROW_LABEL.match(text)
                if text is not line[m.end() :] and row and not _DATE_ROW.match(row.group(1)):
                    break  # the next row of the form begins
                found = dates_in(text)
                if found:
                    return Fact(found[-1], (Evidence(page=n, text=text.strip()[:80]),))
    return None


# The decided fine follows the word: "罚款人民币57000元", "罚款壹拾陆万叁仟元整", "罚款0.86万元"; a statute quoted
# in the decision puts its range before it: "并处五万元以上十万元以下罚款" (行政处罚法 第五十九条: 决定书载明
# "行政处罚的种类和依据").
_AFTER_FINE = re.compile(
    rf"(?<![没])罚款(?:人民币|金额|计)?\s*[：:]?\s*(?:[¥￥]\s*)?(?P<num>[\d,，]+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+)"
    r"\s*(?P<wan>万)?元(?!以上|以下|以内)"
)
_RANGE = re.compile(r"以上|以下|以内|不足|超过|最高|最低")


def _yuan(num: str, wan: str | None) -> float | None:
    raw = num.replace(",", "").replace("，", "")
    try:
        value = float(raw)
    except ValueError:
        whole = cn_to_int(raw)
        if whole is None:
            return None
        value = float(whole)
    return value * (10_000 if wan else 1)


_RANGE_AFTER = re.compile(r"^.{0,4}?(?:以上|以下|以内)")
_RANGE_BEFORE = re.compile(r"(?:以上|不足|超过|最高|最低).{0,12}$")


def quoted_range(facts: CaseFacts, fact: Fact[Any]) -> bool:
    """Whether a fine was read from a quotation of the law's range ("…五万元以上十万元以下罚款"), not from the decision:
    the range's words on the evidence line, or around the evidence where the page prints it (a DOCX run holds only
    "十万元")."""
    for e in fact.evidence:
        if _RANGE.search(e.text):
            return True
        page = unspaced(facts.page_text(e.page)).replace("\n", "")
        key = unspaced(e.text)
        start = page.find(key) if key else -1
        while start >= 0:
            if _RANGE_AFTER.search(page[start + len(key) :]) or _RANGE_BEFORE.search(page[max(0, start - 12) : start]):
                return True
            start = page.find(key, start + 1)
    return False


def decided_fine(facts: CaseFacts, doc: DocumentInfo) -> Fact[float] | None:
    """The fine the document itself imposes ("罚款人民币X元"), when it names one amount only; None otherwise."""
    found: dict[float, Evidence] = {}
    for n in doc.pages:
        text = unspaced(facts.page_text(n)).replace("\n", "")
        for m in _AFTER_FINE.finditer(text):
            value = _yuan(m.group("num"), m.group("wan"))
            if value is not None and value > 0:
                found.setdefault(value, Evidence(page=n, text=text[max(0, m.start() - 10) : m.end() + 4]))
    if len(found) != 1:
        return None
    value, where_ = next(iter(found.items()))
    return Fact(value, (where_,))


def fine_of(facts: CaseFacts, kind: str) -> Fact[float] | None:
    """The fine the first document of `kind` (告知书, 决定书) names; a reading taken from a quoted range of the law
    is replaced by the amount the document itself imposes, or dropped when it names none or several."""
    for doc in facts.documents_of(kind):
        fact = doc_field(doc, "fine_amount")
        if fact is None or not isinstance(fact.value, int | float):
            continue
        if quoted_range(facts, fact):
            return decided_fine(facts, doc)
        return Fact(float(fact.value), fact.evidence or where(doc))
    fact = facts.fine_amount if kind == "penalty_decision" else None
    if fact is not None and isinstance(fact.value, int | float):
        if quoted_range(facts, fact):
            decision = decision_doc(facts)
            return decided_fine(facts, decision) if decision is not None else None
        return Fact(float(fact.value), fact.evidence)
    return None


# A decision quotes the law it applies
# ("依据《…》第十四条“…给予警告、罚款、停业整顿、吊销卫生许可证的行政处罚…”的规定"):
# the kinds the law allows are not the kinds imposed.
_QUOTE = re.compile(r"“[^“”]*”|\"[^\"]*\"|「[^「」]*」")


def without_quotes(text: str) -> str:
    """The text without what it quotes (innermost quotation marks first, so “…“卫生许可证”…” goes whole)."""
    while True:
        shorter = _QUOTE.sub("", text)
        if shorter == text:
            return text
        text = shorter


_BASIS_CLAUSE = re.compile(r"(?:依据|根据|依照|按照)《[^》]{2,40}》[^。；]{0,200}?的规定")


def _kind_key(kind: str) -> str:
    return kind[:4] if kind.startswith("责令") else kind[:2]


def imposed_outside_quotes(facts: CaseFacts, kind: str) -> bool | None:
    """Whether the decision names this penalty kind outside the law it quotes; None without a readable decision."""
    doc = decision_doc(facts)
    if doc is None:
        return None
    text = unspaced(doc_text(facts, doc)).replace("\n", "")
    if len(text) < 20:
        return None
    own = _BASIS_CLAUSE.sub("", without_quotes(text))
    return _kind_key(kind) in own
