"""Personal-data masking for exported reports (《行政处罚结果信息网上公示暂行办法》 style).

Masks 身份证号 (18 and 15 digits), mobile and landline numbers, bank account numbers,
addresses of persons (after 住址/地址/住所… labels, and free-standing street addresses), and
the names of natural persons other than the party. Enterprise credit codes (统一社会信用代码)
are public and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ID18 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[-－ ]?(\d{3,4})(\d{4})(?!\d)")
_BANK = re.compile(r"(?<!\d)(\d{4})((?:[ -]?\d){8,11})([ -]?\d{4})(?!\d)")
_ADDRESS_LABEL = re.compile(r"(住址|地址|住所地?|家庭住址|现住址|户籍地|居住地|家住)([:：]?\s*)([^，,。；;、\s)）]{2,60})")
_STREET = re.compile(
    r"([\u4e00-\u9fa5]{2,9}?(?:省|自治区|市))?([\u4e00-\u9fa5]{1,9}?(?:市|区|县|旗|州))"
    r"([\u4e00-\u9fa5\d\-－]{1,30}?(?:路|街|大道|巷|弄|村|组|小区|社区)[\u4e00-\u9fa5\d\-－]{0,20}?(?:号|室|栋|幢|单元|楼|组))"
)
_ADMIN_END = re.compile(r"^.{0,14}?(?:区|县|旗)|^.{0,10}?市")

STAR = "*"


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
    """张三 → 张某, 欧阳小明 → 欧阳某某 (compound surnames keep two characters)."""
    name = name.strip()
    if len(name) <= 1:
        return name
    keep = 2 if len(name) == 4 else 1
    return name[:keep] + "某" * (len(name) - keep)


def mask_text(text: str, *, names: Iterable[str] = (), keep: Iterable[str] = ()) -> str:
    """Mask personal data in ``text``. ``names`` are persons to hide, unless also in ``keep``."""
    if not text:
        return text
    out = _ID18.sub(lambda m: m.group(1) + STAR * 12, text)
    out = _ID15.sub(lambda m: m.group(1) + STAR * 9, out)
    out = _MOBILE.sub(lambda m: f"{m.group(1)}{STAR * 4}{m.group(3)}", out)
    out = _BANK.sub(lambda m: STAR * (len(re.sub(r"\D", "", m.group(0))) - 4) + m.group(3).strip(" -"), out)
    out = _LANDLINE.sub(lambda m: f"{m.group(1)}-{STAR * len(m.group(2))}{m.group(3)}", out)
    out = _ADDRESS_LABEL.sub(_mask_address, out)
    out = _STREET.sub(_mask_street, out)
    kept = {k.strip() for k in keep if k and k.strip()}
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        if name in kept or len(name) < 2:
            continue
        out = out.replace(name, mask_name(name))
    return out


class Masker:
    """Applies :func:`mask_text` with a fixed set of names, or passes text through when off."""

    def __init__(self, *, enabled: bool, names: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        self.enabled = enabled
        self.names = tuple(names)
        self.keep = tuple(keep)

    def __call__(self, text: str) -> str:
        if not self.enabled:
            return text
        return mask_text(text, names=self.names, keep=self.keep)
