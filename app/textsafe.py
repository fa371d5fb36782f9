"""Text shown to a person (terminal, report, window title) never carries control characters.

A file name or a pasted reason may hold ESC sequences (they would clear or retitle a terminal), BEL,
NUL (invalid in DOCX and XLSX XML), C1 controls (8-bit CSI) or bidi overrides (``\\u202e`` turns
``fdp.exe`` into ``exe.pdf`` on screen). The original text is stored as it came; what is shown is
``printable(text)``: each such character replaced by a visible stand-in (Unicode Control Pictures for
C0 and DEL: ESC → ␛, BEL → ␇; U+FFFD for the rest).
"""

from __future__ import annotations

import re

_PICTURE = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_OTHER = "\ufffd"
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _stand_in(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return _PICTURE.get(code, _OTHER)


def printable(text: str, *, single_line: bool = False) -> str:
    """``text`` with control characters made visible; newlines and tabs are kept unless ``single_line``."""
    if not text:
        return text
    pattern = _UNSAFE_LINE if single_line else _UNSAFE
    return pattern.sub(_stand_in, text)


def has_control(text: str) -> bool:
    return _UNSAFE.search(text) is not None
