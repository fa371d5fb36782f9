"""A folder of page images is one dossier: grouping rules, the deterministic ZIP kept as its original,
natural page order, duplicates, a mixed batch with broken images, and the viewer showing its pages.

OCR runs in this process (CASEREVIEW_OCR_WORKERS=0) on small pages: a handful of pages in all."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PIL import Image
from rapidfuzz import fuzz

from app.ingest import sha256_file
from app.services import Store, UserDTO, get_dossier, import_paths, original_bytes
from app.services.dto import CampaignDTO
from app.services.sources import collect, write_page_zip
from tests.unit.test_ingest import CJK
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]

PAGES = ["第一页 立案审批表", "第二页 询问笔录", "第三页 送达回证"]


@pytest.fixture(autouse=True)
def _ocr_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_OCR_WORKERS", "0")


def page_image(text: str) -> Image.Image:
    """A small page with one line of text, rendered at 200 dpi (OCR about a second)."""
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=90)
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    page.insert_text((20, 50), text, fontname="cjk", fontsize=16)
    pix = page.get_pixmap(dpi=200)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def save(image: Image.Image, path: Path) -> Path:
    fmt = {".png": "PNG", ".jpg": "JPEG", ".tif": "TIFF", ".bmp": "BMP"}[path.suffix]
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, dpi=(200, 200))
    return path


def scan_folder(folder: Path, texts: list[str], names: list[str]) -> list[Path]:
    return [save(page_image(text), folder / name) for text, name in zip(texts, names, strict=True)]


def broken_jpeg(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 300)  # JPEG magic, no image behind it
    return path


def similar(text: str, truth: str) -> float:
    return fuzz.ratio("".join(text.split()), "".join(truth.split())) / 100


# --- grouping rules and the original (no OCR) ---------------------------------------------------------


def test_page_zip_bytes_depend_only_on_the_images_and_their_order(tmp_path: Path) -> None:
    a = tmp_path / "x" / "第2页.png"
    b = tmp_path / "x" / "scan 10.jpg"
    a.parent.mkdir()
    a.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    b.write_bytes(b"\xff\xd8\xff" + b"page two" * 50)
    first = write_page_zip([a, b], tmp_path / "1.zip").read_bytes()
    renamed = tmp_path / "y"
    renamed.mkdir()
    shutil.copy(a, renamed / "0001.png")
    shutil.copy(b, renamed / "0002.jpg")
    second = write_page_zip([renamed / "0001.png", renamed / "0002.jpg"], tmp_path / "2.zip").read_bytes()
    assert first == second
    # Fixed across runs, Python versions and machines: no dates, no host system, no compression level.
    assert hashlib.sha256(first).hexdigest() == "b32c954d5af1e65b1140454dc9c8cc4344dcea6c58ad5299c370d339c10abcb9"
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert [(i.filename, i.compress_type, i.date_time) for i in zf.infolist()] == [
            ("0001.png", zipfile.ZIP_STORED, (1980, 1, 1, 0, 0, 0)),
            ("0002.jpg", zipfile.ZIP_STORED, (1980, 1, 1, 0, 0, 0)),
        ]
        assert zf.read("0001.png") == a.read_bytes()


def test_collect_groups_images_per_folder_and_keeps_other_files_apart(tmp_path: Path) -> None:
    root = tmp_path / "批次"
    for name in ("第10页.jpg", "第2页.png", "第1页.tif"):
        save(page_image("x"), root / "案卷A" / name)
    make_pdf(root / "案卷A" / "说明.pdf", dossier_pages(1, tag="A"))
    (root / "案卷A" / "假图.jpg").write_bytes(b"not an image")  # named like one: a file of its own
    save(page_image("x"), root / "封面.png")
    (root / "__MACOSX").mkdir()
    save(page_image("x"), root / "__MACOSX" / "x.png")
    archive = tmp_path / "卷宗.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(save(page_image("x"), tmp_path / "p.png"), "p2.png")
        zf.write(tmp_path / "p.png", "p10.png")
    got = collect([root, archive, root / "封面.png"], temp_root=tmp_path / "tmp")
    shown = [(c.display, c.file_name, c.page_files) for c in got.candidates]
    assert shown == [
        ("批次", "批次", ("封面.png",)),
        ("批次/案卷A", "案卷A", ("第1页.tif", "第2页.png", "第10页.jpg")),
        ("批次/案卷A/假图.jpg", "假图.jpg", ()),
        ("批次/案卷A/说明.pdf", "说明.pdf", ()),
        ("卷宗.zip", "卷宗", ("p2.png", "p10.png")),
        ("封面.png", "封面.png", ()),  # a file the user picks is a dossier of its own
    ]
    folder = got.candidates[1]
    assert folder.path.suffix == ".zip"
    assert folder.read_path is not None
    assert sorted(p.name for p in folder.read_path.iterdir()) == sorted(folder.page_files)
    got.cleanup()
    assert not folder.path.exists()


# --- import end to end (OCR in process) -----------------------------------------------------------------


@pytest.mark.slow  # OCR of every page
def test_image_folder_imports_as_one_dossier_in_natural_order(store: Store, tmp_path: Path,
                                                              campaign: CampaignDTO, reviewer: UserDTO) -> None:
    folder = tmp_path / "案卷A"
    files = scan_folder(folder, [PAGES[2], PAGES[0], PAGES[1]], ["第10页.jpg", "第1页.tif", "第2页.png"])
    report = import_paths(store, [folder], campaign=campaign, user=reviewer, workers=0)
    assert report.rejected == ()
    assert report.duplicates == ()
    assert [(f.file, f.pages) for f in report.imported] == [("案卷A", 3)]
    detail = get_dossier(store, report.imported[0].dossier_id)
    assert (detail.file_name, detail.format, detail.pages) == ("案卷A", "images", 3)
    assert [p.number for p in detail.page_texts] == [1, 2, 3]
    assert all(p.ocr for p in detail.page_texts)
    for page, truth in zip(detail.page_texts, PAGES, strict=True):
        assert similar(page.text, truth) >= 0.85, (page.number, page.text)
    data = original_bytes(store, detail.id)
    assert hashlib.sha256(data).hexdigest() == detail.sha256 == report.imported[0].sha256
    assert sha256_file(folder) == detail.sha256  # what `casereview extract 案卷A/` prints
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["0001.tif", "0002.png", "0003.jpg"]
        assert [zf.read(n) for n in zf.namelist()] == [files[1].read_bytes(), files[2].read_bytes(),
                                                       files[0].read_bytes()]
    # Imported again, or a copy with its files renamed (same pages, same order): a duplicate.
    copy = tmp_path / "复印件"
    copy.mkdir()
    for number, name in enumerate(["第1页.tif", "第2页.png", "第10页.jpg"], start=1):
        shutil.copy(folder / name, copy / f"p{number}{Path(name).suffix}")
    for again, name in ((folder, "案卷A"), (copy, "复印件")):
        second = import_paths(store, [again], campaign=campaign, user=reviewer, workers=0)
        assert second.imported == ()
        assert second.rejected == ()
        assert [(d.file, d.dossier_id) for d in second.duplicates] == [(name, detail.id)]


@pytest.mark.slow  # OCR of every page
def test_mixed_batch_imports_the_good_and_rejects_broken_images_by_name(
        store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> None:
    pdf = make_pdf(tmp_path / "案卷甲.pdf", dossier_pages(2, tag="甲"))
    archive = tmp_path / "扫描.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # a ZIP holding one image folder
        for number, text in enumerate(PAGES[:2], start=1):
            zf.write(save(page_image(text), tmp_path / "src" / f"{number}.png"), f"案卷乙/{number}.png")
    bad_folder = tmp_path / "案卷丙"
    save(page_image(PAGES[0]), bad_folder / "1.png")
    broken_jpeg(bad_folder / "2.jpg")
    broken = broken_jpeg(tmp_path / "坏图.jpg")
    report = import_paths(store, [pdf, archive, bad_folder, broken], campaign=campaign, user=reviewer, workers=0)
    assert [(f.file, f.pages) for f in report.imported] == [("案卷甲.pdf", 2), ("扫描.zip/案卷乙", 2)]
    assert [(r.file, r.code) for r in report.rejected] == [("案卷丙", "corrupt"), ("坏图.jpg", "corrupt")]
    assert "2.jpg" in report.rejected[0].reason
    assert "损坏" in report.rejected[0].reason
    assert "损坏" in report.rejected[1].reason
    detail = get_dossier(store, report.imported[1].dossier_id)
    assert detail.file_name == "案卷乙"
    assert [similar(p.text, t) >= 0.85 for p, t in zip(detail.page_texts, PAGES, strict=False)] == [True, True]
    assert [p for p in (store.data_dir / "import-tmp").rglob("*") if p.is_file()] == []


# --- the reviewer's viewer ---------------------------------------------------------------------------


def test_viewer_shows_the_pages_of_an_image_folder(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    from ui.app import setup_application
    from ui.widgets.viewer import ViewerWidget

    images = scan_folder(tmp_path / "f", PAGES, ["1.png", "2.jpg", "3.bmp"])
    tiff = tmp_path / "f" / "4.tif"
    page_image("第四页").save(tiff, "TIFF", save_all=True, append_images=[page_image("第五页")], dpi=(200, 200))
    setup_application(qapp)
    viewer = ViewerWidget()
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.load(write_page_zip(images, tmp_path / "a.zip").read_bytes(), file_name="案卷A")
    assert viewer.page_count() == 3
    assert viewer.doc is not None
    # 200 dpi images, in points (a BMP stores its resolution rounded to whole pixels per metre)
    assert [abs(p.rect.width - 300) < 3 for p in viewer.doc] == [True, True, True]
    qtbot.wait(50)
    assert viewer.canvas.render_count >= 2  # the visible pages were drawn from the images
    viewer.grab().save(str(tmp_path / "viewer.png"))
    viewer.load(write_page_zip([*images, tiff], tmp_path / "b.zip").read_bytes(), file_name="案卷B")
    assert viewer.page_count() == 5  # every TIFF frame is a page, as ingest counts them
