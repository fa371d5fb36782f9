"""Submitting means "I looked" (issue 14.2).

* :func:`check_looked` sorts the items a reviewer has not confirmed: automatic deductions (a rule
  failed; their reason is the rule's message, so they only need confirming), items a rule could not
  decide (需人工核查), and the rest (no automatic finding). Confirmed deductions without a reason are
  listed apart.
* :func:`submit_looked` submits only a review whose every item the reviewer confirmed.
* :func:`confirm_rest_and_submit` is the one named step "其余 N 项确认为不扣分并提交": allowed only when
  every automatic deduction and every 需人工核查 item is confirmed, it confirms the rest as 不扣分 in
  one transaction with its own audit event (``review.confirm_rest``, listing the items), then submits.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.dto import ReviewDTO, ReviewItemDTO, UserDTO
from app.services.review_read import get_review, review_dto, rubric_for
from app.services.reviews import _locked_review, _require_draft, apply_score, submit_review
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import ItemScoreRow, utcnow


@dataclass(frozen=True, slots=True)
class LookedCheck:
    """What stands between a review and its submission."""

    automatic: tuple[ReviewItemDTO, ...] = ()  # unconfirmed automatic deductions (rule failed / veto applies)
    undecided: tuple[ReviewItemDTO, ...] = ()  # unconfirmed items a rule marked 需人工核查
    rest: tuple[ReviewItemDTO, ...] = ()  # unconfirmed items with no automatic deduction
    no_reason: tuple[ReviewItemDTO, ...] = ()  # confirmed deductions without a reason

    @property
    def unconfirmed(self) -> tuple[ReviewItemDTO, ...]:
        return self.automatic + self.undecided + self.rest

    @property
    def ready(self) -> bool:
        return not self.unconfirmed and not self.no_reason

    @property
    def one_by_one(self) -> tuple[ReviewItemDTO, ...]:
        """Unconfirmed items the reviewer must look at individually (the named step leaves them)."""
        return self.automatic + self.undecided


def is_automatic_deduction(item: ReviewItemDTO) -> bool:
    return item.auto_deducted > 0 or item.veto


def check_looked(review: ReviewDTO) -> LookedCheck:
    automatic: list[ReviewItemDTO] = []
    undecided: list[ReviewItemDTO] = []
    rest: list[ReviewItemDTO] = []
    no_reason: list[ReviewItemDTO] = []
    for item in review.items:
        if item.overridden:
            if item.deducted > 0 and not item.reason.strip():
                no_reason.append(item)
        elif is_automatic_deduction(item):
            automatic.append(item)
        elif item.needs_review:
            undecided.append(item)
        else:
            rest.append(item)
    return LookedCheck(tuple(automatic), tuple(undecided), tuple(rest), tuple(no_reason))


def _names(items: tuple[ReviewItemDTO, ...], limit: int = 3) -> str:
    return "、".join(f"“{i.title}”" for i in items[:limit]) + ("等" if len(items) > limit else "")


def looked_message(check: LookedCheck) -> str:
    """One Chinese sentence naming what is still open (the CLI and the refusals below use it)."""
    parts = []
    if check.automatic:
        parts.append(f"{len(check.automatic)} 项自动扣分尚未确认（{_names(check.automatic)}）")
    if check.undecided:
        parts.append(f"{len(check.undecided)} 项需人工核查尚未确认（{_names(check.undecided)}）")
    if check.rest:
        parts.append(f"{len(check.rest)} 项尚未确认（{_names(check.rest)}）")
    if check.no_reason:
        parts.append(f"{len(check.no_reason)} 个扣分项没有填写扣分理由（{_names(check.no_reason)}）")
    return "；".join(parts)


def _checked(store: Store, review_id: int, *, user: UserDTO, expected_version: int) -> tuple[ReviewDTO, LookedCheck]:
    review = get_review(store, review_id, viewer=user)
    if review.version != expected_version:  # what was checked is what gets submitted (the lock re-checks)
        raise ConflictError(f"评查记录已被他人修改（当前版本 {review.version}，您的版本 {expected_version}），"
                            "请重新载入后再提交")
    return review, check_looked(review)


def submit_looked(store: Store, review_id: int, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """Submit only a review whose every item the reviewer confirmed (KnownError USAGE otherwise)."""
    _review, check = _checked(store, review_id, user=user, expected_version=expected_version)
    if not check.ready:
        raise KnownError(ErrorCode.USAGE, f"不能提交：{looked_message(check)}")
    return submit_review(store, review_id, user=user, expected_version=expected_version)


def confirm_rest_and_submit(store: Store, review_id: int, *, user: UserDTO, expected_version: int) -> ReviewDTO:
    """The named step: confirm every unconfirmed item with no automatic deduction and no 需人工核查 mark as
    不扣分 (one transaction, one audit event), then submit. Refused while an automatic deduction or a
    需人工核查 item is unconfirmed or a deduction has no reason: those are looked at one by one."""
    _review, check = _checked(store, review_id, user=user, expected_version=expected_version)
    if check.one_by_one or check.no_reason:
        blocking = LookedCheck(check.automatic, check.undecided, (), check.no_reason)
        raise KnownError(ErrorCode.USAGE, f"不能一次确认其余各项：{looked_message(blocking)}，请逐项确认")
    version = expected_version
    if check.rest:
        with store.write() as session:
            review = _locked_review(session, review_id, expected_version, user=user)
            _require_draft(review)
            rubric = rubric_for(review)
            now = utcnow()
            for item in check.rest:
                session.add(ItemScoreRow(review_id=review_id, item=item.item, deducted=0.0, reason="", pages=[],
                                         updated_at=now, updated_by=user.id))
            session.flush()
            apply_score(session, review, rubric)
            session.flush()
            record_event(session, user=user.name, action="review.confirm_rest", entity="review",
                         entity_id=review_id, before=None,
                         after={"items": [i.item for i in check.rest], "deducted": 0.0, "total": review.total},
                         reason=f"其余 {len(check.rest)} 项确认为不扣分")
            version = int(review_dto(session, review, rubric).version)
    return submit_review(store, review_id, user=user, expected_version=version)
