"""Keyboard scoring: one key per decision, with focus anywhere in the review page.

* Enter — accept the current item as proposed (the automatic value and its reason, or what is set) and
  move to the next unconfirmed item;
* 0 … 9 — set the deduction to that many points (a veto item: 0 = does not apply, any other digit =
  applies) and move on; a deduction with no reason yet stays on the item and asks for one;
* Ctrl+1 … 9 — the n-th phrase of the item as its reason (deducting the proposed value if nothing is
  deducted yet), then move on: a digit and Ctrl+n make a deduction with its reason in two keys, Ctrl+n
  alone in one. The numbers of the shipped phrases never change (ui.phrases);
* + / = and - — half a point more / less; Del, Backspace — back to the automatic value (unconfirmed);
* N — next unconfirmed item, F — next item with an automatic finding, Space — its evidence,
  R or F2 — type the reason, ] — next dossier, Ctrl+Enter — submit.

Symbols come with Shift on most layouts (``+`` is Shift+=), so Shift is ignored for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent

from ui.undo import ItemState

if TYPE_CHECKING:
    from ui.widgets.score_sheet import ScoreSheet

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}
_SYMBOLS = frozenset({Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore,
                      Qt.Key.Key_BracketRight, Qt.Key.Key_BraceRight})
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("score_keys", text)


def _mods(event: QKeyEvent) -> Qt.KeyboardModifier:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() in _SYMBOLS:
        mods &= ~Qt.KeyboardModifier.ShiftModifier
    return Qt.KeyboardModifier(mods)


def is_phrase_key(event: QKeyEvent) -> bool:
    """Ctrl+1 … Ctrl+9 (taken even in a text field: it fills the reason)."""
    return _mods(event) == Qt.KeyboardModifier.ControlModifier and bool(_DIGITS.get(event.key()))


def handle(sheet: ScoreSheet, event: QKeyEvent) -> bool:
    """Apply a scoring key; False lets the widget handle it (arrows, Home, End, PgUp …)."""
    key, mods = event.key(), _mods(event)
    if mods == Qt.KeyboardModifier.ControlModifier:
        if _DIGITS.get(key):
            apply_phrase(sheet, _DIGITS[key])
            return True
        if key in _ENTER:
            sheet.submit_requested.emit()
            return True
        return False
    if mods != Qt.KeyboardModifier.NoModifier:
        return False
    if key in _DIGITS:
        set_deduction(sheet, _DIGITS[key])
        return True
    action = _plain_actions(sheet).get(key)
    if action is None:
        return False
    action()
    return True


def _plain_actions(sheet: ScoreSheet) -> dict[Any, Callable[[], object]]:
    return {
        Qt.Key.Key_Return: lambda: accept_and_next(sheet),
        Qt.Key.Key_Enter: lambda: accept_and_next(sheet),
        Qt.Key.Key_Delete: sheet.clear_current,
        Qt.Key.Key_Backspace: sheet.clear_current,
        Qt.Key.Key_Plus: lambda: step(sheet, +1),
        Qt.Key.Key_Equal: lambda: step(sheet, +1),
        Qt.Key.Key_Minus: lambda: step(sheet, -1),
        Qt.Key.Key_N: lambda: next_item(sheet, unscored=True),
        Qt.Key.Key_F: lambda: next_item(sheet, unscored=False),
        Qt.Key.Key_R: sheet.focus_reason,
        Qt.Key.Key_F2: sheet.focus_reason,
        Qt.Key.Key_Space: sheet.show_current_evidence,
        Qt.Key.Key_BracketRight: sheet.next_case_requested.emit,
    }


def accept_and_next(sheet: ScoreSheet) -> None:
    """Enter: the current item as proposed (or as already decided, with a typed reason) — then move on."""
    item = sheet.current_item()
    if item is None or sheet.locked:
        return
    decided = sheet.decision(item)
    if decided is None:
        sheet.confirm_current()
    else:
        sheet.flush_reason()
    if not _wants_reason(sheet, item):
        advance(sheet)


def set_deduction(sheet: ScoreSheet, number: int) -> None:
    """A digit: deduct that many points (clamped to the item's range) and move on if nothing is missing."""
    item = sheet.current_item()
    if item is None or sheet.locked:
        return
    _low, high = sheet.deduction_range(item)
    if sheet.is_veto_item(item):
        value = 1.0 if number else 0.0
    else:
        value = min(high, float(number))
        if number > high:
            sheet.hint.emit(_tr("本项最多扣 {high:g} 分，已按 {high:g} 分记").format(high=high))
    reason = sheet.reason_for(item) if value else ""
    sheet.set_item(item, ItemState(value, reason), text=_tr("不扣分") if not value else _tr("扣分"))
    if not _wants_reason(sheet, item):
        advance(sheet)


def _wants_reason(sheet: ScoreSheet, item: Any) -> bool:
    """A deduction without a reason keeps the cursor on its item and says how to give one."""
    decided = sheet.decision(item)
    if decided is None or not decided.deducted or decided.reason.strip():
        return False
    sheet.hint.emit(_tr("“{title}”扣 {n:g} 分，请填写扣分理由：Ctrl+1…9 选常用语，或按 R 输入").format(
        title=item.title, n=decided.deducted))
    return True


def step(sheet: ScoreSheet, direction: int) -> None:
    item = sheet.current_item()
    if item is None:
        return
    _low, high = sheet.deduction_range(item)
    decided = sheet.decision(item)
    current = decided.deducted if decided is not None and decided.deducted is not None else float(item.auto_deducted)
    value = min(high, max(0.0, float(current) + direction * 0.5))
    reason = sheet.reason_for(item) if value else ""
    sheet.set_item(item, ItemState(value, reason), text=_tr("修改扣分"))


def apply_phrase(sheet: ScoreSheet, number: int) -> None:
    """Ctrl+n: the n-th phrase as the reason of a deduction (the value set, else the proposed one); moves on."""
    item = sheet.current_item()
    if item is None or sheet.locked:
        return
    phrases = sheet.phrase_list(item)
    if number > len(phrases):
        sheet.hint.emit(_tr("本项只有 {n} 条常用语（“常用语…”可添加）").format(n=len(phrases)))
        return
    decided = sheet.decision(item)
    value = decided.deducted if decided is not None and decided.deducted else sheet.proposed(item)
    if sheet.is_veto_item(item):
        value = 1.0  # a reason for a veto item says it applies
    sheet.set_item(item, ItemState(float(value or 0.0), phrases[number - 1]), text=_tr("填入常用语"))
    if not _wants_reason(sheet, item):
        advance(sheet)


def _item_indexes(sheet: ScoreSheet) -> list[QModelIndex]:
    out: list[QModelIndex] = []
    for c in range(sheet.model.rowCount()):
        cat = sheet.model.index(c, 0)
        out.extend(sheet.model.index(r, 0, cat) for r in range(sheet.model.rowCount(cat)))
    return out


def _has_finding(sheet: ScoreSheet, item: Any) -> bool:
    auto = sheet.model.auto_of(item)
    status = auto.status.value if auto.status is not None else ""
    return bool(item.auto_deducted > 0 or item.needs_review or status in ("fail", "unknown"))


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
        wanted = not sheet.is_confirmed(item) if unscored else _has_finding(sheet, item)
        if wanted:
            sheet.tree.setCurrentIndex(idx)
            return True
    return False


def advance(sheet: ScoreSheet) -> None:
    """After a decision: the next unconfirmed item, or say that all are confirmed."""
    sheet.hint.emit("")  # what the last item asked for is done
    if not next_item(sheet, unscored=True):
        count = len(_item_indexes(sheet))
        sheet.hint.emit(_tr("全部 {n} 项已确认：Ctrl+Enter 提交").format(n=count))
