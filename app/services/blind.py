"""Blind review (背靠背评查) in the service layer: until both have submitted, a reviewer sees neither the
other reviewer's identity nor their score (total, grade, item scores). Supervisors and admins see all.

A review is visible to ``viewer`` when the viewer is not a reviewer, when it is the viewer's own, or
when the viewer's own review of the same dossier and that review are both submitted (or final).
"""

from __future__ import annotations

from app.errors import ErrorCode, KnownError
from app.services.dto import UserDTO

DONE = ("submitted", "final")
OTHER_REVIEWER = "（另一评查人员）"


def sees_all(viewer: UserDTO | None) -> bool:
    """``None``: a trusted internal caller (reports, reconciliation, which check roles themselves)."""
    return viewer is None or viewer.role in ("supervisor", "admin")


def visible(viewer: UserDTO | None, *, reviewer_id: int, status: str, own_status: str | None) -> bool:
    if sees_all(viewer) or (viewer is not None and reviewer_id == viewer.id):
        return True
    return own_status in DONE and status in DONE


def hidden_error(review_id: int) -> KnownError:
    return KnownError(ErrorCode.FORBIDDEN, f"背靠背评查：评查记录 {review_id} 属于另一评查人员，双方都提交之后才能查看")


def require_owner(viewer: UserDTO, *, reviewer_id: int, review_id: int) -> None:
    """Whoever writes is the reviewer whose review it is (a supervisor too: 定稿 is their own review)."""
    if reviewer_id != viewer.id:
        raise KnownError(ErrorCode.FORBIDDEN,
                         f"评查记录 {review_id} 属于其他评查人员，{viewer.name} 不能修改、提交或清除其中的评分")
