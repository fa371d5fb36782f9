"""Typed errors: KnownError (the user's file or environment, a refusal, a conflict). Anything else that
is raised is a bug of ours: the window's crash dialog and the CLI's traceback show it as one."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    EMPTY = "empty"  # zero bytes
    UNSUPPORTED = "unsupported"  # not a PDF / DOCX / image we can read
    WRONG_TYPE = "wrong_type"  # name says .pdf, content is something else
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    NO_PAGES = "no_pages"
    TOO_LARGE = "too_large"  # e.g. a ZIP bomb
    UNSAFE_PATH = "unsafe_path"  # a ZIP entry escaping the target folder
    OCR_FAILED = "ocr_failed"
    DB = "db"
    CONFLICT = "conflict"  # optimistic-lock conflict
    CANCELLED = "cancelled"
    USAGE = "usage"
    FORBIDDEN = "forbidden"  # the user's role does not allow the action
    OWN_DATABASE = "own_database"  # the store's own SQLite file (or its -wal/-shm) offered as a dossier


class KnownError(Exception):
    """An expected failure with a clear Chinese message naming the file and the reason."""

    def __init__(self, code: ErrorCode, message: str, *, file: str | None = None) -> None:
        self.code = code
        self.message = message
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)

    def to_json(self) -> dict[str, str | None]:
        return {"code": str(self.code), "reason": self.message, "file": self.file}


class IngestError(KnownError):
    """A dossier file that cannot be read."""


class ConflictError(KnownError):
    """Another workstation saved the same record first (row version changed)."""

    def __init__(self, message: str, *, file: str | None = None) -> None:
        super().__init__(ErrorCode.CONFLICT, message, file=file)
