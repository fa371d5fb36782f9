"""Units (被评查单位): a unit is its path "师市/部门" everywhere — keys, titles, 主送, charts, statistics.

Two 市场监督管理局 under different 师市 are two units; a unit's leaf name alone is never a key.
"""

from __future__ import annotations

from collections.abc import Iterable

NO_UNIT = "（未指定单位）"
SEP = "/"


def normalise(text: str) -> str:
    """A typed path with full-width slashes and spaces around the parts tidied: "第一师／ 市场监管局"."""
    return SEP.join(parts(text))


def parts(path: str) -> list[str]:
    return [p.strip() for p in path.replace("／", SEP).split(SEP) if p.strip()]


def join(names: Iterable[str | None]) -> str:
    """The path of a unit from its names, top first; :data:`NO_UNIT` when there are none."""
    return SEP.join(n for n in names if n) or NO_UNIT


def leaf(path: str) -> str:
    """The unit's own name (the last part): for display beside its 师市, never as a key."""
    return path.rsplit(SEP, 1)[-1]


def parent(path: str) -> str:
    """The path above the unit ("" for a top-level unit)."""
    return path.rsplit(SEP, 1)[0] if SEP in path else ""


def top(path: str) -> str:
    """The 师市 a unit belongs to (the first part; the unit itself when it is top-level)."""
    return path.split(SEP, 1)[0]


def within(path: str, scope: str) -> bool:
    """Whether ``path`` is ``scope`` or a unit under it."""
    return path == scope or path.startswith(scope + SEP)


def related(a: str, b: str) -> bool:
    """回避: one unit is the other, above it or under it (paths compared part by part)."""
    pa, pb = parts(a), parts(b)
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]
