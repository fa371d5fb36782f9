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
