"""Every Qt model passes QAbstractItemModelTester (pytest-qt's qtmodeltester), with real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
from PySide6.QtCore import Qt

from scoring.types import Status


def test_case_table_and_proxy(qtmodeltester: Any, services: Any, campaign: Any, imported: dict[str, int]) -> None:
    from ui.models.cases import CaseFilterProxy, CaseTableModel

    model = CaseTableModel()
    model.set_rows(services.list_dossiers(campaign.id))
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.rowCount() == 2
    assert model.headerData(CaseTableModel.COL_STATUS, Qt.Orientation.Horizontal) == "评查进度"
    statuses = {model.index(r, CaseTableModel.COL_STATUS).data() for r in range(2)}
    assert statuses == {"未评"}
    proxy.set_column_filter(CaseTableModel.COL_STATUS, "已提交")
    assert proxy.rowCount() == 0
    proxy.set_column_filter(CaseTableModel.COL_STATUS, None)
    proxy.set_id_filter(frozenset({imported["案卷二.pdf"]}))
    assert proxy.rowCount() == 1
    assert proxy.index(0, CaseTableModel.COL_FILE).data() == "案卷二.pdf"


def test_case_table_sorts_by_raw_score(services: Any, campaign: Any, imported: dict[str, int]) -> None:
    from ui.models.cases import CaseFilterProxy, CaseTableModel

    model = CaseTableModel()
    rows = services.list_dossiers(campaign.id)
    model.set_rows(rows)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(CaseTableModel.COL_AUTO, Qt.SortOrder.AscendingOrder)
    shown = [float(proxy.index(r, CaseTableModel.COL_AUTO).data()) for r in range(2)]
    assert shown == sorted(r.auto_total for r in rows)


def test_score_tree_model(qtmodeltester: Any, services: Any, imported: dict[str, int]) -> None:
    from ui.models.score_tree import ScoreTreeModel

    dossier = imported["案卷一-超期.pdf"]
    review = services.open_review(dossier)
    detail = services.get_dossier(dossier)
    model = ScoreTreeModel()
    model.set_review(review, detail.findings)
    qtmodeltester.check(model)
    assert sum(model.rowCount(model.index(c, 0)) for c in range(model.rowCount())) == len(review.items)
    idx = model.index_of("procedure.decision_time_limit")
    item = model.item_at(idx)
    assert item.auto_deducted == 3.0
    assert model.auto_of(item).status == Status.FAIL
    assert idx.siblingAtColumn(ScoreTreeModel.COL_AUTO).data() == "不符合"  # the reason is in the tooltip
    tip = idx.siblingAtColumn(ScoreTreeModel.COL_AUTO).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[1] == "决定日期 2024-07-01 距立案日期 2024-03-04 已 119 日，超过 90 日且无延期审批"
    model.update_review(review)
    qtmodeltester.check(model)


def test_score_tree_update_repaints_only_the_changed_item(services: Any, imported: dict[str, int]) -> None:
    """A new version of the review (every keystroke's save) repaints the changed item and its category's
    subtotal, not the whole sheet, and never resets the model (the view keeps its place)."""
    import dataclasses

    from ui.models.score_tree import ScoreTreeModel

    review = services.open_review(imported["案卷一-超期.pdf"])
    model = ScoreTreeModel()
    model.set_review(review, ())
    changed: list[tuple[int, int, int, int, bool]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append(
        (a.row(), b.row(), a.column(), b.column(), a.parent().isValid())))
    model.modelReset.connect(lambda: resets.append(True))
    target = review.items[5]
    items = [dataclasses.replace(it, deducted=1.0) if it.item == target.item else it for it in review.items]
    assert model.update_review(dataclasses.replace(review, items=tuple(items))) is False
    idx = model.index_of(target.item)
    last = model.columnCount() - 1
    assert changed == [(idx.parent().row(), idx.parent().row(), 0, last, False), (idx.row(), idx.row(), 0, last, True)]
    assert resets == []
    assert model.item_at(idx).deducted == 1.0
    changed.clear()
    assert model.update_review(dataclasses.replace(review, items=tuple(items))) is False
    assert changed == []  # nothing changed, nothing repainted


def test_case_table_refresh_keeps_rows_and_inserts_new_ones(qtmodeltester: Any, services: Any, campaign: Any,
                                                            imported: dict[str, int]) -> None:
    """The list refreshes every second during an import: same dossiers -> no reset (the selection stays),
    new dossiers at the end -> inserted; a different list -> reset."""
    import dataclasses

    from ui.models.cases import CaseTableModel

    rows = services.list_dossiers(campaign.id)
    model = CaseTableModel()
    model.set_rows(rows[:1])
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: events.append(f"insert {first}-{last}"))
    model.dataChanged.connect(lambda a, b, _roles=(): events.append(f"changed {a.row()}-{b.row()}"))
    model.set_rows(rows)
    assert events == ["insert 1-1"]
    events.clear()
    model.set_rows([dataclasses.replace(rows[0], file_name="改名.pdf"), rows[1]])
    assert events == ["changed 0-0"]
    assert model.index(0, CaseTableModel.COL_FILE).data() == "改名.pdf"
    events.clear()
    model.set_rows([rows[1]])
    assert events == ["reset"]
    assert model.ids() == [int(rows[1].id)]
    qtmodeltester.check(model)


def test_side_panel_models(qtmodeltester: Any, services: Any, imported: dict[str, int]) -> None:
    from ui.models.dossier import EVIDENCE_ROLE, DocumentsModel, FieldsModel, FindingsModel

    detail = services.get_dossier(imported["案卷一-超期.pdf"])
    findings, fields, documents = FindingsModel(), FieldsModel(), DocumentsModel()
    findings.set_findings(detail.findings)
    fields.set_extraction(detail.extraction)
    documents.set_documents(detail.documents)
    for model in (findings, fields, documents):
        qtmodeltester.check(model)
    assert [documents.index(r, 0).data() for r in range(documents.rowCount())] == [
        "立案审批表", "行政处罚告知书", "行政处罚决定书", "送达回证"]
    row = next(r for r in range(fields.rowCount()) if fields.index(r, 0).data() == "立案日期")
    assert fields.index(row, 1).data() == "2024-03-04"
    assert fields.index(row, 0).data(EVIDENCE_ROLE)[0].page == 1
    assert fields.headerData(3, Qt.Orientation.Horizontal) == "把握"
    assert fields.index(row, 3).data() == "95%"  # after its label
    assert "识别方式：标签“立案日期”后的日期" in fields.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert all(findings.row_at(r).status in (Status.FAIL, Status.UNKNOWN) for r in range(findings.rowCount()))


def test_thumbnail_model_renders_only_requested_rows(qapp: Any, qtmodeltester: Any, tmp_path: Path) -> None:
    from ui.models.thumbnails import ThumbnailModel

    doc = pymupdf.open()
    for _ in range(40):
        doc.new_page()
    model = ThumbnailModel()
    model.set_document(doc)
    qtmodeltester.check(model)
    model_rendered = model.render_count
    assert model.rowCount() == 40
    assert model.index(5, 0).data() == "6"
    assert model_rendered <= 40


def test_fields_model_marks_low_confidence(qapp: Any, qtmodeltester: Any) -> None:
    from ui.models.dossier import FieldsModel

    model = FieldsModel()
    model.set_extraction(
        {
            "fields": {"decision_date": "2024-07-01", "filing_date": "2024-03-04", "party_name": None},
            "evidence": {"decision_date": [{"page": 6, "text": "2024年7月1日"}]},
            "field_confidence": {
                "decision_date": {
                    "confidence": 0.54,
                    "how": "position",
                    "reason": "落款日期；第6页为 OCR 识别（置信度 0.60）",
                },
                "filing_date": {"confidence": 0.95, "how": "label", "reason": "标签“立案日期”后的日期"},
                "party_name": {"confidence": 0.0, "how": "not_found", "reason": "未找到"},
            },
        }
    )
    qtmodeltester.check(model)
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    low, sure, missing = rows["决定日期"], rows["立案日期"], rows["当事人"]
    assert [model.index(low, c).data() for c in range(4)] == ["决定日期", "2024-07-01", "6", "54% 低"]
    assert model.index(low, 1).data(Qt.ItemDataRole.ForegroundRole).name() == "#b45309"
    assert "（把握低，请核对）" in model.index(low, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(sure, 3).data() == "95%"
    assert model.index(sure, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(missing, 3).data() == ""  # nothing read, nothing to rate
