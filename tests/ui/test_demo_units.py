"""Issue 14.4: the demo dossiers get their 被评查单位 (a unit path), shown in the case list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import LATE_CASE, QUICK_CASE, wait_idle, write_pdf
from ui.models.cases import CaseTableModel


def test_every_demo_file_has_a_unit_path() -> None:
    from ui.main_window import DEMO_DIR

    units = json.loads((DEMO_DIR / "units.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in DEMO_DIR.iterdir() if p.suffix in {".pdf", ".docx"})
    assert sorted(units) == files
    assert all(u.count("/") == 1 and all(u.split("/")) for u in units.values())  # 上级/单位
    truth = {c["file"]: c["fields"]["agency"] for c in json.loads((DEMO_DIR / "truth.json").read_text("utf-8"))}
    assert all(units[f].endswith("/" + truth[f]) for f in files)  # the unit is the agency the dossier names


def test_open_demo_imports_each_dossier_into_its_unit(qtbot: Any, runtime: Any, window: Any, services: Any,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.main_window as mw

    demo = tmp_path / "demo"
    demo.mkdir()
    write_pdf(demo / "demo-01.pdf", LATE_CASE)
    write_pdf(demo / "demo-02.pdf", QUICK_CASE)
    units = {"demo-01.pdf": "第八师/石河子市市场监督管理局", "demo-02.pdf": "第一师/阿拉尔市市场监督管理局"}
    (demo / "units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(mw, "DEMO_DIR", demo)
    window.open_demo()
    qtbot.waitUntil(lambda: window.campaign is not None and window.case_list.model.rowCount() == 2
                    and not window.import_jobs, timeout=60000)
    wait_idle(qtbot, runtime)
    window.case_list.refresh()
    wait_idle(qtbot, runtime)
    model = window.case_list.model
    shown = {model.index(r, CaseTableModel.COL_FILE).data(): model.index(r, CaseTableModel.COL_AGENCY).data()
             for r in range(model.rowCount())}
    assert shown == units
