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
<tr><td colspan='2'>以下评分键在评查页任何位置都可用（查看页面、问题列表、评分表）；\
在输入框中只有 Ctrl+1 … 9 作评分键。</td></tr>
<tr><td><b>Enter</b>（评查页）</td><td>接受当前项的建议（自动结果及其理由）并转到下一未确认项</td></tr>
<tr><td><b>0 … 9</b></td><td>\
当前项扣 n 分并转到下一项（否决项：0 为不适用，其他数字为适用）；扣分尚无理由时停在本项</td></tr>
<tr><td><b>Ctrl+1 … 9</b></td><td>\
第 n 条常用语作扣分理由（未扣分时按建议分值扣分），并转到下一项。内置常用语编号固定，自己添加的接在其后</td></tr>
<tr><td><b>+ / -</b>，<b>Del</b></td><td>增减 0.5 分，恢复自动值（未确认）</td></tr>
<tr><td><b>R</b></td><td>填写扣分理由（回车保存）</td></tr>
<tr><td><b>N / F</b></td><td>下一未确认项 / 下一自动发现的问题</td></tr>
<tr><td><b>空格</b></td><td>在左侧查看当前项的证据页</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z 或 Ctrl+Y</b></td><td>撤销 / 重做（每次修改立即自动保存）</td></tr>
<tr><td><b>Ctrl+Enter</b></td><td>提交评查：列出尚未确认的项，全部确认后才能提交；自动扣分与需人工核查的项逐项确认，其余各项可一次确认为不扣分并提交（记入审计日志）</td></tr>
<tr><td><b>PgUp / PgDn</b>，<b>Ctrl+F</b>，<b>F3</b>，<b>Ctrl+G</b></td><td>翻页，查找，查找下一处，转到页</td></tr>
<tr><td><b>Ctrl++ / Ctrl+- / Ctrl+0</b></td><td>放大，缩小，适合宽度</td></tr>
<tr><td><b>Ctrl+P</b></td><td>打印评查表</td></tr>
</table>
<h3>组织者（组织菜单，需组织者或管理员角色）</h3>
<p><b>抽样与分配</b>：按单位抽取件数或比例，预览后保存；记下显示的随机种子即可复现抽样。
评查人员不分到本单位（及其上下级单位）的案卷；盲评时评查人员看不到单位与执法人员姓名。<br>
<b>合议定稿</b>：双人评查的案卷只列分歧项，按 A / B 取一方或输入分值，全部裁定后定稿；\
“一致性”页给出 kappa 与评查尺度。<br>
<b>整改台账</b>：逐条标记已整改、设定整改期限（逾期自动标出），导出 XLSX 台账。<br>
数据库的第一个用户为管理员；其他人员可在“抽样与分配”中添加，或用 <code>casereview user</code> 命令管理。</p>"""


def show_help(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("help", "帮助"))
    box.setText(QCoreApplication.translate("help", HELP))
    box.setModal(False)
    box.show()
    return box
