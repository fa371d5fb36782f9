"""Dossier viewer: lazy rendering, page keys, go to page, zoom, find with highlights, DOCX text pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import FONT, wait_idle


def _long_pdf(pages: int) -> bytes:
    doc = pymupdf.open()
    for n in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 100), f"page {n}", fontsize=14)
        if n % 50 == 0:  # embedding the CJK font on every page would make the fixture slow
            page.insert_font(fontname="wqy", fontfile=str(FONT))
            page.insert_text((60, 140), "送达回证", fontname="wqy", fontsize=12)
    doc.subset_fonts()
    return doc.tobytes()


@pytest.fixture
def viewer(qtbot: Any, qapp: Any) -> Any:
    from ui.app import setup_application
    from ui.widgets.viewer import ViewerWidget

    setup_application(qapp)
    widget = ViewerWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_only_visible_pages_are_rendered(qtbot: Any, viewer: Any) -> None:
    from ui.widgets.pages import CACHE_PAGES

    viewer.load(_long_pdf(300), file_name="长卷.pdf")
    qtbot.wait(50)
    assert viewer.page_count() == 300
    assert 1 <= viewer.canvas.render_count <= 3
    assert viewer.thumbs.render_count <= 10
    for target in (120, 250, 300):
        viewer.go_to_page(target)
        viewer.canvas.repaint()
        assert viewer.current_page() == target
    assert viewer.page_spin.value() == 300
    assert len(viewer.canvas.cached_pages()) <= CACHE_PAGES
    assert viewer.canvas.render_count <= 12


def test_page_keys_and_go_to_page(qtbot: Any, viewer: Any) -> None:
    viewer.load(_long_pdf(10), file_name="卷.pdf")
    viewer.scroll_area.setFocus()
    qtbot.keyClick(viewer.scroll_area, Qt.Key.Key_PageDown)
    assert viewer.current_page() == 2
    qtbot.keyClick(viewer.scroll_area, Qt.Key.Key_PageUp)
    assert viewer.current_page() == 1
    viewer.page_spin.setValue(7)
    assert viewer.current_page() == 7


def test_zoom_and_fit_width(qtbot: Any, viewer: Any) -> None:
    viewer.load(_long_pdf(3), file_name="卷.pdf")
    fit = viewer.canvas.zoom
    viewer.zoom_by(1.2)
    assert viewer.canvas.zoom == pytest.approx(fit * 1.2)
    viewer.fit_width()
    assert viewer.canvas.zoom == pytest.approx(fit)
    assert viewer.canvas.width() <= viewer.scroll_area.viewport().width()


def test_find_highlights_every_hit_and_steps(qtbot: Any, viewer: Any) -> None:
    viewer.load(_long_pdf(200), file_name="卷.pdf")
    assert viewer.find_text("送达回证") == 4
    assert viewer.find_status.text() == "4 处"
    assert viewer.current_page() == 50
    viewer.next_hit(1)
    assert viewer.current_page() == 100
    assert [h.page for h in viewer.highlights() if h.current] == [99]
    assert viewer.find_text("不存在的文字") == 0


def test_docx_is_shown_through_its_text_pages(qtbot: Any, runtime: Any, window: Any, services: Any,
                                              campaign: Any, tmp_path: Path) -> None:
    path = tmp_path / "决定书.docx"
    document = docx.Document()
    document.add_paragraph("行政处罚决定书")
    document.add_paragraph("当事人：石河子市某某商贸有限公司")
    document.add_page_break()
    document.add_paragraph("送达回证")
    document.add_paragraph("送达日期：2024年7月3日")
    document.save(str(path))
    report = services.import_paths([path], campaign=campaign)
    assert [Path(f.file).name for f in report.imported] == ["决定书.docx"]
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(report.imported[0].dossier_id)
    wait_idle(qtbot, runtime)
    shown = window.review_page.viewer
    assert shown.page_count() == 2
    assert shown.find_text("送达日期") == 1
    assert shown.current_page() == 2
