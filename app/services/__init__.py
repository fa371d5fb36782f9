"""The use cases the UI and the CLI share; they return frozen DTOs, never ORM objects or sessions."""

from app.services.audit import AuditCheck, AuditEventDTO, list_events, verify_audit_chain
from app.services.campaigns import create_campaign, ensure_campaign, get_campaign, list_campaigns
from app.services.dossiers import get_dossier, list_dossiers, original_bytes, search_text
from app.services.dto import (
    AgencyDTO,
    CampaignDTO,
    Changes,
    DocumentDTO,
    DossierDetail,
    DossierRow,
    DuplicateFile,
    ImportedFile,
    ImportReport,
    RejectedFile,
    ReviewDTO,
    ReviewItemDTO,
    SearchHit,
    UserDTO,
)
from app.services.importing import import_paths
from app.services.reviews import (
    clear_item_score,
    get_review,
    list_reviews,
    open_review,
    save_item_score,
    submit_review,
)
from app.services.store import Store, default_db_url, open_store
from app.services.users import current_user, ensure_agency, ensure_user, list_agencies, set_role

__all__ = [
    "AgencyDTO", "AuditCheck", "AuditEventDTO", "CampaignDTO", "Changes", "DocumentDTO", "DossierDetail",
    "DossierRow", "DuplicateFile", "ImportReport", "ImportedFile", "RejectedFile", "ReviewDTO",
    "ReviewItemDTO", "SearchHit", "Store", "UserDTO", "clear_item_score", "create_campaign", "current_user",
    "default_db_url", "ensure_agency", "ensure_campaign", "ensure_user", "get_campaign", "get_dossier",
    "get_review", "import_paths", "list_agencies", "list_campaigns", "list_dossiers", "list_events",
    "list_reviews", "open_review", "open_store", "original_bytes", "save_item_score", "search_text",
    "set_role", "submit_review", "verify_audit_chain",
]
