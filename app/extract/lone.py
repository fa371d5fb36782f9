"""A file that is one decision (or notice) alone, as published or handed over for 抽查.

Such a file may show no title a catalogue knows: the title may have been cut off, the page may be a
公示 summary table (行政处罚信息公示: 行政相对人名称, 处罚事由, 处罚依据, 处罚结果 …) or a web page's
text. When segmentation found no decision and no notice, the file's text is read for what a decision
must contain (行政处罚法 art. 59: the party, the facts, the provisions, the penalty, the remedies) or
what a notice announces (art. 44: the intended penalty, the right to state and defend).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.extract.docfields import find_numbers
from app.extract.text import squeeze
from app.ingest.types import Page
from scoring.types import DocumentInfo

# Labels of a 公示 summary table (双公示 行政处罚信息): at least three make a page such a table.
PUBLICITY_LABELS = (
    re.compile(r"(?:行政)?处罚决定(?:书)?文(?:书)?号|决定文书号"),
    re.compile(r"(?:行政)?相对人名称|被处罚(?:人|单位)名称"),
    re.compile(r"处罚事由|违法事实|违法行为类型|主要违法事实"),
    re.compile(r"处罚依据"),
    re.compile(r"处罚结果|处罚内容|处罚类别|处罚种类"),
    re.compile(r"处罚决定日期|作出处罚决定日期|决定日期"),
    re.compile(r"处罚机关|处罚决定机关|实施机关"),
)
# What every decision states (art. 59: the party and its address, the facts and evidence, the kind
# and grounds of the penalty, how and when to perform it, the remedies), one group each; `决定`
# and a penalty word are required besides.
DECISION_GROUPS = (
    re.compile(
        r"当事人|被处罚人|行政相对人|统一社会信用代码|身份证|法定代表人|地址|住所|^[^\n:：]{2,40}[:：][ \t]*$", re.M
    ),
    re.compile(r"违反|违法"),
    re.compile(r"依据|根据|依照|按照"),
    re.compile(r"复议|诉讼"),
    re.compile(r"经查|查明|事实|证据"),
    re.compile(r"缴纳|缴至|缴款|履行|之日起十五日内"),
)
_DECIDED = re.compile(r"决定(?!书|日期|文号)|处罚如下|如下(?:行政)?处罚|以下(?:行政)?处罚")
# Words only a decision says of itself: the time to pay or to appeal runs from its receipt.
_SELF_DECISION = re.compile(r"(?:收到|接到|送达)本(?:行政)?(?:处罚)?决定书?之日|不服本(?:行政)?(?:处罚)?决定")
_PENALTY_WORDS = re.compile(r"罚款|警告|没收|吊销|暂扣|责令停产|责令关闭|通报批评|拘留|限制从业")
_NOTICE = re.compile(r"拟(?:作出|对|给予|处以|决定|予以)")
_NOTICE_RIGHTS = re.compile(r"陈述|申辩")
_KNOWN_MAIN = frozenset({"penalty_decision", "penalty_notice"})


def is_publicity_table(text: str) -> bool:
    flat = squeeze(text)
    return sum(1 for p in PUBLICITY_LABELS if p.search(flat)) >= 3


def _looks_like(text: str) -> str | None:
    """penalty_decision / penalty_notice by what the text states; a decision recounts its notice
    ("…送达了《行政处罚告知书》，拟…") but only a decision runs periods from its own receipt."""
    flat = squeeze(text)
    groups = sum(1 for g in DECISION_GROUPS if g.search(text) or g.search(flat))
    decision = _PENALTY_WORDS.search(flat) is not None and groups >= 4
    if decision and _SELF_DECISION.search(flat):
        return "penalty_decision"
    if groups >= 3 and _head_number_is_decisions(text):
        return "penalty_decision"
    if _NOTICE.search(flat) and _NOTICE_RIGHTS.search(flat) and "告知" in flat:
        return "penalty_notice"
    if decision and _DECIDED.search(flat):
        return "penalty_decision"
    return None


_YEAR_OPEN = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d")
_OTHER_SERIES = re.compile(r"告|听|立|改|检|催|缴|通|函|移")


def _head_number_is_decisions(text: str) -> bool:
    """The file opens with a 文号 of the decision series (岳环罚决字〔2022〕87号, 丽环(青)罚[2021]4号):
    the organ's 代字 for decisions holds 罚, those of its 告知书 (罚告字), 立案, 责令改正 … hold more."""
    lines = text.split("\n")[:12]
    for line in lines:
        for m in find_numbers(line):
            before = line[: m.start]
            if re.search(r"[，。,；;《》]", before) or len(squeeze(before)) > 20:
                continue
            year = _YEAR_OPEN.search(m.value)
            code = m.value[: year.start()] if year else m.value
            if "罚" in code and not _OTHER_SERIES.search(code):
                return True
    return False


_TITLES = {"penalty_decision": "行政处罚决定书", "penalty_notice": "行政处罚告知书"}


def recognise_lone(infos: Sequence[DocumentInfo], pages: Sequence[Page]) -> list[DocumentInfo]:
    """The documents, with a lone decision or notice recognised when segmentation saw neither."""
    if any(i.type in _KNOWN_MAIN for i in infos):
        return list(infos)
    by_number = {p.number: p for p in pages}

    def text_of(info: DocumentInfo) -> str:
        return "\n".join(by_number[n].text for n in info.pages if n in by_number)

    out = list(infos)
    tables = [k for k, i in enumerate(out) if i.type == "other" and is_publicity_table(text_of(i))]
    if tables:
        k = tables[0]
        out[k] = replace(out[k], type="penalty_decision", title=out[k].title or "行政处罚信息公示")
        return out
    if any(i.type not in ("other", "evidence") for i in out):
        return out  # a dossier whose decision is missing: that is a finding, not a guess
    kind = _looks_like("\n".join(p.text for p in pages))
    if kind is None:
        return out
    numbers = tuple(p.number for p in pages)
    return [DocumentInfo(type=kind, title=_TITLES[kind], pages=numbers)]
