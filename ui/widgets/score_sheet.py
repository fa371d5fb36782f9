"""Score sheet: rubric tree, the current item's editor, live total/grade/veto, keyboard scoring.

The 评分表 tab holds the summary, the tree and the current item's editor (ui.widgets.item_editor); the
keys themselves work with focus anywhere in the review page (ui.widgets.score_keys, ui.widgets.review_page).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from app.services.review_flow import check_looked
from scoring.rubric import Rubric, RubricItem
from scoring.types import Finding
from ui.models.score_tree import ScoreTreeModel
from ui.phrases import PhraseLibrary
from ui.undo import ItemState, ScoreItemCommand
from ui.widgets import score_keys
from ui.widgets.item_editor import ItemEditor

WIDE = 760  # from this width on the tree also shows the reason column


class ScoreTreeView(QTreeView):
    """Hands the scoring keys to the sheet before the default tree navigation sees them.

    Signals:
        key(object): a QKeyEvent the sheet handled (for tests and status display).
    """

    key = Signal(object)

    def __init__(self, sheet: ScoreSheet) -> None:
        super().__init__()
        self._sheet = sheet

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if score_keys.handle(self._sheet, event):
            self.key.emit(event)
            event.accept()
            return
        super().keyPressEvent(event)


class ScoreSheet(QWidget):
    """The reviewer's score sheet for one review.

    Signals:
        next_case_requested(): the reviewer asked for the next dossier.
        evidence_requested(object): show a Finding's evidence in the viewer.
        submit_requested(): the reviewer asked to submit (the window checks and submits).
        hint(str): what the last key did or needs (shown under the editor and in the status bar).
    """

    next_case_requested = Signal()
    evidence_requested = Signal(object)
    submit_requested = Signal()
    hint = Signal(str)

    def __init__(self, undo_stack: QUndoStack, phrases: PhraseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.phrases = phrases
        self.session: Any = None
        self.rubric: Rubric | None = None
        self.locked = True
        self.last_hint = ""
        self.model = ScoreTreeModel(self)
        self.tree = ScoreTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full title: tooltip and editor
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.doubleClicked.connect(lambda _i: self.show_current_evidence())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.editor = ItemEditor()
        self._wire_editor()
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 0)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)
        box.addWidget(self.editor)
        self.hint.connect(self._on_hint)
        self.set_locked(True)

    # the editor's widgets, by their old names (the window, printing and tests use them) -------
    @property
    def spin(self) -> Any:
        return self.editor.spin

    @property
    def reason(self) -> Any:
        return self.editor.reason

    @property
    def confirm_btn(self) -> Any:
        return self.editor.confirm_btn

    @property
    def item_label(self) -> Any:
        return self.editor.item_label

    def _wire_editor(self) -> None:
        e = self.editor
        e.spin.editingFinished.connect(self._on_spin_finished)
        edit = e.reason.lineEdit()
        assert edit is not None
        edit.returnPressed.connect(self._on_reason_entered)
        # A typed reason is saved 0.7 s after the last keystroke, and at once when the reviewer moves on.
        self._shown_item: str | None = None
        self._reason_timer = QTimer(self)
        self._reason_timer.setSingleShot(True)
        self._reason_timer.setInterval(700)
        self._reason_timer.timeout.connect(self.flush_reason)
        edit.textEdited.connect(lambda _t: self._reason_timer.start())
        e.reason.activated.connect(lambda _i: self._on_reason_entered())
        e.confirm_btn.clicked.connect(lambda: score_keys.accept_and_next(self))
        e.clear_btn.clicked.connect(self.clear_current)
        e.phrases_btn.clicked.connect(self.edit_phrases)
        e.submit_btn.clicked.connect(self.submit_requested)

    def _on_hint(self, text: str) -> None:
        self.last_hint = text
        self.editor.hint_label.setText(text)

    # loading -----------------------------------------------------------------------
    def set_review(self, session: Any, *, rubric: Rubric | None, findings: Sequence[Finding] = ()) -> None:
        self.flush_reason()  # a reason still being typed belongs to the review being left
        self.session = session
        self.rubric = rubric
        self.undo_stack.clear()
        self.model.set_review(session.review, findings)
        session.changed.connect(self._on_review_changed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ScoreTreeModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(30)
        for col, width in ((ScoreTreeModel.COL_POINTS, 40), (ScoreTreeModel.COL_AUTO, 78),
                           (ScoreTreeModel.COL_PROPOSED, 40), (ScoreTreeModel.COL_DEDUCTED, 40),
                           (ScoreTreeModel.COL_REASON, 160)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self._fit_columns()
        self.tree.expandAll()
        self._update_summary()
        self.set_locked(session.review.status != "draft")
        self.hint.emit("")
        first = self.model.index(0, 0, self.model.index(0, 0))
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """A narrow sheet gives the titles the width the reason column would take (the editor shows it)."""
        self.tree.setColumnHidden(ScoreTreeModel.COL_REASON, self.width() < WIDE)

    def _on_review_changed(self, review: Any) -> None:
        current = self.current_item()
        if self.model.update_review(review):
            self.tree.expandAll()
        self._update_summary()
        self.set_locked(review.status != "draft")
        if current is not None:
            idx = self.model.index_of(current.item)
            if idx.isValid() and idx != self.tree.currentIndex():
                self.tree.setCurrentIndex(idx)
        typing = self._reason_timer.isActive() or self.reason.hasFocus()
        self._show_item(self.current_item(), keep_reason=typing)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.editor.set_enabled_for(locked=locked)

    def _update_summary(self) -> None:
        r = self.session.review if self.session else None
        if r is None:
            self.summary.setText(self.tr("未打开评查"))
            return
        veto = self.tr("<b style='color:#b91c1c'>（否决）</b>") if r.veto else ""
        status = {
            "draft": self.tr("评查中"), "submitted": self.tr("已提交（已锁定）"), "final": self.tr("已定稿")
        }.get(r.status, r.status)
        scored = sum(1 for i in r.items if self.is_confirmed(i))
        self.summary.setText(
            self.tr(
                "<span style='font-size:13pt'>得分 <b>{total:g}</b> / {max:g}　等次 <b>{grade}</b>{veto}</span>"
                "　{status}　已确认 {scored}/{count} 项"
            ).format(
                total=r.total, max=r.max, grade=r.grade, veto=veto, status=status, scored=scored, count=len(r.items)
            )
        )

    # current item and its decision ------------------------------------------------------
    def current_item(self) -> Any:
        return self.model.item_at(self.tree.currentIndex())

    def decision(self, item: Any) -> ItemState | None:
        """The reviewer's decision on the item (a write still on its way counts), None if unconfirmed."""
        pending = self.session.optimistic.get(item.item) if self.session is not None else None
        if pending is not None:
            return pending if pending.deducted is not None else None
        return ItemState(float(item.deducted), item.reason or "") if item.overridden else None

    def is_confirmed(self, item: Any) -> bool:
        return self.decision(item) is not None

    def rubric_item(self, item_id: str) -> RubricItem | None:
        if self.rubric is None:
            return None
        return next((i for i in self.rubric.items if i.id == item_id), None)

    def is_veto_item(self, item: Any) -> bool:
        ri = self.rubric_item(item.item)
        return bool(item.veto or (ri is not None and ri.veto) or item.category == "veto")

    def deduction_range(self, item: Any) -> tuple[float, float]:
        ri = self.rubric_item(item.item)
        if self.is_veto_item(item):
            return (0.0, 1.0)
        if ri is not None and ri.range is not None:
            return (0.0, float(ri.range[1]))
        return (0.0, float(item.points))

    def proposed(self, item: Any) -> float:
        """What deducting an item without a value takes: the automatic value, else the rubric's default."""
        if item.auto_deducted:
            return float(item.auto_deducted)
        ri = self.rubric_item(item.item)
        if ri is not None:
            for value in (ri.default, ri.range[0] if ri.range else None, ri.per_occurrence):
                if value:
                    return float(value)
        return float(item.points)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush_reason()
        self._show_item(self.model.item_at(current))

    def flush_reason(self) -> None:
        """Save a reason typed for the item shown in the editor, if it differs from the stored one."""
        self._reason_timer.stop()
        if self.session is None or self._shown_item is None or self.locked:
            return
        item = next((i for i in self.session.review.items if i.item == self._shown_item), None)
        reason = self.reason_text()
        if item is None or not reason:
            return
        decided = self.decision(item)
        if reason == (decided.reason if decided is not None else (item.reason or "")).strip():
            return
        value = (
            decided.deducted
            if decided is not None and decided.deducted
            else (float(self.spin.value()) or self.proposed(item))
        )
        self.set_item(item, ItemState(value, reason), text=self.tr("填写理由"))

    def _show_item(self, item: Any, *, keep_reason: bool = False) -> None:
        self._shown_item = item.item if item is not None else None
        if item is None:
            self.item_label.setText("")
            return
        auto = self.model.auto_of(item)
        low, high = self.deduction_range(item)
        decided = self.decision(item)
        self.spin.blockSignals(True)
        self.spin.setRange(low, high)
        self.spin.setValue(float(decided.deducted or 0.0) if decided is not None else float(item.deducted))
        self.spin.blockSignals(False)
        if not keep_reason:  # never overwrite what the reviewer is typing with a just-saved copy
            self.reason.blockSignals(True)
            self.reason.clear()
            self.reason.addItems([f"{n}. {p}" for n, p in enumerate(self.phrase_list(item), 1)])
            self.reason.setEditText(decided.reason if decided is not None else (item.reason or ""))
            self.reason.blockSignals(False)
        self.item_label.setText(self._item_html(item, auto, high, confirmed=decided is not None))

    def _item_html(self, item: Any, auto: Any, high: float, *, confirmed: bool) -> str:
        state = self.tr("已确认") if confirmed else self.tr("未确认")
        msg = f"<br/><span style='color:#b45309'>{html.escape(auto.message)}</span>" if auto.message else ""
        proposal = (
            self.tr("建议扣 {n:g} 分").format(n=item.auto_deducted)
            if item.auto_deducted
            else (self.tr("建议不扣分") if auto.status is not None else self.tr("无自动检查，请人工判断"))
        )
        return self.tr("<b>{title}</b>（{points:g} 分，可扣 0–{high:g} 分）　{state}　{proposal}{msg}").format(
            title=html.escape(item.title), points=item.points, high=high, state=state, proposal=proposal, msg=msg
        )

    # edits (each one an undoable command that autosaves) -----------------------------
    def state_of(self, item: Any) -> ItemState:
        decided = self.decision(item)
        return decided if decided is not None else ItemState(None)

    def set_item(self, item: Any, new: ItemState, *, text: str) -> None:
        if self.locked or self.session is None:
            return
        old = self.state_of(item)
        if old == new:
            return
        self.undo_stack.push(ScoreItemCommand(self.session, item.item, old=old, new=new, text=f"{text}：{item.title}"))
        if self.current_item() is not None and self.current_item().item == item.item:
            self._show_item(item, keep_reason=self.reason.hasFocus())

    def auto_reason(self, item: Any) -> str:
        return self.model.auto_of(item).message if (item.auto_deducted or item.veto) else ""

    def reason_for(self, item: Any) -> str:
        """The reason a deduction of this item takes: typed, decided, stored, else the automatic message."""
        typed = self.reason_text() if self._shown_item == item.item else ""
        decided = self.decision(item)
        return typed or (decided.reason if decided is not None else "") or item.reason or self.auto_reason(item)

    def phrase_list(self, item: Any) -> list[str]:
        rubric = self.rubric.id if self.rubric is not None else ""
        return self.phrases.phrases(item.item, rubric=rubric)

    def confirm_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        decided = self.decision(item)
        value = (
            decided.deducted
            if decided is not None and decided.deducted is not None
            else (1.0 if item.veto and not item.auto_deducted else float(item.auto_deducted))
        )
        reason = self.reason_for(item) if value else ""
        self.set_item(item, ItemState(float(value), reason), text=self.tr("确认"))

    def clear_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.set_item(item, ItemState(None), text=self.tr("恢复自动值"))

    def reason_text(self) -> str:
        text = str(self.reason.currentText()).strip()
        head, _, rest = text.partition(". ")
        return rest if head.isdigit() and rest else text

    def focus_reason(self) -> None:
        self.reason.setFocus()
        edit = self.reason.lineEdit()
        if edit is not None:
            edit.selectAll()

    def _on_reason_entered(self) -> None:
        """Enter in the reason box: keep the reason, learn it, and move on like Enter on the tree."""
        self._reason_timer.stop()
        item = self.current_item()
        if item is None:
            return
        reason = self.reason_text()
        decided = self.decision(item)
        value = (
            decided.deducted
            if decided is not None and decided.deducted
            else (float(self.spin.value()) or self.proposed(item))
        )
        self.set_item(item, ItemState(value, reason), text=self.tr("填写理由"))
        self.phrases.remember(item.item, reason, rubric=self.rubric.id if self.rubric is not None else "")
        self.tree.setFocus()
        if reason:
            score_keys.advance(self)

    def _on_spin_finished(self) -> None:
        item = self.current_item()
        decided = self.decision(item) if item is not None else None
        current = decided.deducted if decided is not None else (float(item.deducted) if item is not None else 0.0)
        if item is not None and float(self.spin.value()) != float(current or 0.0):
            value = float(self.spin.value())
            self.set_item(item, ItemState(value, self.reason_for(item) if value else ""), text=self.tr("修改扣分"))

    def edit_phrases(self) -> None:
        from ui.dialogs.phrases import edit_phrases

        item = self.current_item()
        if item is not None and edit_phrases(
            self, self.phrases, item, rubric=self.rubric.id if self.rubric is not None else ""
        ):
            self._show_item(item)

    def show_current_evidence(self) -> None:
        item = self.current_item()
        if item is not None:
            auto = self.model.auto_of(item)
            with_evidence = [f for f in auto.findings if f.evidence]
            if with_evidence:
                self.evidence_requested.emit(with_evidence[0])
            else:
                self.hint.emit(self.tr("本项没有自动发现的证据页"))

    # what stands between the review and its submission ------------------------------------
    def seen_review(self) -> Any:
        """The review with the decisions still on their way to the database applied."""
        return self.session.seen_review() if self.session is not None else None

    def missing_reasons(self) -> list[Any]:
        """Confirmed deductions that have no reason yet."""
        review = self.seen_review()
        return [] if review is None else list(check_looked(review).no_reason)

    def go_to_item(self, item_id: str) -> None:
        idx = self.model.index_of(item_id)
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
            self.tree.scrollTo(idx)
