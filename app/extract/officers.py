"""执法人员 and their 执法证号, read from the labels of records and approval forms.

Only the investigating officers count (执法人员, 办案人员, 承办人, 检查人, 询问人 …), never the
approver, the hearing host or the recorder, whose labels are different (审批人, 主持人, 记录人).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.extract.text import CJK, DocText
from scoring.parsing.dates import find_dates
from scoring.types import Evidence, How, Officer

_LABEL = re.compile(
    r"(?<!被)(?<!记录)(?:执\s*法\s*人\s*员|办\s*案\s*人\s*员|承\s*办\s*人(?:\s*员)?|检\s*查\s*人(?:\s*员)?"
    r"|调\s*查\s*人\s*员|询\s*问\s*人|主\s*办\s*人|协\s*办\s*人|办\s*案\s*人|执\s*法\s*人)"
    r"(?:(?!意见|审批|负责)[^：:\t\n]){0,12}?[：:\t]"
)
_CERT_LABELS = ("执法证件号码", "执法证件号", "执法证编号", "执法证号", "执法证", "证件号码", "证件号", "证号",
                "编号", "号码")  # fmt: skip
_NEXT_LABEL = re.compile(rf"[{CJK}]{{2,8}}[：:]")
_DOTS = "·•・‧∙⋅"  # the separator of transliterated names (艾力·沙吾提), as fonts and typists print it
_TOKEN = re.compile(
    rf"(?P<cjk>[{CJK}{_DOTS}]+)?(?P<num>[A-Za-z]{{0,4}}[-‐]?\d{{4,}}[A-Za-z0-9\-]*)|(?P<only>[{CJK}{_DOTS}]+)"
)
_DOT = re.compile(f"[{_DOTS}]")
_ONE_SPACE = re.compile(r"^[ \u3000]$")
_AFTER_CERT_LABEL = re.compile(r"(?:证号|号码|证件号|执法证|编号)[ \t]*[：:]?[ \t]*$")
_STOP = re.compile(
    r"分别为|分别是|依次为|执法证件号码|执法证件号|执法证编号|执法证号|执法证|证件号码|证件号|证号|编号|号码|执法人员|办案人员"
    r"|承办人员|承办人|姓名|签名|签字|日期|年月日|主办|协办|已出示|出示|证件|单位|职务|部门|以上|人员"
)
_NOT_NAME = re.compile(r"[局队所科室院厅站组部第页共等号年月日]$|^(?:无|同上|见|详见|本人|男|女|第|共)")
# One space between two words of a transliterated name (热合曼 阿布都热依木) inside an item of a list
# set off by 、: the two words are one name.
_NO_LABEL = r"(?!执法|证|编号|号码|职务|单位|部门|签)"
_SPACE_IN_LIST = re.compile(rf"(?<=[{CJK}])[ \u3000]{_NO_LABEL}(?=[{CJK}])")
_SPLIT = re.compile(r"[、和及与,，;；/]")


def _window(doc: DocText, start: int) -> str:
    line = doc.rest_of_line(start)
    end = doc.text.find("\n", start + len(line))
    nxt = doc.text[end + 1 : doc.text.find("\n", end + 1)] if end >= 0 else ""
    if nxt and re.match(r"\s*(?:执法证|证件号|证号|[A-Za-z]{0,4}\d{5,})", nxt):
        line += "\t" + nxt
    stop = _NEXT_LABEL.search(line)
    while stop and any(stop.group().startswith(c) or c in stop.group() for c in _CERT_LABELS):
        stop = _NEXT_LABEL.search(line, stop.end())
    return line[: stop.start()] if stop else line


def _is_name(piece: str) -> bool:
    if _DOT.search(piece):  # 艾力·沙吾提, 阿迪力•买买提: each part a name of its own
        parts = _DOT.split(piece)
        return len(parts) <= 4 and all(1 <= len(p) <= 8 for p in parts) and not _NOT_NAME.search(piece)
    return 2 <= len(piece) <= 4 and not _NOT_NAME.search(piece)


def _names(run: str, *, second_word: bool = False) -> list[tuple[str, str]]:
    """Names in a run; with ``second_word`` the first piece may be the long second word of a
    transliterated name written with a space (热合曼 阿布都热依木)."""
    out = []
    for k, piece in enumerate(_SPLIT.split(_STOP.sub("、", run))):
        long_ok = second_word and k == 0 and 2 <= len(piece) <= 8 and not _NOT_NAME.search(piece)
        if long_ok or _is_name(piece):
            out.append(("name", _DOT.sub("·", piece)))
    return out


def _tokens(window: str) -> list[tuple[str, str]]:
    """('name', 张三) / ('cert', 66010012345) in order; a cert may carry a short CJK prefix (卫监123…)."""
    for d in find_dates(window):  # a signature date is not a certificate number
        window = window.replace(d.raw, " " * len(d.raw), 1)
    out: list[tuple[str, str]] = []
    last_prefix = ""
    last_name_end = -1
    for m in _TOKEN.finditer(window):
        run, num = m.group("cjk") or m.group("only") or "", m.group("num")
        if num is None:
            spaced = bool(out) and out[-1][0] == "name" and _ONE_SPACE.match(window[last_name_end : m.start()])
            names = _names(run, second_word=bool(spaced))
            if names and spaced:
                names[0] = ("name+", names[0][1])  # "艾力 沙吾提": perhaps one name written with a space
            out += names
            last_name_end = m.end()
            continue
        after_label = _AFTER_CERT_LABEL.search(window, 0, m.start()) is not None
        parts = _STOP.split(run)
        tail = parts[-1]
        if tail and len(tail) <= 3 and (len(parts) > 1 or after_label or tail == last_prefix):
            out += _names(run[: len(run) - len(tail)])
            out.append(("cert", tail + num))
            last_prefix = tail
        else:
            out += _names(run)
            out.append(("cert", num))
    return out


def _joined(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two words with one space between them made one name (艾力 沙吾提)."""
    out: list[tuple[str, str]] = []
    for kind, value in tokens:
        if kind == "name+" and out and out[-1][0] != "cert":
            out[-1] = ("name", f"{out[-1][1]}·{value}")
        else:
            out.append((kind, value))
    return out


def _pairs(tokens: list[tuple[str, str]], *, listed: bool = False) -> list[tuple[str, str | None]]:
    """Names with their numbers. In a list set off by 、 a space stays inside one name; a row of
    names followed by a row of numbers (证号分别为…) pairs them in order."""
    if listed or (_row_pairs(_joined(tokens)) and not _row_pairs(tokens)):
        tokens = _joined(tokens)
    rows = _row_pairs(tokens)
    if rows:
        return rows
    out: list[tuple[str, str | None]] = []
    for i, (kind, value) in enumerate(tokens):
        joined = kind == "name+" and out and out[-1][1] is None
        if joined and i + 1 < len(tokens) and tokens[i + 1][0] == "cert":
            out[-1] = (f"{out[-1][0]}·{value}", None)  # two words, one number: one person's name
        elif kind != "cert":
            out.append((value, None))
        elif out and out[-1][1] is None:
            out[-1] = (out[-1][0], value)
    return out


def _row_pairs(tokens: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    names = [v for k, v in tokens if k != "cert"]
    certs = [v for k, v in tokens if k == "cert"]
    kinds = ["name" if k != "cert" else k for k, _ in tokens]
    if names and len(names) == len(certs) and kinds == ["name"] * len(names) + ["cert"] * len(certs):
        return list(zip(names, certs, strict=True))  # a row of names, then a row of numbers
    return []


def officers_in(doc: DocText) -> list[Officer]:
    """Officers named in one document, in order, each once."""
    found: dict[str, Officer] = {}
    for m in _LABEL.finditer(doc.text):
        window = _window(doc, m.end())
        ev = doc.fact(None, m.start(), how=How.LABEL).evidence
        listed = "、" in re.split(r"[（(]?(?:执法)?证", window)[0]
        if listed:
            window = _SPACE_IN_LIST.sub("·", window)
        for name, cert in _pairs(_tokens(window), listed=listed):
            _add(found, Officer(name, cert, ev))
    return _without_parts(found)


_NAMED = rf"([{CJK}]{{2,4}}|[{CJK}]{{1,8}}(?:[{_DOTS}][{CJK}]{{1,8}}){{1,3}})[（(]([A-Za-z]{{0,4}}\d{{5,}})[）)]"
# 执法人员张三（65010012345）、李四（65010012346）: officers told in a sentence with their numbers.
_IN_SENTENCE = re.compile(rf"执法人员{_NAMED}(?:[、和及与]{_NAMED})+")
_ONE_NAMED = re.compile(_NAMED)


def officers_told(doc: DocText) -> list[Officer]:
    """Officers a decision's body names, each with the 执法证号 in brackets after the name."""
    found: dict[str, Officer] = {}
    for m in _IN_SENTENCE.finditer(doc.text):
        ev = doc.fact(None, m.start(), m.end(), how=How.SENTENCE).evidence
        for one in _ONE_NAMED.finditer(m.group()[len("执法人员") :]):
            _add(found, Officer(_DOT.sub("·", one.group(1)), one.group(2), ev))
    return list(found.values())


def _without_parts(found: dict[str, Officer]) -> list[Officer]:
    """Drop a bare word that is only part of a two-word name found too (承办人：艾力 沙吾提 beside
    询问人：艾力 沙吾提 执法证号：…)."""
    parts = {p for name in found if "·" in name for p in name.split("·")}
    return [o for name, o in found.items() if name not in parts or o.cert_no is not None]


def _add(found: dict[str, Officer], officer: Officer) -> None:
    old = found.get(officer.name)
    if old is None:
        found[officer.name] = officer
    elif old.cert_no is None and officer.cert_no is not None:
        found[officer.name] = Officer(old.name, officer.cert_no, old.evidence + officer.evidence)


def merge_officers(groups: Iterable[list[Officer]]) -> tuple[Officer, ...]:
    """Officers across documents in order of first appearance; a later cert number fills a gap."""
    found: dict[str, Officer] = {}
    for group in groups:
        for officer in group:
            _add(found, officer)
    return tuple(_without_parts(found))


def evidence_of(officers: Iterable[Officer]) -> tuple[Evidence, ...]:
    return tuple(e for o in officers for e in o.evidence)
