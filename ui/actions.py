"""Menus, toolbar and shortcuts of the main window (文件 / 编辑 / 视图 / 评查 / 统计 / 帮助)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Modules that may add entries to the 统计 menu: each defines ``install_menu(window, menu) -> None``.
STATS_HOOKS = ("ui.dashboard", "ui.reports_dialog")
# Modules that add entries to the 组织 menu (the supervisor's work: sampling and assignment,
# reconciliation of double reviews, the problem ledger and 整改 status); same ``install_menu`` hook.
ORG_HOOKS = ("ui.sampling_dialog", "ui.reconcile_dialog", "ui.ledger_window", "ui.queue_view")


Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def _action(win: MainWindow, text: str, slot: Callable[[], object], shortcut: Shortcut = None,
            *, tip: str = "") -> QAction:
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
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
    acts = {
        "import": _action(win, tr("导入案卷文件…"), win.import_files, QKeySequence.StandardKey.Open,
                          tip=tr("导入 PDF、DOCX、图片或 ZIP 压缩包")),
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
        "zoom_in": _action(win, tr("放大"), lambda: win.review_page.viewer.zoom_by(1.2), QKeySequence.StandardKey.ZoomIn),
        "zoom_out": _action(win, tr("缩小"), lambda: win.review_page.viewer.zoom_by(1 / 1.2),
                            QKeySequence.StandardKey.ZoomOut),
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
    install_hooks(win, win.org_menu, ORG_HOOKS, placeholder=tr("抽样分配、合议定稿与整改台账（未安装）"))
    win.stats_menu = bar.addMenu(tr("统计(&S)"))
    install_stats_hooks(win, win.stats_menu)
    helpm = bar.addMenu(tr("帮助(&H)"))
    helpm.addAction(a["help"])
    helpm.addAction(a["about"])


def install_stats_hooks(win: MainWindow, menu: QMenu) -> None:
    """Let the statistics/report modules add their entries; show a disabled hint if none is installed."""
    install_hooks(win, menu, STATS_HOOKS, placeholder=win.tr("统计看板与报表（未安装）"))


def install_hooks(win: MainWindow, menu: QMenu, hooks: tuple[str, ...], *, placeholder: str) -> None:
    """Import each module in ``hooks`` and let its ``install_menu(win, menu)`` add entries."""
    for name in hooks:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                log.warning("menu module %s failed to import", name, exc_info=True)
            continue
        hook = getattr(module, "install_menu", None)
        if callable(hook):
            try:
                hook(win, menu)
            except Exception:  # a broken plug-in must not stop the workstation from opening
                log.exception("install_menu of %s failed", name)
    if menu.isEmpty():
        menu.addAction(placeholder).setEnabled(False)


def _toolbar(win: MainWindow, a: dict[str, QAction]) -> None:
    tb = win.addToolBar(win.tr("常用"))
    tb.setObjectName("main_toolbar")
    tb.addWidget(win.campaign_combo)
    for key in ("import", None, "show_list", "show_review", "prev_case", "next_case", None,
                "undo", "redo", None, "submit", "print"):
        tb.addAction(a[key]) if key else tb.addSeparator()
