"""When a review counts as started (issue 14.4: opening a dossier is not starting it).

Opening a dossier creates the reviewer's draft with the automatic proposal (so autosave has a row to write
into from the first keystroke), but only the first real score or edit — an item score row — or a
submission makes it 评查中 under the reviewer's name in the case list and the progress figures.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select

from app.store.models import ItemScoreRow, Review
from app.vocab.states import ReviewState


def review_started() -> ColumnElement[bool]:
    """SQL condition on ``Review``: submitted or final, or a draft with at least one item decision saved."""
    scored = exists(select(ItemScoreRow.id).where(ItemScoreRow.review_id == Review.id))
    return or_(Review.status != ReviewState.DRAFT, scored)
