"""Cross review in the window (issue 14.4): the other reviewer's score and name stay hidden until both have
submitted, and opening a dossier does not start it — it becomes 评查中 under your name at the first edit."""

from __future__ import annotations

from typing import Any

import app.services as api
from app.services.users import ensure_user
from app.stats import Filters
from app.store.models import Assignment
from tests.ui.conftest import wait_idle
from tests.ui.test_blind import QUICK
from ui.models.cases import CaseTableModel


def _cell(window: Any, dossier_id: int, col: int) -> str:
    model = window.case_list.model
    return str(model.index(model.row_of(dossier_id), col).data() or "")


def _pair(services: Any, imported: dict[str, int]) -> tuple[Any, Any, int]:
    store = services.store
    campaign = api.get_campaign(store, "二〇二四年度评查")
    me = ensure_user(store, "评查员丁", role="reviewer")
    other = ensure_user(store, "评查员丙", role="reviewer")
    did = imported[QUICK]
    with store.write() as session:
        for slot, user in ((1, me), (2, other)):
            session.add(Assignment(campaign_id=campaign.id, dossier_id=did, reviewer_id=user.id, slot=slot,
                                   blind=False, seed="1"))
    _submit(store, other, did, "丙的理由")  # 丙 scores first and submits
    services.user = me
    return me, other, did


def _submit(store: Any, user: Any, did: int, reason: str) -> None:
    review = api.open_review(store, did, reviewer=user)
    for row in review.items:  # every deduction needs the reviewer's reason before submitting
        if row.deducted or row is review.items[0]:
            review = api.save_item_score(store, review.id, row.item, deducted=row.deducted or 1.0,
                                         reason=reason, user=user, expected_version=review.version)
    api.submit_review(store, review.id, user=user, expected_version=review.version)


def test_other_reviewers_score_and_name_hidden_until_both_submit(qtbot: Any, runtime: Any, window: Any,
                                                                 services: Any, imported: dict[str, int]) -> None:
    me, other, did = _pair(services, imported)
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    row = " ".join(_cell(window, did, c) for c in range(window.case_list.model.columnCount()))
    assert "评查员丙" not in row
    assert _cell(window, did, CaseTableModel.COL_TOTAL) == ""
    assert _cell(window, did, CaseTableModel.COL_STATUS) == "未评"  # 丙's submission is not shown as progress

    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(did)
    wait_idle(qtbot, runtime)
    page = window.review_page
    sheet_text = "\n".join(str(page.sheet.model.index(r, c, p).data() or "")
                           for p in [page.sheet.model.index(k, 0) for k in range(page.sheet.model.rowCount())]
                           for r in range(page.sheet.model.rowCount(p)) for c in range(page.sheet.model.columnCount()))
    assert "丙的理由" not in sheet_text
    assert "评查员丙" not in window.windowTitle()

    _submit(services.store, me, did, "丁的理由")  # both submitted: each sees the other
    window.case_list.refresh()
    wait_idle(qtbot, runtime)
    assert other.name in _cell(window, did, CaseTableModel.COL_REVIEWER)


def test_opening_is_not_starting(qtbot: Any, runtime: Any, window: Any, services: Any,
                                 imported: dict[str, int]) -> None:
    from PySide6.QtCore import Qt

    window.load_campaigns()
    wait_idle(qtbot, runtime)
    did = imported[QUICK]
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(did)
    wait_idle(qtbot, runtime)
    window.case_list.refresh()
    wait_idle(qtbot, runtime)
    assert _cell(window, did, CaseTableModel.COL_STATUS) == "未评"
    assert services.user.name not in _cell(window, did, CaseTableModel.COL_REVIEWER)
    assert services.dashboard(window.campaign.id, Filters()).progress.in_progress == 0
    assert window.review_page.sheet.model.rowCount() > 0  # the automatic proposal is on screen all the same

    sheet = window.review_page.sheet
    window.focus_score_sheet()
    first = sheet.model.index(0, 0)
    sheet.tree.setCurrentIndex(sheet.model.index(0, 0, first))
    qtbot.keyClick(sheet.tree, Qt.Key.Key_2)  # the first real edit: deduct 2 points
    wait_idle(qtbot, runtime)
    qtbot.waitUntil(lambda: window.review_page.session is not None and window.review_page.session.pending == 0)
    window.case_list.refresh()
    wait_idle(qtbot, runtime)
    assert _cell(window, did, CaseTableModel.COL_STATUS) == "评查中"
    assert services.user.name in _cell(window, did, CaseTableModel.COL_REVIEWER)
    assert services.dashboard(window.campaign.id, Filters()).progress.in_progress == 1
