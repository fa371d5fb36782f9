"""The printed score sheet carries the case data, every item, the total and grade; F1 lists the keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

import app.services as api


def test_review_html_lists_items_total_and_grade(services: Any, imported: dict[str, int]) -> None:
    from ui.printing import review_html

    dossier = imported["案卷一-超期.pdf"]
    detail = services.get_dossier(dossier)
    review = api.save_item_score(services.store, services.open_review(dossier).id, "procedure.decision_time_limit",
                                 deducted=3.0, reason="超过九十日未作出决定", user=services.user, expected_version=
                                 services.open_review(dossier).version)
    html = review_html(detail, review)
    assert "行政执法案卷评查表" in html
    assert "案卷一-超期.pdf" in html
    assert "超过九十日未作出决定" in html
    assert html.count("<tr><td>") == len(review.items)
    assert f"得分：{review.total:g} / 100　等次：{review.grade}" in html


def test_f1_opens_the_shortcut_help(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    boxes = [w for w in window.findChildren(object) if type(w).__name__ == "QMessageBox" and w.isVisible()]
    assert len(boxes) == 1
    assert "Ctrl+1 … 9" in boxes[0].text()
    assert boxes[0].windowTitle() == "帮助"
