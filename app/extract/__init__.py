"""Extraction: pages → documents (segment) → case fields with evidence (extract)."""

from __future__ import annotations

from app.extract.assemble import extract
from app.extract.segment import segment

__all__ = ["extract", "segment"]
