"""Legal citations: 《中华人民共和国食品安全法》第三十四条第（十）项 → Provision(law, 34, None, 10).

Reading rules (what agencies print, per 立法法 numbering: 条, 款, 项 （一）, 目 1.):

* A law is named in 《》, or bare by a name the statute catalogue knows when an article or
  规定 follows (依据食品安全法第一百二十四条).  本法/该法/同法/该条例/本条例 mean the last
  law named.  Law names are normalised with ``load_statutes().full_name()``; an unknown law
  keeps its printed name without 《》 and spaces.
* A bare 第X条 belongs to the law last named in the same sentence (up to 。！？).
* 第三十四条、第三十五条第二款 → two provisions; 第一款、第二款 and 第（五）项、第（六）项
  continue the article (and 款) before them; 第三十四条至第三十六条 gives 34, 35, 36.
* A law named with no article in its sentence (《A法》的规定, 《A法》有关规定) gives
  Provision(article=None) — what the ``provision_not_specific`` check looks for.
* Match.raw == text[start:end] == Provision.raw: the first provision of a law spans the law
  name too, the following ones only their own 第X条…; evidence is left for the caller.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from scoring.parsing.match import Match
from scoring.parsing.normalize import strip_spaces, to_half_width
from scoring.parsing.numerals import cn_to_int
from scoring.statutes import load_statutes
from scoring.types import Provision

_SP = r"[ \t\u3000\r\n]*"
_CN_DIGITS = "一二三四五六七八九十百千零〇○两"
# A numeral; OCR may drop a stray dot inside one (第一百.一十四条), which is read through.
_N = rf"[0-9]+|[{_CN_DIGITS}]+(?:[.．·][{_CN_DIGITS}]+)*"
_STRAY = str.maketrans("", "", ".．·")
_DI, _TIAO, _XIANG = "[第笫]", "[条條]", "[项項]"  # OCR reads 第 as 笫; traditional 條/項
# The forms of names of 法律、行政法规、地方性法规、规章 (立法法; 行政法规制定程序条例 art. 5, 规章制定程序
# 条例 art. 6: 条例、规定、办法 …). A technical 标准/规范 (GB…), a 通知 or 方案, a 目录 is no legal provision.
_LEGAL_SUFFIX = re.compile(r"(法|法典|条例|规定|办法|细则|规则|决定|解释|通则|公约)$")
_PAREN_TAIL = re.compile(r"[（(][^（）()]*[）)]$")
_VERSION_TAIL = re.compile(r"[（(][^（）()]*(?:[0-9]|年|修订|修正|修改)[^（）()]*[）)]$")
_LIST_GAP = re.compile(rf"^{_SP}(?:[、,，/]|和|及|以及|或者|或|与){_SP}$")
_RANGE_GAP = re.compile(rf"^{_SP}(?:至|到|~|～|-|—|－){_SP}$")
_MAX_RANGE = 30
# 《中华人民共和国食品安全法》（以下简称《食品安全法》）: the short name stands for the law from then on.
_SHORT = (
    rf"[（(]{_SP}(?:以下)?简称[:：]?{_SP}[《“\"]?(?P<alias>[^《》“”\"（）()\n]{{1,30}}?)[》”\"]?{_SP}[）)]"
)
# A bare law name counts only after a word that introduces a citation (or after punctuation),
# so 海洋环境保护法 is not read as 环境保护法.
_BARE_LEADS = (
    "依据", "根据", "依照", "按照", "参照", "违反", "适用",
    "依", "据", "照", "反", "了", "和", "及", "与", "或", "并", "的", "是",
)  # fmt: skip
_KINDS = ("law", "bare", "ref", "art", "para", "item", "mu", "stop")


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    names: set[str] = set()
    for law in load_statutes().laws:
        names.add(law.name)
        names.update(law.aliases)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"(?P<law>《{_SP}(?P<lname>[^《》]{{1,60}}?){_SP}》"
        rf"(?:[ \t\u3000]*(?:{_SHORT}|[（(][^（）()\n]{{0,16}}[）)]))?)"
        rf"|(?P<bare>(?<![省市区县州盟旗])(?:中华人民共和国)?(?:{alternation})"
        rf"(?={_SP}(?:{_DI}|的?(?:有关|相关)?规定)))"
        rf"|(?P<ref>该法|本法|同法|上述法律|(?:该|本|上述)(?:条例|规定|办法|细则))"
        rf"|(?P<art>{_DI}{_SP}(?P<anum>{_N}){_SP}{_TIAO}(?:{_SP}之{_SP}[一二三四五六七八九十]+)?)"
        rf"|(?P<para>{_DI}{_SP}(?P<pnum>{_N}){_SP}款)"
        rf"|(?P<item>(?:{_DI}{_SP})?[（(]{_SP}(?P<inum1>{_N}){_SP}[）)](?:{_SP}{_XIANG})?|{_DI}{_SP}(?P<inum2>{_N}){_SP}{_XIANG})"
        rf"|(?P<mu>{_DI}{_SP}(?:{_N}){_SP}目)"
        r"|(?P<stop>[。！？!?])"
    )


# A 裁量基准 (自由裁量标准, 裁量权适用规则 …) guides discretion; it is no legal provision to cite.
_DISCRETION = re.compile(r"裁量")


def _law_name(printed: str, aliases: dict[str, str]) -> str | None:
    """Full name for a printed law name, or None when the 《》 hold something else (a form, a 裁量基准)."""
    name = strip_spaces(printed)
    if _DISCRETION.search(name):
        return None
    if name in aliases:
        return aliases[name]
    while _VERSION_TAIL.search(name):  # 《…法（2021年修订）》: the version is not the name
        name = _VERSION_TAIL.sub("", name)
    bare = name
    while _PAREN_TAIL.search(bare):  # 《…办法（试行）》
        bare = _PAREN_TAIL.sub("", bare)
    catalogue = load_statutes()
    full = catalogue.full_name(name) or catalogue.full_name(bare)
    if full:
        return full
    return name if _LEGAL_SUFFIX.search(bare) else None


def _bare_context_ok(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].rstrip(" \t\u3000")
    if not before or not "\u4e00" <= before[-1] <= "\u9fff":
        return True
    return before.endswith(_BARE_LEADS)


def _with(provision: Provision, field: str, *, number: int | None) -> Provision:
    if field == "paragraph":
        return dataclasses.replace(provision, paragraph=number)
    return dataclasses.replace(provision, item=number)


class _Reader:
    """Walks the tokens of one text and collects provisions (a small state machine)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[tuple[int, int, Provision]] = []
        self.law: str | None = None  # law of the current sentence
        self.last_law: str | None = None  # last law named anywhere (for 该法)
        self.law_start = -1  # start of the pending law name, -1 once an article used it
        self.law_end = -1
        self.prev_kind = ""
        self.prev_end = 0
        self.aliases: dict[str, str] = {}  # short names the text itself defines (以下简称)

    def gap(self, start: int) -> str:
        return self.text[self.prev_end : start]

    def add(self, span: tuple[int, int], provision: Provision) -> None:
        start, end = span
        self.out.append((start, end, dataclasses.replace(provision, raw=self.text[start:end])))

    def extend_last(self, end: int, *, field: str = "", number: int | None = None) -> None:
        start, _, provision = self.out[-1]
        if field:
            provision = _with(provision, field, number=number)
        self.out[-1] = (start, end, dataclasses.replace(provision, raw=self.text[start:end]))

    def flush_law(self) -> None:
        """A law named without any article → Provision(article=None)."""
        if self.law is not None and self.law_start >= 0:
            self.add((self.law_start, self.law_end), Provision(law=self.law, article=None))
        self.law_start = -1

    def on_law(self, name: str | None, span: tuple[int, int]) -> None:
        self.flush_law()
        if name is None:  # 《行政处罚告知书》, 《…裁量基准》: articles after it are not the last law's
            self.law = None
            return
        self.law = self.last_law = name
        self.law_start, self.law_end = span

    def on_article(self, number: int | None, span: tuple[int, int]) -> None:
        start, end = span
        if self.law is None or number is None:
            return
        if self.law_start >= 0 and not self.gap(start).strip(" \t\u3000\r\n"):
            start = self.law_start
        if self.prev_kind in ("art", "para", "item") and _RANGE_GAP.match(self.gap(start)) and self.out:
            first = self.out[-1][2].article or 0
            if first < number <= first + _MAX_RANGE:
                range_start = self.out[-1][0]
                for n in range(first + 1, number):
                    self.add((range_start, end), Provision(law=self.law, article=n))
        self.law_start = -1
        self.add((start, end), Provision(law=self.law, article=number))

    def on_part(self, kind: str, number: int | None, *, span: tuple[int, int]) -> None:
        """A 款 or 项: refines the provision just read, or continues a list of them."""
        if number is None or not self.out or self.prev_kind not in ("art", "para", "item"):
            return
        start, end = span
        field = "paragraph" if kind == "para" else "item"
        gap = self.gap(start)
        last = self.out[-1][2]
        if not gap.strip(" \t\u3000\r\n") and getattr(last, field) is None:
            self.extend_last(end, field=field, number=number)
        elif (_LIST_GAP.match(gap) or (kind == "item" == self.prev_kind and not gap.strip())) and (
            getattr(last, field) is not None  # 第一款、第二款 / 第（五）项、第（六）项 / 第一款第五项、第二款
        ):
            base = dataclasses.replace(last, item=None) if kind == "para" else last
            self.add((start, end), _with(base, field, number=number))

    def on_stop(self) -> None:
        self.flush_law()
        self.law = None

    def run(self, norm: str) -> None:
        for m in _token_pattern().finditer(norm):
            kind = next(k for k in _KINDS if m.group(k) is not None)
            self.prev_kind = self.dispatch(kind, m)
            self.prev_end = m.end()
        self.flush_law()

    def dispatch(self, kind: str, m: re.Match[str]) -> str:
        """Handle one token; returns the kind to remember (a 目 keeps the one before it)."""
        if kind == "law":
            name = _law_name(m.group("lname"), self.aliases)
            if name is not None and m.group("alias"):
                self.aliases[strip_spaces(m.group("alias"))] = name
            self.on_law(name, m.span())
        elif kind == "bare":
            if _bare_context_ok(self.text, m.start()):
                self.on_law(_law_name(m.group("bare"), self.aliases), m.span())
        elif kind == "ref":
            if self.last_law is not None:
                self.flush_law()
                self.law = self.last_law
        elif kind == "art":
            self.on_article(cn_to_int(m.group("anum").translate(_STRAY)), m.span())
        elif kind in ("para", "item"):
            raw_number = m.group("pnum") or m.group("inum1") or m.group("inum2")
            self.on_part(kind, cn_to_int(raw_number.translate(_STRAY)), span=m.span())
        elif kind == "mu":
            if self.out and self.prev_kind in ("art", "para", "item") and not self.gap(m.start()).strip():
                self.extend_last(m.end())
                return self.prev_kind
        else:
            self.on_stop()
        return kind


_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (a quoted article: its 。 end no sentence of the citing text)."""
    out: list[tuple[int, int]] = []
    for open_, close in _QUOTES:
        start = text.find(open_)
        while start >= 0:
            end = text.find(close, start + 1)
            if end < 0:
                break
            out.append((start + 1, end))
            start = text.find(open_, end + 1)
    return sorted(out)


def unquoted(text: str) -> str:
    """The text with sentence ends inside quotations turned into commas (same length)."""
    if "“" not in text and "「" not in text and "『" not in text:
        return text
    chars = list(text)
    for start, end in quoted_spans(text):
        for i in range(start, end):
            if chars[i] in "。！？!?":
                chars[i] = "，"
    return "".join(chars)


def find_citations(text: str) -> list[Match[Provision]]:
    """Every cited provision in ``text``, in order of appearance (a quotation's 。 ends no sentence)."""
    reader = _Reader(text)
    reader.run(unquoted(to_half_width(text)))
    return [Match(p, s, e, text[s:e]) for s, e, p in reader.out]
