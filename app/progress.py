"""Progress is a plain callable: progress(fraction, code, **params); the UI translates the code."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol


class ProgressCode(StrEnum):
    READING = "reading"  # params: file, page, pages
    OCR = "ocr"  # params: file, page, pages
    EXTRACTING = "extracting"  # params: file
    CHECKING = "checking"  # params: file
    HASHING = "hashing"  # params: file, done, total (files looked at so far / found)
    ANALYSING = "analysing"  # params: file (the one just sent to a worker), done, total
    SAVING = "saving"  # params: file, done, total (files finished so far / to analyse)
    FILE_DONE = "file_done"  # params: file, status, done, total
    DONE = "done"


class Progress(Protocol):
    def __call__(self, fraction: float, code: ProgressCode, /, **params: Any) -> None: ...


def no_progress(fraction: float, code: ProgressCode, /, **params: Any) -> None:
    """The default: report nothing."""


def scaled(progress: Progress, start: float, end: float) -> Progress:
    """Map a stage-local 0..1 fraction into [start, end] of the caller's progress."""

    def inner(fraction: float, code: ProgressCode, /, **params: Any) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), code, **params)

    return inner
