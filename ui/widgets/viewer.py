"""Dossier viewer: lazy pages, thumbnails, zoom, fit width, page keys, go to page, find with highlights."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pymupdf
from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scoring.types import Box
from ui.models.thumbnails import THUMB_WIDTH, ThumbnailModel
from ui.widgets.pages import GAP, Highlight, PageCanvas, find_words, open_document

log = logging.getLogger(__name__)


def body_font_size(page: pymupdf.Page) -> float:
    """The median font size (points) over the characters of a page; 0 without a text layer."""
    sizes = sorted(span["size"] for block in page.get_text("dict")["blocks"] for line in block.get("lines", ())
                   for span in line["spans"] for ch in span["text"] if not ch.isspace())
    return float(sizes[len(sizes) // 2]) if sizes else 0.0


class ViewerWidget(QWidget):
    """Shows one dossier's pages.

    Signals:
        page_changed(int): the 1-based page at the top of the view changed.
    """

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: pymupdf.Document | None = None
        self._fit_width = True
        self._hits: list[Highlight] = []
        self._hit_pos = -1
        self._last_page = 0
        self.canvas = PageCanvas()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll_area.viewport().installEventFilter(self)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.thumbs = ThumbnailModel(self)
        self.thumb_view = self._make_thumb_view()
        self._build_toolbar()
        self._layout()
        self._shortcuts()

    # construction ----------------------------------------------------------------
    def _make_thumb_view(self) -> QListView:
        view = QListView()
        view.setModel(self.thumbs)
        view.setUniformItemSizes(True)  # lets the view ask only visible rows for their thumbnail
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setFlow(QListView.Flow.TopToBottom)
        view.setWrapping(False)
        view.setMovement(QListView.Movement.Static)
        view.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        view.setFixedWidth(THUMB_WIDTH + 36)
        view.setSpacing(4)
        view.clicked.connect(lambda idx: self.go_to_page(idx.row() + 1))
        return view

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    def _build_toolbar(self) -> None:
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda n: self.go_to_page(n) if n != self.current_page() else None)
        self.page_total = QLabel("/ 0")
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("在案卷中查找（回车：下一处）"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self._on_find_return)
        self.find_status = QLabel("")
        self.zoom_label = QLabel("")
        self.tools = [
            self._button(self.tr("上一页"), self.tr("上一页 (PgUp)"), lambda: self.step_page(-1)),
            self._button(self.tr("下一页"), self.tr("下一页 (PgDown)"), lambda: self.step_page(1)),
            self._button(self.tr("缩小"), self.tr("缩小 (Ctrl+-)"), lambda: self.zoom_by(1 / 1.2)),
            self._button(self.tr("放大"), self.tr("放大 (Ctrl+=)"), lambda: self.zoom_by(1.2)),
            self._button(self.tr("适合宽度"), self.tr("适合宽度 (Ctrl+0)"), self.fit_width),
        ]
        self.thumbs_btn: QToolButton = self._button(
            self.tr("缩略图"),
            self.tr("显示或隐藏页面缩略图栏（窄屏上隐藏，页面更大）"),
            lambda: self.set_thumbnails_visible(self.thumbs_btn.isChecked()),
        )
        self.thumbs_btn.setCheckable(True)
        self.thumbs_btn.setChecked(True)
        self.tools.insert(0, self.thumbs_btn)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("页")))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_total)
        for b in self.tools:
            bar.addWidget(b)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.find_status)
        pages = QHBoxLayout()
        pages.setSpacing(2)
        pages.addWidget(self.thumb_view)
        pages.addWidget(self.scroll_area, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(bar)
        box.addLayout(pages, 1)

    def _shortcuts(self) -> None:
        """Keys of the viewer alone. Find (Ctrl+F) and zoom (Ctrl++ / Ctrl+= / Ctrl+-) are the main window's
        actions (ui.actions): the same key here too would make Qt call both "ambiguous" and do nothing.
        Find next/previous are F3 / Shift+F3 only, as Ctrl+G goes to a page."""
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.step_page(-1)),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.step_page(1)),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence("Ctrl+G"), self.page_spin.setFocus),
            (QKeySequence("F3"), lambda: self.next_hit(1)),
            (QKeySequence("Shift+F3"), lambda: self.next_hit(-1)),
        ):
            sc = QShortcut(keys, self)
            sc.setContext(ctx)
            sc.activated.connect(slot)

    # loading -----------------------------------------------------------------------
    def load(self, data: bytes, *, file_name: str, page_texts: Sequence[str] = ()) -> None:
        """Show a file; only the pages that become visible are rendered."""
        self.doc = open_document(data, file_name=file_name, page_texts=page_texts)
        self.canvas.set_document(self.doc)
        self.thumbs.set_document(self.doc)
        self.page_spin.setMaximum(max(1, len(self.doc)))
        self.page_total.setText(f"/ {len(self.doc)}")
        self._hits, self._hit_pos = [], -1
        self.find_status.clear()
        self._fit_width = True
        self._apply_fit()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._on_scrolled(0)

    def clear(self) -> None:
        self.doc = None
        self.canvas.set_document(None)
        self.thumbs.set_document(None)
        self.page_total.setText("/ 0")

    def page_count(self) -> int:
        return self.canvas.page_count()

    def set_thumbnails_visible(self, visible: bool) -> None:
        """The thumbnail strip is a collapsible side panel: hidden, its width goes to the page."""
        self.thumbs_btn.setChecked(visible)
        self.thumb_view.setVisible(visible)

    def chrome_width(self) -> int:
        """Pixels of the viewer's width that are not the page: thumbnails, scroll bar, gaps, frame."""
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        thumbs = self.thumb_view.width() + 2 if not self.thumb_view.isHidden() else 0
        return thumbs + bar + 2 * GAP + 2 * self.scroll_area.frameWidth() + 6

    def text_px(self, page: int | None = None) -> float:
        """The median height in screen pixels of the characters on a 1-based page (current page by default):
        the size a reader sees; 0 when the page has no text layer (a scan)."""
        if self.doc is None or not self.page_count():
            return 0.0
        index = max(1, min(self.page_count(), page or self.current_page() or 1)) - 1
        return body_font_size(self.doc[index]) * self.canvas.zoom

    # navigation --------------------------------------------------------------------
    def current_page(self) -> int:
        """1-based page at the top of the viewport."""
        if not self.page_count():
            return 0
        return self.canvas.page_at(self.scroll_area.verticalScrollBar().value() + GAP) + 1

    def go_to_page(self, number: int) -> None:
        if not self.page_count():
            return
        number = max(1, min(self.page_count(), number))
        self.scroll_area.verticalScrollBar().setValue(self.canvas.page_top(number - 1) - GAP // 2)
        self._on_scrolled(self.scroll_area.verticalScrollBar().value())

    def step_page(self, delta: int) -> None:
        self.go_to_page(self.current_page() + delta)

    def _on_scrolled(self, _value: int) -> None:
        page = self.current_page()
        if page and page != self._last_page:
            self._last_page = page
            self.page_spin.blockSignals(True)
            self.page_spin.setValue(page)
            self.page_spin.blockSignals(False)
            self.thumb_view.setCurrentIndex(self.thumbs.index(page - 1, 0))
            self.page_changed.emit(page)

    # zoom ----------------------------------------------------------------------------
    def zoom_by(self, factor: float) -> None:
        self._fit_width = False
        self._set_zoom(self.canvas.zoom * factor)

    def is_fit_width(self) -> bool:
        return self._fit_width

    def fit_width(self) -> None:
        self._fit_width = True
        self._apply_fit()

    def _apply_fit(self) -> None:
        if not self.page_count():
            return
        bar = self.scroll_area.verticalScrollBar()
        avail = self.scroll_area.width() - 2 * self.scroll_area.frameWidth() - bar.sizeHint().width() - 2 * GAP - 2
        if abs(avail / self.canvas.max_page_width() - self.canvas.zoom) < 0.01:
            return
        self._set_zoom(max(0.2, avail / self.canvas.max_page_width()))

    def _set_zoom(self, zoom: float) -> None:
        page = self.current_page() or 1
        self.canvas.set_zoom(zoom)
        self.zoom_label.setText(f"{round(self.canvas.zoom * 100)}%")
        self.go_to_page(page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize and self._fit_width:
            QTimer.singleShot(0, self._apply_fit)
        return super().eventFilter(watched, event)

    # find and highlight --------------------------------------------------------------
    def focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _on_find_return(self) -> None:
        text = self.find_edit.text().strip()
        if self._hits and self._hits[0] and getattr(self, "_find_text", None) == text:
            self.next_hit(1)
        else:
            self.find_text(text)

    def find_text(self, text: str) -> int:
        """Highlight every hit of `text` in the file and go to the first; returns the hit count."""
        self._find_text = text
        hits: list[Highlight] = []
        if self.doc is not None and text:
            for number in range(len(self.doc)):
                hits.extend(Highlight(number, r) for r in find_words(self.doc[number], text))
        self._set_hits(hits)
        self.find_status.setText(self.tr("{n} 处").format(n=len(hits)) if text else "")
        return len(hits)

    def next_hit(self, delta: int) -> None:
        if self._hits:
            self._show_hit((self._hit_pos + delta) % len(self._hits))

    def highlight_evidence(self, page: int, text: str, box: Box | None = None) -> int:
        """Go to a 1-based page and highlight the evidence words there; returns boxes highlighted."""
        if not self.page_count():
            return 0
        page = max(1, min(self.page_count(), page))
        rects = [box] if box is not None else find_words(self.doc[page - 1], text) if self.doc else []
        self._set_hits([Highlight(page - 1, r) for r in rects])
        if not rects:
            self.go_to_page(page)
        return len(rects)

    def highlights(self) -> list[Highlight]:
        return list(self.canvas.highlights)

    def _set_hits(self, hits: list[Highlight]) -> None:
        self._hits = hits
        self._hit_pos = -1
        self.canvas.highlights = list(hits)
        if hits:
            self._show_hit(0)
        else:
            self.canvas.update()

    def _show_hit(self, pos: int) -> None:
        self._hit_pos = pos
        cur = self._hits[pos]
        self.canvas.highlights = [Highlight(h.page, h.rect, current=(i == pos)) for i, h in enumerate(self._hits)]
        y = self.canvas.page_top(cur.page) + round(cur.rect[1] * self.canvas.zoom)
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(max(self.canvas.page_top(cur.page) - GAP // 2, y - self.scroll_area.viewport().height() // 3))
        self._on_scrolled(bar.value())
        self.canvas.update()
        self.thumb_view.setCurrentIndex(self.thumbs.index(cur.page, 0) if self.doc else QModelIndex())
