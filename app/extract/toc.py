"""The 卷内目录 (序号 / 题名 / 页号) read row by row (the rule `toc_mismatch` compares it with the
documents found)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.extract.segment import match_title
from app.extract.text import squeeze
from app.ingest.types import Page
from scoring.types import TocEntry

_PAGES = re.compile(r"^(\d{1,4})(?:\s*[-—~～至]\s*(\d{1,4}))?$")


_TRAILING_PAGES = re.compile(r"^(.+?)\s+(\d{1,4}(?:\s*[-—~～至]\s*\d{1,4})?)$")


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in re.split(r"\t|\s{2,}", line) if c.strip()]
    if len(cells) == 1:
        m = re.match(r"^(\d{1,3})\s+(.+?)\s+(\d{1,4}(?:\s*[-—~～至]\s*\d{1,4})?)$", line.strip())
        if m:
            cells = list(m.groups())
    elif len(cells) == 2:  # the 页号 cell read onto the title's with one space ("1⇥立案审批表 3")
        m = _TRAILING_PAGES.match(cells[1])
        if m:
            cells = [cells[0], *m.groups()]
    return cells


def read_toc(pages: Sequence[Page]) -> list[TocEntry]:
    """Rows of the 目录: a 序号, a title the catalogue knows, and the first page."""
    out: list[TocEntry] = []
    for page in pages:
        for line in page.text.split("\n"):
            cells = _cells(line)
            if len(cells) < 3 or not cells[0].isdigit():
                continue
            last = line.split()[-1]  # the 页号 column, possibly glued to a wrapped date ("2023年9月13 2")
            pm = _PAGES.match(last) if len(cells) > 2 else None
            # cells may come glued with a single space ("卫生健康综合监 行政处罚决定书"): try the words too
            words = [w for c in cells[1:] for w in dict.fromkeys([c, *c.split()]) if w != last]
            title = next((w for w in words if match_title(w)), None)
            if title is None or pm is None:
                continue
            m = match_title(title)
            if m is not None:
                out.append(TocEntry(int(cells[0]), squeeze(title), m.type, int(pm.group(1))))
    return out
