"""Per-item phrase library for deduction reasons: a small JSON file in the user config folder."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

MAX_PHRASES = 9  # Ctrl+1 … Ctrl+9


def config_dir() -> Path:
    """$CASEREVIEW_CONFIG_DIR (tests) or the platform's user config folder."""
    override = os.environ.get("CASEREVIEW_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("casereview", appauthor=False))


class PhraseLibrary:
    """Phrases keyed by rubric item id; a phrase stored under "*" is offered for every item."""

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

    def phrases(self, item: str) -> list[str]:
        own = self._data.get(item, [])
        shared = [p for p in self._data.get("*", []) if p not in own]
        return (own + shared)[:MAX_PHRASES]

    def own_phrases(self, item: str) -> list[str]:
        return list(self._data.get(item, []))

    def set_phrases(self, item: str, phrases: list[str]) -> None:
        cleaned = [p.strip() for p in phrases if p.strip()]
        if cleaned:
            self._data[item] = list(dict.fromkeys(cleaned))
        else:
            self._data.pop(item, None)
        self.save()

    def remember(self, item: str, phrase: str) -> None:
        """Add a reason typed by the reviewer so the next case can reuse it."""
        phrase = phrase.strip()
        if not phrase:
            return
        current = self._data.setdefault(item, [])
        if phrase in current:
            return
        current.insert(0, phrase)
        del current[MAX_PHRASES * 2 :]
        self.save()
