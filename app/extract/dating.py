"""When a document was made: its 落款 (organ and date), a labelled date, a date a sentence states.

All dates are read by the one date parser (scoring.parsing.dates). A document's own date is the one
printed where the form puts it — under or beside the organ's name at the end, or after a label — never
a date from a sentence of its body (调查终结报告 and 结案报告 narrate earlier days). When no such
date is printed the answer is None, not the nearest date that happens to be there.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from app.extract.catalogue import AGENCY_ENDINGS
from app.extract.text import CJK, DocText, Flow, label_pattern, squeeze
from scoring.parsing.dates import find_dates
from scoring.parsing.match import Match
from scoring.types import Fact, How

_SEAL_WORDS = re.compile(r"[（(]?(?:印章|公章|盖章|签章|章)[）)]?")
_AGENCY_LINE = re.compile(rf"^[{CJK}（）()]{{4,32}}$")
_ENDING_CHARS = frozenset(e[-1] for e in AGENCY_ENDINGS)
_ENDING_CHAR = re.compile("[" + re.escape("".join(sorted(_ENDING_CHARS))) + "]")  # one scan per line
_NOT_AGENCY_START = ("如", "向", "由", "经", "对", "依", "根", "当事人", "本", "请", "在", "于", "并", "你")
# What may stand on a line beside a signature date: a label, a name, a seal note (no sentence).
_SENTENCE_MARK = re.compile(r"[，。；,;！？]")
_MAX_BESIDE = 14
_ORGAN_LABEL = re.compile(r"机关|机构|单位|部门|盖章|印章|签章|落款")
# A web page's publication record (发布时间, 发文日期 …) dates the page, not the document it shows.
_PUBLISHED = re.compile(r"(?:发布|发文|公开|公示|更新|上传|成文)(?:时间|日期)")
_SIGN_AFTER_LINES = 3  # the date stands at most this many lines under the organ's name


def agency_lines(doc: DocText) -> list[tuple[str, int]]:
    """Lines that are nothing but an organ's name (落款, seal text), with their offsets."""
    out: list[tuple[str, int]] = []
    pos = 0
    for raw in doc.text.split("\n"):
        if len(raw) > 60 or not _ENDING_CHAR.search(raw):
            pos += len(raw) + 1
            continue
        cell = raw.rsplit("\t", 1)[-1]  # a table row "处罚机关⇥某某局": the organ is the value
        if cell != raw and not _ORGAN_LABEL.search(raw[: len(raw) - len(cell)]):
            pos += len(raw) + 1
            continue  # "当事人⇥某某货运部", "案由⇥…营业场所": a row of another label, whatever its value ends with
        text = squeeze(_SEAL_WORDS.sub("", cell))
        for m in find_dates(text):
            text = text.replace(m.raw, "")
        if _AGENCY_LINE.match(text) and text.endswith(AGENCY_ENDINGS) and not text.startswith(_NOT_AGENCY_START):
            out.append((text, pos + len(raw) - len(cell)))
        pos += len(raw) + 1
    return out


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, end if end >= 0 else len(text)


_SENTENCE_END = re.compile(r"[。；;！？]")
_NARRATIVE_LEAD = tuple("于在自至从到起止经")  # 本局于2024年3月4日…: the date of an event told
_AFTER_SIGNATURE = re.compile(r"^(?:[（(]?(?:印章|公章|盖章|签章|章)[）)]?|[_＿/\\.。]*)$")


def standalone(text: str, m: Match[dt.date]) -> bool:
    """Whether the date stands on its line as a signature date does: after at most a label, a name or an
    opinion ended by its 。 ("同意结案。 张建国 2023年7月25日"), with nothing but a seal note after it —
    not a date told inside a sentence ("本局于2024年3月4日立案调查")."""
    start, end = _line_bounds(text, m.start)
    before = text[start : m.start]
    ended = list(_SENTENCE_END.finditer(before))
    if ended:
        before = before[ended[-1].end() :]
    before = squeeze(before)
    if _PUBLISHED.search(before):
        return False
    before = re.split(r"[：:]", before)[-1]  # "受送达单位（人）签收：努尔兰・叶尔肯 2025.2.24": label, name, date
    if len(before) > _MAX_BESIDE or _SENTENCE_MARK.search(before) or before.endswith(_NARRATIVE_LEAD):
        return False
    return _AFTER_SIGNATURE.match(squeeze(text[m.end : end])) is not None


def _signed_date(doc: DocText, dates: Sequence[Match[dt.date]], pos: int | None) -> Match[dt.date] | None:
    """The date of the 落款: just under (or just above) the organ's line, else the last date standing alone."""
    text = doc.text
    if pos is not None:
        limit = pos
        for _ in range(_SIGN_AFTER_LINES + 1):
            nxt = text.find("\n", limit + 1)
            limit = nxt if nxt >= 0 else len(text)
        after = [m for m in dates if pos <= m.start <= limit]
        if after:
            return after[0]
        before = [m for m in dates if m.start < pos and pos - m.end <= 60 and standalone(text, m)]
        if before:
            return before[-1]
    alone = [m for m in dates if standalone(text, m)]
    return alone[-1] if alone else None


def sign_off(doc: DocText) -> tuple[Fact[str] | None, Fact[dt.date] | None]:
    """The 落款: the organ's name at the end of the document and the date printed by it (None if none)."""
    made = doc.memo.get("sign_off")
    if made is None:
        made = doc.memo["sign_off"] = _sign_off(doc)
    return made


def _sign_off(doc: DocText) -> tuple[Fact[str] | None, Fact[dt.date] | None]:
    lines = agency_lines(doc)
    dates = find_dates(doc.text)
    agency: Fact[str] | None = None
    pos: int | None = None
    if lines:
        name, pos = lines[-1]
        agency = doc.fact(name, pos, how=How.POSITION, reason="落款的机关名称")
    chosen = _signed_date(doc, dates, pos)
    if chosen is None:
        return agency, None
    return agency, doc.fact(chosen.value, chosen.start, chosen.end, how=How.POSITION, reason="落款日期")


@functools.lru_cache(maxsize=64)
def _after_labels(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(label_pattern(*labels) + r"[ \t\u3000]*[:：为]?")


def date_after(doc: DocText, labels: tuple[str, ...]) -> Fact[dt.date] | None:
    """The date printed right after one of the labels ("立案日期：2024年3月4日")."""
    for m in _after_labels(labels).finditer(doc.text):
        window = doc.text[m.end() : m.end() + 40]
        found = find_dates(window)
        if found and not window[: found[0].start].strip(" \t\u3000:：\n"):
            d = found[0]
            label = squeeze(m.group())
            return doc.fact(
                d.value, m.end() + d.start, m.end() + d.end, reason=f"标签“{label.rstrip(':：为')}”后的日期"
            )
    return None


def signature_date(doc: DocText) -> Fact[dt.date] | None:
    """The date of the document's 落款 or last signature (None when none stands alone)."""
    return sign_off(doc)[1]


# Sentences of a decision that say when an earlier step happened. The date is the last one before the
# step's words in the same clause ("本局于2024年3月4日对当事人……一案立案调查").
_CLAUSE_MARKS = "。；;！？"
STATED_STEPS: dict[str, tuple[re.Pattern[str], str]] = {
    "filing": (re.compile(r"(?<!不予)立案(?!审批表|登记表|呈批表)"), "决定书记载的立案日期"),
    "notice": (
        re.compile(r"(?:送达|下达|送交|发出|制发|作出|告知|签收|收到)[^。；;，,]{0,12}?《?[^《》。；]{0,16}?告知书"),
        "决定书记载的告知书送达日期",
    ),
}


def stated_date(flow: Flow, step: str) -> Fact[dt.date] | None:
    """The date a sentence of the document gives for an earlier step (filing, notice), if any."""
    pattern, reason = STATED_STEPS[step]
    text = flow.text
    dates = find_dates(text)
    if not dates:
        return None
    for m in pattern.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_MARKS) + 1
        before = [d for d in dates if clause_start <= d.start and d.end <= m.start()]
        if before:
            d = before[-1]
            return flow.fact(d.value, d.start, d.end, how=How.SENTENCE, reason=reason)
    return None
