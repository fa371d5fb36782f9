"""F1: keyboard shortcuts and how a review works."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

HELP = """<h3>案卷评查工作站 — 快捷键</h3>
<table cellpadding='3'>
<tr><td><b>Ctrl+O</b></td><td>导入案卷（也可把文件、文件夹、ZIP 拖进窗口）</td></tr>
<tr><td><b>Enter</b>（案卷列表）</td><td>评查所选案卷</td></tr>
<tr><td><b>Ctrl+] / Ctrl+[</b></td><td>下一份 / 上一份案卷</td></tr>
<tr><td><b>Ctrl+E</b></td><td>转到评分表</td></tr>
<tr><td><b>1 … 9</b></td><td>切换当前类别第 n 项（扣分 / 不扣分）</td></tr>
<tr><td><b>Enter</b>（评分表）</td><td>确认当前项的自动结果</td></tr>
<tr><td><b>+ / -</b>，<b>0</b>，<b>Del</b></td><td>增减 0.5 分，不扣分，清除（恢复自动值）</td></tr>
<tr><td><b>Ctrl+1 … 9</b></td><td>把第 n 条常用语填为扣分理由</td></tr>
<tr><td><b>R</b></td><td>填写扣分理由（回车保存）</td></tr>
<tr><td><b>N / F</b></td><td>下一未确认项 / 下一自动发现的问题</td></tr>
<tr><td><b>空格</b></td><td>在左侧查看当前项的证据页</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>撤销 / 重做（每次修改立即自动保存）</td></tr>
<tr><td><b>Ctrl+Enter</b></td><td>提交评查（有扣分未填理由时不能提交）</td></tr>
<tr><td><b>PgUp / PgDn</b>，<b>Ctrl+F</b>，<b>Ctrl+G</b></td><td>翻页，查找，转到页</td></tr>
<tr><td><b>Ctrl+P</b></td><td>打印评查表</td></tr>
</table>"""


def show_help(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("help", "帮助"))
    box.setText(QCoreApplication.translate("help", HELP))
    box.setModal(False)
    box.show()
    return box
