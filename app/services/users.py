"""Users and agencies (师市 / 部门 tree)."""

from __future__ import annotations

import getpass
import os

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import AgencyDTO, UserDTO
from app.store.audit import record_event
from app.store.engine import Store
from app.store.models import Agency, User

ROLES = ("reviewer", "supervisor", "admin")
ROLE_LABELS = {"reviewer": "评查人员", "supervisor": "组织者", "admin": "管理员"}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def require_role(user: UserDTO, *roles: str, action: str) -> None:
    """Raise ``KnownError(FORBIDDEN)`` unless ``user`` has one of ``roles``; the message names all three."""
    if user.role in roles:
        return
    needed = "或".join(role_label(r) for r in roles)
    raise KnownError(ErrorCode.FORBIDDEN,
                     f"用户 {user.name}（{role_label(user.role)}）无权执行“{action}”，需要{needed}")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise KnownError(ErrorCode.USAGE, f"未知角色“{role}”，应为 reviewer / supervisor / admin")


def user_dto(user: User) -> UserDTO:
    return UserDTO(id=user.id, name=user.name, role=user.role, agency_id=user.agency_id)


def ensure_user(
    store: Store, name: str, *, role: str = "reviewer", agency_id: int | None = None, agency: str | None = None,
    first_is_admin: bool = False, by: UserDTO | None = None, login: str | None = None,
) -> UserDTO:
    """The user called `name`, created with `role` if missing (an existing user keeps their role).

    ``agency`` ("师市/部门", created if missing) or ``agency_id`` ties the user to their own unit (回避);
    given for an existing user, it updates the unit. With ``first_is_admin``, the first user ever
    created in the database becomes ``admin`` whatever ``role`` says. ``by``: the person doing it (the
    window, the CLI): their rights are checked (a reviewer account needs a supervisor or admin, any
    other an admin) and the creation or the unit change goes to the audit log. ``login``: the person's
    PostgreSQL login (see app.services.accounts).
    """
    name = name.strip()
    if not name:
        raise KnownError(ErrorCode.USAGE, "用户名不能为空")
    _check_role(role)
    if by is not None:
        require_role(by, *(("supervisor", "admin") if role == "reviewer" else ("admin",)),
                     action=f"添加{role_label(role)}")
    try:
        with store.write() as session:
            return ensure_user_in(session, name, role=role, agency_id=agency_id, agency=agency,
                                  first_is_admin=first_is_admin, by=by, login=login)
    except IntegrityError:  # another workstation created the same user at this moment
        with store.session() as session:
            return user_dto(session.scalars(select(User).where(User.name == name)).one())


def ensure_user_in(session: Session, name: str, *, role: str, agency_id: int | None = None,
                   agency: str | None = None, first_is_admin: bool = False, by: UserDTO | None = None,
                   login: str | None = None) -> UserDTO:
    """:func:`ensure_user` inside the caller's transaction (rights already checked)."""
    unit = ensure_agency_in(session, agency).id if agency is not None else agency_id
    user = session.scalars(select(User).where(User.name == name)).first()
    actor = by.name if by else name
    if user is None:
        first = first_is_admin and not session.scalar(select(func.count()).select_from(User))
        user = User(name=name, role="admin" if first else role, agency_id=unit, login=login)
        session.add(user)
        session.flush()
        record_event(session, user=actor, action="user.create", entity="user", entity_id=user.id,
                     after={"name": name, "role": user.role, "agency_id": unit, "login": login})
        return user_dto(user)
    if unit is not None and user.agency_id != unit:
        record_event(session, user=actor, action="user.unit", entity="user", entity_id=user.id,
                     before={"agency_id": user.agency_id}, after={"agency_id": unit})
        user.agency_id = unit
    if login is not None and user.login != login:
        record_event(session, user=actor, action="user.login", entity="user", entity_id=user.id,
                     before={"login": user.login}, after={"login": login})
        user.login = login
    return user_dto(user)


def set_role(store: Store, name: str, role: str, *, by: UserDTO | None = None) -> UserDTO:
    """Change a user's role (created if missing). ``by`` is checked (an admin) and audit-logged; the last
    admin cannot be demoted."""
    _check_role(role)
    if by is not None:
        require_role(by, "admin", action="更改用户角色")
    ensure_user(store, name, by=by)
    with store.write() as session:
        user = session.scalars(select(User).where(User.name == name.strip())).one()
        admins = session.scalar(select(func.count()).select_from(User).where(User.role == "admin")) or 0
        if user.role == "admin" and role != "admin" and admins <= 1:
            raise KnownError(ErrorCode.USAGE,
                             f"{user.name} 是唯一的管理员，不能改为{role_label(role)}（至少保留一名管理员）")
        if user.role != role:
            record_event(session, user=by.name if by else user.name, action="user.role", entity="user",
                         entity_id=user.id, before={"role": user.role}, after={"role": role})
            user.role = role
        if user.login and session.get_bind().dialect.name == "postgresql":
            from app.services.accounts import sync_group

            sync_group(session, user.login, role)  # the person's database group follows, in the same transaction
        return user_dto(user)


def list_users(store: Store) -> list[UserDTO]:
    with store.session() as session:
        return [user_dto(u) for u in session.scalars(select(User).order_by(User.id))]


def os_login_name() -> str:
    for var in ("CASEREVIEW_USER",):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def current_user(store: Store) -> UserDTO:
    """Who is acting. SQLite (one desktop): the OS login name ($CASEREVIEW_USER overrides), created on
    first use; the first user ever created becomes ``admin``, later ones reviewers. PostgreSQL with a
    person's login: that person, whatever $CASEREVIEW_USER says (see app.services.accounts)."""
    if not store.is_sqlite:
        from app.services.accounts import db_identity, person_user

        ident = db_identity(store)
        if ident.kind == "person":
            return person_user(store, ident)
    return ensure_user(store, os_login_name(), first_is_admin=True)


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
