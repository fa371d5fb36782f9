"""报表导出与打印: kind, format, personal-data masking (on by default outside the score sheet),
print preview (QPrintPreviewDialog over a QTextDocument built from the report's HTML) and export.

The widgets are read on the GUI thread into a ``ReportRequest``; only that plain request crosses to
the db executor, where ``app.services.reports`` builds and renders the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QImage, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.reports.model import DocSettings, ReportKind
from app.services.dto import CampaignDTO
from app.services.report_data import DEFAULT_ISSUER
from app.services.reports import FORMATS, KINDS, TITLES, ReportRequest, default_mask
from ui import file_dialogs
from ui.ops import Op
from ui.widgets.date_field import DateField

if TYPE_CHECKING:
    from ui.main_window import MainWindow


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
    def __init__(self, parent: QWidget | None, campaign: CampaignDTO) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.setWindowTitle(self.tr("报表导出与打印 — %s") % campaign.name)
        self.kind = QComboBox()
        for entry in KINDS:
            self.kind.addItem(entry.spec.title, entry.spec.kind.value)
        self.format = QComboBox()
        self.masking = QCheckBox(self.tr("屏蔽个人信息（身份证号、住址、电话、银行账号、当事人以外的自然人姓名）"))
        self.split = QCheckBox(self.tr("评查表每卷一个文件"))
        self.issuer = QLineEdit(DEFAULT_ISSUER)
        self.deadline = DateField(QDate.currentDate().addDays(30))  # takes 2026-11-01 typed in full
        self.deadline.setToolTip(self.tr("整改期限以台账为准；此日期只用于台账中没有期限的问题"))
        self.settings_label = QLabel(self.tr("（读取中…）"))
        self.settings_label.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("打印预览…"))
        self.export_button = QPushButton(self.tr("导出…"))
        form = QFormLayout(self)
        form.addRow(self.tr("报表"), self.kind)
        form.addRow(self.tr("格式"), self.format)
        form.addRow("", self.masking)
        form.addRow("", self.split)
        form.addRow(self.tr("发文单位"), self.issuer)
        form.addRow(self.tr("台账无期限时"), self.deadline)
        form.addRow(self.tr("发文设置"), self.settings_label)
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
        Op(self, lambda svc: svc.doc_settings(int(campaign.id))).success(self._show_settings).run()

    def _show_settings(self, s: DocSettings) -> None:
        """The campaign's document settings (set with ``casereview report --organ … --number … --to …``)."""
        self.issuer.setText(s.organ)
        self.settings_label.setText(
            self.tr("发文机关标志：%s\n通报文号：%s　意见书文号：%s〔年〕N号\n主送：%s\n抄送：%s")
            % (
                s.mark or s.organ,
                s.number or self.tr("（未设置）"),
                s.opinion_prefix,
                "、".join(s.recipients),
                "、".join(s.cc) or self.tr("无"),
            )
        )
        self.adjustSize()  # the label grew: make room for it

    def current_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.format.clear()
        self.format.addItems(list(FORMATS[kind]))
        self.masking.setChecked(default_mask(kind))
        self.split.setEnabled(kind == ReportKind.CASESHEET)

    def request(self) -> ReportRequest:
        """Everything the report depends on, read from the widgets here, on the GUI thread."""
        deadline = self.deadline.date().toPython()
        return ReportRequest(
            int(self.campaign.id),
            self.current_kind(),
            self.format.currentText(),
            self.masking.isChecked(),
            self.split.isChecked() and self.split.isEnabled(),
            self.issuer.text().strip() or DEFAULT_ISSUER,
            deadline=deadline if isinstance(deadline, dt.date) else None,
        )

    def preview(self) -> None:
        req = self.request()
        Op(self, lambda svc: svc.preview_report(req)).success(lambda result: self.show_preview(req.kind, *result)).run()

    def show_preview(self, kind: ReportKind, html: str, images: dict[str, bytes]) -> QPrintPreviewDialog:
        dialog = preview_dialog(self, build_document(html, images), f"{self.campaign.name} {TITLES[kind]}")
        self.last_preview = dialog
        dialog.open()
        return dialog

    def export(self) -> None:
        req = self.request()
        if req.split:
            target = file_dialogs.existing_directory(self, self.tr("选择保存评查表的文件夹"))
        else:
            name = f"{self.campaign.name}_{TITLES[req.kind]}.{req.fmt}"
            target = file_dialogs.save_file_name(self, self.tr("导出报表"), name, f"*.{req.fmt}")
        if target:
            self.export_to(req, Path(target))

    def export_to(self, req: ReportRequest, target: Path) -> None:
        Op(self, lambda svc: svc.export_report(req, target)).success(
            lambda paths: QMessageBox.information(
                self, self.tr("导出完成"), self.tr("已生成 %d 个文件：\n%s") % (len(paths), target)
            )
        ).run()


def open_reports(win: MainWindow) -> ReportsDialog | None:
    campaign = win.current_campaign()
    if campaign is None:
        return None
    dialog = ReportsDialog(win, campaign)
    dialog.open()
    return dialog
