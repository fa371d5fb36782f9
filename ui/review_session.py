"""One open review: writes item scores through the db executor, keeps the row version, reports conflicts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.errors import ConflictError
from ui import errors
from ui.ops import Op
from ui.undo import ItemState

log = logging.getLogger(__name__)


class ReviewSession(QObject):
    """Autosaves every change at once (the db executor keeps the order).

    The row version lives here and is read and advanced only inside db-executor jobs,
    so several queued saves each send the version the previous one produced.

    Signals:
        changed(object): the ReviewDTO after a successful write or reload.
        conflict(object): a ConflictError (someone else saved first).
        idle(): no write pending any more.
    """

    changed = Signal(object)
    conflict = Signal(object)
    idle = Signal()

    def __init__(self, review: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self._version = int(review.version)
        self.pending = 0
        self.in_conflict = False

    @property
    def review_id(self) -> int:
        return int(self.review.id)

    def write_item(self, item: str, state: ItemState) -> None:
        if state.deducted is None:
            self._submit_job(lambda svc: svc.clear_item_score(
                self.review_id, item, expected_version=self._version))
        else:
            deducted, reason = float(state.deducted), state.reason
            self._submit_job(lambda svc: svc.save_item_score(
                self.review_id, item, deducted=deducted, reason=reason, expected_version=self._version))

    def submit(self, on_done: Callable[[Any], None]) -> None:
        def done(dto: Any) -> None:
            self._accept(dto)
            on_done(dto)

        self._submit_job(lambda svc: svc.submit_review(self.review_id, expected_version=self._version),
                         on_success=done)

    def reload(self) -> None:
        dossier_id = int(self.review.dossier_id)

        def fresh(svc: Any) -> Any:
            dto = svc.open_review(dossier_id)
            self._version = int(dto.version)
            return dto

        self.in_conflict = False
        self._submit_job(fresh)

    def _submit_job(self, call: Callable[[Any], Any], *, on_success: Callable[[Any], None] | None = None) -> None:
        def job(svc: Any) -> Any:
            if self.in_conflict:
                raise _Skipped()
            dto = call(svc)
            self._version = int(dto.version)
            return dto

        self.pending += 1
        Op(None, job).success(on_success or self._accept).failure(self._failed).run()

    def _accept(self, dto: Any) -> None:
        self.review = dto
        self._done()
        self.changed.emit(dto)

    def _failed(self, exc: BaseException) -> None:
        self._done()
        if isinstance(exc, _Skipped):
            return
        if isinstance(exc, ConflictError):
            if not self.in_conflict:
                self.in_conflict = True
                self.conflict.emit(exc)
            return
        errors.report_exception(exc)

    def _done(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.idle.emit()


class _Skipped(Exception):
    """A queued write dropped because the review is in conflict and must be reloaded first."""
