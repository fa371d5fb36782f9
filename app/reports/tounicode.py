"""Repair the text layer of PDFs we write: map glyphs back to unified CJK ideographs.

WenQuanYi maps some glyphs from two code points (e.g. 不 U+4E0D and the compatibility ideograph
U+F967). MuPDF's ToUnicode then picks the compatibility one, so copied or extracted text says
"\\uf967" where the page shows 不. We rewrite each ToUnicode CMap so every destination in the CJK
compatibility / Kangxi radical blocks becomes its normal form (NFKC of that one character).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pymupdf

_COMPAT = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_SECTION = re.compile(r"(\d+)\s+begin(bfchar|bfrange)\s(.*?)end\2", re.S)
_COMPAT_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_TOKEN = re.compile(r"<[0-9A-Fa-f]*>|\[|\]")


def _compat(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _COMPAT)


def _decode(hex_text: str) -> str:
    """UTF-16BE as the PDF spec says; MuPDF writes non-BMP code points as bare hex (odd length)."""
    if len(hex_text) % 4:
        return chr(int(hex_text, 16))
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")


def _encode(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def normal(text: str) -> str:
    """Compatibility ideographs and radicals to the unified ideograph; everything else unchanged."""
    if not _COMPAT_RE.search(text):
        return text
    return "".join(unicodedata.normalize("NFKC", ch) if _compat(ord(ch)) else ch for ch in text)


def _tokens(body: str) -> list[str]:
    """Hex strings (whitespace inside removed: MuPDF wraps long lines) and array brackets."""
    body = re.sub(r"<([^>]*)>", lambda m: "<" + re.sub(r"\s", "", m.group(1)) + ">", body)
    return _TOKEN.findall(body)


def _bfchar(tokens: list[str]) -> list[tuple[int, str]]:
    return [(int(tokens[i][1:-1], 16), _decode(tokens[i + 1][1:-1])) for i in range(0, len(tokens) - 1, 2)]


def _bfrange(tokens: list[str]) -> list[tuple[int, str]]:
    pairs: list[tuple[int, str]] = []
    i = 0
    while i + 2 < len(tokens):
        a, b = int(tokens[i][1:-1], 16), int(tokens[i + 1][1:-1], 16)
        if tokens[i + 2] == "[":
            j = tokens.index("]", i + 3)
            pairs += [(a + k, _decode(t[1:-1])) for k, t in enumerate(tokens[i + 3 : j])]
            i = j + 1
            continue
        start = _decode(tokens[i + 2][1:-1])
        pairs += [(a + k, start[:-1] + chr(ord(start[-1]) + k)) for k in range(b - a + 1)]
        i += 3
    return pairs


def _parse(cmap: str) -> list[tuple[int, str]]:
    """Every (code, text) pair of the bfchar and bfrange sections."""
    pairs: list[tuple[int, str]] = []
    for _, kind, body in _SECTION.findall(cmap):
        tokens = _tokens(body)
        pairs += _bfchar(tokens) if kind == "bfchar" else _bfrange(tokens)
    return pairs


def _runs(pairs: list[tuple[int, str]]) -> tuple[list[str], list[str]]:
    """Compress (code, text) pairs into bfrange lines (consecutive codes and characters within one
    256-block on both sides) and bfchar lines for the rest."""
    ranges: list[str] = []
    singles: list[str] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) > 1:
            ranges.append(f"<{run[0][0]:04X}> <{run[-1][0]:04X}> <{_encode(run[0][1])}>")
        elif run:
            singles.append(f"<{run[0][0]:04X}> <{_encode(run[0][1])}>")
        run.clear()

    for code, text in sorted(dict(pairs).items()):
        if run:
            last_code, last_text = run[-1]
            same_block = code >> 8 == last_code >> 8 and len(text) == 1 == len(last_text)
            if same_block and code == last_code + 1 and ord(text) == ord(last_text) + 1 and ord(text) & 0xFF:
                run.append((code, text))
                continue
            flush()
        run.append((code, text))
    flush()
    return ranges, singles


def _build(cmap: str, pairs: list[tuple[int, str]]) -> str:
    ranges, singles = _runs(pairs)
    body = ""
    for kind, lines in (("bfrange", ranges), ("bfchar", singles)):
        for i in range(0, len(lines), 100):
            chunk = lines[i : i + 100]
            body += f"{len(chunk)} begin{kind}\n" + "\n".join(chunk) + f"\nend{kind}\n"
    first = _SECTION.search(cmap)
    head = cmap[: first.start()] if first else cmap
    return head + body + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def fix_text_layer(doc: pymupdf.Document) -> int:
    """Rewrite the ToUnicode CMaps that map to compatibility code points; returns how many were fixed."""
    fixed = 0
    seen: set[int] = set()
    for xref in range(1, doc.xref_length()):
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        target = int(value.split()[0])
        if target in seen:
            continue
        seen.add(target)
        repaired = _repaired(doc.xref_stream(target))
        if repaired is not None:
            doc.update_stream(target, repaired)
            fixed += 1
    return fixed


@functools.lru_cache(maxsize=16)
def _repaired(stream: bytes) -> bytes | None:
    """The repaired CMap, or None if it needs nothing (cached: every report embeds the same font)."""
    cmap = stream.decode("latin-1")
    pairs = _parse(cmap)
    if not any(_COMPAT_RE.search(t) for _, t in pairs):
        return None
    return _build(cmap, [(c, normal(t)) for c, t in pairs]).encode("latin-1")
