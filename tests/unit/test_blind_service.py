"""Issue 10 point 7: blind review and ownership in the service layer (SQLite and PostgreSQL).

Until both have submitted, the services hide from a reviewer the other reviewer's name, total, grade and
item scores; supervisors and admins see everything. Whoever writes a review must be its reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.errors import KnownError
from app.services import (
    UserDTO,
    clear_item_score,
    create_campaign,
    ensure_agency,
    ensure_user,
    get_review,
    list_dossiers,
    list_reviews,
    open_review,
    open_store,
    save_item_score,
    submit_review,
)
from app.store.engine import Store
from tests.e2e.test_reports_campaign import _insert_dossier

A_DEDUCTS = {"archiving.toc": 1.0}
B_DEDUCTS = {"procedure.filing": 3.0, "evidence.chain": 3.0}


@dataclass
class Pair:
    store: Store
    dossier: int
    campaign: int
    a: UserDTO
    b: UserDTO
    sup: UserDTO
    review_a: int
    review_b: int


def _score(store: Store, review_id: int, user: UserDTO, deductions: dict[str, float]) -> None:
    review = get_review(store, review_id, viewer=user)
    for item, points in deductions.items():
        review = save_item_score(store, review.id, item, deducted=points, reason=f"{user.name}的理由", user=user,
                                 expected_version=review.version)


def _submit(store: Store, review_id: int, user: UserDTO) -> None:
    review = get_review(store, review_id, viewer=user)
    submit_review(store, review_id, user=user, expected_version=review.version)


@pytest.fixture
def pair(db_url: str) -> Pair:
    store = open_store(db_url)
    sup = ensure_user(store, "督查组长", role="supervisor")
    a, b = ensure_user(store, "评查员甲"), ensure_user(store, "评查员乙")
    unit = ensure_agency(store, "第一师/市场监管局")
    campaign = create_campaign(store, "背靠背", year=2024, rubric_id="penalty", user=sup)
    did, _, _ = _insert_dossier(store, campaign.id, unit.id, 0, finding=False)
    ra, rb = open_review(store, did, reviewer=a), open_review(store, did, reviewer=b)
    _score(store, ra.id, a, A_DEDUCTS)
    _score(store, rb.id, b, B_DEDUCTS)
    return Pair(store, did, campaign.id, a, b, sup, ra.id, rb.id)


def _row(p: Pair, viewer: UserDTO) -> tuple[float | None, tuple[str, ...]]:
    (row,) = list_dossiers(p.store, p.campaign, viewer=viewer)
    return row.total, row.reviewers


def test_reviewer_sees_only_their_own_until_both_submitted(pair: Pair) -> None:
    p = pair
    assert [r.reviewer for r in list_reviews(p.store, p.dossier, viewer=p.a)] == ["评查员甲"]
    with pytest.raises(KnownError, match="背靠背") as info:
        get_review(p.store, p.review_b, viewer=p.a)
    assert info.value.code == "forbidden"
    assert "评查员乙" not in str(info.value)
    total, names = _row(p, p.a)
    assert total == 99.0  # 甲's own, never 乙's 94
    assert "评查员乙" not in names
    _submit(p.store, p.review_a, p.a)  # one side submitted: still hidden
    assert [r.reviewer for r in list_reviews(p.store, p.dossier, viewer=p.a)] == ["评查员甲"]
    with pytest.raises(KnownError, match="背靠背"):
        get_review(p.store, p.review_a, viewer=p.b)
    assert "评查员甲" not in _row(p, p.b)[1]
    _submit(p.store, p.review_b, p.b)  # both submitted: each sees the other, item scores included
    seen = {r.reviewer: r for r in list_reviews(p.store, p.dossier, viewer=p.a)}
    assert set(seen) == {"评查员甲", "评查员乙"}
    assert seen["评查员乙"].total == 94.0
    assert seen["评查员乙"].item("procedure.filing").deducted == 3.0
    assert get_review(p.store, p.review_a, viewer=p.b).total == 99.0


def test_supervisor_sees_everything(pair: Pair) -> None:
    p = pair
    assert {r.reviewer for r in list_reviews(p.store, p.dossier, viewer=p.sup)} == {"评查员甲", "评查员乙"}
    assert get_review(p.store, p.review_b, viewer=p.sup).total == 94.0
    assert set(_row(p, p.sup)[1]) == {"评查员甲", "评查员乙"}


def test_reviewer_cannot_write_into_another_reviewers_review(pair: Pair) -> None:
    p = pair
    version = get_review(p.store, p.review_b).version
    for call in (
        lambda: save_item_score(p.store, p.review_b, "archiving.toc", deducted=3.0, reason="冒名", user=p.a,
                                expected_version=version),
        lambda: clear_item_score(p.store, p.review_b, "procedure.filing", user=p.a, expected_version=version),
        lambda: submit_review(p.store, p.review_b, user=p.a, expected_version=version),
    ):
        with pytest.raises(KnownError, match="属于其他评查人员") as info:
            call()
        assert info.value.code == "forbidden"
    after = get_review(p.store, p.review_b)
    assert (after.version, after.total, after.status) == (version, 94.0, "draft")
    with pytest.raises(KnownError, match="属于其他评查人员"):  # a supervisor writes their own review only
        save_item_score(p.store, p.review_b, "archiving.toc", deducted=3.0, reason="改判", user=p.sup,
                        expected_version=version)
