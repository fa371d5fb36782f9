"""The penalty part of a decision (or notice): kinds (行政处罚法 art. 9), amounts, and provisions.

Provisions are split by what introduces them in the sentence: "违反了…的规定" gives the violated
provision, "依据/根据/依照/按照…" the penalty provision. Sentences about performance (缴纳, 逾期,
加处罚款 — 第七十二条) and remedies (复议, 诉讼) are not penalty provisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from app.extract.parsers.citations import find_citations, quoted_spans, unquoted
from app.extract.parsers.money import find_amounts
from app.extract.text import Flow
from scoring.statutes import PENALTY_LAW
from scoring.types import Fact, Provision

# Words of 行政处罚法 art. 9 in its order, each with the ways decisions print it.
PENALTY_KINDS: tuple[tuple[str, str], ...] = (
    ("警告", r"警告"),
    ("通报批评", r"通报批评"),
    ("罚款", r"罚款"),
    ("没收违法所得", r"没收违法所得"),
    ("没收非法财物", r"没收(?!违法所得)"),
    ("暂扣许可证件", r"暂扣[^，。；]{0,14}?(?:许可证|执照|证件|证书|驾驶证)"),
    ("降低资质等级", r"降低[^，。；]{0,8}?资质"),
    ("吊销许可证件", r"吊销[^，。；]{0,14}?(?:许可证|执照|证件|证书|驾驶证)"),
    ("限制开展生产经营活动", r"限制开展生产经营活动"),
    ("责令停产停业", r"责令(?:[^，。；]{0,6}?)停(?:产|业)"),
    ("责令关闭", r"责令关闭"),
    ("限制从业", r"限制从业"),
    ("行政拘留", r"拘留"),
)

_START = re.compile(r"决定(?!书|日期|文号|文书|时间|机关)|处罚如下|如下行政处罚|如下处罚|处以|给予|并处|作出")
_START_NOTICE = re.compile(r"拟(?:作出|对|给予|处以|决定|予以)")
_END = re.compile(
    r"逾期|加处|如不服|行政复议|行政诉讼|缴纳|缴至|收到本决定书|履行方式|当事人应当自|本决定书"
    r"|告知书之日|陈述|申辩|听证|特此"
)
_SKIP = re.compile(r"拟|告知书|立案")
_NOT_PENALTY_SENTENCE = re.compile(r"复议|诉讼|逾期|加处|缴纳|缴款|滞纳|陈述|申辩|听证")
_CUES = re.compile(r"违反|依据|根据|依照|按照|适用")
# A 根据 that grounds a step of the procedure (立案, 先行登记保存, 抽样, 送达 …), not the penalty.
_PROCEDURAL = re.compile(
    r"立案|调查|检查|取证|证据|登记保存|抽样|检验|检测|鉴定|送达|告知|审核|讨论|延长|延期|查封|扣押|移送|回避|管辖|公示"
)
_PENALIZING = re.compile(r"处罚|罚款|没收|警告|吊销|暂扣|停产|停业|关闭|拘留|通报批评|限制|降低|责令|处以|给予")
# 行政处罚法 chapters 5 and 6 (arts. 39-75): how a penalty is decided and enforced (告知, 听证,
# 送达, 缴纳 第六十七条, 加处罚款 第七十二条 …); none of them is a ground to impose one.
_PROCEDURE_ARTICLES = range(39, 76)
# Chapter 4 (arts. 22-38) rules on jurisdiction and application: 责令改正 (art. 28 para. 1), 不予处罚
# (arts. 30, 31, 33), 裁量基准 (34), 时效 (36), law in time (37) … ground no penalty. Kept: art. 28
# para. 2 (没收违法所得) and art. 32 (从轻、减轻), on which a penalty's measure is imposed.
_APPLICATION_ARTICLES = frozenset(range(22, 39)) - {32}


# A summary table (行政处罚信息公示) states the penalty in a cell after one of these labels.
_RESULT_LABEL = re.compile(r"(?:处罚结果|处罚内容|处罚决定内容|处罚种类和数额)[ \u3000]*[:：\t|｜]")


# … or only its kinds, after 处罚种类 / 处罚类别 (used when nothing else states the penalty).
_KIND_LABEL = re.compile(r"(?:处罚种类|处罚类别)[ \u3000]*[:：\t|｜]")


def _labelled_span(doc: Flow, label: re.Pattern[str] = _RESULT_LABEL) -> tuple[int, int] | None:
    """The cell after a 处罚结果 label: to the end of its printed lines (a wrapped cell goes on)."""
    m = label.search(doc.text)
    if m is None:
        return None
    start = doc.at(m.end())
    value = doc.doc.rest_of_line(start)
    end = doc.position(start + len(value))
    return (m.end(), end) if end > m.end() else None


def penalty_span(doc: Flow, *, notice: bool = False) -> tuple[int, int] | None:
    """Where the penalty content stands: from a cue ("决定…", "拟…") to performance/remedy words, or
    the cell after a 处罚结果 label.

    The first such stretch that names a kind of penalty wins ("经集体讨论决定从轻处罚。" names none).
    """
    labelled = _labelled_span(doc)
    if labelled is not None and any(re.search(p, doc.text[labelled[0] : labelled[1]]) for _, p in PENALTY_KINDS):
        return labelled
    start_re = _START_NOTICE if notice else _START
    first: tuple[int, int] | None = None
    text = _own_words(doc)
    told: list[tuple[int, int]] = []  # spans in sentences that tell of the notice ("拟…")
    for m in start_re.finditer(text):
        sentence_start = text.rfind("。", 0, m.start()) + 1
        end = _END.search(text, m.end(), m.end() + 600)
        span = (m.start(), end.start() if end else min(len(text), m.end() + 600))
        named = any(re.search(pattern, text[span[0] : span[1]]) for _, pattern in PENALTY_KINDS)
        if not notice and _SKIP.search(text, sentence_start, m.start() + 1):
            if named:
                told.append(span)
            continue
        if named:
            return span
        first = first or span
    # A decision worded like its notice ("我局拟对你公司作出如下行政处罚：…罚款…") with nothing else
    # stating the penalty: that sentence is the decision's own.
    if told and not notice:
        return told[-1]
    kinds = _labelled_span(doc, _KIND_LABEL)
    return kinds if kinds is not None else first


def _own_words(doc: Flow) -> str:
    """The document's text with quoted statute text blanked (same length): "并处十万元以上一百万元以下的
    罚款" inside a quoted article is the law's range, not the penalty decided."""
    made = doc.doc.memo.get("flow_own_words")
    if not isinstance(made, str):
        made = doc.doc.memo["flow_own_words"] = _masked_quotes(doc.text)
    return made


def penalty_types(doc: Flow, span: tuple[int, int]) -> Fact[tuple[str, ...]] | None:
    text = _own_words(doc)[span[0] : span[1]]
    kinds = tuple(k for k, pattern in PENALTY_KINDS if re.search(pattern, text))
    if not kinds:
        return None
    return doc.fact(kinds, span[0], span[1], reason="决定（拟处罚）内容中的处罚种类")


def amounts(doc: Flow, span: tuple[int, int]) -> tuple[Fact[float] | None, Fact[float] | None]:
    """(fine, confiscation) in yuan: each amount goes to the 罚款 or 没收 words of its clause."""
    fine: Fact[float] | None = None
    seized: Fact[float] | None = None
    text = _own_words(doc)[span[0] : span[1]]
    for m in find_amounts(text):
        before = re.split(r"[，；。：:\n]", text[max(0, m.start - 24) : m.start])[-1]
        after = re.split(r"[，；。\n]", text[m.end : m.end + 8])[0]
        start, end = span[0] + m.start, span[0] + m.end
        if _RATE.search(before) or _PER_UNIT.match(text, m.end):
            continue  # 每平方米20元 / 20元/平方米: the rate the fine is counted by, not the fine
        if "没收" in before or ("没收" in after and "罚款" not in before):
            if seized is None:
                seized = doc.fact(m.value, start, end, reason="“没收”后的金额")
        elif ("罚" in before or "罚款" in after) and fine is None:
            fine = doc.fact(m.value, start, end, reason="“罚款”所在分句的金额")
    return fine, seized


_RATE = re.compile(r"每[^\d，。；、]{0,8}$")
_PER_UNIT = re.compile(r"[ \u3000]*[/／每]")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("。", 0, pos) + 1
    end = text.find("。", pos)
    return start, end if end >= 0 else len(text)


def _key(p: Provision) -> tuple[str, int | None, int | None, int | None]:
    return (p.law, p.article, p.paragraph, p.item)


def _masked_quotes(text: str) -> str:
    """The text with quoted passages blanked (same length): a quoted article's words are no cues."""
    chars = list(text)
    for start, end in quoted_spans(text):
        chars[start:end] = "　" * (end - start)
    return "".join(chars)


def _grounds_penalty(prov: Provision, after: str, around: str) -> bool:
    """Whether a provision cited with 依据/根据 is a ground of the penalty (not of a procedural step,
    of payment or of the remedies)."""
    if _NOT_PENALTY_SENTENCE.search(around):
        return False
    if prov.law == PENALTY_LAW and prov.article in _PROCEDURE_ARTICLES:
        return False
    if prov.law == PENALTY_LAW and prov.article in _APPLICATION_ARTICLES:
        return prov.article == 28 and prov.paragraph == 2
    return not (_PROCEDURAL.search(after) and not _PENALIZING.search(after))


def provisions(doc: Flow) -> tuple[tuple[Provision, ...], tuple[Provision, ...]]:
    """(violated, penalty) provisions cited in the document, in order, without duplicates."""
    violated: dict[tuple[str, int | None, int | None, int | None], Provision] = {}
    imposed: dict[tuple[str, int | None, int | None, int | None], Provision] = {}
    text = _masked_quotes(unquoted(doc.text))
    quotes = quoted_spans(doc.text)
    for m in find_citations(doc.text):
        if any(a <= m.start < b for a, b in quotes):
            continue  # "…未依照本法第二十四条的规定…" inside a quoted article is the law's text
        s_start, s_end = _sentence(text, m.start)
        cues = list(_CUES.finditer(text, s_start, m.start))
        if not cues:
            continue
        prov = replace(m.value, evidence=doc.fact(m.value, m.start, m.end).evidence)
        if cues[-1].group() == "违反":
            violated.setdefault(_key(prov), prov)
            continue
        if cues[-1].group() == "适用" and prov.article is None:
            continue  # "适用于…修正的《土地管理法》": which version applies (art. 37), no provision cited
        clause_end = re.compile(r"[；;。]").search(text, m.end, s_end + 1)
        after = text[m.end : clause_end.start() if clause_end else s_end]
        if _grounds_penalty(prov, after, text[cues[-1].start() : m.start] + after):
            imposed.setdefault(_key(prov), prov)
    return _specific(violated.values()), _specific(imposed.values())


def _specific(found: Iterable[Provision]) -> tuple[Provision, ...]:
    """Drop a bare "《A法》的规定" when the same role also cites an article of law A."""
    items = list(found)
    with_article = {p.law for p in items if p.article is not None}
    return tuple(p for p in items if p.article is not None or p.law not in with_article)
