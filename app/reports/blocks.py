"""A report as a list of blocks (HTML paragraphs and tables), shared by the PDF writer and Qt preview."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.textsafe import printable


@dataclass(frozen=True, slots=True)
class Html:
    """A piece of flowing HTML (headings, paragraphs, images)."""

    html: str
    page_break_before: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose header row is repeated on every page it spans."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # percentages, one per column
    align: tuple[str, ...] = ()  # "l" | "c" | "r" per column; default left
    page_break_before: bool = False
    escaped: bool = False  # cells already hold HTML
    classes: tuple[str, ...] = field(default_factory=tuple)  # per-row CSS class ("" = none)


Block = Html | Table


def esc(text: object) -> str:
    """HTML-escaped, with control characters made visible (a file name may carry ESC or BEL)."""
    return html.escape(printable("" if text is None else str(text)), quote=False)


CONTENT_WIDTH = 483.0  # A4 width minus the margins of the PDF writer, in points
CELL_EXTRA = 7.4  # horizontal padding + borders of a cell, in points, with a little slack


_LONG_ASCII = re.compile(r"[A-Za-z0-9._/\\:-]{13,}")


def breakable(text: str) -> str:
    """Let long Latin tokens (rule ids, paths) wrap inside a cell: a zero-width space after . _ / -."""
    return _LONG_ASCII.sub(lambda m: re.sub(r"([._/\\:-])(?=\w)", "\\1\u200b", m.group(0)), text)


def cell_points(width: float, content_width: float = CONTENT_WIDTH) -> float:
    """The content width in points of a column given as a percentage of the page's text width."""
    return max(8.0, width / 100 * content_width - CELL_EXTRA)


def _cell(tag: str, text: str, width: float, align: str, *, escaped: bool, content_width: float) -> str:
    content = text if escaped else esc(breakable(text))
    points = cell_points(width, content_width)
    style = f"width:{points:.1f}pt;text-align:{ {'c': 'center', 'r': 'right'}.get(align, 'left') }"
    return f'<{tag} style="{style}">{content}</{tag}>'


def header_html(t: Table, content_width: float = CONTENT_WIDTH) -> str:
    cells = "".join(_cell("th", h, w, "c", escaped=False, content_width=content_width)
                    for h, w in zip(t.header, t.widths, strict=True))
    return f"<tr>{cells}</tr>"


def row_html(t: Table, index: int, content_width: float = CONTENT_WIDTH) -> str:
    aligns = t.align or ("l",) * len(t.widths)
    row = t.rows[index]
    cls = t.classes[index] if index < len(t.classes) and t.classes[index] else ""
    cells = "".join(
        _cell("td", c, w, a, escaped=t.escaped, content_width=content_width)
        for c, w, a in zip(row, t.widths, aligns, strict=True)
    )
    return f'<tr class="{cls}">{cells}</tr>' if cls else f"<tr>{cells}</tr>"


def table_html(t: Table, rows: Sequence[int] | None = None, *, thead: bool = False) -> str:
    indices = range(len(t.rows)) if rows is None else rows
    body = "".join(row_html(t, i) for i in indices)
    head = f"<thead>{header_html(t)}</thead>" if thead else header_html(t)
    return f"<table>{head}{body}</table>"


def _qt_table(t: Table) -> str:
    """A table for QTextDocument: percentage widths and HTML attributes (Qt ignores most table CSS)."""
    aligns = t.align or ("l",) * len(t.widths)
    side = {"c": "center", "r": "right"}

    def cells(tag: str, values: Sequence[str], align: Sequence[str], *, escaped: bool) -> str:
        return "".join(
            f'<{tag} width="{w:.0f}%" align="{side.get(a, "left")}">{v if escaped else esc(v)}</{tag}>'
            for v, w, a in zip(values, t.widths, align, strict=True))

    head = f"<thead><tr bgcolor='#e6e6e6'>{cells('th', t.header, 'c' * len(t.widths), escaped=False)}</tr></thead>"
    body = "".join(f"<tr>{cells('td', row, aligns, escaped=t.escaped)}</tr>" for row in t.rows)
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse">'
        f"{head}{body}</table>"
    )


_IMG = re.compile(r"<img ([^>]*?)/?>")


def single_html(blocks: Sequence[Block], *, css: str, title: str) -> str:
    """The whole report as one HTML document for QTextDocument (print preview): <thead> repeats there."""
    parts = []
    for b in blocks:
        brk = ' style="page-break-before: always"' if b.page_break_before else ""
        inner = _IMG.sub(r'<img \1 width="600"/>', b.html) if isinstance(b, Html) else _qt_table(b)
        inner = inner.replace("<table>", '<table border="1" cellspacing="0" cellpadding="3" width="100%">')
        parts.append(f"<div{brk}>{inner}</div>")
    return (
        f'<html><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{css}</style></head><body>{''.join(parts)}</body></html>"
    )
