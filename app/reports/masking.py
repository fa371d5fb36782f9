"""Personal-data masking for exported reports (《行政处罚结果信息网上公示暂行办法》 style).

Masks 身份证号 (18 and 15 digits), mobile and landline numbers, bank account numbers,
addresses of persons (after 住址/地址/住所… labels, and free-standing street addresses), and
natural persons named in the text (see :mod:`app.reports.persons`): after a label (当事人,
法定代表人, 经营者, 见证人…) and the persons of the text's own dossier — never a campaign-wide word
list, so one bad extraction cannot rewrite every unit's documents. An organisation that is the party
and enterprise credit codes (统一社会信用代码) are public and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from app.reports.persons import COMPOUND_SURNAMES, UYGHUR, known_name_spans, labelled_names

_ID18 = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![0-9A-Za-z])"
)
_ID15 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[-－ ]?(\d{3,4})(\d{4})(?!\d)")
_BANK = re.compile(r"(?<!\d)(\d{4})((?:[ -]?\d){8,11})([ -]?\d{4})(?!\d)")
_ADDRESS_LABEL = re.compile(
    r"(住址|地址|住所地?|家庭住址|现住址|户籍地|居住地|家住)([:：]?\s*)([^，,。；;、\s)）]{2,60})"
)
_STREET = re.compile(
    r"([\u4e00-\u9fa5]{2,9}?(?:省|自治区|市))?([\u4e00-\u9fa5]{1,9}?(?:市|区|县|旗|州))"
    r"([\u4e00-\u9fa5\d\-－]{1,30}?(?:路|街|大道|巷|弄|村|组|小区|社区)[\u4e00-\u9fa5\d\-－]{0,20}?(?:号|室|栋|幢|单元|楼|组))"
)
_ADMIN_END = re.compile(r"^.{0,14}?(?:区|县|旗)|^.{0,10}?市")

STAR = "*"
DOTS = "·•・．\u00b7\u2022\u30fb\uff65"


def _admin_prefix(address: str) -> str:
    """The administrative part of an address (province/city/district) which may be shown."""
    m = _ADMIN_END.match(address)
    return m.group(0) if m else ""


def _mask_address(m: re.Match[str]) -> str:
    label, sep, address = m.group(1), m.group(2), m.group(3)
    prefix = _admin_prefix(address)
    return f"{label}{sep}{prefix}{STAR * 3}"


def _mask_street(m: re.Match[str]) -> str:
    return f"{m.group(1) or ''}{m.group(2)}{STAR * 3}"


def mask_name(name: str) -> str:
    """张三 → 张某, 欧阳小明 → 欧阳某某 (compound surnames keep two characters), 阿不都·热合曼 → 阿某某·某某某."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if UYGHUR.fullmatch(name):
        parts = re.split(f"([{DOTS}])", name)
        head = parts[0][:1] + "某" * (len(parts[0]) - 1)
        return head + "".join(p if p in DOTS else "某" * len(p) for p in parts[1:])
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:keep] + "某" * (len(name) - keep)


def _person_spans(text: str, names: Iterable[str], keep: set[str]) -> list[tuple[int, int]]:
    """Names named after a label anywhere in ``text`` (and their other mentions in it), and the given
    ``names`` where they stand as names; overlapping spans merged, ``keep`` left alone."""
    labelled = list(labelled_names(text))
    found = {text[a:b] for a, b in labelled}
    spans = labelled + list(known_name_spans(text, {*names, *found}))
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda ab: (ab[0], -(ab[1] - ab[0]))):
        if text[a:b] in keep or (out and a < out[-1][1]):
            continue
        out.append((a, b))
    return out


def mask_persons(text: str, *, names: Iterable[str] = (), keep: Iterable[str] = ()) -> str:
    """Only the person names of ``text`` masked (see :func:`mask_text`)."""
    kept = {k.strip() for k in keep if k and k.strip()}
    for a, b in reversed(_person_spans(text, names, kept)):
        text = text[:a] + mask_name(text[a:b]) + text[b:]
    return text


def mask_text(text: str, *, names: Iterable[str] = (), keep: Iterable[str] = ()) -> str:
    """Mask personal data in ``text``: ID, phone and account numbers, addresses, and natural persons —
    those named after a label (当事人、法定代表人、经营者、负责人、见证人、被询问人…) and ``names`` (the
    persons of the dossier the text belongs to), unless in ``keep`` (an organisation that is the party)."""
    if not text:
        return text
    out = _ID18.sub(lambda m: m.group(1) + STAR * 12, text)
    out = _ID15.sub(lambda m: m.group(1) + STAR * 9, out)
    out = _MOBILE.sub(lambda m: f"{m.group(1)}{STAR * 4}{m.group(3)}", out)
    out = _BANK.sub(lambda m: STAR * (len(re.sub(r"\D", "", m.group(0))) - 4) + m.group(3).strip(" -"), out)
    out = _LANDLINE.sub(lambda m: f"{m.group(1)}-{STAR * len(m.group(2))}{m.group(3)}", out)
    out = _ADDRESS_LABEL.sub(_mask_address, out)
    out = _STREET.sub(_mask_street, out)
    return mask_persons(out, names=names, keep=keep)


class Mask(Protocol):
    """What report layouts call on a text; ``dossier`` names the dossier the text comes from."""

    def __call__(self, text: str, dossier: int | None = None) -> str: ...


def plain(text: str, dossier: int | None = None) -> str:
    """No masking (the per-case sheet as it is)."""
    return text


class Masker:
    """Applies :func:`mask_text`; the persons of dossier N only to texts of dossier N. Off: passes through."""

    def __init__(
        self,
        *,
        enabled: bool,
        names: Iterable[str] = (),
        keep: Iterable[str] = (),
        persons: Mapping[int, Iterable[str]] | None = None,
    ) -> None:
        self.enabled = enabled
        self.names = tuple(names)
        self.keep = tuple(keep)
        self.persons = {k: tuple(v) for k, v in (persons or {}).items()}

    def __call__(self, text: str, dossier: int | None = None) -> str:
        if not self.enabled:
            return text
        own = self.persons.get(dossier, ()) if dossier is not None else ()
        return mask_text(text, names=(*self.names, *own), keep=self.keep)
