"""Review states: a review is a draft, submitted, or final (已定稿); a dossier's progress is the state of
its most advanced review, or none."""

from __future__ import annotations

from enum import StrEnum


class ReviewState(StrEnum):
    """The state of one review (stored in ``review.status``)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    FINAL = "final"

    @property
    def rank(self) -> int:
        """How far a review has come: draft 1, submitted 2, final 3 (no review: 0)."""
        return _RANK[self]


_RANK = {ReviewState.DRAFT: 1, ReviewState.SUBMITTED: 2, ReviewState.FINAL: 3}

# The states whose scores count (statistics, reports, the ledger): drafts never do.
COUNTED: tuple[ReviewState, ...] = (ReviewState.SUBMITTED, ReviewState.FINAL)

NOT_STARTED_LABEL = "未评"
LABELS: dict[ReviewState, str] = {
    ReviewState.DRAFT: "评查中",
    ReviewState.SUBMITTED: "已提交",
    ReviewState.FINAL: "已定稿",
}


def state_label(state: ReviewState | str | None) -> str:
    """The Chinese word for a state (None: no review yet, 未评); for the edge only (CLI, reports, window)."""
    if state is None or state == "":
        return NOT_STARTED_LABEL
    try:
        return LABELS[ReviewState(state)]
    except ValueError:
        return str(state)


def rank_of(state: ReviewState | str | None) -> int:
    """A stored state's rank (0 for none or an unknown word)."""
    return ReviewState(state).rank if state in _VALUES else 0


def most_advanced(states: list[ReviewState | str]) -> ReviewState | None:
    """The dossier's progress: the most advanced of its reviews' states (None when it has none)."""
    known = [ReviewState(s) for s in states if s in _VALUES]
    return max(known, key=lambda s: s.rank) if known else None


_VALUES = {s.value for s in ReviewState}
