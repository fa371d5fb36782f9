"""Users and agencies (师市 / 部门 tree)."""

from __future__ import annotations

import getpass
import os

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import AgencyDTO, UserDTO
from app.store.engine import Store
from app.store.models import Agency, User

ROLES = ("reviewer", "supervisor", "admin")


def user_dto(user: User) -> UserDTO:
    return UserDTO(id=user.id, name=user.name, role=user.role, agency_id=user.agency_id)


def ensure_user(store: Store, name: str, *, role: str = "reviewer", agency_id: int | None = None) -> UserDTO:
    """The user called `name`, created with `role` if missing (an existing user keeps their role)."""
    name = name.strip()
    if not name:
        raise KnownError(ErrorCode.USAGE, "用户名不能为空")
    if role not in ROLES:
        raise KnownError(ErrorCode.USAGE, f"未知角色“{role}”，应为 reviewer / supervisor / admin")
    try:
        with store.write() as session:
            user = session.scalars(select(User).where(User.name == name)).first()
            if user is None:
                user = User(name=name, role=role, agency_id=agency_id)
                session.add(user)
                session.flush()
            return user_dto(user)
    except IntegrityError:  # another workstation created the same user at this moment
        with store.session() as session:
            return user_dto(session.scalars(select(User).where(User.name == name)).one())


def set_role(store: Store, name: str, role: str) -> UserDTO:
    if role not in ROLES:
        raise KnownError(ErrorCode.USAGE, f"未知角色“{role}”，应为 reviewer / supervisor / admin")
    ensure_user(store, name)
    with store.write() as session:
        user = session.scalars(select(User).where(User.name == name)).one()
        user.role = role
        return user_dto(user)


def os_login_name() -> str:
    for var in ("CASEREVIEW_USER",):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def current_user(store: Store) -> UserDTO:
    """The OS login name ($CASEREVIEW_USER overrides); created as a reviewer on first use."""
    return ensure_user(store, os_login_name())


def get_user(session: Session, user: UserDTO | int) -> User:
    user_id = user if isinstance(user, int) else user.id
    row = session.get(User, user_id)
    if row is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"用户 {user_id} 不存在")
    return row


def agency_path(session: Session, agency_id: int | None) -> str | None:
    names: list[str] = []
    seen: set[int] = set()
    while agency_id is not None and agency_id not in seen:
        seen.add(agency_id)
        row = session.get(Agency, agency_id)
        if row is None:
            break
        names.append(row.name)
        agency_id = row.parent_id
    return "/".join(reversed(names)) if names else None


def _agency_dto(session: Session, row: Agency) -> AgencyDTO:
    return AgencyDTO(id=row.id, name=row.name, parent_id=row.parent_id, path=agency_path(session, row.id) or row.name)


def ensure_agency_in(session: Session, name: str, *, parent: str | int | None = None) -> Agency:
    """`name` may be a path "师市/部门"; each level is created if missing."""
    parts = [p.strip() for p in name.replace("／", "/").split("/") if p.strip()]
    if not parts:
        raise KnownError(ErrorCode.USAGE, "单位名称不能为空")
    parent_id: int | None
    parent_id = ensure_agency_in(session, parent).id if isinstance(parent, str) else parent
    row: Agency | None = None
    for part in parts:
        row = session.scalars(
            select(Agency).where(Agency.name == part, Agency.parent_id.is_(None) if parent_id is None
                                 else Agency.parent_id == parent_id)
        ).first()
        if row is None:
            row = Agency(name=part, parent_id=parent_id)
            session.add(row)
            session.flush()
        parent_id = row.id
    assert row is not None
    return row


def ensure_agency(store: Store, name: str, *, parent: str | int | None = None) -> AgencyDTO:
    with store.write() as session:
        return _agency_dto(session, ensure_agency_in(session, name, parent=parent))


def list_agencies(store: Store) -> list[AgencyDTO]:
    with store.session() as session:
        rows = session.scalars(select(Agency).order_by(Agency.id)).all()
        return sorted((_agency_dto(session, r) for r in rows), key=lambda a: a.path)
