"""Put the real window in a given state for screenshots and manual checks.

    python -m ui.screenshot_scene --db sqlite:///x.sqlite --import DIR --view list|viewer|sheet [--grab OUT.png]

Imports DIR into a campaign named 演示评查活动 when the database has none, then shows the case list, the
viewer with the first failed finding highlighted, or the score sheet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def _prepare(svc: Any, folder: Path | None) -> None:
    names = [c.name for c in svc.list_campaigns()]
    if "演示评查活动" not in names and folder is not None:
        campaign = svc.create_campaign("演示评查活动", year=2024)
        svc.import_paths([folder], campaign=campaign)


def _show_view(win: Any, view: str) -> None:
    page = win.review_page
    if view == "list":
        return
    rows = win.case_list.model
    failing = max(range(rows.rowCount()), key=lambda r: -(rows.row_dto(r).auto_total or 100))
    win.open_dossier(int(rows.row_dto(failing).id))

    def after_open() -> None:
        if view == "viewer":
            page.panel.setCurrentIndex(0)
            view_ = page.panel.findings_view
            if page.panel.findings.rowCount():
                view_.selectRow(0)
                page.panel._on_clicked(page.panel.findings.index(0, 0))
        else:
            win.focus_score_sheet()
            from ui.widgets import score_keys

            score_keys.next_item(page.sheet, unscored=False)

    page.loaded.connect(lambda _id: QTimer.singleShot(300, after_open))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--import", dest="folder", type=Path,
                        default=Path(__file__).resolve().parent.parent / "resources" / "demo")
    parser.add_argument("--view", choices=("list", "viewer", "sheet"), default="list")
    parser.add_argument("--grab", type=Path)
    parser.add_argument("--size", default="")
    parser.add_argument("--workers", type=int, default=0, help="import processes (0: in this process)")
    args = parser.parse_args(argv)
    from ui.app import create_application
    from ui.main import build_window
    from ui.services import Services

    app = create_application()
    svc = Services.open(args.db)
    svc.import_workers = args.workers
    _prepare(svc, args.folder)
    win: Any = build_window(args.db, services=svc)
    if args.size:
        w, h = (int(v) for v in args.size.split("x"))
        win.resize(w, h)
        win.show()
    else:
        win.showMaximized()
    win.load_campaigns(offer_demo=False, select="演示评查活动")
    win.case_list.model.modelReset.connect(lambda: None)
    QTimer.singleShot(1500, lambda: _show_view(win, args.view))
    if args.grab:
        QTimer.singleShot(6000, lambda: (win.grab().save(str(args.grab)), QApplication.quit()))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
