"""Deduction-reason phrases per rubric item: a shipped starter library plus what the reviewer adds.

The shipped phrases (``resources/phrases/<rubric id>.yaml``) come first and keep their numbers (Ctrl+1 …
Ctrl+9 and the numbers in the reason list): a release only appends to an item's list. Phrases the
reviewer types or adds are kept in a small JSON file in the user config folder and numbered after the
shipped ones, oldest first, so learning a new reason never renumbers an old one. A phrase stored under
"*" is offered for every item, after the item's own.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path

import platformdirs
import yaml

log = logging.getLogger(__name__)

MAX_PHRASES = 9  # Ctrl+1 … Ctrl+9
MAX_LEARNED = 30  # per item; beyond this a typed reason is not learned (numbers must not shift)
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "resources" / "phrases"


def config_dir() -> Path:
    """$CASEREVIEW_CONFIG_DIR (tests) or the platform's user config folder."""
    override = os.environ.get("CASEREVIEW_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("casereview", appauthor=False))


@functools.cache
def shipped_library(rubric: str) -> dict[str, tuple[str, ...]]:
    """The starter phrases of a shipped rubric (empty for a custom rubric file or a missing list)."""
    if not rubric or "/" in rubric or "\\" in rubric:
        return {}
    path = SHIPPED_DIR / f"{rubric}.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}
    except (OSError, yaml.YAMLError) as exc:
        log.warning("shipped phrases %s unreadable: %s", path, exc)
        return {}
    return {str(k): tuple(str(p).strip() for p in v if str(p).strip()) for k, v in raw.items() if isinstance(v, list)}


class PhraseLibrary:
    """Phrases keyed by rubric item id: the shipped ones of the rubric, then the learned ones."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "phrases.json"
        self._data: dict[str, list[str]] = {}
        self.load()

    def load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = {}
        except (OSError, ValueError) as exc:
            log.warning("phrase library %s unreadable (%s); starting empty", self.path, exc)
            raw = {}
        self._data = {
            str(k): [str(p) for p in v if str(p).strip()]
            for k, v in (raw.items() if isinstance(raw, dict) else [])
            if isinstance(v, list)
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.path)

    def shipped(self, item: str, *, rubric: str = "") -> list[str]:
        return list(shipped_library(rubric).get(item, ()))

    def all_phrases(self, item: str, *, rubric: str = "") -> list[str]:
        """Every phrase of the item in its fixed order: shipped, learned (oldest first), shared."""
        shipped = self.shipped(item, rubric=rubric)
        own = [p for p in self._data.get(item, []) if p not in shipped]
        shared = [p for p in self._data.get("*", []) if p not in shipped and p not in own]
        return shipped + own + shared

    def phrases(self, item: str, *, rubric: str = "") -> list[str]:
        """The phrases offered in the reason list; the first nine answer Ctrl+1 … Ctrl+9."""
        return self.all_phrases(item, rubric=rubric)

    def own_phrases(self, item: str) -> list[str]:
        return list(self._data.get(item, []))

    def set_phrases(self, item: str, phrases: list[str]) -> None:
        """Replace the reviewer's own phrases of an item (the shipped ones are not editable)."""
        cleaned = [p.strip() for p in phrases if p.strip()]
        if cleaned:
            self._data[item] = list(dict.fromkeys(cleaned))
        else:
            self._data.pop(item, None)
        self.save()

    def remember(self, item: str, phrase: str, *, rubric: str = "") -> None:
        """Add a reason typed by the reviewer at the end of the item's list (numbers never shift)."""
        phrase = phrase.strip()
        if not phrase or phrase in self.shipped(item, rubric=rubric):
            return
        current = self._data.setdefault(item, [])
        if phrase in current or len(current) >= MAX_LEARNED:
            return
        current.append(phrase)
        self.save()
