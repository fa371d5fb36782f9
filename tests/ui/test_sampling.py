"""组织 → 抽样与分配: preview then save, the seed replays the draw, 回避, roles, adding a reviewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu, QWidget
from sqlalchemy import select

import app.services as api
from app.services.sampling import Candidate, draw_sample
from app.services.users import ensure_user, list_users
from app.store.models import Assignment as AssignmentRow
from tests.e2e.test_reports_campaign import _insert_dossier
from tests.ui.conftest import wait_idle
from ui import dialogs_api
from ui.actions import ORG_MENU, install_entries
from ui.models.cases import CaseTableModel
from ui.sampling_dialog import SamplingDialog, open_sampling

UNITS = ("第一师/市场监管局", "第一师/生态环境局", "第二师/交通运输局")
REVIEWERS = {"评查员甲": "第一师/市场监管局", "评查员乙": "第二师/交通运输局", "评查员丙": None}


@dataclass(frozen=True)
class Org:
    campaign: Any
    candidates: tuple[Candidate, ...]  # built here, independently of the dialog
    unit_of: dict[str, str | None]  # reviewer -> unit path


@pytest.fixture
def org(services: Any, campaign: Any) -> Org:
    store = services.store
    ids = [api.ensure_agency(store, path).id for path in UNITS]
    candidates = []
    for n in range(12):
        agency_id = ids[n % 3]
        did, _number, file_name = _insert_dossier(store, campaign.id, agency_id, n, finding=False)
        candidates.append(Candidate(did, UNITS[n % 3], "penalty", file_name))  # units are told apart by path
    for name, unit in REVIEWERS.items():
        ensure_user(store, name, role="reviewer", agency=unit)
    units = dict(REVIEWERS)
    return Org(api.get_campaign(store, campaign.id), tuple(candidates), units)


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(dialogs_api, "confirm", lambda _p, *, title, text: asked.append(text) or True)
    return asked


def _dialog(qtbot: Any, runtime: Any, org: Org) -> SamplingDialog:
    dialog = SamplingDialog(None, org.campaign)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_users()
    wait_idle(qtbot, runtime)
    return dialog


def _saved_pairs(services: Any, campaign_id: int) -> set[tuple[int, str]]:
    names = {u.id: u.name for u in list_users(services.store)}
    with services.store.session() as session:
        rows = session.execute(select(AssignmentRow.dossier_id, AssignmentRow.reviewer_id)
                               .where(AssignmentRow.campaign_id == campaign_id)).all()
    return {(int(d), names[int(r)]) for d, r in rows}


def test_preview_then_save_draws_what_draw_sample_draws(qtbot: Any, runtime: Any, services: Any, org: Org,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, runtime, org)
    assert dialog.seed.text().isdigit()
    assert len(dialog.seed.text()) == 6
    assert dialog.reviewer_list.count() == 4  # the three reviewers and the admin who opened the store
    assert "评查员甲（第一师/市场监管局，评查人员）" in [dialog.reviewer_list.item(i).text() for i in range(4)]
    dialog.set_chosen(list(REVIEWERS))
    dialog.seed.setText("424242")
    dialog.count.setValue(2)
    dialog.preview()
    wait_idle(qtbot, runtime)
    expected = draw_sample(org.candidates, seed=424242, count=2)
    assert [c.dossier_id for c in dialog.draw.drawn] == [c.dossier_id for c in expected]
    assert len(expected) == 6
    assert _saved_pairs(services, org.campaign.id) == set()  # a preview writes nothing
    monkeypatch.setattr(dialogs_api, "confirm", lambda *_a, **_k: False)
    dialog.save()  # answered no: nothing saved
    wait_idle(qtbot, runtime)
    assert _saved_pairs(services, org.campaign.id) == set()
    monkeypatch.setattr(dialogs_api, "confirm", lambda *_a, **_k: True)
    text = dialog.preview_view.toPlainText()
    assert "预览（种子 424242，尚未保存）" in text
    assert all(c.file_name in text for c in expected)
    assert "2 / 4" in text  # per agency: how many of how many
    previewed = {(a.dossier_id, name) for a in dialog.draw.assignments for name in a.reviewers}
    assert len(previewed) == 6
    dialog.save()
    wait_idle(qtbot, runtime)
    assert dialog.draw.saved
    assert [c.dossier_id for c in dialog.draw.drawn] == [c.dossier_id for c in expected]
    assert dialog.draw.seed == 424242
    assert _saved_pairs(services, org.campaign.id) == previewed
    assert "已保存：抽取 6 份，种子 424242" in dialog.message.text()
    # 回避: nobody reviews a file of their own agency
    agency_of = {c.dossier_id: c.agency for c in org.candidates}
    assert all(org.unit_of[name] != agency_of[d] for d, name in previewed)
    # the same seed entered again previews the same files; another seed (almost surely) others
    dialog.reseed.click()
    assert dialog.seed.text() != "424242"
    dialog.seed.setText("424242")
    dialog.preview()
    wait_idle(qtbot, runtime)
    assert [c.dossier_id for c in dialog.draw.drawn] == [c.dossier_id for c in expected]
    dialog.by_percent.setChecked(True)
    dialog.percent.setValue(50.0)
    dialog.preview()
    wait_idle(qtbot, runtime)
    assert [c.dossier_id for c in dialog.draw.drawn] == [
        c.dossier_id for c in draw_sample(org.candidates, seed=424242, percent=50.0)]


def test_two_reviewers_per_file_and_no_way_round_the_conflict_of_interest(
        qtbot: Any, runtime: Any, services: Any, org: Org) -> None:
    dialog = _dialog(qtbot, runtime, org)
    dialog.set_chosen(["评查员甲", "评查员乙"])  # 甲 is 市场监管局: its files need two others, there is one
    dialog.per_file.setCurrentIndex(1)
    dialog.seed.setText("7")
    dialog.preview()
    wait_idle(qtbot, runtime)
    assert "可回避的评查人员不足 2 人" in dialog.message.text()
    assert "不能分配" in dialog.preview_view.toPlainText()
    dialog.save()
    wait_idle(qtbot, runtime)
    assert dialog.message.text().startswith("未能完成：案卷")
    assert "可回避的评查人员不足 2 人" in dialog.message.text()
    assert _saved_pairs(services, org.campaign.id) == set()
    dialog.set_chosen(list(REVIEWERS))
    dialog.save()
    wait_idle(qtbot, runtime)
    pairs = _saved_pairs(services, org.campaign.id)
    agency_of = {c.dossier_id: c.agency for c in org.candidates}
    assert len(pairs) == 2 * len(dialog.draw.drawn)
    assert all(org.unit_of[name] != agency_of[d] for d, name in pairs)
    # a 第一师/市场监管局 file can only go to 乙 and 丙
    assert {n for d, n in pairs if agency_of[d] == "第一师/市场监管局"} == {"评查员乙", "评查员丙"}


def test_no_reviewer_chosen_is_said_in_the_dialog(qtbot: Any, runtime: Any, org: Org) -> None:
    dialog = _dialog(qtbot, runtime, org)
    dialog.save()
    assert dialog.message.text() == "请先勾选评查人员。"
    dialog.preview()
    wait_idle(qtbot, runtime)
    assert dialog.message.text() == "请在左侧勾选评查人员。"
    assert len(dialog.draw.drawn) == 9  # the draw is shown all the same (3 per agency by default)


def test_reviewer_sees_the_entry_disabled_and_is_refused(qtbot: Any, runtime: Any, services: Any, org: Org) -> None:
    class Win(QWidget):
        def current_campaign(self) -> Any:
            return org.campaign

    services.user = ensure_user(services.store, "评查员甲")
    win = Win()
    qtbot.addWidget(win)
    menu = QMenu(win)
    install_entries(win, menu, ORG_MENU)  # type: ignore[arg-type]  # a stand-in window
    action = menu.actions()[0]
    assert action.text() == "抽样与分配…"
    assert not action.isEnabled()
    assert action.toolTip() == "只有组织者或管理员可以使用“抽样与分配”；当前用户 评查员甲 是评查人员。"
    assert [(a.text(), a.isEnabled()) for a in menu.actions()[1:]] == [
        ("合议定稿…", True), ("整改台账…", True), ("异议登记与答复…", False), ("评查校准…", True),
        ("导入作业队列…", True)]  # open read-only for a reviewer; 异议 is the supervisors' own
    assert action.statusTip() == action.toolTip()
    dialog = _dialog(qtbot, runtime, org)  # opened some other way: the service still refuses
    dialog.set_chosen(["评查员乙", "评查员丙"])
    dialog.save()
    wait_idle(qtbot, runtime)
    assert dialog.message.text() == "未能完成：用户 评查员甲（评查人员）无权执行“抽样分配”，需要组织者或管理员"
    assert _saved_pairs(services, org.campaign.id) == set()
    services.user = ensure_user(services.store, "督查组长", role="supervisor")
    menu2 = QMenu(win)
    install_entries(win, menu2, ORG_MENU)  # type: ignore[arg-type]
    assert menu2.actions()[0].isEnabled()


def test_add_reviewer_creates_the_user_with_its_unit(qtbot: Any, runtime: Any, services: Any, org: Org) -> None:
    dialog = _dialog(qtbot, runtime, org)
    add = dialog.add_reviewer()
    wait_idle(qtbot, runtime)
    assert add.unit.findText("第二师/交通运输局") >= 0  # existing units offered
    add.name.setText("新评查员")
    add.role.setCurrentIndex(add.role.findData("reviewer"))
    add.unit.setEditText("第三师/司法局")
    add.submit()
    wait_idle(qtbot, runtime)
    wait_idle(qtbot, runtime)
    user = next(u for u in list_users(services.store) if u.name == "新评查员")
    assert user.role == "reviewer"
    paths = {a.id: a.path for a in api.list_agencies(services.store)}
    assert paths[user.agency_id] == "第三师/司法局"
    assert "新评查员" in dialog.chosen()  # listed and ticked
    assert "新评查员（第三师/司法局，评查人员）" in [dialog.reviewer_list.item(i).text()
                                                for i in range(dialog.reviewer_list.count())]
    again = dialog.add_reviewer()
    again.name.setText("新评查员")
    again.submit()
    wait_idle(qtbot, runtime)
    assert again.message.text() == "用户“新评查员”已存在，请直接在名单中勾选"


def test_saving_from_the_window_fills_the_case_list_reviewer_column(
        qtbot: Any, runtime: Any, window: Any, org: Org, answer_yes: list[str]) -> None:
    window.load_campaigns(select=org.campaign.name)
    wait_idle(qtbot, runtime)
    (action,) = [a for a in window.org_menu.actions() if a.text() == "抽样与分配…"]
    assert action.isEnabled()  # the first user of a database is its admin
    dialog = open_sampling(window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, runtime)
    dialog.set_chosen(list(REVIEWERS))
    dialog.seed.setText("99")
    dialog.count.setValue(1)
    dialog.save()
    wait_idle(qtbot, runtime)
    wait_idle(qtbot, runtime)
    model = window.case_list.model
    shown = {model.row_dto(r).id: model.index(r, CaseTableModel.COL_REVIEWER).data() for r in range(model.rowCount())}
    expected = {a.dossier_id: "、".join(a.reviewers) for a in dialog.draw.assignments}
    assert len(expected) == 3
    assert answer_yes == ["按种子 99 抽样并分配给 3 名评查人员？\n保存后写入审计日志，已保存的分配不能在此撤销。"]
    assert {d: shown[d] for d in expected} == expected
    assert sum(1 for v in shown.values() if v) == 3
