"""The report dialog shows the campaign's stored document settings (发文机关, 文号, 主送, 抄送)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import app.services as api
from app.services.doc_settings import save_doc_settings
from tests.e2e.test_reports_campaign import make_campaign
from tests.ui.conftest import wait_idle
from ui.reports_dialog import ReportsDialog


def test_dialog_shows_document_settings(qtbot: Any, runtime: Any, tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "review.sqlite", files=2)  # the file the ui `services` fixture opened
    save_doc_settings(
        c.store,
        c.campaign_id,
        {
            "organ": "第一师司法局",
            "number": "师司发〔2026〕3号",
            "recipients": "各团场、师直各部门",
            "cc": "兵团司法局",
        },
        user=c.supervisor,
    )
    dialog = ReportsDialog(None, api.get_campaign(c.store, c.campaign_id))
    qtbot.addWidget(dialog)
    wait_idle(qtbot, runtime, timeout=15000)
    text = dialog.settings_label.text()
    assert "师司发〔2026〕3号" in text
    assert "各团场、师直各部门" in text
    assert "兵团司法局" in text
    assert dialog.issuer.text() == "第一师司法局"
