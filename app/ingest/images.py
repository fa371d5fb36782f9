"""Image readers (Pillow): PNG/JPEG/BMP, multi-page TIFF, and a folder of page images.

Every image page is OCR'd. Boxes are in points: from the image's own dpi when it records a
plausible one, else the page is taken to be A4 wide (595 pt). Very large scans are scaled down to
about 200 dpi before OCR (the engine would shrink them anyway).
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, ImageSequence

from app.errors import ErrorCode, IngestError
from app.ingest import pixels
from app.ingest.ocr import PageImage
from app.ingest.seal import MM_PER_PT, seal_in_pixels
from app.ingest.sniff import HEAD_BYTES, image_kind

log = logging.getLogger(__name__)

A4_WIDTH_PT = 595.0
MAX_SIDE_PX = 2400  # ~A4 long side at 200 dpi; longer scans are scaled down


def _open(path: Path) -> Any:
    """The image with its header read and its size checked; pixels are decoded frame by frame later."""
    try:
        image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise IngestError(ErrorCode.TOO_LARGE, "图片像素过多，疑似异常文件，已拒绝", file=path.name) from exc
    except (OSError, ValueError, SyntaxError) as exc:  # UnidentifiedImageError is an OSError
        raise IngestError(ErrorCode.CORRUPT, f"图片已损坏，无法解码（{exc}）", file=path.name) from exc
    try:
        pixels.check(*image.size, file=path.name)
    except IngestError:
        image.close()
        raise
    return image


def count_frames(path: Path) -> int:
    """Frames (pages) of an image, from its header: the pixels are decoded once, when the page is read."""
    try:
        with Image.open(path) as image:
            pixels.check(*image.size, file=path.name)
            return int(getattr(image, "n_frames", 1))
    except Image.DecompressionBombError as exc:
        raise IngestError(ErrorCode.TOO_LARGE, "图片像素过多，疑似异常文件，已拒绝", file=path.name) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise IngestError(ErrorCode.CORRUPT, f"图片已损坏，无法解码（{exc}）", file=path.name) from exc


def _points_per_px(frame: Any) -> float:
    dpi = frame.info.get("dpi")
    try:
        value = round(float(dpi[0]), 1) if dpi else 0.0  # PNG stores px/m: 199.9994
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 50.0 <= value <= 1200.0:
        return 72.0 / value
    return A4_WIDTH_PT / max(int(frame.width), 1)


def frame_to_page(frame: Any, number: int) -> PageImage:
    """One decoded frame -> RGB pixels for OCR, with the scale back to points."""
    frame = ImageOps.exif_transpose(frame) or frame  # phone photos of pages carry their rotation in EXIF
    ppp = _points_per_px(frame)
    width_pt, height_pt = frame.width * ppp, frame.height * ppp
    grey = frame.mode in ("1", "L", "LA", "I", "I;16", "F")
    rgb = frame.convert("RGB")
    longest = max(rgb.width, rgb.height)
    if longest > MAX_SIDE_PX:
        factor = MAX_SIDE_PX / longest
        rgb = rgb.resize((max(1, round(rgb.width * factor)), max(1, round(rgb.height * factor))))
    arr = np.asarray(rgb)
    ppp_now = width_pt / rgb.width
    return PageImage(
        number=number,
        pixels=arr.tobytes(),
        px_width=rgb.width,
        px_height=rgb.height,
        points_per_px=ppp_now,
        width=width_pt,
        height=height_pt,
        has_seal=None if grey else seal_in_pixels(arr, px_per_mm=1 / (ppp_now * MM_PER_PT)),
    )


def iter_image(path: Path, *, first_number: int = 1) -> Iterator[PageImage]:
    """Each frame of an image file (one for PNG/JPEG, several for a multi-page TIFF)."""
    image = _open(path)
    try:
        for offset, frame in enumerate(ImageSequence.Iterator(image)):
            what = f"第 {offset + 1} 帧图片" if getattr(image, "n_frames", 1) > 1 else "图片"
            pixels.check(*frame.size, file=path.name, what=what)  # TIFF frames each have their own size
            try:
                frame.load()
                page = frame_to_page(frame, first_number + offset)
            except (OSError, ValueError) as exc:
                raise IngestError(
                    ErrorCode.CORRUPT, f"图片第 {offset + 1} 帧已损坏（{exc}）", file=path.name
                ) from exc
            yield page
    finally:
        image.close()


def natural_key(name: str) -> list[Any]:
    """'page2' < 'page10': digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]


def folder_images(folder: Path, *, warnings: list[str] | None = None) -> list[Path]:
    """The image files of a folder (by content), in natural name order; others are skipped."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        with entry.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
        if image_kind(head):
            found.append(entry)
        elif warnings is not None:
            warnings.append(f"file {entry.name}: not a page image, skipped")
    if not found:
        raise IngestError(ErrorCode.NO_PAGES, "文件夹中没有可读取的图片", file=folder.name)
    return found


def iter_folder(folder: Path, *, warnings: list[str]) -> Iterator[PageImage]:
    """The pages of every image in the folder, in natural name order. A page image that cannot be
    read rejects the whole folder, naming that image: a dossier silently missing a page would be
    reviewed wrongly."""
    number = 1
    for image_path in folder_images(folder, warnings=warnings):
        try:
            for page in iter_image(image_path, first_number=number):
                number += 1
                yield page
        except IngestError as exc:
            raise IngestError(exc.code, f"第 {number} 页图片“{image_path.name}”：{exc.message}",
                              file=folder.name) from exc


def count_folder(folder: Path) -> int:
    total = 0
    for image_path in folder_images(folder):
        try:
            total += count_frames(image_path)
        except IngestError as exc:
            raise IngestError(exc.code, f"图片“{image_path.name}”：{exc.message}", file=folder.name) from exc
    return total


# --- a folder of page images kept as one original file ------------------------------------------

_EXTENSION = {"PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif", "BMP": ".bmp"}
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP can hold: no clock in the bytes


def write_page_zip(images: list[Path], dest: Path) -> Path:
    """Page images -> an uncompressed ZIP whose bytes depend only on the images' bytes and order."""
    width = max(4, len(str(len(images))))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_STORED) as zf:
        for number, image in enumerate(images, start=1):
            with image.open("rb") as src:
                head = src.read(HEAD_BYTES)
                info = zipfile.ZipInfo(f"{number:0{width}d}{_EXTENSION.get(image_kind(head) or '', '.img')}",
                                       date_time=_EPOCH)
                info.create_system = 3  # the same on Windows as on Linux
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED
                info.file_size = image.stat().st_size  # decides ZIP64 up front, from the size alone
                with zf.open(info, "w") as fh:
                    fh.write(head)
                    while block := src.read(1 << 20):
                        fh.write(block)
    return dest
