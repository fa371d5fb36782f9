"""Reviews on SQLite and PostgreSQL: draft with automatic values, save/clear/submit, row-version conflicts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import ConflictError, KnownError
from app.services import (
    ReviewDTO,
    Store,
    UserDTO,
    clear_item_score,
    ensure_user,
    import_paths,
    list_dossiers,
    list_events,
    open_review,
    open_store,
    save_item_score,
    submit_review,
    verify_audit_chain,
)
from app.services.dto import CampaignDTO
from app.store.models import FindingRow
from app.vocab.states import ReviewState
from scoring import score
from scoring.rubric import load_rubric
from scoring.types import Evidence, Finding, Override, Status
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]

OFFICERS = "subject.officers"  # 4 points, 每处扣2分, fed by officers_fewer_than_two


@pytest.fixture
def dossier_id(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> int:
    pdf = make_pdf(tmp_path / "案卷.pdf", dossier_pages(2, tag="甲"))
    report = import_paths(store, [pdf], campaign=campaign, user=reviewer, workers=0)
    dossier = report.imported[0].dossier_id
    with store.write() as session:  # a known automatic finding, as the rule engine would have stored it
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


FINDING = Finding(
    "officers_fewer_than_two",
    Status.FAIL,
    "调查取证执法人员只有 1 人",
    "《中华人民共和国行政处罚法》第四十二条",
    (Evidence(2, "执法人员：王某"),),
)


def test_open_review_prefills_automatic_values(
    store: Store, dossier_id: int, reviewer: UserDTO, campaign: CampaignDTO
) -> None:
    assert list_dossiers(store, campaign.id)[0].status is None  # 未评
    review = open_review(store, dossier_id, reviewer=reviewer)
    expected = score(load_rubric("penalty"), [FINDING], ())
    assert (review.status, review.total, review.grade, review.veto) == ("draft", expected.total, expected.grade, False)
    item = review.item(OFFICERS)
    assert (item.auto_deducted, item.deducted, item.overridden, item.reason) == (2.0, 2.0, False, "")
    assert item.category == "执法主体"
    assert len(review.items) == len(load_rubric("penalty").items)
    assert open_review(store, dossier_id, reviewer=reviewer).id == review.id  # same reviewer: same review
    assert list_dossiers(store, campaign.id)[0].status is None  # opening is not starting (issue 14.4)
    _save(store, review, reviewer, 2.0, "仅一名执法人员")
    assert list_dossiers(store, campaign.id)[0].status == ReviewState.DRAFT  # the first decision starts it


def _save(store: Store, review: ReviewDTO, user: UserDTO, deducted: float, reason: str) -> ReviewDTO:
    return save_item_score(
        store,
        review.id,
        OFFICERS,
        deducted=deducted,
        reason=reason,
        pages=(2,),
        user=user,
        expected_version=review.version,
    )


def test_save_rescores_with_the_engine_and_logs(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    saved = _save(store, review, reviewer, 4.0, "两处执法人员不足")
    expected = score(load_rubric("penalty"), [FINDING], [Override(OFFICERS, 4.0, "两处执法人员不足", (2,))])
    assert (saved.total, saved.grade, saved.version) == (expected.total, expected.grade, review.version + 1)
    item = saved.item(OFFICERS)
    assert (item.deducted, item.auto_deducted, item.reason, item.pages, item.overridden) == (
        4.0,
        2.0,
        "两处执法人员不足",
        (2,),
        True,
    )
    event = list_events(store, entity="review", entity_id=review.id)[0]
    assert (event.action, event.user, event.before, event.reason) == (
        "item_score.save",
        "张评查",
        None,
        "两处执法人员不足",
    )
    assert event.after == {"item": OFFICERS, "deducted": 4.0, "pages": [2], "total": expected.total}
    cleared = clear_item_score(store, review.id, OFFICERS, user=reviewer, expected_version=saved.version)
    assert (cleared.item(OFFICERS).deducted, cleared.item(OFFICERS).overridden) == (2.0, False)
    assert cleared.total == review.total
    assert verify_audit_chain(store).ok


def test_stale_version_is_a_conflict(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    _save(store, review, reviewer, 1.0, "理由一")
    with pytest.raises(ConflictError, match="已被他人修改"):
        _save(store, review, reviewer, 3.0, "理由二")  # still holds the old version


def test_out_of_range_and_unknown_item_are_refused(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    with pytest.raises(KnownError, match="0 到 4 分之间"):
        _save(store, review, reviewer, 5.0, "太多")
    with pytest.raises(KnownError, match="没有评查项"):
        save_item_score(
            store, review.id, "no.such", deducted=1, reason="x", user=reviewer, expected_version=review.version
        )


def test_submit_requires_reasons_then_locks(
    store: Store, dossier_id: int, reviewer: UserDTO, campaign: CampaignDTO
) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    with pytest.raises(KnownError, match="1 项自动扣分尚未确认") as unconfirmed:  # its reason is there
        submit_review(store, review.id, user=reviewer, expected_version=review.version)
    assert "没有填写扣分理由" not in str(unconfirmed.value)
    no_reason = _save(store, review, reviewer, 2.0, "  ")  # autosave before the reason is typed
    with pytest.raises(KnownError, match="扣分理由"):
        submit_review(store, review.id, user=reviewer, expected_version=no_reason.version)
    confirmed = _save(store, no_reason, reviewer, 2.0, "仅一名执法人员签名")
    submitted = submit_review(store, review.id, user=reviewer, expected_version=confirmed.version)
    assert (submitted.status, submitted.status_label, submitted.total) == ("submitted", "已提交", confirmed.total)
    assert list_dossiers(store, campaign.id)[0].status == ReviewState.SUBMITTED
    assert list_dossiers(store, campaign.id)[0].total == confirmed.total
    with pytest.raises(KnownError, match="不能再修改"):
        _save(store, submitted, reviewer, 0.0, "改")


def test_veto_item_confirmed_forces_fail(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    review = open_review(store, dossier_id, reviewer=reviewer)
    saved = save_item_score(
        store,
        review.id,
        "veto.wrong_party",
        deducted=1,
        reason="被处罚对象认定错误",
        user=reviewer,
        expected_version=review.version,
    )
    assert (saved.veto, saved.grade, saved.total) == (True, "不合格", 0.0)


def test_two_workstations_saving_at_once(store: Store, dossier_id: int, reviewer: UserDTO) -> None:
    """Both hold version v; exactly one save wins, the other gets a ConflictError (never an overwrite)."""
    review = open_review(store, dossier_id, reviewer=reviewer)
    stations = {1.0: store, 3.0: open_store(store.url, migrate=False)}  # two engines: two workstations
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def workstation(deducted: float) -> None:
        barrier.wait()
        try:
            _save(stations[deducted], review, reviewer, deducted, f"工作站扣 {deducted:g} 分")
            outcomes.append(f"saved {deducted:g}")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=workstation, args=(d,)) for d in (1.0, 3.0)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stations[3.0].dispose()
    assert sorted(outcomes)[0] == "conflict"
    assert len(outcomes) == 2
    assert sum(o.startswith("saved") for o in outcomes) == 1
    winner = float(next(o for o in outcomes if o.startswith("saved")).split()[1])
    fresh = open_review(store, dossier_id, reviewer=reviewer)
    assert (fresh.version, fresh.item(OFFICERS).deducted) == (review.version + 1, winner)


def test_second_reviewer_has_own_review(
    store: Store, dossier_id: int, reviewer: UserDTO, campaign: CampaignDTO
) -> None:
    other = ensure_user(store, "李复核")
    mine = open_review(store, dossier_id, reviewer=reviewer)
    theirs = open_review(store, dossier_id, reviewer=other)
    assert mine.id != theirs.id
    assert list_dossiers(store, campaign.id, reviewer="李复核") == []  # opened only: not under their names yet
    _save(store, mine, reviewer, 2.0, "仅一名执法人员")
    _save(store, theirs, other, 2.0, "仅一名执法人员")
    rows = list_dossiers(store, campaign.id, reviewer="李复核")
    assert [r.reviewers for r in rows] == [("张评查", "李复核")]
    with store.session() as session:
        assert session.scalars(select(FindingRow.rule)).all() == ["officers_fewer_than_two"]


def test_custom_rubric_file_and_auto_campaigns(store: Store, tmp_path: Path, reviewer: UserDTO) -> None:
    from app.services import create_campaign, get_dossier
    from scoring.resources import resource

    custom = tmp_path / "本地标准.yaml"
    custom.write_bytes(resource("rubrics", "penalty.yaml").read_bytes())
    own = create_campaign(store, "自定义标准活动", year=2025, rubric_id=str(custom), user=reviewer)
    assert (own.rubric_id, own.rubric_version) == (str(custom.resolve()), load_rubric(str(custom)).version)
    auto = create_campaign(store, "自动标准活动", year=2025, rubric_id="auto", user=reviewer)
    assert (auto.rubric_id, auto.rubric_version) == ("auto", "auto")
    pdf = make_pdf(tmp_path / "卷.pdf", dossier_pages(1, tag="自"))
    first = import_paths(store, [pdf], campaign=own, user=reviewer, workers=0).imported[0].dossier_id
    second = import_paths(store, [pdf], campaign=auto, user=reviewer, workers=0).imported[0].dossier_id
    assert get_dossier(store, first).rubric_id == str(custom.resolve())
    review = open_review(store, first, reviewer=reviewer)
    assert (review.rubric_id, len(review.items)) == (str(custom.resolve()), len(load_rubric("penalty").items))
    from scoring.rubric import rubric_for_kind

    detail = get_dossier(store, second)
    assert detail.rubric_id == rubric_for_kind(detail.kind).id
