"""The one façade the window talks to: the current user and every use case of ``app.services``, typed.

An ``Op`` receives this object on the db executor; widgets never see the store or a session. Each
method is one call of a use case with the current user filled in; mutating ones return a result with
``changes`` (``app.services.dto.Changes``), which ``ui.ops`` broadcasts through ``AppSignals``.
Tests may pass any object with the methods they use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import app.services as api
from app.jobs.status import QueueStatus, queue_status
from app.progress import Progress, no_progress
from app.reports.model import DocSettings, Rectification
from app.services import (
    autosave,
    calibration,
    ledger,
    objections,
    reconcile,
    reports,
    review_flow,
    sampling,
    users,
)
from app.services.doc_settings import read_doc_settings
from app.services.dto import (
    AgencyDTO,
    CampaignDTO,
    DossierDetail,
    DossierRow,
    ImportReport,
    ReviewDTO,
    SearchHit,
    UserDTO,
)
from app.services.reconcile import AgreementReport, Finalised, Settlement, Waiting
from app.services.reports import ReportRequest
from app.services.sampling import Draw, DrawRequest, MyWork
from app.stats import CampaignStats, Filters


class Services:
    def __init__(self, store: api.Store, user: UserDTO, *, import_workers: int = 2) -> None:
        self.store = store
        self.user = user
        self.import_workers = import_workers  # 0 analyses in this process (tests)

    @classmethod
    def open(cls, db_url: str | None) -> Services:
        store = api.open_store(db_url)
        return cls(store, api.current_user(store))

    @property
    def db_label(self) -> str:
        """The database for the status bar, without a password."""
        return api.store_label(self.store)

    # campaigns -----------------------------------------------------------------
    def list_campaigns(self) -> list[CampaignDTO]:
        return list(api.list_campaigns(self.store))

    def create_campaign(self, name: str, *, year: int) -> CampaignDTO:
        return api.create_campaign(self.store, name, year=year, user=self.user)

    def get_campaign(self, name_or_id: str | int) -> CampaignDTO:
        return api.get_campaign(self.store, name_or_id)

    def rubric_titles(self, campaign: CampaignDTO) -> dict[str, str]:
        return api.rubric_titles(self.store, campaign)

    # dossiers ------------------------------------------------------------------
    def list_dossiers(self, campaign_id: int) -> list[DossierRow]:
        return list(api.list_dossiers(self.store, campaign_id, viewer=self.user))  # blind review applies

    def search_text(self, query: str, *, campaign_id: int | None) -> list[SearchHit]:
        return list(api.search_text(self.store, query, campaign_id=campaign_id))

    def get_dossier(self, dossier_id: int) -> DossierDetail:
        return api.get_dossier(self.store, dossier_id)

    def original_bytes(self, dossier_id: int) -> bytes:
        return bytes(api.original_bytes(self.store, dossier_id))

    def import_paths(
        self, paths: Sequence[Path], *, campaign: CampaignDTO, agency: str | None = None,
        agency_from_folders: bool = False, progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
    ) -> ImportReport:
        return api.import_paths(self.store, list(paths), campaign=campaign, agency=agency,
                                agency_from_folders=agency_from_folders, user=self.user, progress=progress,
                                cancel=cancel, workers=self.import_workers)

    # the shared import queue (PostgreSQL) ---------------------------------------------
    @property
    def is_sqlite(self) -> bool:
        return self.store.is_sqlite

    def queue_status(self, campaign_id: int) -> QueueStatus:
        return queue_status(self.store, campaign_id)

    # reviews -------------------------------------------------------------------
    def open_review(self, dossier_id: int) -> ReviewDTO:
        return api.open_review(self.store, dossier_id, reviewer=self.user)

    def save_item_score(self, review_id: int, item: str, *, deducted: float, reason: str,
                        expected_version: int) -> ReviewDTO:
        return api.save_item_score(self.store, review_id, item, deducted=deducted, reason=reason, user=self.user,
                                   expected_version=expected_version)

    def clear_item_score(self, review_id: int, item: str, *, expected_version: int) -> ReviewDTO:
        return api.clear_item_score(self.store, review_id, item, user=self.user, expected_version=expected_version)

    # autosave that proves itself (issue 10.2) ----------------------------------------------
    def journal(self) -> autosave.Journal:
        """The local journal of unsaved score edits for this database (user data folder)."""
        return autosave.Journal(autosave.journal_path(self.store.url))

    def database_health(self) -> autosave.Health:
        return autosave.database_health(self.store)

    def write_proven(self, journal: autosave.Journal | None, entry: autosave.JournalEntry | None,
                     write: Callable[[], ReviewDTO], *, offline: bool) -> autosave.Outcome:
        return autosave.write_proven(self.store, journal, entry, write, offline=offline)

    def replay_journal(self, journal: autosave.Journal) -> autosave.ReplayReport:
        return autosave.replay(self.store, journal, user=self.user)

    def submit_review(self, review_id: int, *, expected_version: int) -> ReviewDTO:
        return api.submit_review(self.store, review_id, user=self.user, expected_version=expected_version)

    # submitting means "I looked" (issue 14.2) ------------------------------------------------
    def confirm_rest_and_submit(self, review_id: int, *, expected_version: int) -> ReviewDTO:
        return review_flow.confirm_rest_and_submit(self.store, review_id, user=self.user,
                                                   expected_version=expected_version)

    def submit_looked(self, review_id: int, *, expected_version: int) -> ReviewDTO:
        return review_flow.submit_looked(self.store, review_id, user=self.user, expected_version=expected_version)

    def is_blind(self, dossier_id: int) -> bool:
        return sampling.is_blind(self.store, dossier_id, self.user.id)

    def my_work(self, campaign_id: int) -> MyWork:
        return sampling.my_work(self.store, campaign_id, user=self.user)

    # users and units -------------------------------------------------------------
    def list_users(self) -> list[UserDTO]:
        return users.list_users(self.store)

    def list_units(self) -> list[AgencyDTO]:
        return users.list_agencies(self.store)

    def add_user(self, name: str, *, role: str, unit: str | None) -> UserDTO:
        return users.ensure_user(self.store, name, role=role, agency=unit, by=self.user)

    # sampling ----------------------------------------------------------------------
    def preview_draw(self, req: DrawRequest) -> Draw:
        return sampling.preview_draw(self.store, req, user=self.user)

    def save_draw(self, req: DrawRequest) -> Draw:
        return sampling.save_draw(self.store, req, user=self.user)

    # 合议定稿 -----------------------------------------------------------------------
    def waiting_list(self, campaign_id: int) -> list[Waiting]:
        return reconcile.waiting_list(self.store, campaign_id, user=self.user)

    def finalise(self, w: Waiting, settled: dict[str, Settlement]) -> Finalised:
        return reconcile.finalise(self.store, w.dossier_id, settled=settled, user=self.user, expected=w.compared)

    def agreement(self, campaign_id: int) -> AgreementReport:
        return reconcile.agreement(self.store, campaign_id)

    # 整改台账 -----------------------------------------------------------------------
    def read_ledger(self, campaign: CampaignDTO, *, today: dt.date | None = None) -> ledger.LedgerView:
        rubric = api.campaign_rubric(self.store, campaign)
        return ledger.read_ledger(self.store, campaign.id, user=self.user, rubric=rubric, today=today)

    def set_ledger_status(self, rows: dict[int, int | None], *, status: Rectification, note: str,
                          checker: str = "") -> ledger.LedgerUpdate:
        return ledger.set_status(self.store, rows, status=status, user=self.user, note=note, checker=checker)

    def edit_ledger_row(self, row_id: int, version: int | None, **fields: Any) -> ledger.LedgerUpdate:
        return ledger.edit_row(self.store, row_id, version, user=self.user, **fields)

    def attach_ledger_evidence(self, row_id: int, path: Path, version: int | None) -> ledger.LedgerUpdate:
        return ledger.attach_evidence(self.store, row_id, path, user=self.user, expected=version)

    def set_ledger_deadline(self, campaign_id: int, deadline: dt.date, *, unit: str | None) -> ledger.LedgerUpdate:
        return ledger.set_deadline(self.store, campaign_id, deadline, user=self.user, unit=unit)

    # reports and statistics ------------------------------------------------------------
    def preview_report(self, req: ReportRequest) -> tuple[str, dict[str, bytes]]:
        return reports.preview_report(self.store, req, user=self.user)

    def export_report(self, req: ReportRequest, out: Path) -> list[Path]:
        return reports.export_report(self.store, req, out, user=self.user)

    def doc_settings(self, campaign_id: int) -> DocSettings:
        return read_doc_settings(self.store, campaign_id)

    def dashboard(self, campaign_id: int, filters: Filters) -> CampaignStats:
        return reports.dashboard(self.store, campaign_id, user=self.user, filters=filters)

    # objections (异议) and calibration: the dialogs' use cases, with the current user filled in
    def list_objections(self, campaign_id: int) -> list[objections.ObjectionDTO]:
        return objections.list_objections(self.store, campaign_id)

    def add_objection(self, dossier_id: int, item: str, *, reason: str, raised_by: str,
                      attachments: list[Path]) -> objections.ObjectionDTO:
        return objections.add_objection(self.store, dossier_id, item, reason=reason, raised_by=raised_by,
                                        attachments=attachments, user=self.user)

    def answer_objection(self, objection_id: int, *, upheld: bool, answer: str, deducted: float | None,
                         expected_version: int) -> objections.ObjectionDTO:
        return objections.answer_objection(self.store, objection_id, upheld=upheld, answer=answer,
                                           deducted=deducted, user=self.user, expected_version=expected_version)

    def calibration_overview(self, campaign_id: int) -> tuple[list[calibration.CalibrationResult],
                                                              list[calibration.DriftPoint], int]:
        """Results against the gold set, drift, and the size of the gold set; a reviewer sees only their own."""
        mine = None if self.user.role in ("supervisor", "admin") else self.user.name
        return (calibration.calibration_results(self.store, campaign_id, reviewer=mine),
                calibration.drift(self.store, campaign_id, reviewer=mine),
                len(calibration.list_gold(self.store, campaign_id)))

    def mark_gold(self, campaign_id: int, dossier_id: int) -> list[calibration.GoldDTO]:
        return calibration.mark_gold(self.store, campaign_id, [dossier_id], user=self.user)

    def assign_gold(self, campaign_id: int, reviewer_name: str) -> list[int]:
        person = next((u for u in users.list_users(self.store) if u.name == reviewer_name), None)
        if person is None:
            raise LookupError(f"用户“{reviewer_name}”不存在")
        return calibration.assign_gold(self.store, campaign_id, person, user=self.user)

    def gold_comparison(self, review_id: int) -> calibration.CalibrationResult | None:
        return calibration.comparison_after_submit(self.store, review_id, viewer=self.user)
