"""One open review: writes item scores through the db executor, keeps the row version, reports conflicts;
every edit goes to the local journal first and counts as saved only when the save is proven (ui.autosave).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.errors import ConflictError, ErrorCode, KnownError
from app.services.autosave import JournalEntry
from ui import autosave, errors
from ui.ops import Op
from ui.undo import ItemState

log = logging.getLogger(__name__)


class ReviewSession(QObject):
    """Autosaves every change at once (the db executor keeps the order).

    The row version lives here and is read and advanced only inside db-executor jobs,
    so several queued saves each send the version the previous one produced. ``optimistic`` holds the
    decisions written but not yet returned by the database, so the keyboard can move on before a save
    comes back (emptied when no write is pending).

    Signals:
        changed(object): the ReviewDTO after a proven write or a reload; while saving is stopped, the
            review as the reviewer left it (the window's autosave state says it is not saved).
        conflict(object): a ConflictError (someone else saved first).
        unsaved(object): the SaveProof of an edit that is only in the journal.
        idle(): no write pending any more.
    """

    changed = Signal(object)
    conflict = Signal(object)
    unsaved = Signal(object)
    idle = Signal()

    def __init__(self, review: Any, parent: QObject | None = None, *, dossier: Any = None) -> None:
        super().__init__(parent)
        self.review = review
        self.dossier = dossier  # DossierDetail: what finds the review again when the journal is replayed
        self._version = int(review.version)
        self.optimistic: dict[str, ItemState] = {}
        self.pending = 0
        self.in_conflict = False

    @property
    def review_id(self) -> int:
        return int(self.review.id)

    def seen_review(self) -> Any:
        """The review as the reviewer sees it: the decisions not yet returned by the database applied."""
        review = self.review
        for item, state in self.optimistic.items():
            review = _with_item(review, item, state)
        return review

    def _entry(self, item: str, state: ItemState) -> JournalEntry:
        """The journal's copy of an edit (its expected version is filled in when the job runs)."""
        d = self.dossier
        try:
            title = str(self.review.item(item).title)
        except (KeyError, AttributeError):
            title = ""
        return JournalEntry(
            review_id=self.review_id, item=item, op="clear" if state.deducted is None else "save",
            expected_version=self._version, deducted=None if state.deducted is None else float(state.deducted),
            reason=state.reason, title=title, dossier_id=int(getattr(d, "id", self.review.dossier_id)),
            campaign_id=int(getattr(d, "campaign_id", 0)), dossier_sha256=str(getattr(d, "sha256", "")),
            file_name=str(getattr(d, "file_name", "")), reviewer=str(self.review.reviewer))

    def write_item(self, item: str, state: ItemState) -> None:
        entry = self._entry(item, state)
        self.optimistic[item] = state
        if state.deducted is None:
            self._submit_job(lambda svc: svc.clear_item_score(
                self.review_id, item, expected_version=self._version), entry=entry, local=(item, state))
        else:
            deducted, reason = float(state.deducted), state.reason
            self._submit_job(lambda svc: svc.save_item_score(
                self.review_id, item, deducted=deducted, reason=reason, expected_version=self._version),
                entry=entry, local=(item, state))

    def submit(self, on_done: Callable[[Any], None], *, confirm_rest: bool = False) -> None:
        """Submit once every item is confirmed; ``confirm_rest`` is the named step that first confirms every
        unconfirmed item with no automatic finding as 不扣分 (same transaction, its own audit event)."""
        def done(dto: Any) -> None:
            self._accept(dto)
            on_done(dto)

        def call(svc: Any) -> Any:
            guard = autosave.current()
            health = svc.database_health() if guard is not None and hasattr(svc, "database_health") else None
            if guard is not None and (guard.offline or (health is not None and not health.ok)):
                raise KnownError(ErrorCode.DB, "评分没有保存到数据库（见状态栏），现在不能提交。"
                                               "请先按提示恢复数据库并把暂存的修改写回")
            if confirm_rest:
                return svc.confirm_rest_and_submit(self.review_id, expected_version=self._version)
            return svc.submit_looked(self.review_id, expected_version=self._version)

        self._submit_job(call, on_success=done)

    def reload(self) -> None:
        dossier_id = int(self.review.dossier_id)

        def fresh(svc: Any) -> Any:
            dto = svc.open_review(dossier_id)
            self._version = int(dto.version)
            return dto

        self.in_conflict = False
        self._submit_job(fresh)

    def _submit_job(self, call: Callable[[Any], Any], *, on_success: Callable[[Any], None] | None = None,
                    entry: JournalEntry | None = None, local: tuple[str, ItemState] | None = None) -> None:
        guard = autosave.current()

        def job(svc: Any) -> Any:
            if self.in_conflict:
                raise _Skipped()
            if entry is None or guard is None or not guard.active or not hasattr(svc, "write_proven"):
                dto = call(svc)
                self._version = int(dto.version)
                return dto
            mine = dataclasses.replace(entry, expected_version=self._version)
            outcome = svc.write_proven(guard.journal, mine, lambda: call(svc), offline=guard.offline)
            if outcome.review is not None:
                self._version = int(outcome.review.version)
            if not outcome.proof.saved:
                guard.offline = True  # the next queued save goes to the journal only
                raise _Unsaved(outcome.proof, local)
            return outcome.review

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
        if isinstance(exc, _Unsaved):
            self._not_saved(exc)
            return
        if isinstance(exc, ConflictError):
            if not self.in_conflict:
                self.in_conflict = True
                self.conflict.emit(exc)
            return
        errors.report_exception(exc)

    def _not_saved(self, exc: _Unsaved) -> None:
        """Saving stops; the sheet shows the edit as the reviewer made it (it is in the journal)."""
        guard = autosave.current()
        if guard is not None:
            guard.go_offline(exc.proof.code, exc.proof.detail, edit=exc.local is not None)
        if exc.local is not None:
            self.review = _with_item(self.review, *exc.local)
            self.changed.emit(self.review)
        self.unsaved.emit(exc.proof)

    def _done(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.optimistic.clear()
            self.idle.emit()


def _with_item(review: Any, item: str, state: ItemState) -> Any:
    """The review with one item as the reviewer set it (the total stays the database's last one)."""
    def patched(row: Any) -> Any:
        if row.item != item:
            return row
        if state.deducted is None:
            return dataclasses.replace(row, deducted=row.auto_deducted, reason="", overridden=False)
        return dataclasses.replace(row, deducted=float(state.deducted), reason=state.reason, overridden=True)

    return dataclasses.replace(review, items=tuple(patched(r) for r in review.items))


class _Skipped(Exception):
    """A queued write dropped because the review is in conflict and must be reloaded first."""


class _Unsaved(Exception):
    """The edit is in the journal but not (provably) in the database."""

    def __init__(self, proof: Any, local: tuple[str, ItemState] | None) -> None:
        super().__init__(proof.code)
        self.proof = proof
        self.local = local
