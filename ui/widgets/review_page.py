"""Review page: the viewer beside the findings / fields / documents and the score sheet of one dossier."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget

from scoring.rubric import Rubric
from scoring.types import Evidence, Finding
from ui import dialogs_api
from ui.blind import redact_detail
from ui.ops import Op
from ui.phrases import PhraseLibrary
from ui.review_session import ReviewSession
from ui.widgets.dossier_panel import DossierPanel
from ui.widgets.pages import sniff_format
from ui.widgets.score_sheet import ScoreSheet
from ui.widgets.viewer import ViewerWidget

log = logging.getLogger(__name__)


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
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.panel.currentChanged.connect(self._balance)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.splitter)

    def _balance(self, _tab: int) -> None:
        """The score sheet needs more width than the findings; the viewer gives it up."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        share = 0.58 if self.panel.currentWidget() is self.sheet else 0.45
        self.splitter.setSizes([round(total * (1 - share)), round(total * share)])

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
        if self.session is None or self.sheet.locked:
            return
        missing = self.sheet.missing_reasons()
        if missing:
            names = "\n".join(f"· {i.title}（扣 {i.deducted:g} 分）" for i in missing[:12])
            dialogs_api.inform(self, title=self.tr("不能提交"), text=self.tr(
                "以下扣分项还没有填写扣分理由，请补充后再提交：\n{names}").format(names=names))
            idx = self.sheet.model.index_of(missing[0].item)
            self.sheet.tree.setCurrentIndex(idx)
            return
        review = self.session.review
        question = self.tr("提交后本评查表将被锁定，不能再修改。\n得分 {total:g}，等次 {grade}。确定提交吗？").format(
            total=review.total, grade=review.grade)
        if dialogs_api.confirm(self, title=self.tr("提交评查"), text=question):
            self.session.submit(lambda _dto: self.sheet.undo_stack.clear())  # a locked review has nothing to undo

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
