"""Keyboard scoring on the score tree: digits toggle, Enter confirms, N/F jump, Ctrl+digit fills a phrase."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent

from ui.undo import ItemState

if TYPE_CHECKING:
    from ui.widgets.score_sheet import ScoreSheet

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


def handle(sheet: ScoreSheet, event: QKeyEvent) -> bool:
    """Apply a scoring key; False lets the tree handle it (arrows, Home, End …)."""
    key = event.key()
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ctrl = mods == Qt.KeyboardModifier.ControlModifier
    plain = mods == Qt.KeyboardModifier.NoModifier
    if key in _DIGITS and ctrl and _DIGITS[key]:
        apply_phrase(sheet, _DIGITS[key])
        return True
    if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        sheet.submit_requested.emit()
        return True
    if not plain:
        return False
    actions: dict[Any, Any] = {
        Qt.Key.Key_Return: sheet.confirm_current,
        Qt.Key.Key_Enter: sheet.confirm_current,
        Qt.Key.Key_Delete: sheet.clear_current,
        Qt.Key.Key_Backspace: sheet.clear_current,
        Qt.Key.Key_Plus: lambda: step(sheet, +1),
        Qt.Key.Key_Equal: lambda: step(sheet, +1),
        Qt.Key.Key_Minus: lambda: step(sheet, -1),
        Qt.Key.Key_N: lambda: next_item(sheet, unscored=True),
        Qt.Key.Key_F: lambda: next_item(sheet, unscored=False),
        Qt.Key.Key_R: sheet.reason.setFocus,
        Qt.Key.Key_F2: sheet.reason.setFocus,
        Qt.Key.Key_Space: sheet.show_current_evidence,
        Qt.Key.Key_BracketRight: sheet.next_case_requested.emit,
    }
    if key in _DIGITS:
        number = _DIGITS[key]
        if number == 0:
            no_deduction(sheet)
        else:
            toggle(sheet, number)
        return True
    action = actions.get(key)
    if action is None:
        return False
    action()
    return True


def current_category(sheet: ScoreSheet) -> int:
    idx = sheet.tree.currentIndex()
    if not idx.isValid():
        return 0
    return idx.row() if idx.internalId() == 0 else idx.parent().row()


def toggle(sheet: ScoreSheet, number: int) -> None:
    """Item `number` (1-based) of the current category: deduct its proposed value, or take it back."""
    cat = sheet.model.index(current_category(sheet), 0)
    idx = sheet.model.index(number - 1, 0, cat)
    item = sheet.model.item_at(idx)
    if item is None:
        return
    sheet.tree.setCurrentIndex(idx)
    if item.deducted:
        sheet.set_item(item, ItemState(0.0, ""), text=sheet.tr("不扣分"))
    else:
        sheet.set_item(item, ItemState(sheet.proposed(item), item.reason or sheet.auto_reason(item)),
                       text=sheet.tr("扣分"))


def no_deduction(sheet: ScoreSheet) -> None:
    item = sheet.current_item()
    if item is not None:
        sheet.set_item(item, ItemState(0.0, ""), text=sheet.tr("不扣分"))


def step(sheet: ScoreSheet, direction: int) -> None:
    item = sheet.current_item()
    if item is None:
        return
    low, high = sheet.deduction_range(item)
    value = min(high, max(low, float(item.deducted) + direction * 0.5))
    reason = item.reason or sheet.auto_reason(item)
    sheet.set_item(item, ItemState(value, reason if value else ""), text=sheet.tr("修改扣分"))


def apply_phrase(sheet: ScoreSheet, number: int) -> None:
    item = sheet.current_item()
    if item is None:
        return
    phrases = sheet.phrases.phrases(item.item)
    if number > len(phrases):
        return
    value = float(item.deducted) if item.deducted else sheet.proposed(item)
    sheet.set_item(item, ItemState(value, phrases[number - 1]), text=sheet.tr("填入常用语"))


def _item_indexes(sheet: ScoreSheet) -> list[QModelIndex]:
    out: list[QModelIndex] = []
    for c in range(sheet.model.rowCount()):
        cat = sheet.model.index(c, 0)
        out.extend(sheet.model.index(r, 0, cat) for r in range(sheet.model.rowCount(cat)))
    return out


def next_item(sheet: ScoreSheet, *, unscored: bool) -> bool:
    """Move to the next item not yet confirmed (or with an automatic finding), wrapping around."""
    indexes = _item_indexes(sheet)
    if not indexes:
        return False
    cur = sheet.current_item()
    start = next((i for i, idx in enumerate(indexes) if cur is not None
                  and sheet.model.item_at(idx).item == cur.item), -1)
    for k in range(1, len(indexes) + 1):
        idx = indexes[(start + k) % len(indexes)]
        item = sheet.model.item_at(idx)
        auto = sheet.model.auto_of(item)
        wanted = (not item.overridden) if unscored else (
            item.auto_deducted > 0 or item.needs_review or (auto.status is not None and auto.status.value in ("fail", "unknown")))
        if wanted:
            sheet.tree.setCurrentIndex(idx)
            return True
    return False
