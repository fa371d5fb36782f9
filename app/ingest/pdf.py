"""PDF reader (PyMuPDF): text lines with boxes from the text layer; image-only pages go to OCR."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pymupdf

from app.errors import ErrorCode, IngestError
from app.ingest import pixels
from app.ingest.layout import Word, build_lines, meaningful_chars
from app.ingest.ocr import OCR_DPI, PageImage
from app.ingest.seal import is_red, seal_in_pixels, seal_in_rects
from app.ingest.types import Line, Page

log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)  # collect MuPDF's chatter as warnings instead

MIN_TEXT_CHARS = 10  # fewer meaningful characters than this on a page with an image -> OCR
SPARSE_TEXT_CHARS = 60  # this little text over a page-sized picture: the picture is the page
SCAN_COVER = 0.6  # share of the page a picture must cover to count as a scan
VECTOR_TEXT_DRAWINGS = 300  # this many paths and no text: text drawn as outlines -> OCR
SEAL_DPI = 50
MAX_OCR_PIXELS = 30_000_000  # ~A2 at 200 dpi; larger pages are rendered at a lower dpi


def open_pdf(path: Path) -> Any:
    """Open a PDF; map PyMuPDF failures, passwords and empty files to IngestError."""
    name = path.name
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises FileDataError / RuntimeError / ValueError
        log.info("%s: PyMuPDF cannot open: %s", name, exc)
        raise IngestError(ErrorCode.CORRUPT, "PDF 文件已损坏，无法打开", file=name) from exc
    if doc.needs_pass:
        doc.close()
        raise IngestError(ErrorCode.ENCRYPTED, "PDF 文件设有打开密码，无法读取", file=name)
    try:
        pages = doc.page_count
    except Exception as exc:  # a page tree whose pages were cut off (truncated download): RuntimeError
        log.info("%s: PyMuPDF cannot count the pages: %s", name, exc)
        doc.close()
        raise IngestError(ErrorCode.CORRUPT, "PDF 文件已损坏（可能被截断），无法读取页面目录", file=name) from exc
    if pages == 0:
        repaired = doc.is_repaired
        doc.close()
        if repaired:
            raise IngestError(ErrorCode.CORRUPT, "PDF 文件已损坏，没有可读取的页面", file=name)
        raise IngestError(ErrorCode.NO_PAGES, "PDF 文件没有任何页面", file=name)
    return doc


def count_pages(path: Path) -> int:
    doc = open_pdf(path)
    try:
        return int(doc.page_count)
    finally:
        doc.close()


def mupdf_warnings() -> list[str]:
    """MuPDF messages since the last call (and reset them)."""
    text = pymupdf.TOOLS.mupdf_warnings(True) or ""
    return [f"MuPDF: {line}" for line in dict.fromkeys(text.splitlines()) if line.strip()]


def iter_pdf(path: Path, *, warnings: list[str], want_ocr: bool) -> Iterator[Page | PageImage]:
    """Yield each page in order: a finished Page, or a PageImage when the page must be OCR'd."""
    mupdf_warnings()
    doc = open_pdf(path)
    failed = 0
    seals: SealCache = {}
    try:
        if doc.is_repaired:
            _check_repaired(doc, path.name)
            warnings.append("file: PDF structure was damaged and repaired by MuPDF")
        for index in range(doc.page_count):
            try:
                page = doc.load_page(index)
                _check_pictures(page, index + 1, name=path.name)
                item = _read_page(page, index + 1, want_ocr=want_ocr, warnings=warnings, seals=seals)
            except IngestError:
                raise
            except Exception as exc:  # a broken page object / content stream
                log.warning("page %s of %s unreadable: %s", index + 1, path.name, exc)
                failed += 1
                warnings.append(f"page {index + 1}: unreadable ({exc})")
                item = Page(number=index + 1, text="")
            _add_mupdf(warnings, mupdf_warnings())
            yield item
        if failed == doc.page_count:
            raise IngestError(ErrorCode.CORRUPT, "PDF 文件已损坏，没有可读取的页面", file=path.name)
    finally:
        doc.close()


def _check_pictures(page: Any, number: int, *, name: str) -> None:
    """The page's pictures' sizes from their dictionaries, before MuPDF decodes any of them (to render
    the page for OCR, to look for a stamp, or in the text pass)."""
    for item in page.get_images(full=True):
        pixels.check(int(item[2]), int(item[3]), file=name, what=f"第 {number} 页的图片")


def _check_repaired(doc: Any, name: str) -> None:
    """A repaired file where no page has text, images or drawings is corrupt, not blank."""
    for page in doc:
        try:
            if page.get_text("text").strip() or page.get_images() or page.get_cdrawings():
                return
        except Exception:  # a page that cannot even be parsed counts as unreadable
            continue
    raise IngestError(ErrorCode.CORRUPT, "PDF 文件已损坏（可能被截断），没有可读取的页面内容", file=name)


MAX_MUPDF_WARNINGS = 10


def _add_mupdf(warnings: list[str], new: list[str]) -> None:
    """Keep MuPDF's messages, but at most ten per file: a broken file repeats itself."""
    have = sum(1 for w in warnings if w.startswith("MuPDF: "))
    room = MAX_MUPDF_WARNINGS - have
    if room > 0:
        warnings.extend(new[:room])
        if len(new) > room:
            warnings.append("MuPDF: further messages omitted")


def _read_page(
    page: Any, number: int, *, want_ocr: bool, warnings: list[str], seals: SealCache
) -> Page | PageImage:
    rect = page.rect
    width, height = float(rect.width), float(rect.height)
    x_off, y_off = float(rect.x0), float(rect.y0)
    # One pass over the page's content gives the words, the pictures' boxes and the vector paths'
    # colours (instead of a text pass, an image pass and a drawings pass).
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    words = [Word(w[4], w[0] - x_off, w[1] - y_off, w[2] - x_off, w[3] - y_off) for w in textpage.extractWORDS()]
    lines = build_lines(words, spaced=True)  # in unrotated space: text reads in its own direction
    if page.rotation:
        lines = [_rotated(line, page.rotation_matrix) for line in lines]
    text = "\n".join(line.text for line in lines)
    pictures = page.get_images(full=True)
    has_images = bool(pictures)
    shapes = _shapes(textpage, page)
    chars = meaningful_chars(text, limit=SPARSE_TEXT_CHARS)
    # The drawings themselves (a second pass) only when a verdict needs them: a text-less page without
    # pictures (text drawn as outlines?), or red paths that may form a stamp.
    need_count = chars < MIN_TEXT_CHARS and not has_images
    drawings = page.get_cdrawings() if need_count or shapes.red_paths else []
    scanned = (has_images or len(drawings) >= VECTOR_TEXT_DRAWINGS) and chars < MIN_TEXT_CHARS
    if not scanned and has_images and chars < SPARSE_TEXT_CHARS:
        scanned = _image_cover(page, shapes.images) >= SCAN_COVER  # a scan with a typed-on footer or number
    if scanned:
        if want_ocr:
            return render_for_ocr(page, number)
        warnings.append(f"page {number}: no text layer, OCR skipped")
    seal = True if _red_drawings(drawings) else (
        _seal_in_images(page, seals, shapes.images, pictures) if has_images else False
    )
    return Page(number, text, tuple(lines), width=width, height=height, has_seal=seal)


# Words as get_text("words") makes them, plus pictures and vector paths as blocks of their own.
TEXT_FLAGS = pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_PRESERVE_IMAGES | pymupdf.TEXT_COLLECT_VECTORS
_IMAGE_BLOCK = re.compile(r"width: (\d+), height: (\d+), bpc: \d+>\s*$")
_VECTOR_COLOUR = re.compile(r"color: #([0-9a-fA-F]{6})\b")


class ImageBlock(NamedTuple):
    bbox: tuple[float, float, float, float]
    width: int  # pixels
    height: int


class Shapes(NamedTuple):
    images: list[ImageBlock]
    red_paths: bool  # some vector path may be red: the drawings are worth a look


def _shapes(textpage: Any, page: Any) -> Shapes:
    """Pictures and the colour of vector paths from the page's text pass (``extractBLOCKS`` describes
    them as ``<image: …, width: W, height: H, bpc: B>`` and ``<vector …, color: #rrggbb, …>``).
    Anything unexpected falls back to PyMuPDF's own calls, so the verdicts never depend on parsing."""
    images: list[ImageBlock] = []
    red = False
    exact = True
    for x0, y0, x1, y1, desc, _, kind in textpage.extractBLOCKS():
        if kind == 1:
            found = _IMAGE_BLOCK.search(desc)
            exact = exact and found is not None
            if found:
                images.append(ImageBlock((x0, y0, x1, y1), int(found[1]), int(found[2])))
        elif kind == 3 and not red:
            colour = _VECTOR_COLOUR.search(desc)
            red = colour is None or _reddish(int(colour[1], 16))
    if not exact:
        images = [ImageBlock(tuple(i["bbox"]), int(i["width"]), int(i["height"])) for i in page.get_image_info()]
    return Shapes(images, red)


def _reddish(rgb: int) -> bool:
    """Looser than seal.is_red (8-bit rounding): only decides whether the drawings are fetched."""
    r, g, b = rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF
    return r >= 120 and r - g >= 45 and r - b >= 45


def _image_cover(page: Any, infos: list[ImageBlock]) -> float:
    """Largest share of the page covered by one picture."""
    bounds = pymupdf.Rect(0, 0, page.cropbox.width, page.cropbox.height)  # unrotated, like the bboxes
    area = abs(bounds) or 1.0
    rects = [pymupdf.Rect(info.bbox) & bounds for info in infos]
    return max((abs(r) / area for r in rects), default=0.0)


def _rotated(line: Line, matrix: Any) -> Line:
    """Box of a line on a /Rotate'd page, in the coordinates of the page as displayed."""
    if line.box is None:
        return line
    rect = pymupdf.Rect(line.box) * matrix
    return Line(line.text, (rect.x0, rect.y0, rect.x1, rect.y1))


def _red_drawings(drawings: list[dict[str, Any]]) -> bool:
    rects = [tuple(d["rect"]) for d in drawings if is_red(d.get("color")) or is_red(d.get("fill"))]
    return bool(rects) and seal_in_rects(rects)


SealCache = dict[tuple[int, int, int], bool | None]
MAX_DECODE_PIXELS = 4_000_000  # a bigger picture (a full-page scan) is cheaper to look at rendered


def _seal_in_images(page: Any, cache: SealCache, infos: list[ImageBlock], pictures: list[Any]) -> bool | None:
    """Look at the page's pictures themselves (decoding a stamp image costs ~0.1 ms, a render
    ~3 ms); the same picture placed at the same size is judged once per file."""
    verdicts = []
    # get_image_info(xrefs=True) hashes every picture (~2 ms); match placements by pixel size instead.
    by_size: dict[tuple[int, int], set[int]] = {}
    for item in pictures:
        by_size.setdefault((int(item[2]), int(item[3])), set()).add(int(item[0]))
    for info in infos:
        candidates = by_size.get((info.width, info.height), set())
        xref = next(iter(candidates)) if len(candidates) == 1 else 0
        bbox = pymupdf.Rect(info.bbox)
        if xref <= 0 or info.width * info.height > MAX_DECODE_PIXELS:
            return _seal_in_render(page)  # inline image or a large scan
        key = (xref, round(bbox.width), round(bbox.height))
        if key not in cache:
            cache[key] = _judged(page.parent, xref, width_pt=bbox.width, height_pt=bbox.height)
        verdicts.append(cache[key])
    if True in verdicts:
        return True
    return False if False in verdicts else None


# Verdicts on pictures by content, for the whole process: an agency's stamp image recurs in its
# dossiers, and decoding + judging one costs ~1.5 ms against ~0.1 ms for hashing its bytes.
_VERDICTS: dict[tuple[bytes, int, int], bool | None] = {}
MAX_VERDICTS = 2048
_REF = re.compile(r"\b(\d+) 0 R\b")


def _judged(doc: Any, xref: int, *, width_pt: float, height_pt: float) -> bool | None:
    try:
        digest = hashlib.blake2b(digest_size=16)
        _feed_object(doc, xref, digest, depth=0)
    except Exception:  # an odd object: judge it without the cache
        return _seal_in_xref(doc, xref, width_pt=width_pt)
    key = (digest.digest(), round(width_pt), round(height_pt))
    if key not in _VERDICTS:
        if len(_VERDICTS) >= MAX_VERDICTS:
            _VERDICTS.clear()
        _VERDICTS[key] = _seal_in_xref(doc, xref, width_pt=width_pt)
    return _VERDICTS[key]


def _feed_object(doc: Any, xref: int, digest: Any, *, depth: int) -> None:
    """Hash what decoding the picture depends on: its dictionary (reference numbers left out), its
    raw bytes, and the objects it refers to (colour space, soft mask, palette) two levels deep."""
    source = str(doc.xref_object(xref, compressed=True))
    digest.update(_REF.sub("R", source).encode())
    if doc.xref_is_stream(xref):
        digest.update(doc.xref_stream_raw(xref) or b"")
    if depth < 2:
        for ref in _REF.findall(source):
            _feed_object(doc, int(ref), digest, depth=depth + 1)


def _seal_in_xref(doc: Any, xref: int, *, width_pt: float) -> bool | None:
    try:
        pix = pymupdf.Pixmap(doc, xref)
        if pix.colorspace is None or pix.colorspace.n == 1:
            return None  # grey picture or a mask: cannot show red
        if pix.alpha:
            pix = pymupdf.Pixmap(pix, 0)
        if pix.colorspace.n != 3:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    except Exception as exc:  # an undecodable picture: no verdict
        log.info("image %s not examined: %s", xref, exc)
        return None
    if width_pt <= 0:
        return None
    return seal_in_pixels(_pix_array(pix), px_per_mm=pix.width / (width_pt * 25.4 / 72))


def _seal_in_render(page: Any) -> bool | None:
    pix = page.get_pixmap(dpi=SEAL_DPI, colorspace=pymupdf.csRGB, alpha=False)
    return seal_in_pixels(_pix_array(pix), px_per_mm=SEAL_DPI / 25.4)


def _pix_array(pix: Any) -> np.ndarray:
    arr = np.frombuffer(pix.samples, dtype=np.uint8)
    return arr.reshape(pix.height, pix.stride)[:, : pix.width * pix.n].reshape(pix.height, pix.width, pix.n)


def render_for_ocr(page: Any, number: int) -> PageImage:
    """Render at 200 dpi (less for huge pages) as RGB; check the render for a red stamp too."""
    width, height = float(page.rect.width), float(page.rect.height)
    dpi = OCR_DPI
    while dpi > 72 and (width * dpi / 72) * (height * dpi / 72) > MAX_OCR_PIXELS:
        dpi -= 25
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    arr = _pix_array(pix)
    return PageImage(
        number=number,
        pixels=np.ascontiguousarray(arr).tobytes(),
        px_width=pix.width,
        px_height=pix.height,
        points_per_px=width / pix.width,
        width=width,
        height=height,
        has_seal=seal_in_pixels(arr, px_per_mm=dpi / 25.4),
    )
