"""The file as archived and as evidence: 卷内目录 and cover, the party's identity proof, certified copies, records.

* 行政处罚法 第四十六条 (证据: 书证、物证…"证据必须经查证属实，方可作为认定案件事实的根据"); 第四十七条 (全过程记录,
  "归档保存"); 第五十四条第一款 ("必须全面、客观、公正地调查，收集有关证据").
* 《行政执法监督条例》第十八条: 评查检查 "证据是否真实、完整" and "行政执法文书是否规范".
* Published standards: 测绘 卷面标准 "卷内目录按顺序填写、页码正确"; 北京 2016 / 记分表 "卷宗封面" fields; 株洲
  "身份证、营业执照…应提取而未提取的，每项扣1分"; fsou "复印件要有复印经手人的签字", 复印件 "与原件核对无误".
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from scoring.doctypes import DOCUMENT_TYPES
from scoring.rules.base import (
    Context,
    Outcome,
    failed,
    find_words,
    not_applicable,
    passed,
    rule,
    unknown,
    unspaced,
)
from scoring.rules.textutil import flat, read_by_ocr, readable, where
from scoring.types import CaseFacts, DocumentInfo, Evidence

LAW = "《中华人民共和国行政处罚法》"
MONITOR = "《行政执法监督条例》第十八条"
_UNLISTED = frozenset({"cover", "toc", "remarks"})
_KEY_TYPES = frozenset({"filing_approval", "investigation_report", "penalty_notice", "penalty_decision", "legal_review",
                        "collective_discussion", "closing_report"})
_PAGES = re.compile(r"^(\d{1,4})(?:\s*[-—~～至]\s*(\d{1,4}))?$")
_BRACKETS = re.compile(r"[（()）\s\u3000《》]")


def _norm(title: str) -> str:
    return _BRACKETS.sub("", title)


_ROW = re.compile(r"^\s*(\d{1,3})[\t \u3000]+(.+)$")
_TITLE_END = re.compile(r"(书|表|笔录|报告|证|凭证|记录|回证|复印件|声明|清单|通知|照片|台账|单|意见|决定|材料|函)$")


def toc_rows(facts: CaseFacts, toc: DocumentInfo) -> list[tuple[int, str, int, Evidence]]:
    """(序号, 题名, 起始页号, evidence) of the 卷内目录's rows: a 序号, a title-like cell, the 页号 last.

    Table cells come as tabs (DOCX) or glued with spaces and wrapped (PDF text): the row is the line that
    starts with the 序号; the title is its first cell ending like a document title (…书、…表、…笔录).
    """
    rows = []
    for n in toc.pages:
        lines = facts.page_text(n).splitlines()
        for i, line in enumerate(lines):
            m = _ROW.match(line)
            if not m:
                continue
            cells = _cells(m.group(2))
            page = _PAGES.match(cells[-1]) if len(cells) >= 2 else None
            title = next((c for c in cells[:-1] if _TITLE_END.search(c) and not re.search(r"\d", c)), None)
            if page and title is None and i + 1 < len(lines) and not _ROW.match(lines[i + 1]):
                title = _wrapped_title(cells[:-1], _cells(lines[i + 1]))
            if page and title:
                rows.append((int(m.group(1)), title, int(page.group(1)), Evidence(page=n, text=line.strip()[:80])))
    return rows


def _cells(text: str) -> list[str]:
    return [c for c in re.split(r"[\t \u3000]+", text.strip()) if c]


def _wrapped_title(cells: list[str], below: list[str]) -> str | None:
    """A 题名 the table wrapped onto the next line ("行政处罚事先（听证）告" / "知书"): a cell joined with a cell
    below."""
    for cell in reversed(cells):
        if re.search(r"\d", cell):
            continue
        for rest in below:
            if not re.search(r"\d", rest) and _TITLE_END.search(cell + rest):
                return cell + rest
    return None


_TITLE_TYPES = sorted(((_norm(t), d.id) for d in DOCUMENT_TYPES for t in d.titles), key=lambda x: -len(x[0]))


def title_type(title: str) -> str | None:
    """The document type a 目录 题名 names: the longest printed title of a type that ends it ("行政处罚结案审批表")."""
    key = _norm(title)
    return next((kind for t, kind in _TITLE_TYPES if key.endswith(t)), None)


def _fits(title: str, doc: DocumentInfo) -> bool:
    """The row names this document: the same title (one ending the other, or nearly equal), or a title of the same
    document type ("法制审核意见书" for the 案件审核表, "询问笔录" for the 询问调查笔录)."""
    key, own = _norm(title), _norm(doc.title)
    if own == key or own.endswith(key) or key.endswith(own) or fuzz.ratio(key, own) >= 85:
        return True
    kind = title_type(title)
    return kind is not None and kind == doc.type and kind not in ("other", "evidence")  # too many kinds of paper


def _match(title: str, docs: list[DocumentInfo]) -> list[DocumentInfo]:
    return [d for d in docs if _fits(title, d)]


@rule(
    "toc_mismatch",
    "archive",
    title="卷内目录与卷内文书及页码一致",
    basis=f"{LAW}第四十七条；{MONITOR}（文书规范）；评查标准：卷内目录按顺序填写、页码正确",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def toc_mismatch(facts: CaseFacts, ctx: Context) -> Outcome:
    tocs = facts.documents_of("toc")
    if not tocs:
        return unknown("卷内未见卷内文件目录")
    rows = toc_rows(facts, tocs[0])
    if len(rows) < 3:
        return unknown("卷内目录的行未能读出（题名、页号），请人工核对", where(tocs[0]))
    docs = [d for d in facts.documents if d.type not in _UNLISTED and d.pages]
    matched = [(r, _match(r[1], docs)) for r in rows]
    shift = max(range(0, 5), key=lambda s: (sum(r[2] + s in {d.pages[0] for d in m} for r, m in matched), -s))
    wrong = [(r, m) for r, m in matched if m and not any(d.pages[0] == r[2] + shift for d in m)]
    listed = {id(d) for _, m in matched for d in m}
    absent = [d for d in docs if d.type in _KEY_TYPES and id(d) not in listed]
    total = max((n.number for n in facts.pages), default=0)
    beyond = [r for r in rows if r[2] + shift > total]
    problems = [f"第{r[0]}项《{r[1]}》标注第{r[2]}页，实际从第{m[0].pages[0] - shift}页起" for r, m in wrong]
    problems += [f"第{r[0]}项《{r[1]}》标注第{r[2]}页，超出卷宗页数" for r in beyond]
    problems += [f"《{d.title}》（第{d.pages[0]}页）未列入目录" for d in absent]
    if problems and read_by_ocr(facts, tocs):
        return unknown("扫描识别的卷内目录与文书不符（可能为识别误差）：" + "；".join(problems), where(tocs[0]))
    if problems:
        evidence = [r[3] for r, _ in wrong] + [r[3] for r in beyond] + [e for d in absent for e in where(d)]
        return failed("卷内目录与卷内文书不符：" + "；".join(problems), evidence, count=len(problems))
    unmatched = [r for r, m in matched if not m]
    if unmatched and len(unmatched) * 2 > len(rows):
        return unknown("卷内目录多数题名未能与识别出的文书对应，请人工核对", where(tocs[0]))
    return passed(f"卷内目录 {len(rows)} 项与文书及页码一致", where(tocs[0]))


_COVER_FIELDS = {
    "案件名称（案由）": r"案件名称|案由|题名|案件名",
    "文号": r"文号|案号|编号",
    "立案日期": r"立案(?:日期|时间)|起止日期|起始日期|立卷日期",
    "结案日期": r"结案(?:日期|时间)|起止日期|终止日期",
    "保管期限": r"保管期限",
}


def _filled(facts: CaseFacts, doc: DocumentInfo, pattern: str) -> bool | None:
    """True: label with a value; False: label with nothing after it; None: no such label."""
    rx = re.compile(rf"({pattern})\s*[：:\t]?\s*(.*)")
    seen = False
    for n in doc.pages:
        lines = [ln for ln in facts.page_text(n).splitlines() if ln.strip()]
        for i, line in enumerate(lines):
            m = rx.search(line)
            if not m:
                continue
            seen = True
            following = lines[i + 1] if i + 1 < len(lines) else ""
            value = m.group(2).strip() or ("" if re.search(r"[：:\t]", following) else following.strip())
            if value and not re.fullmatch(r"[/\\_＿\s年月日]*", value):
                return True
    return False if seen else None


@rule(
    "cover_fields_incomplete",
    "archive",
    title="卷宗封面案件名称、文号、立结案日期、保管期限填写完整",
    basis=f"{MONITOR}（文书规范）；评查标准：统一封面，案件名称、文号、立结案日期、保管期限填写完整",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def cover_fields_incomplete(facts: CaseFacts, ctx: Context) -> Outcome:
    covers = facts.documents_of("cover")
    if not covers:
        return unknown("卷内未见卷宗封面")
    cover = covers[0]
    if not readable(facts, cover, minimum=10):
        return unknown("卷宗封面没有可读文字", where(cover))
    states = {name: _filled(facts, cover, rx) for name, rx in _COVER_FIELDS.items()}
    if sum(s is not None for s in states.values()) < 2:
        return unknown("封面未见填写栏目（非标准封面或未能识别），请人工核对", where(cover))
    missing = [name for name, s in states.items() if not s]
    if missing == ["文号"] and facts.case_kind == "penalty" and not facts.documents_of("penalty_decision"):
        return unknown(
            "封面未填写文号；卷内未见处罚决定书，决定书文号无从填写（缺决定书另行扣分），请核对", where(cover)
        )
    if missing and read_by_ocr(facts, [cover]):
        return unknown(f"扫描识别的封面未读到：{'、'.join(missing)}，请核对", where(cover))
    if missing:
        return failed(f"卷宗封面未填写：{'、'.join(missing)}", where(cover), count=len(missing))
    return passed("卷宗封面案件名称、文号、立结案日期、保管期限填写完整", where(cover))


_LIST_HEADING = re.compile(r"清单|目录|一览表")
_LISTING = re.compile(r"清单|目录|登记表|提取单|一览表|照片")


def _heading(facts: CaseFacts, page: int, lines: int = 3) -> str:
    """The first printed lines of a page without spaces (a running header, the title, a subtitle)."""
    return "".join([unspaced(x) for x in facts.page_text(page).splitlines() if x.strip()][:lines])


_IDENTITY = r"营业执照|身份证|身份证明|居民身份|主体资格|登记证|执业许可证|户口|护照|统一社会信用代码证"
# a page that is the copy: its heading line is the document's name ("营 业 执 照", "居民身份证（复印件）")
_IDENTITY_HEADING = (
    r"^(?:营业执照|居民身份证|身份证|事业单位法人证书|社会团体法人登记证书|民办非企业单位登记证书"
    r"|统一社会信用代码证书?|户口簿|护照)[（(]?(?:副本|正本|复印件|正面|反面)?[）)]?(?:复印件)?$"
)


@rule(
    "identity_proof_missing",
    "archive",
    title="当事人身份或主体资格证明附卷",
    basis=f"{LAW}第四十条、第五十四条第一款、第五十九条第一款第（一）项；{MONITOR}（证据完整）",
)
def identity_proof_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    for doc in facts.documents:
        if doc.type in ("evidence", "other", "inquiry_record") and re.search(_IDENTITY, doc.title):
            return passed(f"卷内有《{doc.title}》", where(doc))
    listed: list[Evidence] = []  # named in a list of the evidence only: the copy itself may be missing
    for doc in facts.documents_of("evidence"):
        hit = find_words(facts, doc.pages, rf"({_IDENTITY}).{{0,6}}(复印件|副本|正本)|复印件.{{0,6}}({_IDENTITY})")
        if hit is not None and _LIST_HEADING.search(_heading(facts, hit.page)):
            listed.append(hit)
        elif hit is not None:
            return passed("卷内有当事人身份或主体资格证明", (hit,))
    for doc in facts.documents:  # the copy itself, whatever document the page was filed under: its heading
        hit = find_words(facts, doc.pages, _IDENTITY_HEADING)
        if hit is not None:
            return passed(f"卷内有当事人身份或主体资格证明（第{hit.page}页）", (hit,))
    readable_docs = [d for d in facts.documents if readable(facts, d)]
    if len(readable_docs) < 3:
        return unknown("可读的文书太少，无法判断是否附有当事人身份证明")
    blind = [d for d in facts.documents if d.type in ("evidence", "other") and not readable(facts, d)]
    if blind:
        return unknown(
            "证据材料中有无可读文字的页面（如扫描件），无法判断是否附有当事人身份证明",
            tuple(e for d in blind for e in where(d)),
        )
    if listed:
        return unknown("证据清单列有当事人身份或主体资格证明的复印件，但未见复印件本身，请核对", listed[:1])
    decision = facts.documents_of("penalty_decision")
    return failed("卷内未见当事人营业执照、身份证等身份或主体资格证明", where(decision[0]) if decision else ())


_CERTIFIED = re.compile(r"与原件(?:核对)?(?:一致|相符|无误)|核对无误|经核对|与原件核对")


_HEADING_IDENTITY = re.compile(_IDENTITY_HEADING.strip("^$"))


def _copy_pages(facts: CaseFacts, doc: DocumentInfo) -> list[int]:
    """Pages that are copies: headed as one ("…复印件", "营 业 执 照（副 本）") or the first page of a document titled
    so, never a list that names copies among the evidence (证据清单, 证据提取单) nor a page of photographs."""
    out = []
    for n in doc.pages:
        head = _heading(facts, n)
        if _LISTING.search(head):
            continue
        if "复印" in head or _HEADING_IDENTITY.search(head) or (n == doc.pages[0] and "复印" in doc.title):
            out.append(n)
    return out


@rule(
    "copies_not_certified",
    "archive",
    title="证据复印件注明与原件核对无误",
    basis=f"{LAW}第四十六条；{MONITOR}（证据真实）；评查标准：复印件注明出处并经核对",
    kinds=("penalty", "license", "enforcement", "inspection"),
)
def copies_not_certified(facts: CaseFacts, ctx: Context) -> Outcome:
    copies = [d for d in facts.documents_of("evidence") if _copy_pages(facts, d)]
    if not copies:
        return not_applicable("卷内未识别出证据复印件")
    bad: list[DocumentInfo] = []
    unsure: list[DocumentInfo] = []
    for doc in copies:
        if _CERTIFIED.search(flat(facts, doc)):
            continue
        ocr = any(p.ocr for p in facts.pages if p.number in doc.pages)
        (unsure if ocr or not readable(facts, doc) else bad).append(doc)
    if bad:
        return failed(
            f"{'、'.join(f'《{d.title}》' for d in bad)}未注明与原件核对无误",
            tuple(e for d in bad for e in where(d)),
            count=len(bad),
        )
    if unsure:
        return unknown(
            "扫描的复印件未读到核对无误的注明（可能为手写或印章），请核对", tuple(e for d in unsure for e in where(d))
        )
    return passed(f"{len(copies)} 份复印件均注明与原件核对无误", tuple(e for d in copies for e in where(d))[:3])


@rule(
    "investigation_records_missing",
    "archive",
    title="卷内有询问笔录或现场检查（勘验）笔录",
    basis=f"{LAW}第五十四条第一款、第五十五条第二款；{MONITOR}（证据完整）",
)
def investigation_records_missing(facts: CaseFacts, ctx: Context) -> Outcome:
    if facts.procedure == "simple":
        return not_applicable("简易程序当场处罚")
    records = [d for d in facts.documents if d.type in ("inquiry_record", "inspection_record")]
    if records:
        return passed(f"卷内有调查取证笔录 {len(records)} 份", where(records[0]))
    if len([d for d in facts.documents if readable(facts, d)]) < 3:
        return unknown("可读的文书太少，无法判断调查取证笔录是否附卷")
    decision = facts.documents_of("penalty_decision")
    return failed(
        "卷内未见询问笔录或现场检查（勘验）笔录，认定事实的调查取证记录不完整", where(decision[0]) if decision else ()
    )
