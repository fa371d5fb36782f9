"""Team accounts on PostgreSQL: one database login per person, in one group role (app.store.pgtrust).

The program connects as the person; the server authenticates them (a password it checks, or its own
methods set in pg_hba.conf: peer, ldap, cert…). Who acts is then the login, not a name the program is
told: ``CASEREVIEW_USER`` is ignored for a person's login. The schema owner's login (or a superuser) is
the administrator's maintenance account and keeps the one-desktop behaviour (it can do anything anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.dto import UserDTO
from app.services.users import ROLES, ensure_user_in, require_role, role_label, user_dto
from app.store.engine import Store
from app.store.models import User
from app.store.pgtrust import GROUPS

_IDENTITY = """
SELECT session_user,
       (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
         OR session_user = (SELECT tableowner FROM pg_tables WHERE tablename = 'app_user'
                                                                 AND schemaname = current_schema()),
       (SELECT g FROM unnest(ARRAY['casereview_admin', 'casereview_supervisor', 'casereview_reviewer']) g
         WHERE CASE WHEN to_regrole(g) IS NULL THEN false ELSE pg_has_role(session_user, g, 'MEMBER') END LIMIT 1)
"""
_ROLE_OF = {group: role for role, group in GROUPS.items()}


@dataclass(frozen=True, slots=True)
class DbIdentity:
    login: str
    kind: str  # owner (schema owner or superuser) | person (member of a casereview group) | other
    role: str | None = None  # a person's role, from their group

    @property
    def label(self) -> str:
        if self.kind == "owner":
            return "数据库所有者（管理员维护账号，不应用于日常评查）"
        if self.kind == "person":
            return f"{role_label(self.role or '')}账号"
        return "不属于评查系统的数据库账号"


def db_identity(store: Store) -> DbIdentity:
    try:
        with store.session() as session:
            login, owner, group = session.execute(text(_IDENTITY)).one()
    except DBAPIError as exc:
        raise KnownError(ErrorCode.DB, f"无法确定当前数据库账号：{exc.orig or exc}") from exc
    if owner:
        return DbIdentity(str(login), "owner")
    if group:
        return DbIdentity(str(login), "person", _ROLE_OF[str(group)])
    return DbIdentity(str(login), "other")


def person_user(store: Store, ident: DbIdentity) -> UserDTO:
    """The registered person behind a login; their role is their database group's."""
    with store.session() as session:
        row = session.scalars(select(User).where(User.login == ident.login)).first()
        if row is None:
            raise KnownError(ErrorCode.FORBIDDEN,
                             f"数据库账号 {ident.login} 尚未在评查系统中登记：请管理员运行 "
                             f"casereview user add 姓名 --login {ident.login}")
        dto = user_dto(row)
    return UserDTO(id=dto.id, name=dto.name, role=ident.role or dto.role, agency_id=dto.agency_id)


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The password hashed on this machine (SCRAM-SHA-256, libpq's own routine): the server and its logs
    never see it in clear."""
    raw = session.connection().connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    out: bytes = pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256")
    return out.decode("ascii")


def add_person(store: Store, name: str, *, login: str, role: str, by: UserDTO, password: str | None,
               agency: str | None = None) -> UserDTO:
    """Create (or update) a person's login in its group, with a password or none (pg_hba decides), and
    their account row, in one transaction. The database checks the rights again (casereview_create_login)."""
    if role not in ROLES:
        raise KnownError(ErrorCode.USAGE, f"未知角色“{role}”，应为 reviewer / supervisor / admin")
    login = login.strip()
    if not login or len(login.encode("utf-8")) > 63:
        raise KnownError(ErrorCode.USAGE, "数据库账号名不能为空，且不超过 63 字节")
    require_role(by, *(("supervisor", "admin") if role == "reviewer" else ("admin",)), action=f"添加{role_label(role)}")
    try:
        with store.write() as session:
            taken = session.scalars(select(User).where(User.login == login, User.name != name.strip())).first()
            if taken is not None:
                raise KnownError(ErrorCode.USAGE, f"数据库账号 {login} 已属于用户 {taken.name}")
            existing = session.scalars(select(User).where(User.name == name.strip())).first()
            group = GROUPS[existing.role if existing is not None else role]  # a role change is set_role's
            verifier = scram_verifier(session, login, password) if password else None
            session.execute(text("SELECT casereview_create_login(:login, :verifier, :grp)"),
                            {"login": login, "verifier": verifier, "grp": group})
            return ensure_user_in(session, name.strip(), role=role, agency=agency, by=by, login=login)
    except DBAPIError as exc:
        raise _account_error(exc, login) from exc


def sync_group(session: Session, login: str, role: str) -> None:
    try:
        with session.begin_nested():
            session.execute(text("SELECT casereview_set_group(:login, :grp)"), {"login": login, "grp": GROUPS[role]})
    except DBAPIError as exc:
        raise _account_error(exc, login) from exc


def _account_error(exc: DBAPIError, login: str) -> KnownError:
    code = getattr(exc.orig, "sqlstate", None)
    text_ = str(exc.orig or exc)
    if code == "42501" and "CREATEROLE" not in text_ and "create role" not in text_:
        return KnownError(ErrorCode.FORBIDDEN, f"数据库拒绝：当前账号无权创建或更改账号 {login}")
    if code == "42501":
        return KnownError(
            ErrorCode.DB, "数据库所有者账号没有 CREATEROLE 权限，无法创建个人登录账号（见 README 团队服务器设置）"
        )
    if code == "42710":
        return KnownError(ErrorCode.USAGE, f"数据库中已有名为 {login} 的账号，且不属于评查系统，请换一个账号名")
    if code == "42883":
        return KnownError(ErrorCode.DB, "数据库结构不是最新版本：请管理员先运行 casereview db upgrade")
    return KnownError(ErrorCode.DB, f"创建账号 {login} 失败：{text_.splitlines()[0] if text_ else type(exc).__name__}")
