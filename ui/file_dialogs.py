"""File dialogs that never open the files they list.

Qt's file dialog guesses each listed file's type (icon and 类型 column) by reading its first bytes. In a
folder holding our SQLite database that opens and closes ``casereview.db``, ``-wal`` and ``-shm`` in this
process, and closing any descriptor of a file releases every POSIX lock the process holds on it: the
window's connection then looks gone to other processes, and the next one to open and close the database
deletes the WAL under us (SQLite, "How To Corrupt An SQLite Database File" §2.2; app.store.locks).
So every dialog here is Qt's own (not the platform's, which would sniff the same way in our process)
with an icon provider that goes by the file name alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo, QMimeDatabase, QMimeType
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name's extension only: no file is ever opened."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def _type_of(self, info: QFileInfo) -> QMimeType:
        return self._mime.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)

    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if not isinstance(what, QFileInfo):
            return super().icon(what)
        if what.isDir():
            return super().icon(QFileIconProvider.IconType.Folder)
        fallback = super().icon(QFileIconProvider.IconType.File)
        return QIcon.fromTheme(self._type_of(what).iconName(), fallback)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("file_dialogs", "文件夹")
        mime = self._type_of(info)
        return str(mime.comment() or mime.name())


def make_dialog(parent: QWidget | None, title: str, directory: str = "", name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(NameOnlyIconProvider())
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def open_file_names(parent: QWidget | None, title: str, name_filter: str = "", directory: str = "") -> list[str]:
    dialog = make_dialog(parent, title, directory, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def existing_directory(parent: QWidget | None, title: str, directory: str = "") -> str:
    dialog = make_dialog(parent, title, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, title: str, directory: str = "", name_filter: str = "") -> str:
    dialog = make_dialog(parent, title, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""
