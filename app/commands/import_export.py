"""`casereview import-export` (see app.commands.export)."""

from __future__ import annotations

from app.commands.export import run_import as run

__all__ = ["run"]
