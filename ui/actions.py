"""Menus, toolbar and shortcuts of the main window (文件 / 编辑 / 视图 / 评查 / 统计 / 帮助)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from app.services.users import role_label
from ui import ops
from ui.calibration_dialog import open_calibration
from ui.dashboard import open_dashboard
from ui.ledger_window import open_ledger
from ui.objection_dialog import open_objections
from ui.queue_view import open_queue
from ui.reconcile_dialog import open_reconcile
from ui.reports_dialog import open_reports
from ui.sampling_dialog import open_sampling

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SUPERVISORS = ("supervisor", "admin")


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One entry of the 组织 or 统计 menu: what it says, what it opens, who may use it (others see it
    greyed, with the reason as its tip; () = everyone)."""

    text: str
    tip: str
    open: Callable[[MainWindow], object]
    roles: tuple[str, ...] = ()


# The supervisor's work: sampling and assignment, reconciliation of double reviews, the 整改 ledger.
ORG_MENU: tuple[MenuEntry, ...] = (
    MenuEntry("抽样与分配…", "按单位抽取案卷并分配给评查人员（回避本单位，可盲评）", open_sampling, SUPERVISORS),
    MenuEntry(
        "合议定稿…",
        "比对双人评查的分歧项（含否决项），逐项裁定后定稿；查看评查一致性（定稿需要组织者或管理员）",
        open_reconcile,
    ),
    MenuEntry("整改台账…", "问题整改详细台账：按单位、状态查找，标记已整改，设定整改期限，导出 XLSX", open_ledger),
    MenuEntry(
        "异议登记与答复…",
        "登记被评查单位对定稿结果某一评查项的异议（理由、附件），答复成立或不成立；成立改分计入审计日志",
        open_objections,
        SUPERVISORS,
    ),
    MenuEntry(
        "评查校准…",
        "金标准案卷：逐项对照本人评查与金标准结果及理由，按周查看评查尺度漂移；组织者标记金标准并分配",
        open_calibration,
    ),
    MenuEntry(
        "导入作业队列…",
        "团队数据库中本评查活动的导入与 OCR 作业：等待、处理中、已完成，以及各工作站的作业进程",
        open_queue,
    ),
)
STATS_MENU: tuple[MenuEntry, ...] = (
    MenuEntry("统计看板…", "等次分布、各单位平均分、常见问题、规则采纳率与进度", open_dashboard),
    MenuEntry("报表导出与打印…", "评查表、监督意见书、通报、突出问题清单、详细台账：打印预览与导出", open_reports),
)


Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def _action(
    win: MainWindow, text: str, slot: Callable[[], object], shortcut: Shortcut = None, *, tip: str = ""
) -> QAction:
    act = QAction(text, win)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setStatusTip(tip)
    act.triggered.connect(lambda _checked=False: slot())
    return act


def build(win: MainWindow) -> dict[str, QAction]:
    """Create every action, the menu bar and the toolbar; returns the actions by name."""
    tr = win.tr
    undo = win.undo_stack.createUndoAction(win, tr("撤销"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = win.undo_stack.createRedoAction(win, tr("重做"))
    # Each key once: on Linux StandardKey.Redo *is* Ctrl+Shift+Z, and a key bound twice is "ambiguous".
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    acts = {
        "import": _action(
            win,
            tr("导入案卷文件…"),
            win.import_files,
            QKeySequence.StandardKey.Open,
            tip=tr("导入 PDF、DOCX、图片或 ZIP 压缩包"),
        ),
        "import_dir": _action(win, tr("导入文件夹…"), win.import_folder, "Ctrl+Shift+O"),
        "new_campaign": _action(win, tr("新建评查活动…"), win.new_campaign),
        "demo": _action(win, tr("打开演示评查活动"), win.open_demo),
        "print": _action(win, tr("打印评查表…"), win.print_review, QKeySequence.StandardKey.Print),
        "quit": _action(win, tr("退出"), win.close, QKeySequence.StandardKey.Quit),
        "undo": undo,
        "redo": redo,
        "find": _action(win, tr("在案卷中查找"), win.find_in_dossier, QKeySequence.StandardKey.Find),
        "phrases": _action(win, tr("编辑常用扣分理由…"), win.review_page.sheet.edit_phrases),
        "show_list": _action(win, tr("案卷列表"), win.show_list, "Ctrl+Shift+L"),
        "show_review": _action(win, tr("评查页"), win.show_review, "Ctrl+Shift+R"),
        "fit": _action(win, tr("适合宽度"), win.review_page.viewer.fit_width),
        "zoom_in": _action(win, tr("放大"), lambda: win.review_page.viewer.zoom_by(1.2), QKeySequence("Ctrl++")),
        "zoom_out": _action(win, tr("缩小"), lambda: win.review_page.viewer.zoom_by(1 / 1.2), QKeySequence("Ctrl+-")),
        "full": _action(win, tr("全屏"), win.toggle_full_screen, QKeySequence.StandardKey.FullScreen),
        "open": _action(win, tr("评查所选案卷"), win.open_selected),
        "next_case": _action(win, tr("下一案卷"), lambda: win.step_case(1), "Ctrl+]"),
        "prev_case": _action(win, tr("上一案卷"), lambda: win.step_case(-1), "Ctrl+["),
        "score_sheet": _action(win, tr("转到评分表"), win.focus_score_sheet, "Ctrl+E"),
        "submit": _action(win, tr("提交评查…"), win.review_page.submit, "Ctrl+Return"),
        "reload": _action(win, tr("重新载入评查表"), win.review_page.reload_review, QKeySequence.StandardKey.Refresh),
        "help": _action(win, tr("快捷键与使用说明"), win.show_help, QKeySequence.StandardKey.HelpContents),
        "about": _action(win, tr("关于"), win.show_about),
    }
    acts["zoom_in"].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])  # + is Shift+= on most keyboards
    acts["submit"].setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])  # Enter: the keypad's
    _menus(win, acts)
    _toolbar(win, acts)
    return acts


def _menus(win: MainWindow, a: dict[str, QAction]) -> None:
    tr = win.tr
    bar = win.menuBar()
    file = bar.addMenu(tr("文件(&F)"))
    for key in ("import", "import_dir", None, "new_campaign", "demo"):
        file.addAction(a[key]) if key else file.addSeparator()
    win.recent_menu = file.addMenu(tr("最近的评查活动"))
    file.addSeparator()
    file.addAction(a["print"])
    file.addSeparator()
    file.addAction(a["quit"])
    edit = bar.addMenu(tr("编辑(&E)"))
    for key in ("undo", "redo", None, "find", "phrases"):
        edit.addAction(a[key]) if key else edit.addSeparator()
    view = bar.addMenu(tr("视图(&V)"))
    for key in ("show_list", "show_review", None, "fit", "zoom_in", "zoom_out", None, "full"):
        view.addAction(a[key]) if key else view.addSeparator()
    review = bar.addMenu(tr("评查(&R)"))
    for key in ("open", "prev_case", "next_case", None, "score_sheet", "submit", "reload"):
        review.addAction(a[key]) if key else review.addSeparator()
    win.org_menu = bar.addMenu(tr("组织(&O)"))
    install_entries(win, win.org_menu, ORG_MENU)
    win.stats_menu = bar.addMenu(tr("统计(&S)"))
    install_entries(win, win.stats_menu, STATS_MENU)
    helpm = bar.addMenu(tr("帮助(&H)"))
    helpm.addAction(a["help"])
    helpm.addAction(a["about"])


def install_entries(win: MainWindow, menu: QMenu, entries: Sequence[MenuEntry]) -> None:
    """Add each entry; one the current user may not use is greyed and says why."""
    user = ops.runtime().services.user if ops.has_runtime() else None
    role = str(getattr(user, "role", "") or "")
    for entry in entries:
        action = QAction(win.tr(entry.text), win)
        action.triggered.connect(lambda _checked=False, e=entry: e.open(win))
        action.setToolTip(win.tr(entry.tip))
        if entry.roles and role and role not in entry.roles:
            action.setEnabled(False)
            needed = "或".join(role_label(r) for r in entry.roles)
            action.setToolTip(
                win.tr("只有{needed}可以使用“{what}”；当前用户 {name} 是{role}。").format(
                    needed=needed, what=entry.text.rstrip("…"), name=getattr(user, "name", ""), role=role_label(role)
                )
            )
        action.setStatusTip(action.toolTip())
        menu.addAction(action)
    menu.setToolTipsVisible(True)


def _short_label(win: MainWindow, full: QAction, text: str) -> QAction:
    """A toolbar twin of the undo stack's action with a fixed label: the stack's own action is renamed to
    "撤销 扣分…" after every edit and would push 提交评查 and 打印评查表 off the toolbar. The full text is the
    twin's tooltip; enabled state and trigger follow the original."""
    twin = QAction(text, win)
    twin.setEnabled(full.isEnabled())
    twin.setToolTip(full.text())

    def follow() -> None:
        if not (isValid(full) and isValid(twin)):  # the window is being torn down: one of them is gone
            return
        twin.setEnabled(full.isEnabled())
        twin.setToolTip(full.text())

    full.changed.connect(follow)
    twin.triggered.connect(lambda _checked=False: full.trigger())
    return twin


def _toolbar(win: MainWindow, a: dict[str, QAction]) -> None:
    """Fixed-width labels only; what does not fit goes to the toolbar's » overflow menu (Qt's extension)."""
    tb = win.addToolBar(win.tr("常用"))
    tb.setObjectName("main_toolbar")
    tb.setMovable(False)
    tb.addWidget(win.campaign_combo)
    short = {"undo": _short_label(win, a["undo"], win.tr("撤销")), "redo": _short_label(win, a["redo"], win.tr("重做"))}
    for key in (
        "import",
        None,
        "show_list",
        "show_review",
        "prev_case",
        "next_case",
        None,
        "undo",
        "redo",
        None,
        "submit",
        "print",
    ):
        if key is None:
            tb.addSeparator()
        else:
            tb.addAction(short.get(key, a[key]))
