"""Statute catalogue (resources/statutes.yaml): names, and each law's validity and versions.

A law records when it was first adopted, from when it is in force (``in_force``: the first day
of force, read from a text; or ``in_force_since``: a day from which it is known to have been in
force, when only a later revision was read), when it was repealed and by what, and the versions
of its text that were read (adopted, in force, number of articles, where it was read).

``Law.state_on(day)`` says whether the law was in force on a day; ``Law.version_on(day)`` gives
the version in force then (None when that text was not read), so that an article number can be
checked against the text that applied (行政处罚法 第三十七条: the law at the time of the act).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import yaml

from scoring.resources import resource

PENALTY_LAW = "中华人民共和国行政处罚法"  # the law most rules cite; as a citation: PENALTY_LAW_CITED
PENALTY_LAW_CITED = f"《{PENALTY_LAW}》"

_STRIP = re.compile(r"[《》〈〉<>\s\u3000]")


class Force(StrEnum):
    NOT_ADOPTED = "not_adopted"  # the day is before the law was adopted
    NOT_YET = "not_yet"  # adopted, not yet in force
    IN_FORCE = "in_force"
    REPEALED = "repealed"
    UNKNOWN = "unknown"  # adopted, but force on that day is not recorded


@dataclass(frozen=True, slots=True)
class Version:
    """One text of a law: adopted (通过/修正/修订) and in force on these days, with this many articles."""

    adopted: dt.date
    in_force: dt.date
    articles: int
    read: str = ""  # repository, commit and file the text was read from


@dataclass(frozen=True, slots=True)
class Law:
    name: str  # full official name, e.g. 中华人民共和国食品安全法
    aliases: tuple[str, ...]  # short names as cited, e.g. 食品安全法
    articles: int | None  # articles of the latest text read; None = no text read
    kind: str = "law"  # law | regulation | rule
    adopted: dt.date | None = None
    in_force: dt.date | None = None  # first day of force (exact)
    in_force_since: dt.date | None = None  # in force at least from this day (earlier force not recorded)
    repealed: dt.date | None = None  # first day no longer in force
    replaced_by: str | None = None
    versions: tuple[Version, ...] = ()

    def state_on(self, day: dt.date) -> Force:
        """Whether the law was in force on `day` (UNKNOWN where the catalogue does not say)."""
        if self.repealed is not None and day >= self.repealed:
            return Force.REPEALED
        if self.adopted is not None and day < self.adopted:
            return Force.NOT_ADOPTED
        if self.in_force is not None:
            return Force.IN_FORCE if day >= self.in_force else Force.NOT_YET
        since = self.in_force_since or (self.versions[0].in_force if self.versions else None)
        if since is not None and day >= since:
            return Force.IN_FORCE
        return Force.UNKNOWN

    def version_on(self, day: dt.date) -> Version | None:
        """The text in force on `day`; None when the law was not in force or that text was not read."""
        if self.state_on(day) is not Force.IN_FORCE:
            return None
        current = [v for v in self.versions if v.in_force <= day]
        return current[-1] if current else None


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


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _version(raw: dict[str, Any]) -> Version:
    adopted, in_force = _day(raw["adopted"]), _day(raw["in_force"])
    if adopted is None or in_force is None:
        raise ValueError(f"statutes.yaml: a version needs adopted and in_force: {raw!r}")
    return Version(adopted, in_force, int(raw["articles"]), str(raw.get("read", "")))


def _law(raw: dict[str, Any]) -> Law:
    versions = tuple(sorted((_version(v) for v in raw.get("versions", ())), key=lambda v: v.in_force))
    latest = versions[-1].articles if versions else None
    return Law(
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        articles=int(raw["articles"]) if raw.get("articles") is not None else latest,
        kind=str(raw.get("kind", "law")),
        adopted=_day(raw.get("adopted")),
        in_force=_day(raw.get("in_force")),
        in_force_since=_day(raw.get("in_force_since")),
        repealed=_day(raw.get("repealed")),
        replaced_by=str(raw["replaced_by"]) if raw.get("replaced_by") else None,
        versions=versions,
    )


def parse_statutes(data: dict[str, Any]) -> Catalogue:
    return Catalogue([_law(item) for item in data["laws"]])


@functools.cache
def load_statutes() -> Catalogue:
    return parse_statutes(yaml.safe_load(resource("statutes.yaml").read_text(encoding="utf-8")))
