"""One background import batch: runs on the import lane (its own thread and DB connection), reports
`n / N`, the stage and the file, can be cancelled. The window stays free for reading and scoring."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer, Signal

from ui.ops import Op, ProgressRelay, runtime

PROGRESS_MS = 100  # the progress area repaints at most ten times a second

STAGES = {
    "hashing": "计算校验值", "analysing": "分析", "saving": "保存", "file_done": "完成", "done": "全部完成",
    "reading": "读取", "ocr": "文字识别（OCR）", "extracting": "提取要素", "checking": "规则检查",
}


def stage_text(code: str) -> str:
    return QCoreApplication.translate("importer", STAGES.get(code, code))


@dataclass(frozen=True, slots=True)
class ImportState:
    """What the progress area shows."""

    stage: str  # ProgressCode value
    done: int
    total: int
    file: str
    fraction: float


class ImportJob(QObject):
    """Signals:
    progressed(object): an ImportState.
    finished(object): the ImportReport (also after 取消).
    failed(object): the exception, when the batch could not run at all (campaign gone, database error).
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, paths: Sequence[Path], campaign: Any, *, agency: str | None = None,
                 by_folder: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self.campaign = campaign
        self.agency = agency
        self.by_folder = by_folder
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._on_progress)
        self.state = ImportState("hashing", 0, 0, "", 0.0)
        self.report: Any = None
        self.error: BaseException | None = None
        self.running = False
        self._last_shown = QElapsedTimer()
        self._progress_timer = QTimer(self, singleShot=True)
        self._progress_timer.timeout.connect(self._show_progress)

    def start(self) -> None:
        relay, paths, campaign, agency, by_folder = self.relay, self.paths, self.campaign, self.agency, self.by_folder

        def work(svc: Any) -> Any:
            return svc.import_paths(paths, campaign=campaign, agency=agency, agency_from_folders=by_folder,
                                    progress=relay, cancel=relay.cancelled)

        self.running = True
        runtime().import_cancels.add(self.cancel)
        Op(None, work, lane="import").success(self._on_done).failure(self._on_failed).run()

    def cancel(self) -> None:
        self.relay.cancel_event.set()

    @property
    def cancelling(self) -> bool:
        return self.relay.cancelled()

    def _on_progress(self, fraction: float, code: str, params: dict[str, Any]) -> None:
        done = int(params.get("done", self.state.done))
        total = int(params.get("total", self.state.total))
        file = "" if code == "done" else str(params.get("file", self.state.file))
        self.state = ImportState(code, done, total, file, max(0.0, min(1.0, fraction)))
        if code in ("file_done", "done") or not self._last_shown.isValid() \
                or self._last_shown.elapsed() >= PROGRESS_MS:
            self._show_progress()
        elif not self._progress_timer.isActive():  # the latest state is shown when the interval is up
            self._progress_timer.start(PROGRESS_MS - self._last_shown.elapsed())

    def _show_progress(self) -> None:
        """At most one repaint of the progress area per PROGRESS_MS: the workers report every page, and
        QProgressBar.setValue repaints at once, which would take the reviewer's event loop."""
        self._progress_timer.stop()
        self._last_shown.start()
        self.progressed.emit(self.state)

    def _end(self) -> None:
        self.running = False
        rt = runtime()
        rt.import_cancels.discard(self.cancel)

    def _on_done(self, report: Any) -> None:
        self._end()
        self.report = report
        self.finished.emit(report)

    def _on_failed(self, exc: BaseException) -> None:
        self._end()
        self.error = exc
        self.failed.emit(exc)
