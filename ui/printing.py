"""Print the current score sheet (评查表) through Qt's print preview."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget


def review_html(detail: Any, review: Any) -> str:
    """The score sheet as HTML: case data, every item with points, deduction and reason, total and grade."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(i.category)}</td><td>{esc(i.title)}</td><td align='right'>{i.points:g}</td>"
        f"<td align='right'>{i.deducted:g}</td><td>{esc(i.reason or '')}</td></tr>"
        for i in review.items
    )
    return (
        "<h2 align='center'>行政执法案卷评查表</h2>"
        f"<p>案卷：{esc(detail.file_name)}　文号：{esc(detail.case_number or '')}　"
        f"当事人：{esc(detail.party_name or '')}<br/>被评查单位：{esc(detail.agency or '')}　"
        f"评查人：{esc(review.reviewer)}　评查标准版本：{esc(review.rubric_version)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        "<thead><tr><th>类别</th><th>评查项目</th><th>分值</th><th>扣分</th><th>扣分理由</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<p><b>得分：{review.total:g} / {review.max:g}　等次：{esc(review.grade)}"
        f"{'（否决）' if review.veto else ''}</b></p>"
        "<p>评查人签名：__________　　日期：__________</p>"
    )


def print_review(parent: QWidget, page: Any) -> None:
    session = page.session
    if page.detail is None or session is None:
        QMessageBox.information(parent, parent.tr("打印"), parent.tr("请先打开一份案卷。"))
        return
    doc = QTextDocument(parent)
    doc.setHtml(review_html(page.detail, session.review))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(parent.tr("打印预览 — 评查表"))
    preview.paintRequested.connect(doc.print_)
    preview.exec()
