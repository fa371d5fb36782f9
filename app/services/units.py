"""Units (被评查单位) in the database: every unit's path, a unit found by the path or the name a person
types, and the units a scope covers (a 师市 covers its 部门). See ``app.vocab.units``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.store.units import path_of, unit_paths
from app.vocab import units

__all__ = ["ids_within", "path_of", "resolve", "unit_paths"]


def resolve(session: Session, text: str) -> tuple[int, str]:
    """(id, path) of the unit a person typed: its path ("第一师/市场监管局") or a name unique in the tree;
    KnownError when there is none or the name is shared (then the paths are listed)."""
    wanted = units.normalise(text)
    paths = unit_paths(session)
    exact = [(i, p) for i, p in paths.items() if p == wanted]
    found = exact or [(i, p) for i, p in paths.items() if units.leaf(p) == wanted]
    if not found:
        raise KnownError(ErrorCode.NOT_FOUND, f"单位“{text}”不存在")
    if len(found) > 1:
        listed = "、".join(sorted(p for _, p in found))
        raise KnownError(ErrorCode.USAGE, f"单位“{text}”不唯一（{listed}），请写全“师市/部门”")
    return found[0]


def ids_within(session: Session, scope: str) -> list[int]:
    """The unit a person typed and every unit under it."""
    _, root = resolve(session, scope)
    return sorted(i for i, p in unit_paths(session).items() if units.within(p, root))
