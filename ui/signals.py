"""AppSignals: one broadcaster so each view refreshes only what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    """Application-wide notifications.

    Signals:
        changes(object, object): a mutating use case finished — its ``app.services.dto.Changes`` and the
            widget that started it (views skip what they did themselves), as Anki's operation_did_execute.
            ``ui.ops.Op`` emits it for every result that carries ``changes``.
        campaign_changed(object): the current campaign DTO (or None).
        dossiers_changed(object): ids of dossiers whose rows changed, or None for "reload all".
        review_changed(object): a ReviewDTO after a save, clear, submit or reload.
        open_dossier(int): ask the main window to open a dossier for review.
    """

    changes = Signal(object, object)
    campaign_changed = Signal(object)
    dossiers_changed = Signal(object)
    review_changed = Signal(object)
    open_dossier = Signal(int)
