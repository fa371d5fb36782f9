"""Every unit's path from the agency tree, in one query (``app.vocab.units``: a unit is its path)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Agency
from app.vocab import units


def unit_paths(session: Session) -> dict[int, str]:
    """Every unit's full path ("第一师/市场监督管理局"), by id."""
    rows = {int(i): (str(n), p) for i, n, p in session.execute(select(Agency.id, Agency.name, Agency.parent_id))}

    def path(agency_id: int, seen: frozenset[int] = frozenset()) -> str:
        name, parent = rows[agency_id]
        if parent is None or parent not in rows or parent in seen:
            return name
        return f"{path(parent, seen | {agency_id})}{units.SEP}{name}"

    return {i: path(i) for i in rows}


def path_of(paths: dict[int, str], agency_id: int | None) -> str:
    """The unit's path, or :data:`app.vocab.units.NO_UNIT` for a dossier without one."""
    return paths.get(agency_id, units.NO_UNIT) if agency_id is not None else units.NO_UNIT
