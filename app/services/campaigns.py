"""评查活动: create, list, get; a campaign records the rubric id and version it reviews against."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import CampaignDTO, UserDTO
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Campaign, Dossier
from scoring.rubric import Rubric, RubricError, load_rubric

AUTO = "auto"


def load_rubric_known(rubric_ref: str) -> Rubric:
    """A shipped rubric by id, or a rubric YAML file by path; KnownError if it cannot be loaded."""
    try:
        return load_rubric(rubric_ref)
    except (RubricError, OSError, KeyError) as exc:
        raise KnownError(ErrorCode.NOT_FOUND, f"无法载入评查标准“{rubric_ref}”：{exc}") from exc


def campaign_rubric(store: Store, campaign: CampaignDTO) -> Rubric | None:
    """The rubric a campaign's files are scored against; for an "auto" campaign the one most of its files
    use (for titles and sections); None when it cannot be loaded (item ids are shown instead)."""
    ref = campaign.rubric_id
    if ref == AUTO:
        with store.session() as session:
            ref = session.execute(select(Dossier.rubric_id).where(Dossier.campaign_id == campaign.id)
                                  .group_by(Dossier.rubric_id).order_by(func.count().desc()).limit(1)).scalar() or AUTO
    try:
        return None if ref == AUTO else load_rubric_known(ref)
    except KnownError:
        return None  # a custom rubric file that moved


def rubric_titles(store: Store, campaign: CampaignDTO) -> dict[str, str]:
    """Item id -> title of the campaign's rubric ({} when it cannot be loaded)."""
    rubric = campaign_rubric(store, campaign)
    return {i.id: i.title for i in rubric.items} if rubric else {}


def rubric_ref(given: str, rubric: Rubric) -> str:
    """What the database keeps to find the rubric again: its id, or the file path of a custom rubric."""
    is_path = given.endswith((".yaml", ".yml")) or "/" in given or "\\" in given
    return str(Path(given).resolve()) if is_path else rubric.id


def _dto(row: Campaign, dossiers: int = 0) -> CampaignDTO:
    return CampaignDTO(
        id=row.id,
        name=row.name,
        year=row.year,
        rubric_id=row.rubric_id,
        rubric_version=row.rubric_version,
        rubric_title=row.rubric_title,
        created_at=row.created_at,
        dossiers=dossiers,
    )


def create_campaign(
    store: Store, name: str, *, year: int, rubric_id: str = "penalty", user: UserDTO
) -> CampaignDTO:
    name = name.strip()
    if not name:
        raise KnownError(ErrorCode.USAGE, "评查活动名称不能为空")
    if rubric_id == AUTO:  # each dossier scored against the rubric for its case kind
        ref, version, title = AUTO, AUTO, "按案件类型自动选择评查标准"
    else:
        rubric = load_rubric_known(rubric_id)
        ref, version, title = rubric_ref(rubric_id, rubric), rubric.version, rubric.title
    try:
        return _insert_campaign(store, name, year=year, ref=ref, version=version, title=title, user=user)
    except IntegrityError as exc:  # created by another workstation at the same moment
        raise KnownError(ErrorCode.USAGE, f"评查活动“{name}”已存在") from exc


def _insert_campaign(store: Store, name: str, *, year: int, ref: str, version: str, title: str,
                     user: UserDTO) -> CampaignDTO:
    with store.write() as session:
        if session.scalars(select(Campaign).where(Campaign.name == name)).first() is not None:
            raise KnownError(ErrorCode.USAGE, f"评查活动“{name}”已存在")
        row = Campaign(name=name, year=year, rubric_id=ref, rubric_version=version, rubric_title=title,
                       created_by=user.id)
        session.add(row)
        session.flush()
        record_event(
            session, user=user.name, action="campaign.create", entity="campaign", entity_id=row.id,
            after={"name": name, "year": year, "rubric": ref, "rubric_version": version},
        )
        return _dto(row)


def _counts(session: Session) -> dict[int, int]:
    stmt = select(Dossier.campaign_id, func.count(Dossier.id)).group_by(Dossier.campaign_id)
    return {int(cid): int(n) for cid, n in session.execute(stmt)}


def list_campaigns(store: Store) -> list[CampaignDTO]:
    with store.session() as session:
        counts = _counts(session)
        rows = session.scalars(select(Campaign).order_by(Campaign.year.desc(), Campaign.id.desc())).all()
        return [_dto(r, counts.get(r.id, 0)) for r in rows]


def find_campaign(session: Session, name_or_id: str | int) -> Campaign | None:
    if isinstance(name_or_id, int):
        return session.get(Campaign, name_or_id)
    row = session.scalars(select(Campaign).where(Campaign.name == name_or_id.strip())).first()
    if row is None and name_or_id.strip().isdigit():
        row = session.get(Campaign, int(name_or_id.strip()))
    return row


def get_campaign(store: Store, name_or_id: str | int) -> CampaignDTO:
    with store.session() as session:
        row = find_campaign(session, name_or_id)
        if row is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{name_or_id}”不存在")
        return _dto(row, _counts(session).get(row.id, 0))


def ensure_campaign(
    store: Store, name: str, *, year: int, rubric_id: str = "penalty", user: UserDTO
) -> CampaignDTO:
    """The campaign called `name`, created if missing (the CLI's `import --campaign`)."""
    try:
        return get_campaign(store, name)
    except KnownError:
        pass
    try:
        return create_campaign(store, name, year=year, rubric_id=rubric_id, user=user)
    except KnownError as exc:
        if exc.code != ErrorCode.USAGE:
            raise
        return get_campaign(store, name)  # another import created it meanwhile
