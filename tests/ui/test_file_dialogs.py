"""Issue 10.1: a file dialog listing the database's folder must not release the window's SQLite locks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileSystemModel

import app.services as api
from app.store.locks import held_locks, locks_supported
from ui.file_dialogs import NameOnlyIconProvider, make_dialog

pytestmark = pytest.mark.skipif(not locks_supported(), reason="/proc/locks 只在 Linux 上有（POSIX 锁检查）")


def _rows(model: QFileSystemModel, root: QModelIndex) -> dict[str, tuple[str, object]]:
    """Each listed file's type text and icon: asking for them is what makes Qt's provider read the file."""
    out = {}
    for row in range(model.rowCount(root)):
        name = model.index(row, 0, root).data()
        out[name] = (model.index(row, 2, root).data(), model.index(row, 0, root).data(Qt.ItemDataRole.DecorationRole))
    return out


def test_the_import_dialog_lists_the_database_folder_without_touching_the_database(qtbot: Any, tmp_path: Path) -> None:
    db = tmp_path / "casereview.db"
    store = api.open_store(f"sqlite:///{db}")
    try:
        api.ensure_user(store, "甲")
        (tmp_path / "案卷.pdf").write_bytes(b"%PDF-1.4\n")
        assert held_locks(db) >= {"db", "shm"}
        dialog = make_dialog(None, "导入案卷", str(tmp_path))
        qtbot.addWidget(dialog)
        assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
        model = dialog.findChild(QFileSystemModel)
        with qtbot.waitSignal(model.directoryLoaded, timeout=10000):
            dialog.show()
        root = model.index(str(tmp_path))
        qtbot.waitUntil(lambda: model.rowCount(root) == 4, timeout=10000)  # .db, -wal, -shm and the PDF
        rows = _rows(model, root)
        qtbot.wait(500)  # the gatherer thread fetches icons too
        rows = _rows(model, root)
        assert set(rows) == {"casereview.db", "casereview.db-wal", "casereview.db-shm", "案卷.pdf"}
        assert rows["案卷.pdf"][0] == dialog.iconProvider().type(dialog.directory().entryInfoList(["*.pdf"])[0])
        assert held_locks(db) >= {"db", "shm"}
        dialog.close()
    finally:
        store.dispose()
