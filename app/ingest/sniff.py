"""Tell what a file is by its content (magic bytes, ZIP members), never by its name."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from app.errors import ErrorCode, IngestError

log = logging.getLogger(__name__)

HEAD_BYTES = 2048

# Magic bytes of formats we do not read, so the error can name what the file really is.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls）"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"GIF8", "GIF 动图"),
    (b"RIFF", "RIFF 媒体文件（WebP/AVI/WAV）"),
    (b"{\\rtf", "RTF 文档"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "可执行程序"),
)

_NAMED_TYPES = {"pdf": "PDF 文档", "docx": "Word 文档（DOCX）", "image": "图片", "zip": "ZIP 压缩包"}


def image_kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head.startswith(b"BM") and len(head) > 14:
        return "BMP"
    return None


def _zip_kind(path: Path) -> str:
    """'docx' for a Word package, 'zip' for any other ZIP; raises CORRUPT for a broken archive."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(
            ErrorCode.CORRUPT, f"压缩包结构已损坏，无法打开（{exc}）", file=path.name
        ) from exc
    return "docx" if "word/document.xml" in names else "zip"


def describe(head: bytes) -> str:
    """A Chinese name for the content of a file we cannot read."""
    for magic, label in _OTHER_MAGIC:
        if head.startswith(magic):
            return label
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "网页（HTML）"
    if stripped.startswith(b"<?xml"):
        return "XML 文本"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "未知的二进制格式"
    return "纯文本"


def _is_encrypted_ooxml(path: Path) -> bool:
    # A password-protected DOCX is an OLE compound file holding an "EncryptedPackage" stream.
    with path.open("rb") as fh:
        data = fh.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in data


class Sniffer(Protocol):
    @property
    def format(self) -> str: ...

    @property
    def weight(self) -> int: ...

    def sniff(self, path: Path, head: bytes) -> bool: ...


def detect(path: Path, readers: Sequence[Sniffer]) -> str:
    """The format of the highest-weight reader that recognises the content; IngestError otherwise."""
    name = path.name
    if path.is_dir():
        return _pick(path, b"", readers) or "images"
    if not path.exists():
        raise IngestError(ErrorCode.NOT_FOUND, "文件不存在", file=name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise IngestError(ErrorCode.NOT_FOUND, f"无法读取文件（{exc.strerror}）", file=name) from exc
    if size == 0:
        raise IngestError(ErrorCode.EMPTY, "文件是空的（0 字节）", file=name)
    kind = _pick(path, head, readers)
    if kind is None and is_zip(head):
        kind = "zip"
    _check_name(path, kind, head)
    if kind == "zip":
        raise IngestError(
            ErrorCode.UNSUPPORTED, "不支持的文件类型：ZIP 压缩包（不是 Word 文档）", file=name
        )
    if kind is None:
        if head.startswith(b"\xd0\xcf\x11\xe0") and _is_encrypted_ooxml(path):
            raise IngestError(ErrorCode.ENCRYPTED, "Word 文档设有打开密码，无法读取", file=name)
        raise IngestError(ErrorCode.UNSUPPORTED, f"不支持的文件类型：{describe(head)}", file=name)
    return kind


def _pick(path: Path, head: bytes, readers: Sequence[Sniffer]) -> str | None:
    for reader in sorted(readers, key=lambda r: -r.weight):
        if reader.sniff(path, head):
            return reader.format
    return None


def is_pdf(path: Path, head: bytes) -> bool:
    # The PDF spec lets junk precede the header; readers accept it within the first 1 KiB. But a
    # file that starts with another format's magic (a ZIP storing a PDF) is that format.
    if head.startswith(b"%PDF-"):
        return True
    foreign = is_zip(head) or image_kind(head) is not None or any(head.startswith(m) for m, _ in _OTHER_MAGIC)
    return not foreign and b"%PDF-" in head[:1024]


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def is_docx(path: Path, head: bytes) -> bool:
    return is_zip(head) and _zip_kind(path) == "docx"


def is_image(path: Path, head: bytes) -> bool:
    return image_kind(head) is not None


def is_folder(path: Path, head: bytes) -> bool:
    return path.is_dir()


def _check_name(path: Path, kind: str | None, head: bytes) -> None:
    """A .pdf / .docx name whose content is something else is WRONG_TYPE (or ENCRYPTED)."""
    suffix = path.suffix.lower()
    expected = {".pdf": "pdf", ".docx": "docx"}.get(suffix)
    if expected is None or kind == expected:
        return
    ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if suffix == ".docx" and kind is None and ole and _is_encrypted_ooxml(path):
        raise IngestError(ErrorCode.ENCRYPTED, "Word 文档设有打开密码，无法读取", file=path.name)
    actual = _NAMED_TYPES.get(kind, "") if kind else describe(head)
    if suffix == ".docx" and kind == "zip":
        actual = "ZIP 压缩包（缺少 word/document.xml，不是 Word 文档）"
    raise IngestError(
        ErrorCode.WRONG_TYPE,
        f"文件名是 {suffix}，但内容是{actual}",
        file=path.name,
    )
