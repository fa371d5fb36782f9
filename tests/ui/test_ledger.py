"""整改台账 window: rows from the ledger, status per row persisted and exported, deadlines and 逾期, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import QItemSelectionModel, Qt

import app.services as api
from app.reports.model import Rectification
from app.services.ledger import list_problems
from tests.e2e.test_reports_campaign import Campaign, make_campaign
from tests.ui.conftest import wait_idle
from ui.ledger_window import LedgerWindow
from ui.widgets.ledger_model import COL_CHECKER, COL_MEASURE, COL_STATUS, DONE_COLOUR, OVERDUE_COLOUR


def _open(qtbot: Any, runtime: Any, tmp_path: Path, files: int = 6) -> tuple[Campaign, LedgerWindow]:
    c = make_campaign(tmp_path / "review.sqlite", files=files)  # the file the ui `services` fixture opened
    window = LedgerWindow(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(window)
    window.show()
    window.load()
    wait_idle(qtbot, runtime, timeout=15000)
    return c, window


def _select(window: LedgerWindow, predicate: Any) -> list[int]:
    """Select the visible rows whose Problem matches; returns their row ids."""
    selection = window.view.selectionModel()
    selection.clear()
    chosen = []
    for r in range(window.proxy.rowCount()):
        index = window.proxy.index(r, 0)
        problem = window.model.problem(window.proxy.mapToSource(index).row())
        if predicate(problem):
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            chosen.append(problem.row_id)
    return chosen


def _status_cell(window: LedgerWindow, row_id: int) -> Any:
    row = next(i for i, p in enumerate(window.model.rows) if p.row_id == row_id)
    return window.model.index(row, COL_STATUS)


def test_rows_filters_status_and_export(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c, window = _open(qtbot, runtime, tmp_path)
    expected_rows = sum(len(p.deductions) for p in c.plans)
    assert expected_rows == 17
    assert window.model.rowCount() == expected_rows
    assert window.count.text() == f"显示 {expected_rows} / 共 {expected_rows} 条"

    plan = c.plans[1]  # 生态环境局: procedure.service_timely 3, documents.templates 1
    window.text.setText(plan.case_number)
    window.apply_filters()
    assert window.proxy.rowCount() == 2
    window.text.setText("")
    window.agency.setCurrentIndex(window.agency.findData("第二师"))
    assert window.proxy.rowCount() == sum(len(p.deductions) for p in c.plans if p.parent == "第二师")
    window.agency.setCurrentIndex(0)

    (row_id,) = _select(window, lambda p: p.dossier_id == plan.dossier_id and p.item_id == "documents.templates")
    window.new_status.setCurrentIndex(window.new_status.findData("已整改待复核"))
    window.note.setText("已补正文书")
    window.apply_status.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert window.message.text() == "已将 1 行设为“已整改待复核”。"
    stored = {p.row_id: p for p in list_problems(c.store, c.campaign_id)}
    assert stored[row_id].status == Rectification.DONE
    assert sum(p.status == Rectification.DONE for p in stored.values()) == 1
    cell = _status_cell(window, row_id)
    assert cell.data() == "已整改待复核"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == DONE_COLOUR

    window.status.setCurrentIndex(window.status.findData("已整改待复核"))
    assert window.proxy.rowCount() == 1

    out = tmp_path / "台账.xlsx"
    window.export_to(out)
    wait_idle(qtbot, runtime, timeout=20000)
    sheet = openpyxl.load_workbook(out)["全部字段"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell.value for cell in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == expected_rows
    done = [(r["案号"], r["评查项目编号"], r["整改情况"]) for r in rows if r["整改状态"] == "已整改待复核"]
    assert done == [(plan.case_number, "documents.templates", "已补正文书")]


def test_past_deadline_shows_overdue(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c, window = _open(qtbot, runtime, tmp_path, files=3)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    window.deadline.setDate(yesterday)
    window.scope.setCurrentIndex(window.scope.findText("仅 第一师/生态环境局"))
    window.apply_deadline.click()
    wait_idle(qtbot, runtime, timeout=15000)
    late = [p for p in window.model.rows if p.agency == "生态环境局"]
    assert len(late) == len(c.plans[1].deductions) == 2
    assert window.message.text() == f"仅 第一师/生态环境局：2 行整改期限设为 {yesterday.isoformat()}。"
    for p in window.model.rows:
        cell = _status_cell(window, p.row_id)
        if p.agency == "生态环境局":
            assert (cell.data(), p.deadline) == ("逾期", yesterday)
            assert cell.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
        else:
            assert cell.data() == "待整改"
    stored = list_problems(c.store, c.campaign_id)
    assert sorted(str(p.status) for p in stored) == ["待整改"] * 3 + ["逾期"] * 2
    window.deadline.setDate(dt.date.today() + dt.timedelta(days=10))  # extended: no longer overdue
    window.apply_deadline.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert [_status_cell(window, p.row_id).data() for p in window.model.rows] == ["待整改"] * 5


def test_reviewer_is_refused(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c, window = _open(qtbot, runtime, tmp_path, files=2)
    runtime.services.user = api.ensure_user(c.store, "评查员丁")  # a plain reviewer
    (row_id,) = _select(window, lambda p: p.item_id == "documents.templates")
    window.new_status.setCurrentIndex(window.new_status.findData("已整改待复核"))
    window.apply_status.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert window.last_error is not None
    assert window.last_error.code == "forbidden"
    assert window.message.text().startswith("操作未完成：")
    assert "用户 评查员丁" in window.message.text()
    assert "无权执行“更新整改状态”" in window.message.text()
    stored = {p.row_id: p for p in list_problems(c.store, c.campaign_id)}
    assert stored[row_id].status == Rectification.PENDING
    window.load()  # reopened by a reviewer: told before clicking
    wait_idle(qtbot, runtime, timeout=15000)
    assert window.message.text().endswith(
        "当前用户 评查员丁（评查人员）只能查看；更新整改状态和期限需要组织者或管理员。"
    )


def test_a_row_changed_meanwhile_is_a_conflict_and_reloads(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    """Two supervisors with the same ledger open: the second change of one row is refused, not last-writer-wins."""
    c, window = _open(qtbot, runtime, tmp_path, files=2)
    (row_id,) = _select(window, lambda p: p.item_id == "documents.templates")
    seen = next(p for p in window.model.rows if p.row_id == row_id)
    deputy = api.ensure_user(c.store, "督查副组长", role="supervisor")
    from app.services.ledger import set_status

    set_status(c.store, {row_id: seen.version}, status=Rectification.DONE, user=deputy, note="副组长：已整改")
    window.new_status.setCurrentIndex(window.new_status.findData("待整改"))
    window.apply_status.click()
    wait_idle(qtbot, runtime, timeout=15000)
    assert window.last_error is not None
    assert window.last_error.code == "conflict"
    assert window.message.text().startswith(f"操作未完成：台账第 {row_id} 行已被他人修改（督查副组长 于 ")
    assert _status_cell(window, row_id).data() == "已整改待复核"  # reloaded: the row as it is now
    stored = {p.row_id: p for p in list_problems(c.store, c.campaign_id)}
    assert stored[row_id].status == Rectification.DONE


def test_row_worked_to_closure_in_the_window(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c, window = _open(qtbot, runtime, tmp_path, files=2)
    (row_id,) = _select(window, lambda p: p.item_id == "documents.templates")
    window.measure.setText("修订文书模板并逐卷补正")
    window.responsible_person.setText("王科长")
    window.save_row.click()
    wait_idle(qtbot, runtime, timeout=15000)
    proof = tmp_path / "整改报告.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    window.attach_evidence(proof, row_id, window.selected_rows()[row_id])
    wait_idle(qtbot, runtime, timeout=15000)
    window.new_status.setCurrentIndex(window.new_status.findData("已销号"))
    window.apply_status.click()  # straight from 待整改, and without a 复核人: refused, nothing saved
    wait_idle(qtbot, runtime, timeout=15000)
    assert "不能改为“已销号”" in window.message.text()
    for status, note in (("已整改待复核", "已补正全部文书"), ("已销号", "")):
        window.new_status.setCurrentIndex(window.new_status.findData(status))
        window.note.setText(note)
        window.checker.setText("李复核")
        window.apply_status.click()
        wait_idle(qtbot, runtime, timeout=15000)
    stored = {p.row_id: p for p in list_problems(c.store, c.campaign_id)}[row_id]
    assert (stored.status, stored.checker, stored.closed_on, stored.progress) == (
        Rectification.CLOSED,
        "李复核",
        dt.date.today(),
        "已补正全部文书",
    )
    assert (stored.measure, stored.responsible_person) == ("修订文书模板并逐卷补正", "王科长")
    assert stored.evidence[0].startswith("整改报告.pdf（")
    row = next(i for i, p in enumerate(window.model.rows) if p.row_id == row_id)
    shown = [window.model.index(row, col).data() for col in (COL_STATUS, COL_MEASURE, COL_CHECKER)]
    assert shown == ["已销号", "修订文书模板并逐卷补正", "李复核"]
