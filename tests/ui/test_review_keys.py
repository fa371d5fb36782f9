"""The reviewer's keyboard flow (issue 14.1, 14.2), driven with real key presses on the real window.

One key per decision with focus anywhere in the review page; a submit that lists what was not looked at
and never submits or cancels silently; the named step 其余 N 项确认为不扣分并提交 in the audit log; the
keystrokes of a 48-item dossier with 3 deductions from the start-up case list to submitted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import app.services as api
from tests.ui.conftest import LATE_CASE, write_pdf
from tests.ui.conftest import wait_idle as wait_idle
from ui.phrases import shipped_library

LATE = "案卷一-超期.pdf"
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keys:
    """Presses keys on whatever widget has the keyboard focus, as a reviewer does, and counts them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, key: Any, mods: Qt.KeyboardModifier = NONE) -> None:
        target = QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        self.qtbot.keyClick(target, key, mods)
        self.count += 1


@pytest.fixture
def opened(qtbot: Any, runtime: Any, window: Any, imported: dict[str, int]) -> Any:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(imported[LATE])
    wait_idle(qtbot, runtime)
    return window


def _dialog(qtbot: Any, window: Any) -> Any:
    """The submit dialog, once it has the keyboard (as a user sees it: the window that opened on top)."""
    # it opens once the saves queued behind the keys are in (slow under load), showing the saved total
    qtbot.waitUntil(lambda: window.review_page.submit_dialog is not None, timeout=240000)
    dialog = window.review_page.submit_dialog
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    return dialog


def _stored(services: Any, window: Any) -> Any:
    return api.get_review(services.store, window.review_page.session.review_id)


def _rubric(tmp_path: Path, vetoes: int) -> Path:
    """The shipped 处罚 rubric (41 scored items, 17 vetoes) with its first `vetoes` vetoes."""
    from scoring.rubric import resource

    raw = yaml.safe_load((resource("rubrics") / "penalty.yaml").read_text(encoding="utf-8"))
    raw["vetoes"] = raw["vetoes"][:vetoes]
    path = tmp_path / f"penalty{vetoes}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("items", "most"), [(48, 60), (58, 70)], ids=["issue-48", "shipped-58"])
def test_48_items_3_deductions_from_start_up_to_submitted_in_at_most_60_keys(
        qtbot: Any, runtime: Any, window: Any, services: Any, tmp_path: Path, items: int, most: int) -> None:
    """The issue's dossier has 48 items (the shipped rubric cut to its 41 scored items and 7 vetoes);
    the full shipped rubric (58) is measured too, at the same rate (one key per further item)."""
    rubric = _rubric(tmp_path, vetoes=items - 41)
    campaign = api.create_campaign(services.store, "按键计数", year=2026, rubric_id=str(rubric), user=services.user)
    api.import_paths(services.store, [write_pdf(tmp_path / LATE, LATE_CASE)], campaign=campaign,
                     user=services.user, workers=0)
    window.load_campaigns(select="按键计数")
    wait_idle(qtbot, runtime)
    assert window.case_list.view.hasFocus()  # start-up: Enter opens the selected dossier
    keys = Keys(qtbot)
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        keys(Qt.Key.Key_Return)
    wait_idle(qtbot, runtime)
    sheet = window.review_page.sheet
    review = sheet.session.review
    assert len(review.items) == items
    # Three items the checks found nothing on get a deduction with a reason from the shipped phrases:
    # the first with a digit then Ctrl+2, the other two with Ctrl+1 alone (the rubric's value).
    plain = [i for i in review.items if not i.veto_item and not i.auto_deducted and i.points >= 2]
    targets = {plain[0].item: "digit", plain[5].item: "phrase", plain[-1].item: "phrase"}
    done: dict[str, int] = {}
    for _ in range(200):
        item = sheet.current_item()
        if sheet.is_confirmed(item):
            break  # every item confirmed: advance() stays on the last one
        how = targets.get(item.item)
        if how == "digit":
            keys(Qt.Key.Key_2)
            assert sheet.current_item().item == item.item  # a deduction without a reason waits for one
            keys(Qt.Key.Key_2, CTRL)
        elif how == "phrase":
            keys(Qt.Key.Key_1, CTRL)
        else:
            keys(Qt.Key.Key_Return)
        done[item.item] = done.get(item.item, 0) + 1
    assert set(done) == {i.item for i in review.items}
    assert set(done.values()) == {1}
    keys(Qt.Key.Key_Return, CTRL)
    dialog = _dialog(qtbot, window)
    assert f"得分 {_stored(services, window).total:g}，" in dialog.summary.text()  # the saved total, not a stale one
    assert dialog.submit_btn is not None
    assert dialog.submit_btn.isDefault()
    assert dialog.submit_btn.text() == "提交评查"
    keys(Qt.Key.Key_Return)
    wait_idle(qtbot, runtime, timeout=60000)
    qtbot.waitUntil(lambda: _stored(services, window).status == "submitted", timeout=10000)
    stored = _stored(services, window)
    phrases = shipped_library("penalty")
    by_digit = stored.item(plain[0].item)
    assert (by_digit.deducted, by_digit.reason) == (2.0, phrases[plain[0].item][1])
    for alone in (plain[5], plain[-1]):
        got = stored.item(alone.item)
        assert got.deducted > 0
        assert got.reason == phrases[alone.item][0]
    assert all(i.overridden for i in stored.items)  # every item was looked at
    print(f"\nkeystrokes, start-up to submitted, {items} items, 3 deductions: {keys.count}")
    assert keys.count <= most


def test_ctrl_enter_lists_what_is_unconfirmed_and_enter_goes_there(
        qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    window = opened
    sheet = window.review_page.sheet
    window.focus_score_sheet()
    keys = Keys(qtbot)
    keys(Qt.Key.Key_Return)  # one item confirmed, the cursor moves on
    wait_idle(qtbot, runtime)
    keys(Qt.Key.Key_Return, CTRL)
    dialog = _dialog(qtbot, window)
    assert dialog is not None
    assert dialog.isVisible()
    count = len(sheet.session.review.items)
    assert dialog.items.count() == count - 1  # each unconfirmed item listed by title
    assert any(sheet.session.review.item(dialog.first_item).title in dialog.items.item(r).text()
               for r in range(dialog.items.count()))
    assert dialog.submit_btn is None  # nothing here submits an unlooked-at review
    assert dialog.rest_btn is None  # an automatic deduction is unconfirmed: one by one
    assert dialog.go_btn is not None
    assert dialog.go_btn.isDefault()
    assert dialog.go_btn.text() == "转到第一个未确认项"
    keys(Qt.Key.Key_Return)  # does what its default button says
    qtbot.waitUntil(lambda: window.review_page.submit_dialog is None, timeout=2000)
    assert sheet.current_item().item == dialog.first_item
    qtbot.waitUntil(sheet.tree.hasFocus, timeout=2000)
    assert _stored(services, window).status == "draft"


def test_unconfirmed_automatic_deduction_is_named_as_unconfirmed_not_as_missing_a_reason(
        qtbot: Any, runtime: Any, opened: Any) -> None:
    from ui.dialogs.submit import SubmitDialog

    review = opened.review_page.sheet.seen_review()
    automatic = next(i for i in review.items if i.auto_deducted > 0)
    dialog = SubmitDialog(review)
    texts = [dialog.items.item(r).text() for r in range(dialog.items.count())]
    line = next(t for t in texts if t.startswith(automatic.title))
    assert "请逐项确认" in line
    assert "缺少扣分理由" not in line


def test_the_rest_confirmed_as_no_deduction_in_one_named_audited_step(
        qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    window = opened
    sheet = window.review_page.sheet
    window.focus_score_sheet()
    keys = Keys(qtbot)
    review = sheet.session.review
    one_by_one = [i for i in review.items if i.auto_deducted > 0 or i.veto or i.needs_review]
    for item in one_by_one:  # the automatic findings are looked at one by one (Enter accepts)
        sheet.go_to_item(item.item)
        keys(Qt.Key.Key_Return)
    wait_idle(qtbot, runtime, timeout=30000)
    keys(Qt.Key.Key_Return, CTRL)
    dialog = _dialog(qtbot, window)
    rest = len(review.items) - len(one_by_one)
    assert dialog.rest_btn is not None
    assert dialog.rest_btn.text() == f"其余 {rest} 项确认为不扣分并提交"
    assert not dialog.rest_btn.isDefault()  # the batch step is never what a stray Enter does
    qtbot.mouseClick(dialog.rest_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored(services, window).status == "submitted", timeout=10000)
    stored = _stored(services, window)
    assert all(i.overridden for i in stored.items)
    events = [e for e in api.list_events(services.store, entity="review") if e.action == "review.confirm_rest"]
    assert len(events) == 1
    assert len(events[0].after["items"]) == rest
    qtbot.waitUntil(lambda: sheet.locked, timeout=10000)  # the window hears of the submit after the database


def test_keys_work_with_focus_in_the_viewer_and_the_findings(qtbot: Any, runtime: Any, opened: Any,
                                                              services: Any) -> None:
    window = opened
    page = window.review_page
    sheet = page.sheet
    window.focus_score_sheet()
    first = sheet.current_item()
    page.viewer.scroll_area.setFocus()
    keys = Keys(qtbot)
    keys(Qt.Key.Key_0)  # a digit with the page viewer focused: no deduction, next item
    assert sheet.is_confirmed(first)
    assert sheet.current_item().item != first.item
    zoom = page.viewer.canvas.zoom
    keys(Qt.Key.Key_Plus, CTRL)
    assert page.viewer.canvas.zoom > zoom
    keys(Qt.Key.Key_Equal, CTRL)  # the same key without Shift
    keys(Qt.Key.Key_Minus, CTRL)
    keys(Qt.Key.Key_F, CTRL)
    assert page.viewer.find_edit.hasFocus()
    keys(Qt.Key.Key_5)  # typing in the find box is typing
    assert page.viewer.find_edit.text() == "5"
    page.panel.setCurrentIndex(0)
    page.panel.findings_view.setFocus()
    second = sheet.current_item()
    keys(Qt.Key.Key_Return)  # Enter with the findings list focused accepts the proposal
    assert sheet.is_confirmed(second)
    assert sheet.current_item().item != second.item
    third = sheet.current_item()
    keys(Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)  # "+" is Shift+= on the keyboard
    wait_idle(qtbot, runtime)
    assert _stored(services, window).item(third.item).deducted == third.auto_deducted + 0.5


def _shortcut_owners(window: Any) -> list[tuple[str, Any, Any]]:
    from PySide6.QtGui import QAction, QShortcut

    owners: list[tuple[str, Any, Any]] = []
    for act in window.findChildren(QAction):
        owners += [(s.toString(), act, act.shortcutContext()) for s in act.shortcuts() if not s.isEmpty()]
    for sc in window.findChildren(QShortcut):
        owners += [(s.toString(), sc, sc.context()) for s in sc.keys() if not s.isEmpty()]  # noqa: SIM118 (a QShortcut, not a dict)
    return owners


def _widget_scoped(ctx: Any) -> bool:
    return ctx in (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)


def _disjoint(a: Any, ctx_a: Any, b: Any, ctx_b: Any) -> bool:
    """Two bindings of one key can never be active at once: both belong to widgets, neither inside the other."""
    if a is b or not (_widget_scoped(ctx_a) and _widget_scoped(ctx_b)):
        return False
    wa, wb = a.parent(), b.parent()
    return wa is not wb and not wa.isAncestorOf(wb) and not wb.isAncestorOf(wa)


def _active(owner: Any, ctx: Any, focus: Any) -> bool:
    if not _widget_scoped(ctx):
        return True
    widget = owner.parent()
    return focus is widget or (ctx == Qt.ShortcutContext.WidgetWithChildrenShortcut and widget.isAncestorOf(focus))


def test_no_key_is_bound_twice_and_every_shortcut_fires_from_the_review_page(
        qtbot: Any, runtime: Any, opened: Any) -> None:
    from PySide6.QtCore import QEvent, QObject, qInstallMessageHandler
    from PySide6.QtGui import QKeySequence

    window = opened
    owners = _shortcut_owners(window)
    assert "Ctrl+Y" in [s for s, _o, _c in owners]
    assert "Ctrl+Shift+Z" in [s for s, _o, _c in owners]
    for n, (seq, owner, ctx) in enumerate(owners):  # no key bound twice where both could be active
        for seq2, owner2, ctx2 in owners[n + 1:]:
            if seq2 == seq:
                assert _disjoint(owner, ctx, owner2, ctx2), f"{seq} is bound to both {owner} and {owner2}"

    fired: list[Any] = []

    class Catch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Shortcut:
                fired.append(watched)
                return True  # recorded, not run (no dialog, no quit)
            return False

    catch = Catch()
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _t, _c, msg: messages.append(msg))
    try:
        page = window.review_page
        focus_points = [page.sheet.tree, page.viewer.scroll_area, page.panel.findings_view]
        for _seq, owner, _ctx in owners:
            owner.installEventFilter(catch)
        for target in focus_points:
            page.panel.setCurrentWidget(page.sheet if target is page.sheet.tree else page.panel.widget(0))
            target.setFocus()
            for seq, owner, ctx in owners:
                if not owner.isEnabled() or not _active(owner, ctx, target):
                    continue
                fired.clear()
                key = QKeySequence(seq)[0]
                qtbot.keyClick(target, key.key(), key.keyboardModifiers())
                assert not [m for m in messages if "Ambiguous" in m], (seq, messages)
                assert fired == [owner], f"{seq} with focus on {type(target).__name__}: {fired} instead of {owner}"
    finally:
        qInstallMessageHandler(previous)
        for _seq, owner, _ctx in owners:
            owner.removeEventFilter(catch)
