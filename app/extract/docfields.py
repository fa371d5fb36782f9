"""What one document alone says beyond dates and party: its 文号 and whether it holds some words."""

from __future__ import annotations

import functools
import re

from app.extract.parsers.case_numbers import find_case_numbers
from app.extract.text import CJK, DocText, label_pattern, squeeze
from scoring.parsing.match import Match
from scoring.types import Fact, How

DECISION_NUMBER_LABELS = (
    "行政处罚决定书文号", "行政处罚决定文书号", "处罚决定书文号", "决定书文号", "决定文书号", "处罚决定文号",
    "处罚文号", "决定书编号",
)  # fmt: skip
GENERIC_NUMBER_LABELS = ("文书号", "文号", "案号")
_INNER = re.compile(rf"[（(]([{CJK}]{{1,4}})[）)](?![ \t\u3000\n]*[号號])")  # not a serial's note: 092（非）号


def find_numbers(text: str) -> list[Match[str]]:
    """find_case_numbers, also over abbreviations with a bracketed part: (哈)应急罚〔2024〕8号, 宛农（农药）罚…

    Such brackets are masked with a CJK stand-in of the same length, so offsets and the printed
    text are kept.
    """
    masked = _INNER.sub(lambda m: "丨" + m.group(1) + "丨", text)
    out = []
    for m in find_case_numbers(masked):
        raw = text[m.start : m.end]
        out.append(Match(_pair_brackets(squeeze(raw)), m.start, m.end, raw))
    return out


_PAIRS = {"（": "）", "(": ")", "〔": "〕", "[": "]", "【": "】", "［": "］"}
_MISPAIRED = re.compile(r"([（(〔\[【［])([^（）()〔〕\[\]【】［］]*)([）)〕\]】］])")


def _pair_brackets(number: str) -> str:
    """OCR reads one of a pair in the other width ("（2025)"): a printed 文号 closes as it opens."""
    return _MISPAIRED.sub(lambda m: m.group(1) + m.group(2) + _PAIRS[m.group(1)], number)


HEAD_LINES = 10  # a document's own 文号 stands under its title, among its first lines


def _head_end(text: str) -> int:
    pos = 0
    for _ in range(HEAD_LINES):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


@functools.lru_cache(maxsize=16)
def _label_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(label_pattern(*labels) + r"[ \u3000]*[:：\t]?[ \t\u3000]*")


def _after_label(doc: DocText, labels: tuple[str, ...]) -> Match[str] | None:
    """The first 文号 in the value of one of the labels (a table cell, "文号：…", or glued to it);
    a 立案号 is another number than the one asked for."""
    for m in _label_regex(labels).finditer(doc.text):
        if doc.text[max(0, m.start() - 2) : m.start()].endswith(("立", "立案")):
            continue
        value = doc.rest_of_line(m.end()).split("\t")[0]
        found = find_numbers(value)
        if found:
            n = found[0]
            return Match(n.value, m.end() + n.start, m.end() + n.end, n.raw)
    return None


_IN_SENTENCE = re.compile(r"[，。,；;《》“”]|送达|下达|作出|依据|根据")


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def case_number(doc: DocText, *, own: bool = False) -> Fact[str] | None:
    """The document's 文号: after a label naming the decision's number, else after a 文号/案号 label,
    else the first one printed (a document's own number stands under its title). ``own``: only a number
    in the head of the document counts (a decision citing its 告知书's number in the body has no number
    of its own); without it an unlabelled number is only a guess (another document's, perhaps)."""
    for labels, how in ((DECISION_NUMBER_LABELS, How.LABEL), (GENERIC_NUMBER_LABELS, How.POSITION)):
        labelled = _after_label(doc, labels)
        if labelled is not None:
            return doc.fact(labelled.value, labelled.start, labelled.end, how=how, reason="文号标签后的文号")
    found = find_numbers(doc.text[: _head_end(doc.text)] if own else doc.text)
    if own:  # its own number stands on a line of its own (or beside the title), not inside a sentence
        found = [m for m in found if not _IN_SENTENCE.search(_line_before(doc.text, m.start))]
    if not found:
        return None
    m = found[0]
    how, reason = (How.POSITION, "文书标题下的文号") if own else (How.INFERENCE, "文书中首个文号（无标签）")
    return doc.fact(m.value, m.start, m.end, how=how, reason=reason)



def has_words(doc: DocText, pattern: str) -> Fact[bool] | None:
    m = re.search(pattern, doc.text)
    return doc.fact(True, m.start(), m.end(), how=How.SENTENCE) if m else None
