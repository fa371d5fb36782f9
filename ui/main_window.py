"""The reviewer's main window: campaign and case list, review page, import, settings, drag and drop."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.ingest.registry import ARCHIVE_SUFFIXES, dossier_suffixes
from app.services.dto import Changes
from app.vocab.states import ReviewState
from ui import actions, file_dialogs, ops
from ui.autosave import Autosave, problem_text
from ui.dialogs.import_dialog import ImportOptionsDialog
from ui.importer import ImportJob
from ui.ops import Op
from ui.phrases import PhraseLibrary
from ui.signals import AppSignals
from ui.widgets.case_list import CaseListWidget
from ui.widgets.import_progress import ImportProgressArea
from ui.widgets.review_page import ReviewPage, title_of

log = logging.getLogger(__name__)

DEMO_CAMPAIGN = "演示评查活动"
DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
RECENT_MAX = 8


def demo_units(files: list[Path]) -> list[tuple[str | None, list[Path]]]:
    """The demo files grouped by their 被评查单位 (resources/demo/units.json: file name -> unit path)."""
    try:
        units = json.loads((DEMO_DIR / "units.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        units = {}
    groups: dict[str | None, list[Path]] = {}
    for path in files:
        groups.setdefault(units.get(path.name), []).append(path)
    return list(groups.items())


def file_patterns() -> str:
    """The file dialog's patterns: every suffix a reader or the archive unpacker takes (app.ingest.registry)."""
    return " ".join(f"*{s}" for s in (*dossier_suffixes(), *ARCHIVE_SUFFIXES))


class MainWindow(QMainWindow):
    recent_menu: QMenu  # made by ui.actions.build
    stats_menu: QMenu  # the 统计 menu (ui.actions.STATS_MENU)
    org_menu: QMenu  # the 组织 menu, the supervisor's work (ui.actions.ORG_MENU)

    def __init__(self, *, settings: QSettings | None = None, phrases: PhraseLibrary | None = None,
                 db_label: str = "", user_name: str = "") -> None:
        super().__init__()
        self.setWindowTitle(self.tr("案卷评查工作站"))
        self.settings = settings or QSettings()
        self.signals = ops.runtime().signals if ops.has_runtime() else AppSignals(self)
        self.signals.changes.connect(self._on_changes)
        self.undo_stack = QUndoStack(self)
        self.campaign: Any = None
        self.campaigns: list[Any] = []
        self.import_options: ImportOptionsDialog | None = None
        self.import_jobs: list[ImportJob] = []
        self.demo_offer: QMessageBox | None = None
        self.close_box: QMessageBox | None = None  # the warning about edits only in the local journal
        self._close_confirmed = False
        self.case_list = CaseListWidget()
        self.review_page = ReviewPage(self.undo_stack, phrases or PhraseLibrary())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.case_list)
        self.stack.addWidget(self.review_page)
        self.setCentralWidget(self.stack)
        self.campaign_combo = QComboBox()
        # a long campaign name must not push the toolbar's actions off: the box is at most 260 px wide (the
        # full names are in its list and its tooltip)
        self.campaign_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.campaign_combo.setMaximumWidth(260)
        self.campaign_combo.setToolTip(self.tr("当前评查活动"))
        self.campaign_combo.activated.connect(self._on_campaign_chosen)
        self.acts = actions.build(self)
        self.import_area = ImportProgressArea()
        self.statusBar().addWidget(self.import_area, 1)
        self._list_refresh = QTimer(self, singleShot=True, interval=2000)  # new dossiers appear while importing
        self._list_refresh.timeout.connect(self.case_list.refresh)
        self.save_label = QLabel()
        self.save_label.setWordWrap(True)
        self.statusBar().addPermanentWidget(self.save_label)
        self.autosave = Autosave(self)
        self.autosave.state_changed.connect(self._show_save_state)
        self.autosave.resumed.connect(self.review_page.reload_review)
        self._replay_offered = False
        self.statusBar().addPermanentWidget(
            QLabel(self.tr("评查人：{u}　数据库：{db}").format(u=user_name, db=db_label))
        )
        self.case_list.open_requested.connect(self.open_dossier)
        self.review_page.loaded.connect(self._on_loaded)
        self.review_page.review_changed.connect(self._on_review_changed)
        self.review_page.next_case_requested.connect(lambda: self.step_case(1))
        self.undo_stack.indexChanged.connect(lambda _i: self._show_save_state(saving=True))
        self.setAcceptDrops(True)
        self.resize(1280, 760)
        self._restore_settings()
        self._fill_recent_menu()

    # settings ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._first_start_size()
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def _first_start_size(self) -> None:
        """No saved geometry yet: most of the screen (at least 1280×760 where it fits), centred."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = min(area.width(), max(1280, int(area.width() * 0.85)))
        height = min(area.height(), max(760, int(area.height() * 0.85)))
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def recent_campaigns(self) -> list[str]:
        value = self.settings.value("recent/campaigns", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def _remember_campaign(self, name: str) -> None:
        recent = [name, *(n for n in self.recent_campaigns() if n != name)][:RECENT_MAX]
        self.settings.setValue("recent/campaigns", recent)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_campaigns():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.select_campaign_by_name(n))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._journal_holds_edits() and not self._close_confirmed:
            event.ignore()
            self.ask_close_with_journal()
            return
        for job in self.import_jobs:  # the running file is saved whole, the rest is not imported
            job.cancel()
        self.review_page.sheet.flush_reason()  # queued on the db executor, which run_gui drains before exit
        self.autosave.timer.stop()
        self.save_settings()
        super().closeEvent(event)

    def _journal_holds_edits(self) -> bool:
        return bool(self.autosave.offline and self.autosave.unsaved > 0)

    def ask_close_with_journal(self) -> None:
        """Saving stopped and edits sit only in the local journal: say so before the window goes (they are
        not lost: the next start offers to write them back), and let the reviewer stay to fix the database.
        Non-blocking: 退出 closes the window again, 不退出 leaves it as it was."""
        if self.close_box is not None:
            self.close_box.raise_()
            return
        guard = self.autosave
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("还有评分没有写入数据库"),
            self.tr(
                "{n} 项修改只暂存在本机的日志文件中，还没有写入数据库（{problem}）。\n\n退出后这些修改不会丢失："
                "下次启动时程序会列出它们并提示写回数据库。也可以先不退出，按状态栏的提示恢复数据库。"
            ).format(n=guard.unsaved, problem=problem_text(guard.code)),
            parent=self,
        )
        quit_button = box.addButton(self.tr("退出（下次启动时写回）"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("不退出"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)

        def answered(_result: int) -> None:
            self.close_box = None
            if box.clickedButton() is quit_button:
                self._close_confirmed = True
                self.close()

        box.finished.connect(answered)
        self.close_box = box
        box.open()

    # campaigns ----------------------------------------------------------------------------
    def load_campaigns(self, *, offer_demo: bool = True, select: str | None = None) -> None:
        def done(campaigns: list[Any]) -> None:
            self.campaigns = campaigns
            self.campaign_combo.clear()
            for c in campaigns:
                self.campaign_combo.addItem(f"{c.name}（{c.dossiers} 份）", int(c.id))
            wanted = select or next(iter(self.recent_campaigns()), None)
            chosen = next((c for c in campaigns if c.name == wanted), campaigns[0] if campaigns else None)
            self.set_campaign(chosen)
            self._fill_recent_menu()
            if not campaigns and offer_demo:
                self.offer_demo()
            if not self._replay_offered:  # edits a crash or a lost database left in the local journal
                self._replay_offered = True
                self.autosave.offer_replay(self)

        Op(self, lambda svc: svc.list_campaigns()).success(done).run()

    def set_campaign(self, campaign: Any) -> None:
        self.campaign = campaign
        if campaign is not None:
            self.campaign_combo.setCurrentIndex(max(0, self.campaign_combo.findData(int(campaign.id))))
            self._remember_campaign(campaign.name)
        self.case_list.set_campaign(campaign)
        if self.stack.currentWidget() is self.case_list:
            self.case_list.view.setFocus()  # at start-up Enter opens the selected dossier
        self.signals.campaign_changed.emit(campaign)

    def select_campaign_by_name(self, name: str) -> None:
        found = next((c for c in self.campaigns if c.name == name), None)
        if found is not None:
            self.set_campaign(found)
            self.show_list()

    def _on_campaign_chosen(self, index: int) -> None:
        cid = self.campaign_combo.itemData(index)
        found = next((c for c in self.campaigns if int(c.id) == cid), None)
        if found is not None and found is not self.campaign:
            self.set_campaign(found)

    def new_campaign(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新建评查活动"), self.tr("评查活动名称："))
        if ok and name.strip():
            year = dt.date.today().year
            Op(self, lambda svc: svc.create_campaign(name.strip(), year=year)).success(
                lambda c: self.load_campaigns(select=c.name)
            ).run()

    def offer_demo(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("欢迎使用案卷评查工作站"),
            self.tr("数据库中还没有评查活动。\n要打开内置的演示评查活动（几份生成的示例案卷）看看吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("打开演示"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("以后再说"))
        box.accepted.connect(self.open_demo)
        self.demo_offer = box
        box.open()

    def open_demo(self) -> None:
        """Open (creating and importing on first use) the bundled demo campaign."""
        files = sorted(p for p in DEMO_DIR.glob("*") if p.suffix.lower() in {".pdf", ".docx", ".zip"})

        def ensure(svc: Any) -> Any:
            existing = next((c for c in svc.list_campaigns() if c.name == DEMO_CAMPAIGN), None)
            return existing or svc.create_campaign(DEMO_CAMPAIGN, year=dt.date.today().year)

        def opened(campaign: Any) -> None:
            self.load_campaigns(offer_demo=False, select=DEMO_CAMPAIGN)
            if not campaign.dossiers and files:
                self._import_by_unit(campaign, demo_units(files))
            elif not files:
                QMessageBox.information(
                    self, self.tr("演示评查活动"), self.tr("没有找到演示案卷（{d}）。").format(d=DEMO_DIR)
                )

        Op(self, ensure).success(opened).run()

    def _import_by_unit(self, campaign: Any, groups: list[tuple[str | None, list[Path]]]) -> None:
        """Import each group into its 被评查单位, one after the other (one import job at a time)."""
        if not groups:
            return
        (unit, paths), rest = groups[0], groups[1:]
        job = self.start_import(paths, campaign=campaign, ask=False, agency=unit)
        if job is not None and rest:
            job.finished.connect(lambda _r: self._import_by_unit(campaign, rest))

    # import ---------------------------------------------------------------------------------
    def import_files(self) -> None:
        names = file_dialogs.open_file_names(
            self, self.tr("导入案卷"), self.tr("案卷文件 ({patterns});;所有文件 (*)").format(patterns=file_patterns())
        )
        if names:
            self.start_import([Path(n) for n in names])

    def import_folder(self) -> None:
        folder = file_dialogs.existing_directory(self, self.tr("导入文件夹中的全部案卷"))
        if folder:
            self.start_import([Path(folder)])

    def start_import(
        self,
        paths: list[Path],
        *,
        campaign: Any = None,
        ask: bool = True,
        agency: str | None = None,
        by_folder: bool = False,
    ) -> ImportJob | None:
        """Ask for the 被评查单位 (unless `ask` is False), then import in the background; returns the job."""
        campaign = campaign or self.campaign
        if campaign is None:
            QMessageBox.information(self, self.tr("导入案卷"), self.tr("请先新建或选择一个评查活动。"))
            return None
        if ask:
            dlg = ImportOptionsDialog(self, paths=paths, campaign=campaign)
            dlg.accepted.connect(
                lambda: self.start_import(
                    paths, campaign=campaign, ask=False, agency=dlg.agency(), by_folder=dlg.by_folder()
                )
            )
            self.import_options = dlg
            dlg.open()
            return None
        job = ImportJob(paths, campaign, agency=agency, by_folder=by_folder, parent=self)
        job.progressed.connect(lambda state: self._on_import_progress(job, state))
        job.finished.connect(lambda _r: self._on_import_end(job))
        job.failed.connect(lambda _e: self._on_import_end(job))
        self.import_jobs.append(job)
        if self.import_area.job is None or not self.import_area.job.running:
            self.import_area.attach(job)
        else:
            self.import_area.queued += 1
        job.start()
        return job

    def _on_import_progress(self, job: ImportJob, state: Any) -> None:
        same = self.campaign is not None and int(self.campaign.id) == int(job.campaign.id)
        if same and state.stage == "file_done" and not self._list_refresh.isActive():
            self._list_refresh.start()

    def _on_import_end(self, job: ImportJob) -> None:
        """Counts in the campaign box and the case list brought up to date; the reviewer's place is kept."""
        self.import_jobs.remove(job)
        waiting = next((j for j in self.import_jobs if j.running), None)
        if waiting is not None:
            self.import_area.queued = max(0, self.import_area.queued - 1)
            self.import_area.attach(waiting)

        def done(campaigns: list[Any]) -> None:
            self.campaigns = campaigns
            for c in campaigns:
                index = self.campaign_combo.findData(int(c.id))
                if index >= 0:
                    self.campaign_combo.setItemText(index, f"{c.name}（{c.dossiers} 份）")
            if self.campaign is not None:
                self.campaign = next((c for c in campaigns if int(c.id) == int(self.campaign.id)), self.campaign)

        Op(self, lambda svc: svc.list_campaigns()).success(done).run()
        if self.campaign is not None and int(self.campaign.id) == int(job.campaign.id):
            self._list_refresh.stop()
            self.case_list.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.start_import(paths))

    # review -------------------------------------------------------------------------------
    def open_dossier(self, dossier_id: int) -> None:
        self.case_list.select(dossier_id)
        self.review_page.open_dossier(dossier_id)

    def _on_loaded(self, _dossier_id: int) -> None:
        """Show the review page with the keyboard where the reviewer works: the score sheet or the side panel."""
        self.stack.setCurrentWidget(self.review_page)
        page = self.review_page
        self.setWindowTitle(self.tr("案卷评查工作站") + " — " + title_of(page.detail, blind=page.blind))
        panel = self.review_page.panel
        target = (
            self.review_page.sheet.tree if panel.currentWidget() is self.review_page.sheet else panel.currentWidget()
        )
        if target is not None:
            target.setFocus()

    def open_selected(self) -> None:
        self.case_list.open_current()

    def step_case(self, delta: int) -> None:
        current = self.review_page.dossier_id() or self.case_list.current_id()
        target = self.case_list.neighbour(current, delta) if current is not None else None
        if target is None:
            self.statusBar().showMessage(
                self.tr("已经是最后一份案卷") if delta > 0 else self.tr("已经是第一份案卷"), 3000
            )
            return
        self.open_dossier(target)

    def _on_review_changed(self, review: Any) -> None:
        """Called for proven saves; while saving is stopped the review shown is the reviewer's, unsaved."""
        if self.autosave.offline:
            self._show_save_state()
            return
        self.save_label.setText(self.tr("已自动保存 {t}").format(t=dt.datetime.now().strftime("%H:%M:%S")))
        self.save_label.setStyleSheet("")
        self.signals.review_changed.emit(review)
        changes = Changes(dossiers=frozenset({review.dossier_id}), reviews=frozenset({review.id}))
        if review.status != ReviewState.DRAFT and self.campaign is not None:  # submitted: the ledger followed
            changes = changes | Changes(ledger=frozenset({int(self.campaign.id)}))
        self.signals.changes.emit(changes, self.review_page)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """Refresh what the main window shows: the case list when files, reviews or assignments changed."""
        if changes.dossiers or changes.reviews or changes.assignments:
            self.case_list.refresh()
        if changes.campaigns:
            self.load_campaigns(offer_demo=False, select=self.campaign.name if self.campaign else None)

    def _show_save_state(self, *, saving: bool = False) -> None:
        if self.autosave.offline:
            self.save_label.setText(self.autosave.status_text())
            self.save_label.setStyleSheet("color: #b00020; font-weight: bold")
            self.save_label.setMaximumWidth(max(420, self.width() // 2))
        elif saving:
            self.save_label.setText(self.tr("保存中…"))
            self.save_label.setStyleSheet("")
        elif self.save_label.styleSheet():  # back to normal after the files came back
            self.save_label.setText(self.tr("数据库已恢复，自动保存继续"))
            self.save_label.setStyleSheet("")

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.view.setFocus()

    def show_review(self) -> None:
        if self.review_page.detail is not None:
            self.stack.setCurrentWidget(self.review_page)

    def focus_score_sheet(self) -> None:
        self.show_review()
        self.review_page.panel.setCurrentWidget(self.review_page.sheet)
        self.review_page.sheet.tree.setFocus()

    def find_in_dossier(self) -> None:
        self.show_review()
        self.review_page.viewer.focus_find()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def print_review(self) -> None:
        from ui.printing import print_review

        print_review(self, self.review_page)

    def show_help(self) -> None:
        from ui.help import show_help

        show_help(self)

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("关于"), self.tr("案卷评查工作站 casereview\n行政执法案卷评查（AGPL-3.0-or-later）")
        )

    def current_campaign(self) -> Any:
        """The campaign the 组织 and 统计 menus work on (see ui.actions)."""
        return self.campaign

    def page_widget(self) -> QWidget | None:
        return self.stack.currentWidget()
