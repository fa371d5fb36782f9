"""Reviewing one dossier in the real window: evidence clicks, keyboard scoring, undo, autosave, submit, conflict."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import Qt

import app.services as api
from tests.ui.conftest import wait_idle

LATE = "案卷一-超期.pdf"
ITEM = "procedure.decision_time_limit"  # 3 points, automatic deduction 3 from decision_over_90_days


@pytest.fixture
def opened(qtbot: Any, runtime: Any, window: Any, imported: dict[str, int]) -> Any:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(imported[LATE])
    wait_idle(qtbot, runtime)
    return window


def _db_item(services: Any, window: Any, item: str = ITEM) -> Any:
    return api.get_review(services.store, window.review_page.session.review_id).item(item)


def _focus_item(qtbot: Any, window: Any, item: str) -> Any:
    window.focus_score_sheet()
    sheet = window.review_page.sheet
    sheet.tree.setCurrentIndex(sheet.model.index_of(item))
    return sheet


def test_open_dossier_shows_pages_documents_fields(opened: Any) -> None:
    page = opened.review_page
    assert opened.stack.currentWidget() is page
    assert page.viewer.page_count() == 4
    assert page.viewer.current_page() == 1
    assert page.panel.documents.rowCount() == 4
    assert page.panel.tabText(0) == f"问题 ({page.panel.findings.rowCount()})"
    auto_total = page.session.review.total
    assert f"得分 <b>{auto_total:g}</b> / 100" in page.sheet.summary.text()  # the automatic pre-score, live
    assert auto_total == opened.case_list.model.row_dto(opened.case_list.model.row_of(page.dossier_id())).auto_total


def test_click_finding_moves_viewer_to_its_page_and_highlights(qtbot: Any, opened: Any) -> None:
    page = opened.review_page
    page.viewer.go_to_page(4)
    assert page.viewer.current_page() == 4
    model = page.panel.findings
    row = next(r for r in range(model.rowCount()) if model.row_at(r).rule == "decision_over_90_days")
    view = page.panel.findings_view
    view.scrollTo(model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 1)).center())
    assert page.viewer.current_page() == 1
    hl = page.viewer.highlights()
    assert [h.page for h in hl] == [0]
    evidence = model.row_at(row).evidence[0]
    assert evidence.text == "立案日期：2024年3月4日"
    assert hl[0].rect == evidence.box


def test_click_field_finds_the_words_on_its_page(qtbot: Any, opened: Any) -> None:
    page = opened.review_page
    model = page.panel.fields
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "送达日期")
    page.panel.setCurrentIndex(1)
    view = page.panel.fields_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 1)).center())
    assert page.viewer.current_page() == 4
    assert [h.page for h in page.viewer.highlights()] == [3]


def test_digit_deducts_moves_on_autosaves_within_a_second_and_undo_redo(qtbot: Any, runtime: Any, opened: Any,
                                                                         services: Any) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    before = _db_item(services, opened)
    assert (before.overridden, before.deducted) == (False, 3.0)
    total_before = opened.review_page.session.review.total
    start = time.monotonic()
    qtbot.keyClick(sheet.tree, "0")  # no deduction: one key, and the cursor is on the next unconfirmed item
    assert sheet.current_item().item != ITEM
    assert not sheet.is_confirmed(sheet.current_item())
    qtbot.waitUntil(lambda: _db_item(services, opened).overridden, timeout=1000)
    assert time.monotonic() - start < 1.0
    saved = _db_item(services, opened)
    assert (saved.deducted, saved.reason) == (0.0, "")
    wait_idle(qtbot, runtime)
    assert opened.review_page.session.review.total == total_before + 3.0
    assert f"得分 <b>{total_before + 3.0:g}</b>" in sheet.summary.text()
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not _db_item(services, opened).overridden, timeout=2000)
    assert _db_item(services, opened).deducted == 3.0
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _db_item(services, opened).overridden, timeout=2000)
    assert _db_item(services, opened).deducted == 0.0
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not _db_item(services, opened).overridden, timeout=2000)
    qtbot.keyClick(opened.review_page.viewer.scroll_area, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _db_item(services, opened).overridden, timeout=2000)  # Ctrl+Y redoes too


def test_enter_confirms_the_automatic_deduction_with_its_reason(qtbot: Any, runtime: Any, opened: Any,
                                                                  services: Any) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _db_item(services, opened).overridden, timeout=2000)
    saved = _db_item(services, opened)
    assert saved.deducted == 3.0
    assert saved.reason == "决定日期 2024-07-01 距立案日期 2024-03-04 已 119 日，超过 90 日且无延期审批"


def test_phrase_key_fills_the_reason(qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    from ui.phrases import PhraseLibrary, shipped_library

    sheet = _focus_item(qtbot, opened, ITEM)
    shipped = list(shipped_library("penalty")[ITEM])
    assert len(shipped) >= 2  # a fresh install has phrases: Ctrl+1 … work before anything is learned
    sheet.phrases.set_phrases(ITEM, ["未经负责人批准延长办案期限（自拟）"])  # learned: numbered after the shipped
    assert sheet.phrase_list(sheet.current_item())[: len(shipped) + 1] == [
        *shipped, "未经负责人批准延长办案期限（自拟）"
    ]
    qtbot.keyClick(sheet.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _db_item(services, opened).overridden, timeout=2000)
    assert (_db_item(services, opened).deducted, _db_item(services, opened).reason) == (3.0, shipped[1])
    assert sheet.current_item().item != ITEM  # the decision is complete: on to the next item
    assert (
        PhraseLibrary(sheet.phrases.path).phrases(ITEM, rubric="penalty")[len(shipped)]
        == "未经负责人批准延长办案期限（自拟）"
    )


def test_next_unscored_and_next_finding_keys(qtbot: Any, runtime: Any, opened: Any) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Return)
    wait_idle(qtbot, runtime)
    qtbot.keyClick(sheet.tree, Qt.Key.Key_F)
    found = sheet.current_item()
    assert found.item != ITEM
    assert (
        found.auto_deducted > 0 or found.needs_review or sheet.model.auto_of(found).status.value in ("fail", "unknown")
    )
    qtbot.keyClick(sheet.tree, Qt.Key.Key_N)
    assert not sheet.current_item().overridden


def test_conflict_dialog_on_concurrent_save_then_reload(qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    session = opened.review_page.session
    # the same reviewer on another workstation (nobody else may write into this review)
    api.save_item_score(
        services.store,
        session.review_id,
        ITEM,
        deducted=1.0,
        reason="另一台工作站的修改",
        user=services.user,
        expected_version=session.review.version,
    )
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened.review_page.conflict_box is not None, timeout=3000)
    box = opened.review_page.conflict_box
    assert box.windowTitle() == "评查表已被他人修改"
    assert box.isVisible()
    assert _db_item(services, opened).reason == "另一台工作站的修改"  # nothing overwritten
    reload_button = next(b for b in box.buttons() if b.text() == "重新载入")
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runtime)
    sheet.go_to_item(ITEM)  # Enter had moved on to the next item
    assert sheet.current_item().reason == "另一台工作站的修改"
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: _db_item(services, opened).deducted == 1.5, timeout=2000)


def test_next_case_key_opens_the_next_dossier(qtbot: Any, runtime: Any, opened: Any, imported: dict[str, int]) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    with qtbot.waitSignal(opened.review_page.loaded, timeout=10000) as blocker:
        qtbot.keyClick(sheet.tree, Qt.Key.Key_BracketRight)
    assert blocker.args == [imported["案卷二.pdf"]]


def test_enter_in_the_case_list_opens_the_dossier_keyboard_only(
    qtbot: Any, runtime: Any, window: Any, imported: dict[str, int], services: Any
) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    window.show_list()
    window.case_list.select(imported["案卷二.pdf"])
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000) as blocker:
        qtbot.keyClick(window.case_list.view, Qt.Key.Key_Return)
    assert blocker.args == [imported["案卷二.pdf"]]
    wait_idle(qtbot, runtime)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    sheet = window.review_page.sheet
    assert sheet.tree.hasFocus()
    qtbot.keyClick(sheet.tree, Qt.Key.Key_N)
    item = sheet.current_item().item
    qtbot.keyClick(sheet.tree, Qt.Key.Key_0)  # no deduction for the first unconfirmed item
    qtbot.waitUntil(lambda: api.get_review(services.store, sheet.session.review_id).item(item).overridden, timeout=2000)


def test_a_typed_reason_is_saved_without_enter(qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    sheet = _focus_item(qtbot, opened, ITEM)
    qtbot.keyClick(sheet.tree, Qt.Key.Key_R)
    edit = sheet.reason.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "p.3 late")  # QTest types ASCII; Chinese comes through the IME the same way
    qtbot.waitUntil(lambda: _db_item(services, opened).reason == "p.3 late", timeout=2000)
    qtbot.keyClicks(edit, " decision")
    sheet.tree.setFocus()
    sheet.tree.setCurrentIndex(sheet.model.index(0, 0, sheet.model.index(0, 0)))  # move on at once, no Enter
    qtbot.waitUntil(lambda: _db_item(services, opened).reason == "p.3 late decision", timeout=1000)
    assert _db_item(services, opened).deducted == 3.0
