"""Locate data files under the top-level `resources/` package (rubrics, statutes, calendar)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def resource(*parts: str) -> Traversable:
    node: Traversable = resources.files("resources")
    for part in parts:
        node = node.joinpath(part)
    return node
