"""What a batch import reads: files, folders (recursive) and ZIP archives unpacked safely.

Which files make one dossier:
- A file the user selects is one dossier (an image file too: one page, or one per TIFF frame).
- In a folder (selected, found while walking, or unpacked from a ZIP) the page images (recognised by
  content: PNG/JPEG/TIFF/BMP) are **one dossier named after the folder**, pages in natural name order
  (``第2页.png`` before ``第10页.png``). Agencies scan a dossier into a folder of pages. PDFs and DOCX
  beside them are each their own dossier as before; each sub-folder is judged on its own. Images at
  the root of a ZIP are one dossier named after the ZIP. A file named like an image that is not one
  stays a file of its own (ingest rejects it, naming it).
- An image folder's original is a deterministic, uncompressed ZIP of its images in page order
  (``0001.jpg``, ``0002.png``...: the file names are not in it, so renaming the files keeps the same
  SHA-256; fixed dates and attributes, so the bytes are the same on every run and machine). The
  store keeps it byte for byte; the viewer shows its images as pages. The original names are kept in
  ``Candidate.page_files`` (the import writes them to the audit log).
"""

from __future__ import annotations

import os
import shutil
import stat
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from app.errors import ErrorCode
from app.ingest.images import natural_key, write_page_zip
from app.ingest.registry import ARCHIVE_SUFFIXES, dossier_suffixes
from app.ingest.sniff import HEAD_BYTES, image_kind
from app.services.dto import DuplicateFile, RejectedFile
from app.store.blobs import sha256_path
from app.store.locks import file_id
from app.store.private import DIR_MODE, private_dir, tighten

DOSSIER_SUFFIXES = frozenset(dossier_suffixes())
OLD_FORMATS = {".doc": "旧版 Word（.doc）文件不支持，请另存为 .docx 或 PDF 后导入",
               ".wps": "WPS 文字（.wps）文件不支持，请另存为 .docx 或 PDF 后导入",
               ".rar": "RAR 压缩包不支持，请解压后导入或改用 ZIP",
               ".7z": "7z 压缩包不支持，请解压后导入或改用 ZIP"}
OWN_DATABASE = "这是本程序正在使用的数据库文件，不是案卷，未导入（也未读取）"
SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
MAX_TOTAL = 4 << 30  # uncompressed bytes one batch may unpack, over all its archives and levels
MAX_ENTRIES = 20_000  # entries one batch may unpack, over all its archives and levels
MAX_RATIO = 200  # uncompressed / compressed, for one entry or a whole archive (PDFs compress ~3-10x)
RATIO_FLOOR = 16 << 20  # an archive unpacking to less than this is not judged by its ratio
DISK_MARGIN = 512 << 20  # free space left on the disk after unpacking
MAX_DEPTH = 2  # a ZIP inside a ZIP is unpacked once more, no deeper


@dataclass(slots=True)
class Budget:
    """What one batch may still unpack: every entry of every archive at every level counts."""

    bytes_left: int
    entries_left: int


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path  # the file hashed and kept as the original (an image folder: the ZIP of its pages)
    display: str  # what the user sees: "a.pdf", "box.zip/2024/b.pdf", "扫描件/案卷A"
    read_path: Path | None = None  # what ingest reads when it is not `path` (an image folder's pages)
    name: str | None = None  # the dossier's file name when it is not path.name (the folder's name)
    page_files: tuple[str, ...] = ()  # an image folder: its image files in page order

    @property
    def source(self) -> Path:
        return self.read_path or self.path

    @property
    def file_name(self) -> str:
        return self.name or self.path.name


@dataclass(slots=True)
class Sources:
    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    temp_dirs: list[Path] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)  # display name -> position in the user's selection
    budget: Budget = field(default_factory=lambda: Budget(MAX_TOTAL, MAX_ENTRIES))
    own: frozenset[tuple[int, int]] = frozenset()  # (dev, inode) of the store's own files: never opened

    def is_own(self, path: Path) -> bool:
        """The database, its -wal/-shm or our temp folder (stat only: opening it would drop SQLite's locks)."""
        return bool(self.own) and file_id(path) in self.own

    def reject(self, display: str, reason: str, code: ErrorCode) -> None:
        self.order.setdefault(display, len(self.order))
        self.rejected.append(RejectedFile(display, reason, str(code)))

    def add(self, path: Path, display: str) -> None:
        self.order.setdefault(display, len(self.order))
        self.candidates.append(Candidate(path, display))

    def add_pages(self, candidate: Candidate) -> None:
        self.order.setdefault(candidate.display, len(self.order))
        self.candidates.append(candidate)

    def cleanup(self) -> None:
        for tmp in self.temp_dirs:
            shutil.rmtree(tmp, ignore_errors=True)


def fingerprint(cand: Candidate, seen: set[str]) -> str | RejectedFile | DuplicateFile:
    """The file's SHA-256 the first time a batch sees it (added to ``seen``); otherwise why it is skipped:
    unreadable (rejected) or the same content again in this batch (a duplicate of no stored dossier)."""
    try:
        sha = sha256_path(cand.path)
    except OSError as exc:
        return RejectedFile(cand.display, f"无法读取文件（{exc.strerror or exc}）", "not_found")
    if sha in seen:
        return DuplicateFile(cand.display, sha, None)
    seen.add(sha)
    return sha


def is_zip_name(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def collect(paths: Iterable[Path | str], *, temp_root: Path, max_total: int = MAX_TOTAL,
            max_entries: int = MAX_ENTRIES, own: frozenset[tuple[int, int]] = frozenset()) -> Sources:
    """Expand the user's selection into dossier files; bad archives and entries go to `rejected`.
    ``max_total`` / ``max_entries`` bound what all the batch's archives together may unpack.

    `own` names the store's own files (Store.own_files()): they are rejected unread, and our temp folder is
    not walked. Reading the database file in this process would release the SQLite connection's locks."""
    out = Sources(budget=Budget(max_total, max_entries), own=own)
    private_dir(temp_root)  # the import's own work folder: unpacked originals hold personal data, so it is
    tighten(temp_root, DIR_MODE)  # owner-only (never its parent: that may be the system's /tmp)
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            out.reject(str(raw), "文件或文件夹不存在", ErrorCode.NOT_FOUND)
        elif path.is_dir():
            _walk(path, path.name, out, temp_root=temp_root)
        else:
            _add_file(path, path.name, out, explicit=True, temp_root=temp_root, depth=0)
    return out


def _walk(folder: Path, display: str, out: Sources, *, temp_root: Path, depth: int = 0,
          name: str | None = None) -> None:
    """Every folder under `folder` (itself first): its page images are one dossier, other files one each.
    Symbolic links are not followed (a link may point anywhere on the machine) and are reported."""
    folders = [folder, *sorted(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()
                               and not _hidden(p.relative_to(folder)))]
    ours = [f for f in folders if out.is_own(f)]  # our temp folder: not the user's dossiers
    folders = [f for f in folders if not any(f == o or o in f.parents for o in ours)]
    for current in folders:
        rel = current.relative_to(folder).as_posix()
        shown = display if rel == "." else f"{display}/{rel}"
        entries = sorted(current.iterdir(), key=lambda p: natural_key(p.name))
        for link in (c for c in entries if c.is_symlink() and not _skipped(c)):
            out.reject(f"{shown}/{link.name}", "符号链接（快捷方式），为安全起见不跟随，未导入；请选择它指向的文件",
                       ErrorCode.UNSAFE_PATH)
        files = [c for c in entries if c.is_file() and not c.is_symlink() and not _skipped(c)]
        for own in [f for f in files if out.is_own(f)]:
            files.remove(own)
            out.reject(f"{shown}/{own.name}", OWN_DATABASE, ErrorCode.OWN_DATABASE)
        images = [f for f in files if _is_image(f)]
        if images:
            dossier = (name or folder.name) if rel == "." else current.name
            _add_pages(images, shown, dossier, out, temp_root=temp_root)
        for child in sorted(f for f in files if f not in images):
            _add_file(child, f"{display}/{child.relative_to(folder).as_posix()}", out, explicit=False,
                      temp_root=temp_root, depth=depth)


def _hidden(rel: Path) -> bool:
    """.git, .thumbnails, __MACOSX (resource forks a Mac adds to a ZIP) are never dossiers."""
    return any(part.startswith(".") or part == "__MACOSX" for part in rel.parts)


def _skipped(path: Path) -> bool:
    name = path.name.lower()
    return name in SKIP_NAMES or name.startswith((".", "~$"))


def _is_image(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return image_kind(fh.read(HEAD_BYTES)) is not None
    except OSError:
        return False  # unreadable: added as a file of its own, and rejected naming it



def _add_pages(images: list[Path], display: str, name: str, out: Sources, *, temp_root: Path) -> None:
    """One dossier of page images: a folder of links for ingest, and the ZIP kept as the original."""
    work = temp_root / f"pages-{uuid.uuid4().hex}"
    pages = work / name
    pages.mkdir(parents=True)
    out.temp_dirs.append(work)
    try:
        for image in images:  # same names, so ingest's natural order is the same as ours
            _link_or_copy(image, pages / image.name)
        archive = write_page_zip(images, work / f"{name}.zip")
    except OSError as exc:
        out.reject(display, f"无法读取图片文件夹（{exc.strerror or exc}）", ErrorCode.NOT_FOUND)
        return
    out.add_pages(Candidate(archive, display, read_path=pages, name=name,
                            page_files=tuple(i.name for i in images)))


def _link_or_copy(source: Path, dest: Path) -> None:
    try:
        os.link(source, dest)
    except OSError:  # another drive, or a file system without hard links
        shutil.copyfile(source, dest)


def _add_file(path: Path, display: str, out: Sources, *, explicit: bool, temp_root: Path, depth: int) -> None:
    suffix = path.suffix.lower()
    if out.is_own(path):
        out.reject(display, OWN_DATABASE, ErrorCode.OWN_DATABASE)
        return
    if _skipped(path):
        return
    if _empty(path) and (explicit or suffix in DOSSIER_SUFFIXES or is_zip_name(path)):
        # Before hashing: every empty file has the same SHA-256, and the second would be called a duplicate.
        out.reject(display, "文件是空的（0 字节）", ErrorCode.EMPTY)
    elif is_zip_name(path):
        if depth >= MAX_DEPTH:
            out.reject(display, "压缩包嵌套过深，未展开", ErrorCode.UNSUPPORTED)
            return
        _unzip(path, display, out, temp_root=temp_root, depth=depth + 1)
    elif suffix in OLD_FORMATS:
        out.reject(display, OLD_FORMATS[suffix], ErrorCode.UNSUPPORTED)
    elif explicit or suffix in DOSSIER_SUFFIXES:
        out.add(path, display)  # content is sniffed by ingest


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False  # unreadable: added, and rejected by the import naming it


def entry_name(info: zipfile.ZipInfo) -> str:
    """ZIPs made on Chinese Windows store GBK names without the UTF-8 flag; Python decodes them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def unsafe_entry(name: str) -> bool:
    posix = PurePosixPath(name.replace("\\", "/"))
    return (
        posix.is_absolute()
        or ".." in posix.parts
        or (len(name) > 1 and name[1] == ":")  # C:\...
        or name.startswith(("/", "\\"))
    )


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _too_big(infos: list[zipfile.ZipInfo], budget: Budget, free: int | None) -> str | None:
    """Why the archive must not be unpacked at all (from its declared sizes), or None."""
    if len(infos) > budget.entries_left:
        return (f"压缩包有 {len(infos)} 个条目，超过本批还可展开的 {max(budget.entries_left, 0)} 个"
                f"（每批最多 {MAX_ENTRIES} 个），已拒绝整个压缩包")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    ratio = any(i.file_size > (1 << 20) and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos)
    ratio = ratio or (total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1))
    if ratio or total > budget.bytes_left:
        return "压缩包解压后体积异常（疑似“压缩炸弹”或超过本批导入的解压上限），已拒绝整个压缩包"
    if free is not None and total + DISK_MARGIN > free:
        return f"磁盘剩余空间不足以解压该压缩包（需要 {total >> 20} MB），已拒绝"
    return None


def _free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _unzip(archive: Path, display: str, out: Sources, *, temp_root: Path, depth: int) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            reason = _too_big(infos, out.budget, _free_space(temp_root))
            if reason is not None:
                out.reject(display, reason, ErrorCode.TOO_LARGE)
                return
            out.budget.entries_left -= len(infos)
            target = temp_root / f"unzip-{uuid.uuid4().hex}"
            target.mkdir(parents=True)
            out.temp_dirs.append(target)
            extracted = _extract_all(zf, infos, target, display, out)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        out.reject(display, f"压缩包已损坏或无法读取（{type(exc).__name__}）", ErrorCode.CORRUPT)
        return
    except _TooLarge:
        shutil.rmtree(target, ignore_errors=True)
        out.reject(display, "压缩包解压后体积超过声明大小或本批导入的解压上限（疑似“压缩炸弹”），已拒绝整个压缩包",
                   ErrorCode.TOO_LARGE)
        return
    if extracted:  # unpacked like a folder: page images together, other files one by one
        _walk(target, display, out, temp_root=temp_root, depth=depth, name=archive.stem)


class _TooLarge(Exception):
    pass


def _extract_all(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], target: Path, display: str,
                 out: Sources) -> list[tuple[Path, str]]:
    done: list[tuple[Path, str]] = []
    for info in infos:
        name = entry_name(info)
        shown = f"{display}/{name}"
        if unsafe_entry(name) or _is_symlink(info):
            out.reject(
                shown, "压缩包中的条目路径不安全（含 ../、绝对路径或符号链接），已拒绝该条目", ErrorCode.UNSAFE_PATH
            )
            continue
        if info.flag_bits & 0x1:
            out.reject(shown, "压缩包中的条目已加密，无法读取", ErrorCode.ENCRYPTED)
            continue
        dest = target.joinpath(*PurePosixPath(name.replace("\\", "/")).parts)
        if not dest.resolve().is_relative_to(target.resolve()):
            out.reject(shown, "压缩包中的条目路径不安全，已拒绝该条目", ErrorCode.UNSAFE_PATH)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        _copy_limited(zf, info, dest, out.budget)
        done.append((dest, shown))
    return done


def _copy_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: Budget) -> None:
    """Copy one entry, counting the bytes really written (declared sizes may lie) against the batch."""
    written = 0
    with zf.open(info) as src, dest.open("wb") as fh:
        while block := src.read(1 << 20):
            written += len(block)
            if len(block) > budget.bytes_left or written > info.file_size:
                raise _TooLarge
            budget.bytes_left -= len(block)
            fh.write(block)
