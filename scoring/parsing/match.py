"""The match type every `find_*` parser returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    value: T
    start: int  # offsets into the searched text
    end: int
    raw: str  # the text as printed
