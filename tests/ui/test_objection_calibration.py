"""异议 and calibration dialogs (issue 14.5, 14.6): real widgets on a real SQLite file; the dialog records and
answers an objection (the final score moves by the planned amount), and shows a reviewer's differences
from the gold result with the gold reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

import app.services as api
from app.services.calibration import mark_gold
from app.services.objections import list_objections
from app.services.reconcile import finalise
from tests.e2e.test_reports_campaign import Campaign, make_campaign, reason_for, review_as_planned
from tests.ui.conftest import wait_idle
from ui.calibration_dialog import CalibrationDialog
from ui.objection_dialog import ObjectionDialog

ITEM = "law.discretion"


def _final(tmp_path: Path) -> Campaign:
    c = make_campaign(tmp_path / "review.sqlite", files=4)  # the file the ui `services` fixture opened
    for p in c.plans:
        finalise(c.store, p.dossier_id, settled={}, user=c.supervisor)
    return c


def test_record_and_answer_an_objection(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _final(tmp_path)
    plan = c.plans[3]
    dialog = ObjectionDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.table.rowCount() == 0
    letter = tmp_path / "异议书.pdf"
    letter.write_bytes(b"%PDF-1.4 letter")
    dialog.dossier.setValue(plan.dossier_id)
    dialog.item.setText(ITEM)
    dialog.reason.setPlainText("裁量理由已说明")
    dialog.set_attachments([letter])
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runtime, timeout=15000)
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 5).text() == "待答复"
    assert not dialog.answer_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.answer_button.isEnabled()
    assert dialog.new_deduction.value() == plan.deductions[ITEM]
    dialog.upheld.setChecked(True)
    dialog.change.setChecked(True)
    dialog.new_deduction.setValue(1.0)
    dialog.answer_text.setPlainText("成立，改扣 1 分")
    qtbot.mouseClick(dialog.answer_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runtime, timeout=15000)
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.table.item(0, 5).text() == "异议成立"
    assert "改扣 1 分" in dialog.table.item(0, 7).text()
    (o,) = list_objections(c.store, c.campaign_id)
    assert [f.file_name for f in o.files] == ["异议书.pdf"]
    (review,) = api.list_reviews(c.store, plan.dossier_id)
    assert review.total == round(plan.total + plan.deductions[ITEM] - 1.0, 2)


def test_a_refusal_is_shown_in_the_dialog(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _final(tmp_path)
    dialog = ObjectionDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.dossier.setValue(c.plans[1].dossier_id)
    dialog.item.setText("不存在的评查项")
    dialog.reason.setPlainText("不服")
    dialog.add()
    wait_idle(qtbot, runtime, timeout=15000)
    assert "不在案卷" in dialog.message.text()
    assert list_objections(c.store, c.campaign_id) == []


def test_calibration_dialog_shows_differences_and_gold_reasons(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _final(tmp_path)
    p1 = c.plans[1]
    mark_gold(c.store, c.campaign_id, [p1.dossier_id], user=c.supervisor)
    new = api.ensure_user(c.store, "评查员新")
    review_as_planned(c.store, p1.dossier_id, new, {"procedure.service_timely": 3.0}, 1)
    dialog = CalibrationDialog(None, api.get_campaign(c.store, c.campaign_id), supervisor=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.result_table.rowCount() == 1
    assert dialog.result_table.item(0, 1).text() == "评查员新"
    rows = [tuple(dialog.diff_table.item(r, c_).text() for c_ in range(4)) for r in range(dialog.diff_table.rowCount())]
    assert [(r[1], r[2], r[3]) for r in rows] == [("0", "1", reason_for("documents.templates", 1))]
    assert dialog.drift_table.item(0, 0).text() == "评查员新"


def test_after_submit_a_gold_file_shows_the_comparison(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.calibration_dialog import GoldComparisonDialog, offer_gold_comparison

    c = _final(tmp_path)
    p1, p2 = c.plans[1], c.plans[2]
    mark_gold(c.store, c.campaign_id, [p1.dossier_id], user=c.supervisor)
    new = api.ensure_user(c.store, "评查员新")
    review_as_planned(c.store, p1.dossier_id, new, {"procedure.service_timely": 3.0}, 1)
    review_as_planned(c.store, p2.dossier_id, new, dict(p2.deductions), 2)
    gold_review, other = (next(r.id for r in api.list_reviews(c.store, p.dossier_id) if r.reviewer == "评查员新")
                          for p in (p1, p2))
    parent = QWidget()
    qtbot.addWidget(parent)

    def shown() -> list[GoldComparisonDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, GoldComparisonDialog) and w.isVisible()]

    offer_gold_comparison(parent, other)
    wait_idle(qtbot, runtime, timeout=15000)
    assert shown() == []  # not a gold file: nothing to show
    offer_gold_comparison(parent, gold_review)
    wait_idle(qtbot, runtime, timeout=15000)
    (dialog,) = shown()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == reason_for("documents.templates", 1)
    dialog.close()
