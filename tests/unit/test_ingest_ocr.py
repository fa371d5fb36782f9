"""app.ingest with OCR (rapidocr on the worker pool): scanned PDF pages, images, TIFF, folders."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageFilter
from rapidfuzz import fuzz

from app.ingest import read
from tests.unit.test_ingest import CJK, cjk_page

pytestmark = pytest.mark.slow

TRUTH = ["行政处罚决定书", "当事人：石河子市某某商贸有限公司", "罚款人民币伍仟元整。"]
FOOTER = "案卷编号2024-015 第2页"
SIZE = (420.0, 200.0)  # small pages keep OCR at about a second each


def scan_image(rows: list[tuple[float, float, str]], *, seed: int = 7) -> Image.Image:
    """Render text at 200 dpi, then degrade it like a scanner: tilt, blur, speckle."""
    doc = pymupdf.open()
    page = doc.new_page(width=SIZE[0], height=SIZE[1])
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    for x, y, text in rows:
        page.insert_text((x, y), text, fontname="cjk", fontsize=14)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    image = image.rotate(0.5, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    noise = np.random.default_rng(seed).normal(0, 18, (image.height, image.width))
    speckled = np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(speckled).convert("RGB")


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=65, dpi=(200, 200))
    return out.getvalue()


def rows_of(lines: list[str]) -> list[tuple[float, float, str]]:
    return [(30.0, 40.0 + 30 * i, text) for i, text in enumerate(lines)]


def similarity(text: str, truth: str) -> float:
    return fuzz.ratio("".join(text.split()), "".join(truth.split())) / 100


def test_scanned_page_between_text_pages_is_ocrd_in_order(tmp_path: Path) -> None:
    doc = pymupdf.open()
    cjk_page(doc, [(72, 80, "卷宗封面"), (72, 120, "案由：销售过期食品案")])
    page = doc.new_page(width=SIZE[0], height=SIZE[1])
    page.insert_image(page.rect, stream=jpeg(scan_image(rows_of(TRUTH))))
    # A typed-on archive number: some text layer, but the page is still a scan.
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    page.insert_text((30, 185), FOOTER, fontname="cjk", fontsize=10)
    cjk_page(doc, [(72, 80, "送达回证"), (72, 120, "受送达人：石河子市某某商贸有限公司")])
    doc.save(tmp_path / "mixed.pdf")
    dossier = read(tmp_path / "mixed.pdf")
    assert [p.ocr for p in dossier.pages] == [False, True, False]
    assert dossier.pages[0].text == "卷宗封面\n案由：销售过期食品案"
    scanned = dossier.pages[1]
    assert similarity(scanned.text, "\n".join([*TRUTH, FOOTER])) >= 0.9
    assert scanned.confidence is not None
    assert 0.8 <= scanned.confidence <= 1.0
    assert (scanned.width, scanned.height) == SIZE
    assert len(scanned.lines) == 4
    for line in scanned.lines:
        assert line.box is not None
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= SIZE[0]
        assert 0 <= y0 < y1 <= SIZE[1]
    # The title line sits where it was typeset (baseline 40 pt, 14 pt font), in points.
    assert scanned.lines[0].box is not None
    assert 20 <= scanned.lines[0].box[1] <= 40
    assert dossier.warnings == ("page 2: no text layer, OCR used",)


def test_scanned_table_cells_are_tab_separated(tmp_path: Path) -> None:
    image = scan_image([(30, 60, "案件来源"), (250, 60, "现场检查"), (30, 120, "当事人"), (250, 120, "张三")])
    (tmp_path / "table.png").write_bytes(_png(image))
    page = read(tmp_path / "table.png").pages[0]
    assert page.ocr is True
    assert [line.text.count("\t") for line in page.lines] == [1, 1]
    assert similarity(page.lines[0].text.split("\t")[0], "案件来源") >= 0.9
    assert similarity(page.lines[1].text.split("\t")[1], "张三") >= 0.9


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(200, 200))
    return out.getvalue()


def test_multipage_tiff_and_folder_keep_page_order(tmp_path: Path) -> None:
    first = scan_image(rows_of(["第一页 询问笔录"]), seed=1)
    second = scan_image(rows_of(["第二页 现场检查笔录"]), seed=2)
    first.save(tmp_path / "scan.tif", "TIFF", save_all=True, append_images=[second], dpi=(200, 200))
    tiff = read(tmp_path / "scan.tif")
    assert [p.ocr for p in tiff.pages] == [True, True]
    assert similarity(tiff.pages[0].text, "第一页 询问笔录") >= 0.9
    assert similarity(tiff.pages[1].text, "第二页 现场检查笔录") >= 0.9
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p10.jpg").write_bytes(jpeg(second))
    (folder / "p9.jpg").write_bytes(jpeg(first))
    pages = read(folder).pages
    assert similarity(pages[0].text, "第一页 询问笔录") >= 0.9
    assert similarity(pages[1].text, "第二页 现场检查笔录") >= 0.9


def test_a_killed_worker_does_not_lose_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    from app.ingest import ocr
    from app.ingest.ocr import PageImage

    monkeypatch.setattr(ocr, "_BREAKS", 0)
    pixels = np.asarray(scan_image(rows_of(TRUTH[:1])))
    image = PageImage(1, pixels.tobytes(), pixels.shape[1], pixels.shape[0], 72 / 200, SIZE[0], SIZE[1])
    future = ocr.submit(image)
    for pid in list(ocr._pool()._processes):  # the OOM killer, as far as the pool can tell
        os.kill(pid, signal.SIGKILL)
    boxes = ocr.result(future, image, file="scan.pdf")
    assert similarity("".join(b[4] for b in boxes), TRUTH[0]) >= 0.9
    assert ocr._BREAKS == 1
    assert ocr._POOL is None  # the broken pool was dropped; the next page starts a fresh one


def _peak_mb(pid: int) -> int:
    with Path(f"/proc/{pid}/status").open() as fh:
        return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmHWM:"))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_an_a4_page_keeps_each_worker_under_500_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each OCR worker peaked at 830-890 MB; now ~420 MB, and it does not load PyMuPDF (≈130 MB)."""
    from app.ingest import ocr
    from app.ingest.ocr import PageImage

    monkeypatch.setattr(ocr, "_BREAKS", 0)
    monkeypatch.delenv("CASEREVIEW_OCR_WORKERS", raising=False)
    lines = [TRUTH[0], *(TRUTH[1:] * 12)]
    doc = pymupdf.open()
    page = doc.new_page()  # A4
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    for i, text in enumerate(lines):
        page.insert_text((60, 80 + 26 * i), text, fontname="cjk", fontsize=11)
    pix = page.get_pixmap(dpi=200)
    image = PageImage(1, pix.samples, pix.width, pix.height, 72 / 200, page.rect.width, page.rect.height)
    boxes = ocr.result(ocr.submit(image), image, file="a4.pdf")
    assert similarity("".join(b[4] for b in boxes), "".join(lines)) >= 0.98
    pids = list(ocr._pool()._processes)
    assert len(pids) == ocr.worker_count()
    for pid in pids:
        assert _peak_mb(pid) < 500
        with Path(f"/proc/{pid}/maps").open() as fh:
            assert not any("mupdf" in line for line in fh)


def test_engine_sessions_free_tensors_as_they_go() -> None:
    from app.ocr_worker import REC_BATCH, make_engine

    engine = make_engine()
    for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        session = getattr(engine, loader)().session.session
        assert session.get_session_options().enable_mem_pattern is False
    assert engine._load_rec_model().rec_batch_num == REC_BATCH == 6
