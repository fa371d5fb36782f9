"""Issue 14.7: the window's strings in a Qt Linguist catalogue, and Qt's own dialogs speak Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton

ROOT = Path(__file__).resolve().parents[2]


def test_message_box_buttons_are_chinese(qtbot: Any, qapp: Any) -> None:
    from ui.app import setup_application

    setup_application(qapp)
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save)
    qtbot.addWidget(box)
    texts = {b: box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                              QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)}
    assert texts == {QMessageBox.StandardButton.Yes: "是(&Y)", QMessageBox.StandardButton.No: "否(&N)",
                     QMessageBox.StandardButton.Cancel: "取消", QMessageBox.StandardButton.Save: "保存"}


def test_file_dialog_labels_are_chinese(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    from ui.app import setup_application
    from ui.file_dialogs import make_dialog

    setup_application(qapp)
    dialog = make_dialog(None, "导入案卷", str(tmp_path), "案卷文件 (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
    assert labels["lookInLabel"] == "查找范围(&L)："  # was "&Look in:" (Qt 6 string, not in qtbase_zh_CN)
    assert labels["fileNameLabel"] == "文件名称(&N)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    buttons = dialog.findChild(QDialogButtonBox).findChildren(QPushButton)
    assert {b.text() for b in buttons} == {"打开(&O)", "取消"}
    english = [t for t in labels.values() if t and all(ord(c) < 128 for c in t.replace("&", ""))]
    assert english == []


def test_catalogue_holds_every_string_of_the_window() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout


def test_our_catalogue_is_compiled_and_installed(qapp: Any) -> None:
    from PySide6.QtCore import QTranslator

    from ui.app import TRANSLATIONS, setup_application

    setup_application(qapp)
    ts = (TRANSLATIONS / "casereview_zh_CN.ts").read_text(encoding="utf-8")
    assert ts.count("<message>") >= 250
    qm = QTranslator()
    assert qm.load("casereview_zh_CN", str(TRANSLATIONS))
    assert qm.translate("ItemEditor", "确认 (Enter)") == "确认 (Enter)"
    assert not qm.isEmpty()
