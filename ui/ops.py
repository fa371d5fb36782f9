"""`Op`: run a core call off the UI thread, call back on the main thread (Anki QueryOp style).

All database work goes through one single-worker executor so writes stay in order;
extraction-only work may use the work executor. An import runs on its own long-lived thread (lane
"import"): its pooled connection is its own, so the reviewer's saves on the db executor never queue
behind a batch, and the analysis pool started from that thread lives as long as it (app.lifeline).
Widgets never call services directly.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.services.dto import Changes
from ui import errors
from ui.signals import AppSignals

log = logging.getLogger(__name__)

T = TypeVar("T")


class _MainThreadRunner(QObject):
    """Queued hop back to the main thread: emit a closure, the slot runs it."""

    closure = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.closure.connect(self._run)

    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class Runtime:
    """Executors, the services object every Op receives, and the signals every view listens to."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self.signals = AppSignals()
        self.db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self.work_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="work")
        self.import_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import")
        self.runner = _MainThreadRunner()
        self.pending = 0
        self.import_cancels: set[Callable[[], None]] = set()
        self._lock = threading.Lock()
        errors.init_bridge()

    def run_on_main(self, fn: Callable[[], None]) -> None:
        self.runner.closure.emit(fn)

    def shutdown(self) -> None:
        """Cancel imports first (ui.importer): the running one stops after its file, queued ones never start."""
        for cancel in list(self.import_cancels):
            cancel()
        self.import_executor.shutdown(wait=True, cancel_futures=True)
        self.db_executor.shutdown(wait=True, cancel_futures=False)
        self.work_executor.shutdown(wait=True, cancel_futures=True)

    def _count(self, delta: int) -> None:
        with self._lock:
            self.pending += delta


_runtime: Runtime | None = None


def set_runtime(runtime: Runtime | None) -> None:
    global _runtime
    _runtime = runtime


def has_runtime() -> bool:
    return _runtime is not None


def runtime() -> Runtime:
    if _runtime is None:
        raise RuntimeError("ui.ops runtime not initialised")
    return _runtime


class Op(Generic[T]):
    """One core call: ``Op(parent, lambda svc: svc.get_dossier(7)).success(cb).run()``.

    ``success`` receives the result on the main thread. Without a ``failure`` callback a
    failure opens the error dialog; with one, the callback decides. A result that carries
    ``changes`` (a mutating use case) is then broadcast: ``AppSignals.changes(changes, parent)``.
    """

    def __init__(self, parent: QWidget | None, fn: Callable[[Any], T], *, work: bool = False,
                 lane: str = "db") -> None:
        self._parent = parent
        self._fn = fn
        self._lane = "work" if work else lane
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, cb: Callable[[T], object]) -> Op[T]:
        self._on_success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op[T]:
        self._on_failure = cb
        return self

    def run(self) -> Future[T]:
        rt = runtime()
        executor = {"db": rt.db_executor, "work": rt.work_executor, "import": rt.import_executor}[self._lane]
        rt._count(+1)
        future = executor.submit(self._fn, rt.services)
        future.add_done_callback(lambda f: rt.run_on_main(lambda: self._finish(f)))
        return future

    def _finish(self, future: Future[T]) -> None:
        rt = runtime() if _runtime is not None else None
        try:
            if future.cancelled():  # never started (shutdown cancelled the queue): nothing to report
                return
            exc = future.exception()
            if exc is None:
                result = future.result()
                try:
                    if self._on_success is not None:
                        self._on_success(result)
                finally:
                    _broadcast(rt, result, self._parent)
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
                errors.report_exception(exc, detail=detail, parent=self._parent)
        finally:
            if rt is not None:
                rt._count(-1)


def _broadcast(rt: Runtime | None, result: object, initiator: QWidget | None) -> None:
    changes = result if isinstance(result, Changes) else getattr(result, "changes", None)
    if rt is not None and isinstance(changes, Changes) and changes:
        rt.signals.changes.emit(changes, initiator)


class ProgressRelay(QObject):
    """A thread-safe ``progress(fraction, code, **params)`` callable that re-emits on the main thread.

    Signals:
        progressed(float, str, dict): fraction 0..1, ProgressCode value, params.
    """

    progressed = Signal(float, str, dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()

    def __call__(self, fraction: float, code: Any, /, **params: Any) -> None:
        self.progressed.emit(float(fraction), str(code), dict(params))

    def cancelled(self) -> bool:
        return self.cancel_event.is_set()
