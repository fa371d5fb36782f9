"""Pages → documents: titles near the top of a page, matched with rapidfuzz against the catalogue.

A page whose top shows a title starts a document; a page without one continues the previous
document unless its body clearly is another kind (content cues). Mentions of titles in running
text (a 送达回证 naming the decision, a 目录 listing every title) are not titles: a title is a
short line of its own, near the top, optionally preceded by the organ's name.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from app.extract.catalogue import AGENCY_ENDINGS, CONTENT_CUES, SECTOR_WORDS, TITLE_PATTERNS, TITLES
from app.extract.parsers.case_numbers import find_case_numbers
from app.extract.text import squeeze
from app.ingest.types import Line, Page
from scoring.types import DocumentInfo

TOP_LINES = 8  # a title stands among the first lines of a page
TOP_FRACTION = 0.45  # … and in the upper part of it when boxes are known
_NOISE = re.compile(r"[\s（）()〔〕\[\]【】/／、·•．.「」『』<>《》\-—_]")
_NUMBERED = re.compile(r"^\s*[(（]?[0-9０-９一二三四五六七八九十]{1,3}\s*[)）.、．]")
_NOT_AGENCY = re.compile(r"收到|送达|已|本人|本单位|你|我|的|对|向|将|于|根据|依据|关于")
_QUALIFIERS = ("行政处罚", "行政执法", "案件", "行政", "执法")
# A published page's own record (政府信息公开: 索引号, 发布机构, 发文日期 … ; breadcrumbs, 来源, 字号):
# lines of the web page, not of the document, skipped when looking for the title.
WEB_CHROME = re.compile(
    r"^[-·•\s]*(?:索\s*引\s*号|发\s*布\s*(?:机\s*构|时\s*间|日\s*期)|发\s*文\s*(?:机\s*关|日\s*期|字\s*号)|成文日期"
    r"|信息类别|主题分类|公开(?:范围|方式|对象|部门|日期|时限)|所属主题|有\s*效\s*期|状\s*态|来\s*源|时\s*间[:：]"
    r"|字\s*号[:：]|字体|访问量|浏览次数|(?:您)?当前(?:的)?位置|首页\s*[>＞»]|打印|关闭)"
)
# A form printed for a whole region carries its name (新疆维吾尔自治区非税收入一般缴款书).
_REGION_ENDINGS = ("省", "自治区", "市", "县", "区", "州", "盟", "旗")
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]{2,40}[）)]$")


@dataclass(frozen=True, slots=True)
class TitleMatch:
    type: str
    title: str  # the catalogue's wording of the title
    prefix: str  # what stood before it (the organ), "" if nothing
    distance: int  # edits needed (0 = exact)


@functools.cache
def _catalogue() -> tuple[dict[str, str], dict[int, tuple[str, ...]]]:
    """Normalised title → type, and the titles grouped by length (longest lengths first)."""
    type_of: dict[str, str] = {}
    for doc_type, variants in TITLES.items():
        for v in variants:
            type_of.setdefault(_NOISE.sub("", v), doc_type)
    by_length: dict[int, list[str]] = {}
    for title in sorted(type_of):
        by_length.setdefault(len(title), []).append(title)
    return type_of, {n: tuple(by_length[n]) for n in sorted(by_length, reverse=True)}


def _prefix_ok(prefix: str) -> bool:
    """Nothing, OCR debris, or an organ's name (optionally + 行政处罚/案件) may precede a title."""
    if not prefix:
        return True
    if _NOT_AGENCY.search(prefix):
        return False  # running text: "本单位已收到某局行政处罚告知书"
    if len(prefix) == 1:
        return not re.match(r"[0-9０-９一二三四五六七八九十①-⑳]", prefix)
    changed = True
    while changed and prefix:
        changed = False
        for q in _QUALIFIERS:
            if prefix.endswith(q):
                prefix, changed = prefix[: -len(q)], True
    for sector in sorted(SECTOR_WORDS, key=len, reverse=True):  # 某县林业局 + 林业 + 行政处罚决定书
        if prefix.endswith(sector):
            prefix = prefix[: -len(sector)]
            break
    return not prefix or prefix.endswith(AGENCY_ENDINGS) or prefix.endswith(_REGION_ENDINGS)


def _allowed_edits(n: int) -> int:
    return 0 if n < 4 else 1 if n < 9 else 2


@functools.lru_cache(maxsize=8192)
def match_title(candidate: str) -> TitleMatch | None:
    """The catalogue title a short line ends with (exactly, or within a few OCR edits)."""
    if _NUMBERED.match(candidate) or "《" in candidate or "，" in candidate or "。" in candidate:
        return None  # an item of a list ("1.现场检查笔录") or a sentence quoting a title
    cand = _NOISE.sub("", candidate)
    if not cand or len(cand) > 48 or ":" in cand or "：" in cand or re.search(r"\d{3,}", cand):
        return None
    for doc_type, pattern in TITLE_PATTERNS:
        m = re.search(pattern, cand)
        if m is not None and _prefix_ok(cand[: m.start()]):
            return TitleMatch(doc_type, m.group(), cand[: m.start()], 0)
    type_of, by_length = _catalogue()
    for n in by_length:
        if cand[-n:] in type_of and _prefix_ok(cand[:-n]):
            return TitleMatch(type_of[cand[-n:]], cand[-n:], cand[:-n], 0)
    return _fuzzy_title(cand)


def _fuzzy_title(cand: str) -> TitleMatch | None:
    """The closest title the line's tail is a few OCR edits away from."""
    type_of, by_length = _catalogue()
    best: TitleMatch | None = None
    for n, titles in by_length.items():
        allowed = _allowed_edits(n)
        if not allowed or len(cand) < n - 1:
            continue
        for size in (n, n - 1, n + 1):
            found = process.extractOne(cand[-size:], titles, scorer=Levenshtein.distance, score_cutoff=allowed)
            if found is None or not _prefix_ok(cand[:-size]):
                continue
            title, dist = found[0], int(found[1])
            if best is None or dist < best.distance:
                best = TitleMatch(type_of[title], title, cand[:-size], dist)
    return best


def _top_candidates(page: Page) -> list[str]:
    """Short lines near the top of a page, and pairs of them (titles split over two lines)."""
    lines: list[str] = []
    rows = page.lines or tuple(Line(t) for t in page.text.split("\n"))
    for row in rows:
        if not row.text.strip() or WEB_CHROME.match(row.text):
            continue
        if row.box is not None and row.box[1] > page.height * TOP_FRACTION:
            break
        cells = [c for c in row.text.split("\t") if c.strip()]
        text = "".join(cells) if max(len(c.strip()) for c in cells) <= 3 else row.text
        lines.append(squeeze(text))
        if len(lines) >= TOP_LINES:
            break
    out = list(lines)
    out += [a + b for a, b in itertools.pairwise(lines) if len(a) <= 16 and len(b) <= 16]
    return out


def _disambiguate(match: TitleMatch, page: Page) -> str:
    body = squeeze(page.text)
    if (
        match.type == "hearing"
        and match.title == "听证告知书"
        and re.search(r"拟(作出|对|给予|处以|决定)", body)
    ):
        return "penalty_notice"  # a 听证告知书 that announces the intended penalty is the 告知书
    return match.type


_BRACKET_YEAR = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d")


@functools.lru_cache(maxsize=8192)
def _title_beside_number(cand: str) -> TitleMatch | None:
    """A title printed on one line with the document's 文号 ("行政处罚决定书 沪市监处〔2024〕12号"),
    also when the line wraps inside the number (only its bracketed year is then on the line)."""
    for number in find_case_numbers(cand):
        tail = match_title(cand[number.end :].strip("（()）:："))
        if tail is not None:
            return tail
    year = _BRACKET_YEAR.search(cand)
    if year is None:
        return None
    head = cand[: year.start()]
    for cut in range(len(head), 3, -1):  # the title ends somewhere before the number's abbreviation
        m = match_title(head[:cut].rstrip("（(:："))
        if m is not None and m.distance == 0:
            return m
    return None


def _title_before_bracket(cand: str) -> TitleMatch | None:
    """A published title naming its party in brackets: 行政处罚决定书（某某有限公司）."""
    head = _TRAILING_BRACKET.sub("", cand)
    if head == cand:
        return None
    m = match_title(head)
    return m if m is not None and m.distance == 0 else None


def page_title(page: Page) -> TitleMatch | None:
    """The title printed at the top of the page, if any (first candidate that matches)."""
    for cand in _top_candidates(page):
        m = match_title(cand) or _title_beside_number(cand) or _title_before_bracket(cand)
        if m is not None:
            return TitleMatch(_disambiguate(m, page), m.title, m.prefix, m.distance)
    return None


def content_type(page: Page) -> str | None:
    """A type the body of a title-less page clearly shows, if any."""
    body = squeeze(page.text)
    for doc_type, (cues, need) in CONTENT_CUES.items():
        if sum(1 for c in cues if c in body) >= need:
            return doc_type
    return None


def segment(pages: Sequence[Page]) -> list[DocumentInfo]:
    """Split pages into documents; every page belongs to exactly one document."""
    docs: list[tuple[str, str, list[int]]] = []
    for page in pages:
        title = page_title(page)
        if title is not None:
            docs.append((title.type, title.title, [page.number]))
            continue
        cue = content_type(page) or ("evidence" if not page.text.strip() else None)
        if docs and (cue is None or cue == docs[-1][0]):
            docs[-1][2].append(page.number)
        elif cue is not None:
            docs.append((cue, TITLES[cue][0], [page.number]))
        else:
            docs.append(("other", "", [page.number]))
    return [DocumentInfo(type=t, title=title, pages=tuple(ps)) for t, title, ps in docs]


def prefix_of(page: Page) -> str:
    """The organ's name printed before the title on the page (e.g. 第八师石河子市市场监督管理局)."""
    m = page_title(page)
    if m is None or len(m.prefix) < 4:
        return ""
    prefix = m.prefix
    for q in (*_QUALIFIERS, *SECTOR_WORDS):
        if prefix.endswith(q) and prefix[: -len(q)].endswith(AGENCY_ENDINGS):
            prefix = prefix[: -len(q)]
    return prefix if prefix.endswith(AGENCY_ENDINGS) else ""
