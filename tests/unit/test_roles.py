"""Roles: the first user is admin, later users reviewers; supervisors' actions refuse reviewers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import ErrorCode, KnownError
from app.services import Store, UserDTO, current_user, ensure_user, open_store
from app.services.ledger import set_deadline, set_status
from app.services.reconcile import Settlement, finalise
from app.services.sampling import DrawRequest, preview_draw, save_draw
from app.services.users import list_users, require_role
from tests.unit.test_store_support import store

__all__ = ["store"]


def test_require_role_names_user_role_and_action() -> None:
    zhang = UserDTO(id=1, name="张三", role="reviewer")
    with pytest.raises(KnownError) as refused:
        require_role(zhang, "supervisor", "admin", action="抽样分配")
    assert refused.value.code == ErrorCode.FORBIDDEN == "forbidden"
    assert refused.value.message == "用户 张三（评查人员）无权执行“抽样分配”，需要组织者或管理员"
    require_role(UserDTO(id=2, name="李四", role="supervisor"), "supervisor", "admin", action="抽样分配")
    require_role(UserDTO(id=3, name="王五", role="admin"), "admin", action="更改角色")


def test_first_user_is_admin_later_users_reviewers(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_USER", "单机用户")
    first = current_user(store)
    assert (first.name, first.role) == ("单机用户", "admin")
    assert current_user(store).role == "admin"  # the same person again
    monkeypatch.setenv("CASEREVIEW_USER", "后来者")
    assert current_user(store).role == "reviewer"
    assert [(u.name, u.role) for u in list_users(store)] == [("单机用户", "admin"), ("后来者", "reviewer")]


def test_current_user_after_other_users_is_reviewer(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_user(store, "先建的评查员")
    monkeypatch.setenv("CASEREVIEW_USER", "登录者")
    assert current_user(store).role == "reviewer"


def test_user_tied_to_agency_path(store: Store) -> None:
    user = ensure_user(store, "赵六", agency="第一师/市场监督管理局")
    assert user.agency_id is not None
    moved = ensure_user(store, "赵六", agency="第二师/交通运输局")
    assert moved.agency_id not in (None, user.agency_id)
    assert ensure_user(store, "赵六").agency_id == moved.agency_id  # no agency given: unit kept


@pytest.mark.parametrize("call", ["sample", "preview", "finalise", "set_status", "set_deadline"])
def test_reviewer_refused_by_every_supervisor_service(tmp_path: Path, call: str) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    rev = ensure_user(store, "评查员", role="reviewer")
    actions = {
        "sample": ("抽样分配", lambda: save_draw(store, DrawRequest(1, ("评查员",), 1, count=1), user=rev)),
        "preview": ("抽样分配", lambda: preview_draw(store, DrawRequest(1, ("评查员",), 1, count=1), user=rev)),
        "finalise": ("合议定稿", lambda: finalise(store, 1, settled={"x": Settlement(0.0, "")}, user=rev)),
        "set_status": ("更新整改状态", lambda: set_status(store, {1: None}, status="已整改", user=rev)),
        "set_deadline": ("设置整改期限", lambda: set_deadline(store, 1, dt.date(2027, 3, 31), user=rev)),
    }
    action, fn = actions[call]
    with pytest.raises(KnownError) as refused:
        fn()
    assert refused.value.code == ErrorCode.FORBIDDEN
    assert refused.value.message == f"用户 评查员（评查人员）无权执行“{action}”，需要组织者或管理员"
    store.dispose()


def test_accounts_and_roles_are_checked_and_audited_in_the_service(store: Store) -> None:
    from app.services import list_events, set_role

    admin = current_user(store)  # the first user: admin
    sup = ensure_user(store, "组长", role="supervisor", by=admin)
    rev = ensure_user(store, "评查员", by=sup)  # a supervisor may add reviewers
    with pytest.raises(KnownError, match="无权执行“添加评查人员”"):
        ensure_user(store, "旁人", by=rev)
    with pytest.raises(KnownError, match="无权执行“添加组织者”"):
        ensure_user(store, "组长二", role="supervisor", by=sup)  # only an admin adds supervisors
    with pytest.raises(KnownError, match="无权执行“更改用户角色”"):
        set_role(store, "评查员", "supervisor", by=sup)
    assert set_role(store, "评查员", "supervisor", by=admin).role == "supervisor"
    with pytest.raises(KnownError, match="唯一的管理员"):
        set_role(store, admin.name, "reviewer", by=admin)
    ensure_user(store, "评查员", agency="第一师/市场监督管理局", by=admin)  # moved to a unit
    events = [(e.action, e.user, e.after) for e in reversed(list_events(store, entity="user"))]  # oldest first
    assert [(a, u) for a, u, _ in events] == [("user.create", admin.name), ("user.create", admin.name),
                                             ("user.create", "组长"), ("user.role", admin.name),
                                             ("user.unit", admin.name)]
    assert events[3][2] == {"role": "supervisor"}
    assert {u.name for u in list_users(store)} == {admin.name, "组长", "评查员"}  # the refused were not created
