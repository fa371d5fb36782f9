"""Side panel of the review page: findings, extracted fields and documents; a click shows the evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from ui.models.dossier import EVIDENCE_ROLE, DocumentsModel, FieldsModel, FindingsModel


def _table(model: Any, stretch: int, *, widths: dict[int, int] | None = None) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, width)
    view.setAlternatingRowColors(True)
    return view


class DossierPanel(QTabWidget):
    """Tabs 问题 / 要素 / 文书 (the window adds 评分表).

    Signals:
        evidence_activated(object): the tuple[Evidence, ...] of the clicked row.
    """

    evidence_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = FindingsModel(self)
        self.fields = FieldsModel(self)
        self.documents = DocumentsModel(self)
        self.findings_view = _table(self.findings, 1, widths={2: 150})
        self.fields_view = _table(self.fields, 1)
        self.documents_view = _table(self.documents, 0)
        for view in (self.findings_view, self.fields_view, self.documents_view):
            view.clicked.connect(self._on_clicked)
            view.activated.connect(self._on_clicked)
        self.addTab(self.findings_view, self.tr("问题"))
        self.addTab(self.fields_view, self.tr("要素"))
        self.addTab(self.documents_view, self.tr("文书"))

    def set_detail(self, detail: Any) -> None:
        self.findings.set_findings(detail.findings)
        self.fields.set_extraction(detail.extraction)
        self.documents.set_documents(detail.documents)
        self.setTabText(0, self.tr("问题 ({n})").format(n=self.findings.rowCount()))
        self.findings_view.resizeRowsToContents()
        self.fields_view.resizeRowsToContents()

    def _on_clicked(self, index: QModelIndex) -> None:
        evidence = index.data(EVIDENCE_ROLE)
        if evidence:
            self.evidence_activated.emit(tuple(evidence))
