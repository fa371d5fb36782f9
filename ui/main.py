"""`casereview gui`: open the store, build the window, run the event loop."""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run_gui(db_url: str | None, demo: bool) -> int:
    """Start the workstation; returns the process exit code."""
    from ui.app import NO_DISPLAY_MESSAGE, has_display

    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)  # noqa: T201
        return 1
    from ui.platform_check import check_xcb

    problem = check_xcb()
    if problem:
        print(problem, file=sys.stderr)  # noqa: T201
        return 1
    from ui.app import create_application

    app = create_application()
    window = build_window(db_url)
    if window is None:
        return 1
    window.show()
    # Objects made at start-up live for the whole session: keep them out of the cyclic GC, whose full
    # passes otherwise hold the GIL for tens to hundreds of ms while an import runs (measured).
    gc.freeze()
    if demo:
        window.open_demo()
    else:
        window.load_campaigns()
    code = app.exec()
    from ui import ops

    ops.runtime().shutdown()
    return int(code)


def build_window(db_url: str | None, *, services: object | None = None) -> MainWindow | None:
    """Open the database (or use `services`) and create the main window; None after a shown error."""
    from PySide6.QtWidgets import QMessageBox

    from app.errors import KnownError
    from ui import ops
    from ui.main_window import MainWindow
    from ui.services import Services

    if services is None:
        try:
            services = Services.open(db_url)
        except KnownError as exc:
            QMessageBox.critical(None, "无法打开数据库", str(exc))
            return None
    ops.set_runtime(ops.Runtime(services))
    user = getattr(services, "user", None)
    return MainWindow(db_label=str(getattr(services, "db_label", "")), user_name=getattr(user, "name", ""))
