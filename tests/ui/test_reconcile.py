"""合议定稿 dialog: the differing items of a double-reviewed file, settling by 取A / 取B / typed values,
定稿 with the audit event, the agreement tab, conflicts and refusals — real widgets on a real SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import update

import app.services as api
from app.reports.agreement import ReviewScores, cohen_kappa
from app.services.reconcile import agreement
from app.store.models import Review
from tests.e2e.test_reports_campaign import PATTERNS, Campaign, make_campaign, review_as_planned
from tests.ui.conftest import wait_idle
from ui.ledger_window import LedgerWindow
from ui.reconcile_dialog import ReconcileDialog
from ui.widgets.reconcile_models import COL_REASON, COL_SETTLED

A_PLAN = dict(PATTERNS[1])  # 评查员甲: procedure.service_timely 3, documents.templates 1
B_PLAN = {"procedure.service_timely": 3.0, "archiving.toc": 1.0, "law.discretion": 2.0}  # 评查员丙


def _campaign(tmp_path: Path) -> Campaign:
    c = make_campaign(tmp_path / "review.sqlite", files=3)  # the file the ui `services` fixture opened
    review_as_planned(c.store, c.plans[1].dossier_id, c.reviewers["评查员丙"], B_PLAN, 1)
    return c


def _dialog(qtbot: Any, runtime: Any, c: Campaign, opened: list[int] | None = None) -> ReconcileDialog:
    dialog = ReconcileDialog(None, api.get_campaign(c.store, c.campaign_id),
                             open_dossier=opened.append if opened is not None else None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    return dialog


def _row(dialog: ReconcileDialog, item: str) -> int:
    return next(n for n, d in enumerate(dialog.diff_model.diffs) if d.item == item)


def test_settle_and_finalise(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _campaign(tmp_path)
    opened: list[int] = []
    dialog = _dialog(qtbot, runtime, c, opened)
    double = c.plans[1].dossier_id
    assert [w.dossier_id for w in dialog.waiting] == [p.dossier_id for p in c.plans]  # one double, two single
    assert [w.rec is not None for w in dialog.waiting] == [False, True, False]
    assert dialog.message.text() == "待定稿 3 件：双人评查 1 件，单人评查 2 件。"

    dialog.select_dossier(double)
    differing = {k for k in A_PLAN.keys() | B_PLAN.keys() if A_PLAN.get(k, 0.0) != B_PLAN.get(k, 0.0)}
    assert {d.item for d in dialog.diff_model.diffs} == differing == {"documents.templates", "archiving.toc",
                                                                      "law.discretion"}
    assert [dialog.diff_model.index(r, COL_SETTLED).data() for r in range(3)] == ["未裁定"] * 3
    assert not dialog.finalise_button.isEnabled()

    dialog.diff_view.setFocus()
    dialog.diff_view.selectRow(_row(dialog, "documents.templates"))
    qtbot.keyClick(dialog.diff_view, Qt.Key.Key_A)  # 取A: 1 point with A's reason
    templates = dialog.diff_model.index(_row(dialog, "documents.templates"), COL_REASON).data()
    assert templates == "第1类问题：documents.templates"
    dialog.diff_view.selectRow(_row(dialog, "archiving.toc"))
    dialog.take_b.click()  # 取B: 1 point
    assert not dialog.finalise_button.isEnabled()

    discretion = dialog.diff_model.index(_row(dialog, "law.discretion"), COL_SETTLED)
    assert not dialog.diff_model.setData(discretion, "9")  # beyond the item's 4 points
    assert dialog.message.text().endswith("的裁定应为 0 到 4 分之间，而不是 9")
    assert dialog.diff_model.setData(discretion, "1.5")
    assert dialog.finalise_button.isEnabled()
    dialog.finalise_button.click()  # typed value without a reason: asked for one, nothing written
    assert dialog.message.text().startswith("请填写裁定理由")
    dialog.diff_model.setData(discretion.siblingAtColumn(COL_REASON), "裁量说理不充分（合议酌减）")

    dialog.view_button.click()
    assert opened == [double]
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    expected_total = 100.0 - (3.0 + 1.0 + 1.0 + 1.5)  # agreed service_timely + templates (A) + toc (B) + typed
    final = next(r for r in api.list_reviews(c.store, double) if r.status == "final")
    assert final.total == expected_total == 93.5
    assert dialog.message.text() == f"已定稿：{c.plans[1].file_name}，最终得分 93.5 分（{final.grade}）。"
    assert [w.dossier_id for w in dialog.waiting] == [c.plans[0].dossier_id, c.plans[2].dossier_id]
    (event,) = [e for e in api.list_events(c.store, entity="review") if e.action == "review.finalise"]
    assert event.after["settled"] == {
        "documents.templates": {"deducted": 1.0, "reason": "第1类问题：documents.templates"},
        "archiving.toc": {"deducted": 1.0, "reason": "第1类问题：archiving.toc"},
        "law.discretion": {"deducted": 1.5, "reason": "裁量说理不充分（合议酌减）"},
    }
    assert {o["reviewer"] for o in event.before["reviews"]} == {"评查员甲", "评查员丙"}

    dialog.select_dossier(c.plans[0].dossier_id)  # single review: no differences, 定稿 at once
    assert dialog.diff_model.rowCount() == 0
    assert dialog.finalise_button.isEnabled()
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert [r.status for r in api.list_reviews(c.store, c.plans[0].dossier_id)] == ["final"]


def test_agreement_tab_shows_kappa(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _campaign(tmp_path)
    dialog = _dialog(qtbot, runtime, c)
    report = agreement(c.store, c.campaign_id)
    assert dialog.report == report
    assert report.pairs == 1
    # Independently: on the one shared file, per item "deducted or not" for 甲 and 丙 over every rubric item.
    items = [i.item_id for i in report.items]
    a = ReviewScores(0, 0, "评查员甲", 0.0, A_PLAN)
    b = ReviewScores(0, 0, "评查员丙", 0.0, B_PLAN)
    kappa = cohen_kappa((a.deductions.get(i, 0) > 0, b.deductions.get(i, 0) > 0) for i in items)
    assert kappa is not None
    m = dialog.reviewers_model
    rows = {m.item(r, 0).text(): [m.item(r, c).text() for c in range(m.columnCount())] for r in range(m.rowCount())}
    assert rows["评查员甲"][3] == rows["评查员丙"][3] == f"{kappa:.3f}"
    assert rows["评查员乙"][1:4] == ["0", "—", "—"]  # reviewed no shared file
    im = dialog.items_model
    by_item = {im.item(r, 1).text(): [im.item(r, c).text() for c in range(5)] for r in range(im.rowCount())}
    assert by_item["procedure.service_timely"][3:] == ["100.0%", "—"]  # both deducted: kappa undefined
    assert by_item["documents.templates"][3:] == ["0.0%", "0.000"]
    dialog.items_view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by share of equal items, numerically
    shares = [im.item(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(im.rowCount())]
    assert shares == sorted(shares)
    assert shares[0] == 0.0


def test_conflict_and_refusal_shown_in_the_dialog(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = _campaign(tmp_path)
    dialog = _dialog(qtbot, runtime, c)
    double = c.plans[1].dossier_id
    dialog.select_dossier(double)
    for row in range(dialog.diff_model.rowCount()):
        dialog.diff_model.take(row, 0)
    with c.store.write() as session:  # another workstation re-saved 丙's review meanwhile
        session.execute(update(Review).where(Review.dossier_id == double, Review.reviewer_id ==
                                             c.reviewers["评查员丙"].id).values(version=Review.version + 1))
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.last_error is not None
    assert dialog.last_error.code == "conflict"
    assert dialog.message.text() == (f"未能定稿：案卷 {double} 的评查在此期间被修改或重新提交，您的裁定未保存；"
                                     "请重新载入后再合议")
    assert all(r.status == "submitted" for r in api.list_reviews(c.store, double))
    assert dialog.current is not None
    assert dialog.current.dossier_id == double  # reloaded as it is now, to be settled again
    assert not dialog.finalise_button.isEnabled()
    assert dialog.message.text().startswith("未能定稿：案卷")
    for row in range(dialog.diff_model.rowCount()):
        dialog.diff_model.take(row, 0)
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert sorted(r.status for r in api.list_reviews(c.store, double)) == ["final", "submitted", "submitted"]

    runtime.services.user = api.ensure_user(c.store, "评查员丁")  # a plain reviewer
    dialog.select_dossier(c.plans[0].dossier_id)
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert dialog.last_error.code == "forbidden"
    assert dialog.message.text() == "未能定稿：用户 评查员丁（评查人员）无权执行“合议定稿”，需要组织者或管理员"
    assert [r.status for r in api.list_reviews(c.store, c.plans[0].dossier_id)] == ["submitted"]


def test_case_list_shows_final_after_finalise(qtbot: Any, runtime: Any, window: Any, tmp_path: Path) -> None:
    c = _campaign(tmp_path)
    window.load_campaigns(offer_demo=False, select=api.get_campaign(c.store, c.campaign_id).name)
    wait_idle(qtbot, runtime, timeout=15000)
    model = window.case_list.model
    target = c.plans[2].dossier_id
    assert model.index(model.row_of(target), model.COL_STATUS).data() == "已提交"
    names = [a.text() for a in window.org_menu.actions()]
    assert names[names.index("合议定稿…") + 1] == "整改台账…"  # both hooks installed in the real menu
    (action,) = [a for a in window.org_menu.actions() if a.text() == "合议定稿…"]
    action.trigger()
    dialog = window.findChild(ReconcileDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    wait_idle(qtbot, runtime, timeout=15000)
    dialog.select_dossier(target)
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert model.index(model.row_of(target), model.COL_STATUS).data() == "已定稿"
    assert dialog.current is not None
    shown = dialog.current.dossier_id  # the next waiting file is selected
    assert shown != target
    dialog.view_button.click()  # the main window opens the file (generated rows have no PDF to show)
    assert window.case_list.current_id() == shown
    wait_idle(qtbot, runtime, timeout=15000)


def test_a_veto_one_reviewer_set_is_settled_in_the_dialog(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "review.sqlite", files=2)
    veto = dict(A_PLAN, **{"veto.wrong_party": 1.0})  # 丙 agrees with 甲 on the points and vetoes the file
    review_as_planned(c.store, c.plans[1].dossier_id, c.reviewers["评查员丙"], veto, 1)
    dialog = _dialog(qtbot, runtime, c)
    dialog.select_dossier(c.plans[1].dossier_id)
    (diff,) = dialog.diff_model.diffs
    assert diff.item == "veto.wrong_party"
    row = [dialog.diff_model.index(0, col).data() for col in range(8)]
    assert row[1:3] + row[4:5] + row[6:7] == ["否决项", "不否决", "否决", "未裁定"]
    dialog.diff_view.selectRow(0)
    dialog.take_b.click()  # uphold 丙's veto, with 丙's reason
    assert dialog.diff_model.index(0, COL_SETTLED).data() == "否决"
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    final = next(r for r in api.list_reviews(c.store, c.plans[1].dossier_id) if r.status == "final")
    assert (final.veto, final.total, final.grade) == (True, 0.0, "不合格")


def test_finalising_refreshes_an_open_ledger_window(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    """Changes are broadcast: the ledger window shows the final result's rows without a reload click."""
    c = _campaign(tmp_path)
    campaign = api.get_campaign(c.store, c.campaign_id)
    ledger = LedgerWindow(None, campaign)
    qtbot.addWidget(ledger)
    ledger.load()
    wait_idle(qtbot, runtime, timeout=15000)
    double = c.plans[1].dossier_id
    before = {p.item_id for p in ledger.model.rows if p.dossier_id == double}
    assert before == {i for i, v in B_PLAN.items() if v}  # the later submitted review is effective
    dialog = _dialog(qtbot, runtime, c)
    dialog.select_dossier(double)
    for row in range(dialog.diff_model.rowCount()):
        dialog.diff_model.take(row, 0)  # A's decisions throughout
    with qtbot.waitSignal(ledger.loaded, timeout=15000):
        dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert {p.item_id for p in ledger.model.rows if p.dossier_id == double} == set(A_PLAN)
