"""Thumbnail list model: renders a page's thumbnail only when the view asks for it (visible rows)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pymupdf
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QImage, QPixmap

THUMB_WIDTH = 96
CACHE = 60

_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._doc: pymupdf.Document | None = None
        self._count = 0
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self.render_count = 0

    def set_document(self, doc: pymupdf.Document | None) -> None:
        self.beginResetModel()
        self._doc = doc
        self._count = len(doc) if doc is not None else 0
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumb(row)
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(THUMB_WIDTH + 8, round(THUMB_WIDTH * 1.42) + 22)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("第 {n} 页").format(n=row + 1)
        return None

    def _thumb(self, row: int) -> QPixmap:
        pix = self._cache.get(row)
        if pix is not None:
            self._cache.move_to_end(row)
            return pix
        assert self._doc is not None
        page = self._doc[row]
        scale = THUMB_WIDTH / max(page.rect.width, 1.0)
        raw = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale))
        fmt = QImage.Format.Format_RGB888 if raw.n == 3 else QImage.Format.Format_RGBA8888
        pix = QPixmap.fromImage(QImage(raw.samples, raw.width, raw.height, raw.stride, fmt).copy())
        self._cache[row] = pix
        while len(self._cache) > CACHE:
            self._cache.popitem(last=False)
        self.render_count += 1
        return pix
