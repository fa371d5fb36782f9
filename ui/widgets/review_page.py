"""Review page: the viewer beside the findings / fields / documents and the score sheet of one dossier."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from scoring.rubric import Rubric
from scoring.types import Evidence, Finding
from ui.blind import redact_detail
from ui.calibration_dialog import offer_gold_comparison
from ui.dialogs.submit import Choice, SubmitDialog
from ui.ops import Op
from ui.phrases import PhraseLibrary
from ui.review_session import ReviewSession
from ui.widgets import score_keys
from ui.widgets.dossier_panel import DossierPanel
from ui.widgets.pages import sniff_format
from ui.widgets.score_sheet import ScoreSheet
from ui.widgets.viewer import ViewerWidget

log = logging.getLogger(__name__)

A4_WIDTH_PT = 595
READING_ZOOM = 0.95  # 11 pt body text at 10.5 px: readable without zooming (issue 14.3: at least 10 px)
WIDE_PX = 1600  # from this window width on the thumbnails show and the page may take half the width
PANEL_MIN_PX = 560  # the score sheet's columns and editor still fit


def load_rubric_safely(rubric_id: str) -> Rubric | None:
    try:
        from scoring.rubric import load_rubric

        return load_rubric(rubric_id)
    except Exception:  # a missing or broken rubric must not stop the review: ranges fall back to points
        log.warning("rubric %s could not be loaded", rubric_id, exc_info=True)
        return None


def reviews_blind(svc: Any, dossier_id: int) -> bool:
    """Whether the current user reviews this dossier blind (on the db executor; False without a store)."""
    is_blind = getattr(svc, "is_blind", None)
    return bool(is_blind(dossier_id)) if callable(is_blind) else False


def title_of(detail: Any, *, blind: bool) -> str:
    """The window title's dossier part: file, case number and agency (hidden in blind review)."""
    parts = [str(detail.file_name)]
    if detail.case_number:
        parts.append(str(detail.case_number))
    parts.append("盲评" if blind else str(detail.agency or ""))
    return " — ".join(p for p in parts if p)


class PageKeys(QObject):
    """The scoring keys with focus anywhere in the review page (viewer, side tabs, buttons), not only
    in the score tree: key presses no widget wanted are handed to ui.widgets.score_keys. In a text
    field (the reason, the find box, the page number) only Ctrl+1 … 9 is taken; everything else is typing."""

    def __init__(self, page: ReviewPage) -> None:
        super().__init__(page)
        self.page = page
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        page = self.page
        if watched is page.sheet.tree or not page.isVisible() or not page.isAncestorOf(watched):
            return False  # the tree handles its keys itself; other windows and dialogs keep theirs
        assert isinstance(event, QKeyEvent)
        if _is_text_input(watched) and not score_keys.is_phrase_key(event):
            return False
        return score_keys.handle(page.sheet, event)


def _is_text_input(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit))


class ReviewPage(QWidget):
    """Signals:
    loaded(int): a dossier and its review are on screen.
    review_changed(object): the ReviewDTO after every save (the case list refreshes its row).
    next_case_requested(): from the score sheet's key.
    """

    loaded = Signal(int)
    review_changed = Signal(object)
    next_case_requested = Signal()

    def __init__(self, undo_stack: QUndoStack, phrases: PhraseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: Any = None  # as shown: redacted when the current user reviews it blind
        self.blind = False
        self.session: ReviewSession | None = None
        self.conflict_box: QMessageBox | None = None
        self.submit_dialog: SubmitDialog | None = None
        self._submit_waiting = False
        self._opening: int | None = None
        self._data = b""
        self.viewer_ready = False
        self.viewer = ViewerWidget()
        self.panel = DossierPanel()
        self.sheet = ScoreSheet(undo_stack, phrases)
        self.panel.addTab(self.sheet, self.tr("评分表"))
        self.panel.evidence_activated.connect(self.show_evidence)
        self.sheet.evidence_requested.connect(self.show_finding)
        self.sheet.submit_requested.connect(self.submit)
        self.sheet.next_case_requested.connect(self.next_case_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)  # a wider window widens the side panel; the page keeps its size
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.viewer.thumbs_btn.clicked.connect(self._on_thumbs_toggled)
        self._auto_layout = True  # until the reviewer drags the divider or toggles the thumbnails
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.splitter)
        self.keys = PageKeys(self)

    # reading layout --------------------------------------------------------------------
    def reading_sizes(self, total: int) -> list[int]:
        """Viewer and side-panel widths for a page `total` pixels wide. The viewer gets what an A4 page needs at
        READING_ZOOM (11 pt body text at 10.5 px) and, on wide screens, half the width; the side panel the rest.
        Switching side tabs never changes them (the reviewer's clicks land where they aimed)."""
        needed = round(A4_WIDTH_PT * READING_ZOOM) + self.viewer.chrome_width()
        viewer = needed if total < WIDE_PX else max(needed, total // 2)
        viewer = min(viewer, max(0, total - PANEL_MIN_PX))
        return [viewer, max(0, total - viewer)]

    def apply_reading_layout(self) -> None:
        """Thumbnails hidden on narrow screens (their width goes to the page), splitter at reading_sizes()."""
        total = sum(self.splitter.sizes()) or self.width()
        if total <= 0:
            return
        self.viewer.set_thumbnails_visible(self.window().width() >= WIDE_PX)
        self.splitter.setSizes(self.reading_sizes(total))
        if self.viewer.is_fit_width():
            self.viewer.fit_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_layout:
            self.apply_reading_layout()

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._auto_layout = False

    def _on_thumbs_toggled(self, _checked: bool) -> None:
        self._auto_layout = False
        if self.viewer.is_fit_width():
            self.viewer.fit_width()

    def dossier_id(self) -> int | None:
        return int(self.detail.id) if self.detail is not None else None

    # loading --------------------------------------------------------------------------
    def open_dossier(self, dossier_id: int) -> None:
        """Two queued jobs: the file first (a PDF is on screen at once), then the detail and the review."""
        self._opening = dossier_id
        self.viewer_ready = False
        Op(self, lambda svc: svc.original_bytes(dossier_id)).success(
            lambda data: self._show_file(dossier_id, data)).run()
        Op(self, lambda svc: (svc.get_dossier(dossier_id), svc.open_review(dossier_id),
                              reviews_blind(svc, dossier_id))).success(self._show_detail).run()

    def _show_file(self, dossier_id: int, data: bytes) -> None:
        self._data = data
        if self._opening == dossier_id and sniff_format(data) != "other":
            self.viewer.load(data, file_name="")
            self.viewer_ready = True

    def _show_detail(self, result: tuple[Any, Any, bool]) -> None:
        detail, review, blind = result
        if int(detail.id) != self._opening:
            return  # the reviewer already moved on to another dossier
        self.blind = blind
        self.detail = detail = redact_detail(detail) if blind else detail
        if not self.viewer_ready:
            texts = [p.text for p in sorted(detail.page_texts, key=lambda p: p.number)]
            self.viewer.load(self._data, file_name=detail.file_name, page_texts=texts)
            self.viewer_ready = True
        self.panel.set_detail(detail)
        self._start_session(review)
        self.loaded.emit(int(detail.id))

    def _start_session(self, review: Any) -> None:
        if self.session is not None:
            self.session.deleteLater()
        self._submit_waiting = False
        self.session = ReviewSession(review, self, dossier=self.detail)
        self.session.conflict.connect(self._on_conflict)
        self.session.changed.connect(self.review_changed)
        rubric = load_rubric_safely(str(review.rubric_id))
        self.sheet.set_review(self.session, rubric=rubric, findings=self.detail.findings)

    # evidence ---------------------------------------------------------------------------
    def show_evidence(self, evidence: tuple[Evidence, ...]) -> None:
        if evidence:
            first = evidence[0]
            self.viewer.highlight_evidence(first.page, first.text, first.box)

    def show_finding(self, finding: Finding) -> None:
        self.show_evidence(finding.evidence)

    # submit and conflicts ---------------------------------------------------------------
    def submit(self) -> None:
        """Ctrl+Enter: the submit dialog lists what is not confirmed yet (ui.dialogs.submit)."""
        if self.session is None or self.sheet.locked or self.submit_dialog is not None:
            return
        self.sheet.flush_reason()
        if self.session.pending:  # the dialog shows the saved total and grade: open it once the saves are in
            if not self._submit_waiting:
                self._submit_waiting = True
                self.session.idle.connect(self._submit_when_idle)
            return
        dialog = SubmitDialog(self.sheet.seen_review(), self)
        self.submit_dialog = dialog
        dialog.finished.connect(lambda _r: self._submit_chosen(dialog))
        dialog.open()
        dialog.activateWindow()

    def _submit_when_idle(self) -> None:
        if self._submit_waiting and self.session is not None:
            self.session.idle.disconnect(self._submit_when_idle)
        self._submit_waiting = False
        self.submit()

    def _submit_chosen(self, dialog: SubmitDialog) -> None:
        self.submit_dialog = None
        dialog.deleteLater()
        if self.session is None:
            return
        if dialog.choice is Choice.GO_TO and dialog.first_item is not None:
            self.panel.setCurrentWidget(self.sheet)
            self.sheet.go_to_item(dialog.first_item)
            self.window().activateWindow()
            self.sheet.tree.setFocus()
        elif dialog.choice in (Choice.SUBMIT, Choice.CONFIRM_REST):
            self.session.submit(self._submitted, confirm_rest=dialog.choice is Choice.CONFIRM_REST)

    def _submitted(self, dto: Any) -> None:
        self.sheet.undo_stack.clear()  # a locked review has nothing to undo
        offer_gold_comparison(self, dto.id)  # a calibration (gold) file: where it differs from the gold result

    def _on_conflict(self, exc: BaseException) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("评查表已被他人修改"))
        box.setText(self.tr("另一位评查人员或另一台工作站刚刚保存了这份评查表，您最近的修改没有保存。\n"
                            "请重新载入最新内容后再继续评分。"))
        box.setDetailedText(str(exc))
        reload_btn = box.addButton(self.tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("稍后"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.reload_review() if b is reload_btn else None)
        self.conflict_box = box
        box.open()

    def reload_review(self) -> None:
        if self.session is not None:
            self.sheet.undo_stack.clear()
            self.session.reload()
