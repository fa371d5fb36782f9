"""Reading layout at 1366×768 (issue 14.3): the page stays readable with the score sheet open, side tabs
do not move the divider, and every toolbar action stays on the toolbar however long the undo text gets."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import wait_idle


def _open_first(qtbot: Any, runtime: Any, window: Any) -> Any:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    page = window.review_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.open_dossier(window.case_list.model.row_dto(0).id)
    wait_idle(qtbot, runtime)
    window.focus_score_sheet()
    qtbot.waitUntil(lambda: page.viewer.page_count() > 0)
    return page


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_page_text_is_at_least_10px_with_the_score_sheet_open(qtbot: Any, runtime: Any, window: Any,
                                                              imported: dict[str, int], size: tuple[int, int]) -> None:
    window.resize(*size)
    page = _open_first(qtbot, runtime, window)
    qtbot.wait(50)
    assert page.panel.currentWidget() is page.sheet
    # the fixture's pages are 11 pt text; measured from the rendered page's own spans times the zoom
    qtbot.waitUntil(lambda: page.viewer.text_px(1) >= 10.0, timeout=3000)
    assert page.viewer.thumb_view.isHidden()  # narrow screen: the thumbnail strip gives its width to the page
    assert page.sheet.width() >= 560
    assert page.viewer.width() + page.sheet.width() <= size[0]


def test_switching_side_tabs_keeps_the_divider(qtbot: Any, runtime: Any, window: Any,
                                               imported: dict[str, int]) -> None:
    page = _open_first(qtbot, runtime, window)
    qtbot.wait(50)
    before = page.splitter.sizes()
    for index in range(page.panel.count()):
        page.panel.setCurrentIndex(index)
        qtbot.wait(10)
        assert page.splitter.sizes() == before


def test_every_toolbar_action_is_visible_with_a_long_undo_text(qtbot: Any, runtime: Any, window: Any,
                                                               imported: dict[str, int]) -> None:
    from PySide6.QtGui import QUndoCommand
    from PySide6.QtWidgets import QToolBar

    page = _open_first(qtbot, runtime, window)
    assert page is not None
    window.undo_stack.push(QUndoCommand("扣分：调查取证执法人员两人以上，载明姓名及执法证号，并在笔录中签名确认"))
    qtbot.wait(50)
    assert window.acts["undo"].text().startswith("撤销")  # the stack's own action grew long…
    toolbar = window.findChild(QToolBar, "main_toolbar")
    texts = {a.text() for a in toolbar.actions() if not a.isSeparator()}
    assert {"提交评查…", "打印评查表…", "撤销", "重做"} <= texts
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        widget = toolbar.widgetForAction(action)
        assert widget is not None, action.text()
        assert widget.isVisible(), action.text()  # …the toolbar's twin did not
        right = widget.mapTo(toolbar, widget.rect().topRight()).x()
        assert right < toolbar.width(), action.text()
