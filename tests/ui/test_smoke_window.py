"""The window opens on a store with a campaign and lists its dossiers."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import wait_idle


def test_window_lists_imported_dossiers(qtbot: Any, runtime: Any, window: Any, imported: dict[str, int]) -> None:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    assert window.campaign.name == "二〇二四年度评查"
    assert window.case_list.model.rowCount() == 2
    assert sorted(window.case_list.model.index(r, 0).data() for r in range(2)) == ["案卷一-超期.pdf", "案卷二.pdf"]


def test_full_text_search_and_filters_narrow_the_list(qtbot: Any, runtime: Any, window: Any,
                                                      imported: dict[str, int]) -> None:
    from PySide6.QtCore import Qt

    from ui.models.cases import CaseTableModel

    window.load_campaigns()
    wait_idle(qtbot, runtime)
    cases = window.case_list
    cases.search.setText("送达回证")
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    wait_idle(qtbot, runtime)
    assert cases.proxy.rowCount() == 1
    assert cases.proxy.index(0, CaseTableModel.COL_FILE).data() == "案卷一-超期.pdf"
    assert cases.count_label.text().startswith("显示 1 / 共 2 份案卷")
    cases.search.clear()
    assert cases.proxy.rowCount() == 2
    status = cases.combos[CaseTableModel.COL_STATUS]
    assert [status.itemText(i) for i in range(status.count())] == ["全部进度", "未评"]
    party = cases.proxy.index(0, CaseTableModel.COL_PARTY).data()
    assert party in {"石河子市某某商贸有限公司", "李某某"}
