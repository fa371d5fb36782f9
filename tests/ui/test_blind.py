"""Blind review (盲评) in the reviewer's window, and the 只看分配给我的 filter of the case list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

import app.services as api
from app.services.sampling import BLIND_AGENCY
from app.services.users import ensure_user
from app.store.models import Assignment, Dossier
from tests.ui.conftest import wait_idle
from ui.blind import officer_alias, redactor_for
from ui.models.cases import CaseTableModel

LATE = "案卷一-超期.pdf"  # officer 张三, decided by 第八师石河子市市场监督管理局
QUICK = "案卷二.pdf"  # officers 王五、赵六, same agency
UNIT = "第八师/石河子市市场监督管理局"
NAMES = ("石河子市市场监督管理局", "第八师", "张三", "王五", "赵六")


def _texts(model: Any, *, roles: tuple[Qt.ItemDataRole, ...] = (Qt.ItemDataRole.DisplayRole,
                                                                   Qt.ItemDataRole.ToolTipRole)) -> str:
    return "\n".join(str(model.index(r, c).data(role) or "") for r in range(model.rowCount())
                     for c in range(model.columnCount()) for role in roles)


@pytest.fixture
def reviewer(services: Any, imported: dict[str, int]) -> Any:
    """A reviewer of another unit with LATE assigned blind and QUICK assigned openly; the window runs as them."""
    store = services.store
    agency = api.ensure_agency(store, UNIT)
    campaign = api.get_campaign(store, "二〇二四年度评查")
    user = ensure_user(store, "评查员丁", role="reviewer", agency="第一师/司法局")
    with store.write() as session:
        session.execute(update(Dossier).values(agency_id=agency.id))
        for name, blind in ((LATE, True), (QUICK, False)):
            session.add(Assignment(campaign_id=campaign.id, dossier_id=imported[name], reviewer_id=user.id,
                                   slot=1, blind=blind, seed="1"))
    services.user = user
    return user


def _row_text(window: Any, dossier_id: int) -> str:
    model = window.case_list.model
    row = model.row_of(dossier_id)
    return " ".join(str(model.index(row, c).data() or "") for c in range(model.columnCount()))


def _open(qtbot: Any, runtime: Any, window: Any, dossier_id: int) -> Any:
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(dossier_id)
    wait_idle(qtbot, runtime)
    return window.review_page


def test_blind_assignment_hides_agency_and_officers(qtbot: Any, runtime: Any, window: Any, reviewer: Any,
                                                    imported: dict[str, int]) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    blind_row, open_row = _row_text(window, imported[LATE]), _row_text(window, imported[QUICK])
    agency_col = CaseTableModel.COL_AGENCY
    model = window.case_list.model
    assert model.index(model.row_of(imported[LATE]), agency_col).data() == BLIND_AGENCY
    assert model.index(model.row_of(imported[QUICK]), agency_col).data() == UNIT
    assert not any(n in blind_row for n in NAMES)
    assert "石河子市市场监督管理局" in open_row

    page = _open(qtbot, runtime, window, imported[LATE])
    assert page.blind
    shown = "\n".join([_texts(page.panel.fields), _texts(page.panel.findings), _texts(page.panel.documents),
                       window.windowTitle()])
    assert not any(n in shown for n in NAMES), [n for n in NAMES if n in shown]
    assert "执法人员甲（66010012345）" in shown  # 执法人员 field: a stand-in, the certificate number kept
    assert "承办人：执法人员甲 执法证号 66010012345" in shown  # the evidence text of the field
    assert "石河子市某某商贸有限公司" in shown  # the party is not hidden, even where it starts with the city
    assert window.windowTitle() == "案卷评查工作站 — 案卷一-超期.pdf — 师市监处罚〔2024〕15号 — 盲评"
    assert page.viewer.page_count() == 4  # the scanned pages themselves stay

    page = _open(qtbot, runtime, window, imported[QUICK])
    assert not page.blind
    shown = "\n".join([_texts(page.panel.fields), window.windowTitle()])
    assert "王五（66010010001）、赵六（66010010002）" in shown
    assert "第八师石河子市市场监督管理局" in shown  # 执法机关 as extracted
    assert window.windowTitle().endswith(f"— {UNIT}")


def test_my_work_filter_on_by_default_for_a_reviewer(qtbot: Any, runtime: Any, window: Any, reviewer: Any,
                                                    services: Any, imported: dict[str, int]) -> None:
    with services.store.write() as session:  # QUICK no longer assigned to 丁: the filter leaves LATE only
        session.query(Assignment).filter(Assignment.dossier_id == imported[QUICK]).delete()
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    cases = window.case_list
    assert cases.mine.isEnabled()
    assert cases.mine.isChecked()
    assert cases.proxy.rowCount() == 1
    assert cases.count_label.text() == "显示 1 / 共 2 份案卷"
    cases.mine.click()  # the reviewer's choice sticks across refreshes
    assert cases.proxy.rowCount() == 2
    cases.refresh()
    wait_idle(qtbot, runtime)
    assert not cases.mine.isChecked()
    cases.mine.click()
    agency = cases.combos[CaseTableModel.COL_AGENCY]  # the other filters still combine with it
    assert {agency.itemText(i) for i in range(agency.count())} == {"全部单位", BLIND_AGENCY, UNIT}
    agency.setCurrentIndex(agency.findData(UNIT))  # QUICK's unit: QUICK is not mine, LATE is blind
    assert cases.proxy.rowCount() == 0
    agency.setCurrentIndex(agency.findData(BLIND_AGENCY))
    assert cases.proxy.rowCount() == 1
    cases.mine.click()
    assert cases.proxy.rowCount() == 1


def test_my_work_filter_off_for_an_admin_and_without_assignments(qtbot: Any, runtime: Any, window: Any,
                                                                imported: dict[str, int]) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    cases = window.case_list
    assert not cases.mine.isEnabled()
    assert not cases.mine.isChecked()
    assert cases.proxy.rowCount() == 2


def test_redactor_replaces_longest_names_first() -> None:
    hide = redactor_for(agencies=["第八师/石河子市市场监督管理局", "第八师石河子市市场监督管理局"],
                        officers=["张三", "李四"])
    assert hide("第八师石河子市市场监督管理局执法人员张三、李四") == f"{BLIND_AGENCY}执法人员执法人员甲、执法人员乙"
    assert hide("石河子市市场监督管理局（第八师）") == f"{BLIND_AGENCY}（{BLIND_AGENCY}）"
    assert officer_alias(10) == "执法人员11"


def test_agency_written_without_its_place_is_hidden_too() -> None:
    hide = redactor_for(agencies=["乌鲁木齐市天山区城市管理局"], officers=[])
    assert hide("天山区城市管理局、城市管理局") == f"{BLIND_AGENCY}、{BLIND_AGENCY}"
    assert hide("乌鲁木齐市某某餐饮店") == "乌鲁木齐市某某餐饮店"
    hide = redactor_for(agencies=["新疆生产建设兵团第八师市场监督管理局"], officers=[])
    assert hide("第八师市场监督管理局") == BLIND_AGENCY
    assert hide("《新疆生产建设兵团某条例》") == "《新疆生产建设兵团某条例》"
