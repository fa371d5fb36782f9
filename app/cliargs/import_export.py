"""`casereview import-export FILE --campaign NAME` (its parser lives in app.cliargs.export)."""

from __future__ import annotations

from typing import Any

from app.cliargs.export import register_import


def register(sub: Any) -> None:
    register_import(sub)
