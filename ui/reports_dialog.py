"""报表导出与打印: kind, format, personal-data masking (on by default outside the score sheet),
print preview (QPrintPreviewDialog over a QTextDocument built from the report's HTML) and export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QAction, QImage, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.reports.build import DEFAULT_ISSUER, context
from app.reports.model import ReportKind
from app.reports.render import FORMATS, TITLES, default_mask, preview_html, write
from app.services.ledger import sync_ledger
from ui import file_dialogs
from ui.ops import Op


def build_document(html: str, images: dict[str, bytes]) -> QTextDocument:
    """The report as a QTextDocument (its <thead> rows repeat on every printed page)."""
    doc = QTextDocument()
    for name, data in images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(data))
    doc.setHtml(html)
    return doc


def preview_dialog(parent: QWidget | None, doc: QTextDocument, title: str) -> QPrintPreviewDialog:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(doc.print_)
    # The dialog does not own the printer or the document: keep both alive as long as it lives
    # (a collected QPrinter crashes the preview).
    dialog.printer_ref = printer  # type: ignore[attr-defined]
    dialog.document = doc  # type: ignore[attr-defined]
    return dialog


class ReportsDialog(QDialog):
    def __init__(self, parent: QWidget | None, campaign: Any) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.setWindowTitle(self.tr("报表导出与打印 — %s") % campaign.name)
        self.kind = QComboBox()
        for k in ReportKind:
            self.kind.addItem(TITLES[k], k.value)
        self.format = QComboBox()
        self.mask = QCheckBox(self.tr("屏蔽个人信息（身份证号、住址、电话、银行账号、当事人以外的自然人姓名）"))
        self.split = QCheckBox(self.tr("评查表每卷一个文件"))
        self.issuer = QLineEdit(DEFAULT_ISSUER)
        self.deadline = QDateEdit(QDate.currentDate().addDays(30))
        self.deadline.setCalendarPopup(True)
        self.preview_button = QPushButton(self.tr("打印预览…"))
        self.export_button = QPushButton(self.tr("导出…"))
        form = QFormLayout(self)
        form.addRow(self.tr("报表"), self.kind)
        form.addRow(self.tr("格式"), self.format)
        form.addRow("", self.mask)
        form.addRow("", self.split)
        form.addRow(self.tr("发文单位"), self.issuer)
        form.addRow(self.tr("整改期限"), self.deadline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)
        self._kind_changed()
        self.last_preview: QPrintPreviewDialog | None = None

    def current_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.format.clear()
        self.format.addItems(list(FORMATS[kind]))
        self.mask.setChecked(default_mask(kind))
        self.split.setEnabled(kind == ReportKind.CASESHEET)

    def _ctx(self, svc: Any) -> Any:
        deadline = self.deadline.date().toPython()
        ctx = context(svc.store, self.campaign.id, issuer=self.issuer.text().strip() or DEFAULT_ISSUER,
                      deadline=deadline if isinstance(deadline, dt.date) else None)
        sync_ledger(svc.store, ctx.campaign.id, user=svc.user, deadline=ctx.deadline)
        return ctx

    def preview(self) -> None:
        kind, mask = self.current_kind(), self.mask.isChecked()
        Op(self, lambda svc: preview_html(self._ctx(svc), kind, mask=mask)).success(
            lambda result: self.show_preview(kind, *result)).run()

    def show_preview(self, kind: ReportKind, html: str, images: dict[str, bytes]) -> QPrintPreviewDialog:
        dialog = preview_dialog(self, build_document(html, images), f"{self.campaign.name} {TITLES[kind]}")
        self.last_preview = dialog
        dialog.open()
        return dialog

    def export(self) -> None:
        kind, fmt, mask, split = self.current_kind(), self.format.currentText(), self.mask.isChecked(), \
            self.split.isChecked() and self.split.isEnabled()
        if split:
            target = file_dialogs.existing_directory(self, self.tr("选择保存评查表的文件夹"))
        else:
            name = f"{self.campaign.name}_{TITLES[kind]}.{fmt}"
            target = file_dialogs.save_file_name(self, self.tr("导出报表"), name, f"*.{fmt}")
        if not target:
            return
        Op(self, lambda svc: write(self._ctx(svc), kind, fmt, Path(target), mask=mask, split=split)).success(
            lambda paths: QMessageBox.information(self, self.tr("导出完成"),
                                                  self.tr("已生成 %d 个文件：\n%s") % (len(paths), target))).run()


def install_menu(win: Any, menu: QMenu) -> None:
    """The hook ui.actions calls: 统计 → 报表导出与打印…"""
    action = QAction(win.tr("报表导出与打印…"), win)

    def open_dialog() -> None:
        campaign = win.current_campaign()
        if campaign is not None:
            ReportsDialog(win, campaign).open()

    action.triggered.connect(open_dialog)
    menu.addAction(action)
