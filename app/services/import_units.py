"""被评查单位 of imported dossiers: one unit typed or chosen for the whole batch, or read from the folders.

The folder rule ("按文件夹确定单位"), as documented for the user:
    A folder whose name is a known unit makes that unit the 被评查单位 of every dossier below it. A unit
    is known when it exists already (添加评查人员, 抽样, or an earlier import made it). A folder matches a
    unit when its name, appended to the unit found above it, is a known unit path ("第八师" then
    "石河子市市场监督管理局" inside it gives "第八师/石河子市市场监督管理局"), or when its name is the
    full path or the last level of exactly one known unit. The deepest matching folder wins. Names are
    compared as written; a dossier with no matching folder gets no unit, and the import says so.
Folder names never create units: a typing error in a folder name must not become a new agency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    path: str  # "师市/部门"


def _normal(path: str) -> str:
    return "/".join(p.strip() for p in path.replace("／", "/").split("/") if p.strip())


class UnitMatcher:
    """Finds the 被评查单位 of a dossier from the folders of its path (see the module docstring)."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.by_path = {_normal(u.path): u for u in units}
        leaves: dict[str, list[Unit]] = {}
        for unit in units:
            leaves.setdefault(_normal(unit.path).rsplit("/", 1)[-1], []).append(unit)
        self.by_leaf = {name: found[0] for name, found in leaves.items() if len(found) == 1}

    def unit_for(self, display: str) -> Unit | None:
        """`display` is the import's name of the file: "选中的文件夹/子文件夹/文件.pdf" (or inside a ZIP)."""
        folders = [p for p in display.replace("\\", "/").split("/")[:-1] if p]
        found: Unit | None = None
        for name in folders:
            name = name.strip()
            below = self.by_path.get(f"{_normal(found.path)}/{name}") if found is not None else None
            match = below or self.by_path.get(name) or self.by_leaf.get(name)
            if match is not None:
                found = match
        return found
