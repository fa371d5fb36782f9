"""Submitting means "I looked" (app.services.review_flow): what is unconfirmed, the named step, its audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import KnownError
from app.services import Store, UserDTO, import_paths, list_events, open_review, save_item_score
from app.services.dto import CampaignDTO
from app.services.review_flow import check_looked, confirm_rest_and_submit, looked_message, submit_looked
from app.store.models import FindingRow
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]

OFFICERS = "subject.officers"  # fed by officers_fewer_than_two: an automatic deduction


@pytest.fixture
def dossier_id(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> int:
    pdf = make_pdf(tmp_path / "案卷.pdf", dossier_pages(2, tag="甲"))
    dossier = import_paths(store, [pdf], campaign=campaign, user=reviewer, workers=0).imported[0].dossier_id
    with store.write() as session:  # one known automatic finding, as the rule engine stores it
        session.query(FindingRow).filter(FindingRow.dossier_id == dossier).delete()
        session.add(
            FindingRow(
                dossier_id=dossier,
                seq=0,
                rule="officers_fewer_than_two",
                status="fail",
                message="调查取证执法人员只有 1 人",
                legal_basis="《中华人民共和国行政处罚法》第四十二条",
                evidence=[{"page": 2, "text": "执法人员：王某"}],
                count=1,
            )
        )
    return dossier


def test_nothing_confirmed_is_refused_with_counts_and_the_automatic_item_not_called_reasonless(
    store: Store, dossier_id: int, reviewer: UserDTO
) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    check = check_looked(review)
    assert [i.item for i in check.automatic] == [OFFICERS]
    assert len(check.unconfirmed) == len(review.items)
    assert check.no_reason == ()
    with pytest.raises(KnownError, match=f"1 项自动扣分尚未确认.*{len(review.items) - 1} 项尚未确认") as refused:
        submit_looked(store, review.id, user=reviewer, expected_version=review.version)
    assert "扣分理由" not in str(refused.value)


def test_the_named_step_is_refused_while_an_automatic_deduction_is_unconfirmed(
    store: Store, dossier_id: int, reviewer: UserDTO
) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    with pytest.raises(KnownError, match="不能一次确认其余各项：1 项自动扣分尚未确认"):
        confirm_rest_and_submit(store, review.id, user=reviewer, expected_version=review.version)
    assert not [e for e in list_events(store, entity="review") if e.action == "review.confirm_rest"]


def test_the_named_step_confirms_the_rest_as_none_in_one_audited_event_then_submits(
    store: Store, dossier_id: int, reviewer: UserDTO
) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    confirmed = save_item_score(
        store,
        review.id,
        OFFICERS,
        deducted=2.0,
        reason="调查取证执法人员只有 1 人",
        user=reviewer,
        expected_version=review.version,
    )
    rest = check_looked(confirmed).rest
    assert len(rest) == len(review.items) - 1
    submitted = confirm_rest_and_submit(store, review.id, user=reviewer, expected_version=confirmed.version)
    assert submitted.status == "submitted"
    assert all(i.overridden for i in submitted.items)
    assert [(i.deducted, i.reason) for i in submitted.items if i.item != OFFICERS] == [(0.0, "")] * len(rest)
    assert submitted.total == confirmed.total  # the rest had no automatic deduction: the score is unchanged
    events = [e for e in list_events(store, entity="review") if e.action == "review.confirm_rest"]
    assert len(events) == 1
    assert sorted(events[0].after["items"]) == sorted(i.item for i in rest)
    assert events[0].user == reviewer.name


def test_a_confirmed_deduction_without_reason_is_named(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    saved = save_item_score(
        store, review.id, OFFICERS, deducted=2.0, reason=" ", user=reviewer, expected_version=review.version
    )
    check = check_looked(saved)
    assert [i.item for i in check.no_reason] == [OFFICERS]
    assert "1 个扣分项没有填写扣分理由" in looked_message(check)
