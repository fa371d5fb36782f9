"""Statute catalogue: full names, short names, article counts (resources/statutes.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from scoring.resources import resource

_STRIP = re.compile(r"[《》〈〉<>\s\u3000]")


@dataclass(frozen=True, slots=True)
class Law:
    name: str  # full official name, e.g. 中华人民共和国食品安全法
    aliases: tuple[str, ...]  # short names as cited, e.g. 食品安全法
    articles: int | None  # number of articles of the text in force; None = not recorded
    kind: str = "law"  # law | regulation | rule


class Catalogue:
    def __init__(self, laws: list[Law]) -> None:
        self.laws = tuple(laws)
        self._index: dict[str, Law] = {}
        for law in laws:
            self._index[law.name] = law
            for alias in law.aliases:
                self._index.setdefault(alias, law)

    def get(self, name: str) -> Law | None:
        """The law a cited name stands for (with or without 《》), or None when unknown."""
        key = _STRIP.sub("", name)
        if key in self._index:
            return self._index[key]
        if key.startswith("中华人民共和国") and key[7:] in self._index:
            return self._index[key[7:]]
        return None

    def full_name(self, name: str) -> str | None:
        law = self.get(name)
        return law.name if law else None


def _law(raw: dict[str, Any]) -> Law:
    return Law(
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        articles=int(raw["articles"]) if raw.get("articles") is not None else None,
        kind=str(raw.get("kind", "law")),
    )


@functools.cache
def load_statutes() -> Catalogue:
    data = yaml.safe_load(resource("statutes.yaml").read_text(encoding="utf-8"))
    return Catalogue([_law(item) for item in data["laws"]])
