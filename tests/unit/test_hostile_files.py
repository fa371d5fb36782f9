"""Issue 10 point 9: hostile files hurt neither the batch nor the machine.

One ZIP budget (bytes and entries) per batch over every archive and nesting level; empty files called
empty; symlinks reported; decoded pixels bounded in every reader; the database and its copies readable
by their owner only. Control characters in names are in tests/unit/test_hostile_names.py.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

import app.ingest.pixels as pixels
from app.errors import IngestError
from app.ingest import read
from app.services import Store, UserDTO, import_paths
from app.services.dto import CampaignDTO
from app.services.sources import collect
from tests.unit.test_store_support import campaign, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]  # fixtures re-exported for pytest

MiB = 1 << 20


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _unpacked_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0


# --- ZIP: one budget per batch ------------------------------------------------------------------------

def test_many_small_entries_count_toward_the_ratio(tmp_path: Path) -> None:
    """200 entries of 1 MiB of zeros (no single entry over the old 1 MiB floor): ~200 KB on disk."""
    archive = _zip(tmp_path / "many.zip", {f"{i:03d}.pdf": bytes(MiB) for i in range(200)})
    assert archive.stat().st_size < 300_000
    got = collect([archive], temp_root=tmp_path / "tmp")
    assert [(r.file, r.code) for r in got.rejected] == [("many.zip", "too_large")]
    assert "压缩炸弹" in got.rejected[0].reason
    assert got.candidates == []
    assert _unpacked_bytes(tmp_path / "tmp") == 0


def test_nested_archives_share_the_batch_budget(tmp_path: Path) -> None:
    blob = os.urandom(600_000)  # incompressible: no ratio check applies, only the budget
    inner = {f"in{i}.zip": _zip(tmp_path / f"in{i}.zip", {f"卷{i}.pdf": b"%PDF" + blob}).read_bytes()
             for i in range(3)}
    outer = _zip(tmp_path / "outer.zip", inner)
    budget = 2_500_000  # the outer level (1.8 MB) and one inner archive fit; not three
    got = collect([outer], temp_root=tmp_path / "tmp", max_total=budget)
    assert [c.display for c in got.candidates] == ["outer.zip/in0.zip/卷0.pdf"]
    assert [(r.file, r.code) for r in got.rejected] == [("outer.zip/in1.zip", "too_large"),
                                                        ("outer.zip/in2.zip", "too_large")]
    assert _unpacked_bytes(tmp_path / "tmp") <= budget


def test_archives_of_one_batch_share_the_budget(tmp_path: Path) -> None:
    a = _zip(tmp_path / "a.zip", {"a.pdf": b"%PDF" + os.urandom(700_000)})
    b = _zip(tmp_path / "b.zip", {"b.pdf": b"%PDF" + os.urandom(700_000)})
    got = collect([a, b], temp_root=tmp_path / "tmp", max_total=1_000_000)
    assert [c.display for c in got.candidates] == ["a.zip/a.pdf"]
    assert [(r.file, r.code) for r in got.rejected] == [("b.zip", "too_large")]


def test_entry_count_cap_over_the_batch(tmp_path: Path) -> None:
    a = _zip(tmp_path / "a.zip", {f"{i}.pdf": b"%PDF" for i in range(30)})
    b = _zip(tmp_path / "b.zip", {f"{i}.pdf": b"%PDF" for i in range(30)})
    got = collect([a, b], temp_root=tmp_path / "tmp", max_entries=50)
    assert len(got.candidates) == 30
    assert [(r.file, r.code) for r in got.rejected] == [("b.zip", "too_large")]
    assert "条目" in got.rejected[0].reason


# --- empty files, symlinks ----------------------------------------------------------------------------

def test_two_empty_files_are_both_empty_not_duplicates(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                                      reviewer: UserDTO) -> None:
    for name in ("空1.pdf", "空2.pdf"):
        (tmp_path / name).write_bytes(b"")
    good = make_pdf(tmp_path / "好.pdf", ["行政处罚决定书"])
    report = import_paths(store, [tmp_path / "空1.pdf", tmp_path / "空2.pdf", good], campaign=campaign,
                          user=reviewer, workers=0)
    assert report.duplicates == ()
    assert [(r.file, r.code) for r in report.rejected] == [("空1.pdf", "empty"), ("空2.pdf", "empty")]
    assert all(r.reason == "文件是空的（0 字节）" for r in report.rejected)
    assert [f.file for f in report.imported] == ["好.pdf"]


def test_symlinks_in_a_folder_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "批次"
    root.mkdir()
    (root / "a.pdf").write_bytes(b"%PDF-1")
    outside = tmp_path / "别处"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-2")
    (root / "链接.pdf").symlink_to(root / "a.pdf")
    (root / "目录链接").symlink_to(outside, target_is_directory=True)
    got = collect([root], temp_root=tmp_path / "tmp")
    assert [c.display for c in got.candidates] == ["批次/a.pdf"]
    assert sorted((r.file, r.code) for r in got.rejected) == [("批次/目录链接", "unsafe_path"),
                                                             ("批次/链接.pdf", "unsafe_path")]
    assert all("符号链接" in r.reason for r in got.rejected)


# --- decoded pixels are bounded -------------------------------------------------------------------------

@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 1-megapixel limit: each reader's guard is exercised with small images."""
    monkeypatch.setattr(pixels, "MAX_PIXELS", 1_000_000)
    return 1_000_000


def _image_bytes(size: tuple[int, int], fmt: str, mode: str = "L") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, 255).save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "fmt"), [("页.png", "PNG"), ("页.jpg", "JPEG"), ("页.bmp", "BMP")])
def test_big_image_file_rejected(small_limit: int, tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_bytes(_image_bytes((1500, 1000), fmt))
    with pytest.raises(IngestError, match="像素") as info:
        read(path)
    assert info.value.code == "too_large"
    assert info.value.file == name


def test_big_tiff_frame_rejected(small_limit: int, tmp_path: Path) -> None:
    path = tmp_path / "多页.tif"
    small, big = Image.new("L", (500, 500), 255), Image.new("L", (1500, 1000), 255)
    small.save(path, save_all=True, append_images=[big])
    with pytest.raises(IngestError, match="第 2 ") as info:
        read(path)
    assert info.value.code == "too_large"


def test_big_image_in_a_folder_of_pages(small_limit: int, tmp_path: Path) -> None:
    folder = tmp_path / "扫描件"
    folder.mkdir()
    (folder / "1.png").write_bytes(_image_bytes((500, 500), "PNG"))
    (folder / "2.png").write_bytes(_image_bytes((1500, 1000), "PNG"))
    with pytest.raises(IngestError, match=r"2\.png") as info:
        read(folder)
    assert info.value.code == "too_large"


def _docx_with_picture(path: Path, png: bytes) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("行政处罚决定书")
    doc.add_picture(io.BytesIO(png))
    doc.save(str(path))
    return path


def test_big_picture_in_docx_rejected(small_limit: int, tmp_path: Path) -> None:
    path = _docx_with_picture(tmp_path / "决定书.docx", _image_bytes((1500, 1000), "PNG"))
    with pytest.raises(IngestError, match="像素") as info:
        read(path)
    assert info.value.code == "too_large"
    assert info.value.file == "决定书.docx"


def test_big_picture_in_pdf_rejected(small_limit: int, tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(page.rect, stream=_image_bytes((1500, 1000), "PNG"))
    path = tmp_path / "扫描.pdf"
    doc.save(path)
    doc.close()
    with pytest.raises(IngestError, match="像素") as info:
        read(path)
    assert info.value.code == "too_large"


def test_pictures_under_the_limit_still_read(small_limit: int, tmp_path: Path) -> None:
    path = tmp_path / "小.png"
    path.write_bytes(_image_bytes((900, 1000), "PNG"))
    assert pixels.MAX_PIXELS >= 900 * 1000
    path2 = _docx_with_picture(tmp_path / "小图.docx", _image_bytes((900, 1000), "PNG"))
    assert read(path2).pages  # a DOCX with a picture under the limit reads


BOMB_SCRIPT = """
import io, re, sys
from pathlib import Path
from app.errors import IngestError
from app.ingest import read
try:
    read(Path(sys.argv[1]), ocr=False)
    print("READ")
except IngestError as exc:
    print(exc.code, exc.message)
# VmHWM: this program's own peak (ru_maxrss keeps the forking parent's size across exec on Linux)
print("RSS_KB", re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
"""


@pytest.mark.slow
def test_170_megapixel_docx_stays_small(tmp_path: Path) -> None:
    """The reported file: a ~100 KB DOCX holding a 13,000 × 13,000 picture took a process to 2.1 GB."""
    import subprocess
    import sys

    buf = io.BytesIO()
    Image.new("1", (13_000, 13_000), 1).save(buf, "PNG")
    path = _docx_with_picture(tmp_path / "炸弹.docx", buf.getvalue())
    assert path.stat().st_size < 200_000
    done = subprocess.run([sys.executable, "-c", BOMB_SCRIPT, str(path)], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[2])
    lines = done.stdout.splitlines()
    assert lines[0].startswith("too_large"), done.stdout + done.stderr
    assert "像素" in lines[0]
    rss_mb = int(lines[-1].split()[1]) / 1024
    assert rss_mb < 400, rss_mb  # unbounded decoding took 2.1 GB


# --- owner-only files ----------------------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_database_and_its_companions_are_owner_only(tmp_path: Path) -> None:
    from sqlalchemy import text

    from app.services import ensure_user, open_store

    folder = tmp_path / "新文件夹"
    path = folder / "casereview.db"
    s = open_store(f"sqlite:///{path}")
    ensure_user(s, "甲")
    with s.session() as session:
        session.execute(text("SELECT 1"))
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            assert companion.exists()
            assert _mode(companion) == 0o600, suffix
        assert _mode(path) == 0o600
        assert _mode(folder) == 0o700
    s.dispose()


def test_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    from app.services import open_store

    path = tmp_path / "old.db"
    open_store(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    open_store(f"sqlite:///{path}").dispose()
    assert _mode(path) == 0o600


def test_backups_are_owner_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from app.services import open_store

    path = tmp_path / "db.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    dest = tmp_path / "备份" / "copy.db"
    assert main(["--db", str(path), "db", "backup", str(dest)]) == 0
    assert _mode(dest) == 0o600
    assert _mode(dest.parent) == 0o700


def test_upgrade_backup_is_owner_only(tmp_path: Path) -> None:
    from alembic import command

    from app.services import open_store
    from app.store.migrate import _config, upgrade

    path = tmp_path / "u.db"
    s = open_store(f"sqlite:///{path}")
    cfg = _config()
    with s.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    backup = upgrade(s.engine, s.url)
    assert backup is not None
    assert _mode(Path(backup)) == 0o600
    s.dispose()


def test_import_work_folder_is_owner_only(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                          reviewer: UserDTO, monkeypatch: pytest.MonkeyPatch) -> None:
    if not store.is_sqlite:
        pytest.skip("the work folder sits next to the SQLite file")
    seen: list[int] = []
    import app.services.importing as importing

    real = importing.collect

    def spy(paths: list[Path], *, temp_root: Path, **kw: object) -> object:
        out = real(paths, temp_root=temp_root, **kw)  # type: ignore[arg-type]
        seen.extend((_mode(temp_root), _mode(temp_root.parent)))  # while the unpacked files are there
        return out

    monkeypatch.setattr(importing, "collect", spy)
    import_paths(store, [make_pdf(tmp_path / "a.pdf", ["行政处罚决定书"])], campaign=campaign, user=reviewer,
                 workers=0)
    assert seen == [0o700, 0o700]


def test_collect_never_changes_the_mode_of_its_parent(tmp_path: Path) -> None:
    """The queue's enqueue unpacks into a folder of the system's temp dir: only that folder becomes owner-only
    (tightening its parent made /tmp itself 0700)."""
    from app.services.sources import collect

    parent = tmp_path / "shared"
    parent.mkdir()
    parent.chmod(0o1777)
    collect([make_pdf(tmp_path / "a.pdf", ["行政处罚决定书"])], temp_root=parent / "work")
    assert (_mode(parent), _mode(parent / "work")) == (0o1777, 0o700)
