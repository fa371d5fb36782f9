"""Each supervisor use case run once through each of its callers — the command line and the window's dialog
— on the same database: both ask ``app.services`` and so give the same answer (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import app.services as api
from app.cli import main
from tests.e2e.test_reports_campaign import PATTERNS, Campaign, make_campaign, review_as_planned
from tests.ui.conftest import wait_idle
from ui.ledger_window import LedgerWindow
from ui.reconcile_dialog import ReconcileDialog
from ui.reports_dialog import ReportsDialog
from ui.sampling_dialog import SamplingDialog


@pytest.fixture
def c(services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Campaign:
    """A campaign in the file the window's services opened; the CLI acts as the same person."""
    monkeypatch.setenv("CASEREVIEW_USER", services.user.name)
    camp = make_campaign(tmp_path / "review.sqlite", files=6)
    review_as_planned(camp.store, camp.plans[1].dossier_id, camp.reviewers["评查员丙"], dict(PATTERNS[3]), 3)
    return camp


def cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> Any:
    capsys.readouterr()
    assert main(["--db", f"sqlite:///{db}", *args, "--format", "json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_sampling_preview(qtbot: Any, runtime: Any, c: Campaign, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    names = ["评查员甲", "评查员乙", "评查员丙"]
    name = api.get_campaign(c.store, c.campaign_id).name
    by_cli = cli(tmp_path / "review.sqlite", "sample", "--campaign", name, "--count", "1", "--reviewers",
                 ",".join(names), "--seed", "31", "--per-file", "2", "--dry-run", capsys=capsys)
    dialog = SamplingDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.load_users()
    wait_idle(qtbot, runtime)
    dialog.set_chosen(names)
    dialog.seed.setText("31")
    dialog.count.setValue(1)
    dialog.per_file.setCurrentIndex(1)
    dialog.preview()
    wait_idle(qtbot, runtime)
    assert dialog.draw is not None
    req = dialog.draw.request
    assert (set(req.reviewers), req.seed, req.count, req.per_file) == (set(names), 31, 1, 2)  # listed in its order
    assert [(a.dossier_id, list(a.reviewers)) for a in dialog.draw.assignments] == [
        (d["dossier_id"], d["reviewers"]) for d in by_cli["drawn"]]


def test_reconcile_waiting_list_and_finalise(qtbot: Any, runtime: Any, c: Campaign, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    name = api.get_campaign(c.store, c.campaign_id).name
    listed = cli(tmp_path / "review.sqlite", "reconcile", "--campaign", name, capsys=capsys)
    dialog = ReconcileDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert [w.dossier_id for w in dialog.waiting] == sorted(
        r["dossier_id"] for r in listed["double"] + listed["single"]
    )
    assert [w.dossier_id for w in dialog.waiting if w.rec is not None] == [r["dossier_id"] for r in listed["double"]]
    single = c.plans[0].dossier_id
    done = cli(
        tmp_path / "review.sqlite",
        "reconcile",
        "--campaign",
        name,
        "--dossier",
        str(single),
        "--finalise",
        capsys=capsys,
    )
    assert done["status"] == "final"
    double = c.plans[1].dossier_id
    dialog.load()  # the CLI's change is another process's: reload
    wait_idle(qtbot, runtime, timeout=15000)
    assert single not in [w.dossier_id for w in dialog.waiting]
    dialog.select_dossier(double)
    for row in range(dialog.diff_model.rowCount()):
        dialog.diff_model.take(row, 1)  # B throughout, as `--take b` would
    dialog.finalise_button.click()
    wait_idle(qtbot, runtime, timeout=15000)
    finals = {r.dossier_id: r for d in (single, double) for r in api.list_reviews(c.store, d) if r.status == "final"}
    b = next(r for r in api.list_reviews(c.store, double) if r.reviewer == "评查员丙")
    assert (finals[single].total, finals[double].total) == (c.plans[0].total, b.total)


def test_ledger_read_and_update(
    qtbot: Any, runtime: Any, c: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = api.get_campaign(c.store, c.campaign_id).name
    rows = cli(tmp_path / "review.sqlite", "ledger", "--campaign", name, capsys=capsys)
    window = LedgerWindow(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(window)
    window.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert [(p.row_id, p.unit_path, p.item_id, str(p.status)) for p in window.model.rows] == [
        (r["id"], r["agency"], r["item"], r["status"]) for r in rows
    ]
    target = rows[0]["id"]
    cli(
        tmp_path / "review.sqlite",
        "ledger",
        "--campaign",
        name,
        "--set-status",
        str(target),
        "已整改",
        "--progress",
        "已补正",
        capsys=capsys,
    )
    window.load()
    wait_idle(qtbot, runtime, timeout=15000)
    assert next(str(p.status) for p in window.model.rows if p.row_id == target) == "已整改待复核"


def test_report_export(
    qtbot: Any,
    runtime: Any,
    c: Campaign,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = api.get_campaign(c.store, c.campaign_id).name
    by_cli = tmp_path / "cli.xlsx"
    capsys.readouterr()
    assert (
        main(
            [
                "--db",
                f"sqlite:///{tmp_path / 'review.sqlite'}",
                "report",
                "--campaign",
                name,
                "--kind",
                "ledger",
                "--format",
                "xlsx",
                "-o",
                str(by_cli),
            ]
        )
        == 0
    )
    dialog = ReportsDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("ledger"))
    told: list[str] = []
    from ui import reports_dialog

    monkeypatch.setattr(reports_dialog.QMessageBox, "information", lambda _p, _t, text: told.append(text))
    by_dialog = tmp_path / "dialog.xlsx"
    dialog.export_to(dialog.request(), by_dialog)
    wait_idle(qtbot, runtime, timeout=30000)

    def cells(path: Path) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]

    assert told == [f"已生成 1 个文件：\n{by_dialog}"]
    assert cells(by_dialog) == cells(by_cli)
    assert len(cells(by_cli)) == 1 + sum(len(p.deductions) for p in c.plans if p != c.plans[1]) + len(PATTERNS[3])
