"""The services object an `Op` receives: the store, the current user and the use cases of app.services.

Widgets never see the store; they call these methods inside `Op` (on the db executor).
Tests may pass any object with the same methods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import app.services as api
from app.progress import Progress, no_progress


def _api() -> Any:
    return api


class Services:
    def __init__(self, store: Any, user: Any, *, import_workers: int = 2) -> None:
        self.store = store
        self.user = user
        self.import_workers = import_workers  # 0 analyses in this process (tests)

    @classmethod
    def open(cls, db_url: str | None) -> Services:
        api = _api()
        store = api.open_store(db_url)
        return cls(store, api.current_user(store))

    # campaigns -----------------------------------------------------------------
    def list_campaigns(self) -> list[Any]:
        return list(_api().list_campaigns(self.store))

    def create_campaign(self, name: str, *, year: int) -> Any:
        return _api().create_campaign(self.store, name, year=year, user=self.user)

    def get_campaign(self, name_or_id: str | int) -> Any:
        return _api().get_campaign(self.store, name_or_id)

    # dossiers ------------------------------------------------------------------
    def list_dossiers(self, campaign_id: int) -> list[Any]:
        return list(_api().list_dossiers(self.store, campaign_id, viewer=self.user))  # blind review applies

    def search_text(self, query: str, *, campaign_id: int | None) -> list[Any]:
        return list(_api().search_text(self.store, query, campaign_id=campaign_id))

    def get_dossier(self, dossier_id: int) -> Any:
        return _api().get_dossier(self.store, dossier_id)

    def original_bytes(self, dossier_id: int) -> bytes:
        return bytes(_api().original_bytes(self.store, dossier_id))

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        campaign: Any,
        progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
    ) -> Any:
        return _api().import_paths(
            self.store, list(paths), campaign=campaign, user=self.user, progress=progress, cancel=cancel,
            workers=self.import_workers,
        )

    # reviews -------------------------------------------------------------------
    def open_review(self, dossier_id: int) -> Any:
        return _api().open_review(self.store, dossier_id, reviewer=self.user)

    def save_item_score(
        self, review_id: int, item: str, *, deducted: float, reason: str, expected_version: int
    ) -> Any:
        return _api().save_item_score(
            self.store, review_id, item, deducted=deducted, reason=reason,
            user=self.user, expected_version=expected_version,
        )

    def clear_item_score(self, review_id: int, item: str, *, expected_version: int) -> Any:
        return _api().clear_item_score(
            self.store, review_id, item, user=self.user, expected_version=expected_version
        )

    def submit_review(self, review_id: int, *, expected_version: int) -> Any:
        return _api().submit_review(self.store, review_id, user=self.user, expected_version=expected_version)
