"""Score sheet: rubric tree, the current item's editor, live total/grade/veto, keyboard scoring, submit."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scoring.rubric import Rubric, RubricItem
from scoring.types import Finding
from ui.models.score_tree import ScoreTreeModel
from ui.phrases import PhraseLibrary
from ui.undo import ItemState, ScoreItemCommand
from ui.widgets import score_keys

log = logging.getLogger(__name__)


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
        submit_requested(): the reviewer asked to submit (the window confirms and submits).
    """

    next_case_requested = Signal()
    evidence_requested = Signal(object)
    submit_requested = Signal()

    def __init__(self, undo_stack: QUndoStack, phrases: PhraseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.phrases = phrases
        self.session: Any = None
        self.rubric: Rubric | None = None
        self.model = ScoreTreeModel(self)
        self.tree = ScoreTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.doubleClicked.connect(lambda _i: self.show_current_evidence())
        self._build_editor()
        self._layout()
        self.set_locked(True)

    # construction ------------------------------------------------------------------
    def _build_editor(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.item_label = QLabel()
        self.item_label.setWordWrap(True)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.5)
        self.spin.setSuffix(self.tr(" 分"))
        self.spin.editingFinished.connect(self._on_spin_finished)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.reason.lineEdit()
        assert edit is not None  # an editable combo box always has one
        edit.setPlaceholderText(self.tr("扣分理由（Ctrl+1…9 填入常用语，回车保存）"))
        edit.returnPressed.connect(self._on_reason_entered)
        # A typed reason is saved 0.7 s after the last keystroke, and at once when the reviewer moves on.
        self._shown_item: str | None = None
        self._reason_timer = QTimer(self)
        self._reason_timer.setSingleShot(True)
        self._reason_timer.setInterval(700)
        self._reason_timer.timeout.connect(self.flush_reason)
        edit.textEdited.connect(lambda _t: self._reason_timer.start())
        self.reason.activated.connect(lambda _i: self._on_reason_entered())
        self.confirm_btn = QPushButton(self.tr("确认 (Enter)"))
        self.confirm_btn.clicked.connect(self.confirm_current)
        self.clear_btn = QPushButton(self.tr("清除 (Del)"))
        self.clear_btn.clicked.connect(self.clear_current)
        self.phrases_btn = QPushButton(self.tr("常用语…"))
        self.phrases_btn.clicked.connect(self.edit_phrases)
        self.submit_btn = QPushButton(self.tr("提交评查 (Ctrl+Enter)"))
        self.submit_btn.clicked.connect(self.submit_requested)
        self.help_label = QLabel(self.tr(
            "数字键 切换当前类别第 n 项 · Enter 确认 · +/- 调整 · 0 不扣分 · Del 清除 · "
            "N 下一未评项 · F 下一自动发现 · R 填写理由 · Ctrl+] 下一案卷"))
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #6b7280;")

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("扣分")))
        row.addWidget(self.spin)
        row.addWidget(self.reason, 1)
        buttons = QHBoxLayout()
        for b in (self.confirm_btn, self.clear_btn, self.phrases_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_btn)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)
        box.addWidget(self.item_label)
        box.addLayout(row)
        box.addLayout(buttons)
        box.addWidget(self.help_label)

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
        header.setMinimumSectionSize(36)
        for col, width in ((ScoreTreeModel.COL_POINTS, 40), (ScoreTreeModel.COL_AUTO, 130),
                           (ScoreTreeModel.COL_PROPOSED, 40), (ScoreTreeModel.COL_DEDUCTED, 40),
                           (ScoreTreeModel.COL_REASON, 100)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self.tree.expandAll()
        self._update_summary()
        self.set_locked(session.review.status != "draft")
        first = self.model.index(0, 0, self.model.index(0, 0))
        if first.isValid():
            self.tree.setCurrentIndex(first)

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
        for w in (self.spin, self.reason, self.confirm_btn, self.clear_btn, self.submit_btn):
            w.setEnabled(not locked)

    def _update_summary(self) -> None:
        r = self.session.review if self.session else None
        if r is None:
            self.summary.setText(self.tr("未打开评查"))
            return
        veto = self.tr("<b style='color:#b91c1c'>（否决）</b>") if r.veto else ""
        status = {"draft": self.tr("评查中"), "submitted": self.tr("已提交（已锁定）"),
                  "final": self.tr("已定稿")}.get(r.status, r.status)
        scored = sum(1 for i in r.items if i.overridden)
        self.summary.setText(self.tr(
            "<span style='font-size:14pt'>得分 <b>{total:g}</b> / {max:g}　等次 <b>{grade}</b>{veto}</span>"
            "　　{status}　已确认 {scored}/{count} 项").format(
            total=r.total, max=r.max, grade=r.grade, veto=veto, status=status, scored=scored, count=len(r.items)))

    # current item ------------------------------------------------------------------
    def current_item(self) -> Any:
        return self.model.item_at(self.tree.currentIndex())

    def rubric_item(self, item_id: str) -> RubricItem | None:
        if self.rubric is None:
            return None
        return next((i for i in self.rubric.items if i.id == item_id), None)

    def deduction_range(self, item: Any) -> tuple[float, float]:
        ri = self.rubric_item(item.item)
        if ri is not None and ri.range is not None:
            return (0.0, float(ri.range[1]))
        return (0.0, float(item.points))

    def proposed(self, item: Any) -> float:
        """What toggling an item on deducts: the automatic value, else the rubric's default."""
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
        if item is None or reason == (item.reason or "").strip() or not reason:
            return
        value = float(item.deducted) if item.overridden else float(self.spin.value() or self.proposed(item))
        self.set_item(item, ItemState(value, reason), text=self.tr("填写理由"))

    def _show_item(self, item: Any, *, keep_reason: bool = False) -> None:
        self._shown_item = item.item if item is not None else None
        if item is None:
            self.item_label.setText("")
            return
        auto = self.model.auto_of(item)
        low, high = self.deduction_range(item)
        self.spin.blockSignals(True)
        self.spin.setRange(low, high)
        self.spin.setValue(float(item.deducted))
        self.spin.blockSignals(False)
        if not keep_reason:  # never overwrite what the reviewer is typing with a just-saved copy
            self.reason.blockSignals(True)
            self.reason.clear()
            phrases = self.phrases.phrases(item.item)
            self.reason.addItems([f"{n}. {p}" for n, p in enumerate(phrases, 1)])
            self.reason.setEditText(item.reason or "")
            self.reason.blockSignals(False)
        msg = f"<br/><span style='color:#b45309'>{auto.message}</span>" if auto.message else ""
        self.item_label.setText(self.tr("<b>{title}</b>（{points:g} 分，可扣 0–{high:g} 分）{msg}").format(
            title=item.title, points=item.points, high=high, msg=msg))

    # edits (each one an undoable command that autosaves) -----------------------------
    def state_of(self, item: Any) -> ItemState:
        return ItemState(float(item.deducted), item.reason or "") if item.overridden else ItemState(None)

    def set_item(self, item: Any, new: ItemState, *, text: str) -> None:
        if self.locked or self.session is None:
            return
        old = self.state_of(item)
        if old == new:
            return
        self.undo_stack.push(ScoreItemCommand(self.session, item.item, old=old, new=new,
                                              text=f"{text}：{item.title}"))

    def auto_reason(self, item: Any) -> str:
        return self.model.auto_of(item).message if item.auto_deducted else ""

    def confirm_current(self) -> None:
        item = self.current_item()
        if item is not None:
            value = float(self.spin.value()) if item.overridden else float(item.auto_deducted)
            reason = self.reason_text() or (item.reason or self.auto_reason(item))
            self.set_item(item, ItemState(value, reason if value else ""), text=self.tr("确认"))

    def clear_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.set_item(item, ItemState(None), text=self.tr("清除"))

    def reason_text(self) -> str:
        text = self.reason.currentText().strip()
        head, _, rest = text.partition(". ")
        return rest if head.isdigit() and rest else text

    def _on_reason_entered(self) -> None:
        self._reason_timer.stop()
        item = self.current_item()
        if item is None:
            return
        reason = self.reason_text()
        value = float(item.deducted) if item.overridden else float(self.spin.value() or self.proposed(item))
        self.set_item(item, ItemState(value, reason), text=self.tr("填写理由"))
        self.phrases.remember(item.item, reason)
        self.tree.setFocus()

    def _on_spin_finished(self) -> None:
        item = self.current_item()
        if item is not None and float(self.spin.value()) != float(item.deducted):
            reason = self.reason_text() or item.reason or self.auto_reason(item)
            self.set_item(item, ItemState(float(self.spin.value()), reason), text=self.tr("修改扣分"))

    def edit_phrases(self) -> None:
        from ui.dialogs.phrases import edit_phrases

        item = self.current_item()
        if item is not None and edit_phrases(self, self.phrases, item):
            self._show_item(item)

    def show_current_evidence(self) -> None:
        item = self.current_item()
        if item is not None:
            auto = self.model.auto_of(item)
            with_evidence = [f for f in auto.findings if f.evidence]
            if with_evidence:
                self.evidence_requested.emit(with_evidence[0])

    def missing_reasons(self) -> list[Any]:
        if self.session is None:
            return []
        return [i for i in self.session.review.items if i.deducted and not (i.reason or "").strip()]
