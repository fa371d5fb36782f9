"""What a batch import reads: folder walking and safe ZIP unpacking (no database involved)."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.services.sources import collect, unsafe_entry

SEGMENT = st.text(alphabet=st.sampled_from(list("ab案卷._-")), min_size=1, max_size=6)


@given(st.lists(SEGMENT, min_size=1, max_size=5))
def test_relative_names_without_dotdot_are_safe(parts: list[str]) -> None:
    name = "/".join(parts)
    assert unsafe_entry(name) == (".." in name.split("/"))


@given(st.lists(SEGMENT, min_size=0, max_size=3), st.lists(SEGMENT, min_size=0, max_size=3))
def test_any_dotdot_segment_is_unsafe(before: list[str], after: list[str]) -> None:
    assert unsafe_entry("/".join([*before, "..", *after]))
    assert unsafe_entry("\\".join([*before, "..", *after]))


def test_absolute_and_drive_names_are_unsafe() -> None:
    assert [unsafe_entry(n) for n in ("/etc/passwd", "\\x.pdf", "C:\\x.pdf", "c:x.pdf", "a/b.pdf")] == [
        True, True, True, True, False]


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_zip_entries_unpacked_inside_temp_root(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"x/1.pdf": b"%PDF-1", "/abs.pdf": b"%PDF-2", "..\\win.pdf": b"%PDF-3",
                                         "readme.txt": b"text"})
    temp = tmp_path / "tmp"
    got = collect([archive], temp_root=temp)
    assert [(c.display, c.path.read_bytes()) for c in got.candidates] == [("a.zip/x/1.pdf", b"%PDF-1")]
    assert all(c.path.is_relative_to(temp) for c in got.candidates)
    assert [(r.file, r.code) for r in got.rejected] == [("a.zip//abs.pdf", "unsafe_path"),
                                                        ("a.zip/..\\win.pdf", "unsafe_path")]
    got.cleanup()
    assert list(temp.iterdir()) == []


def test_symlink_entry_rejected(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        info = zipfile.ZipInfo("evil.pdf")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    got = collect([archive], temp_root=tmp_path / "tmp")
    assert [(r.file, r.code) for r in got.rejected] == [("link.zip/evil.pdf", "unsafe_path")]
    assert got.candidates == []


def test_bomb_by_ratio_and_by_total(tmp_path: Path) -> None:
    ratio = _zip(tmp_path / "ratio.zip", {"big.pdf": b"\0" * (8 << 20)})  # 8 MiB of zeros -> ~8 KiB
    total = _zip(tmp_path / "total.zip", {"a.pdf": b"%PDF" + bytes(range(256)) * 64})
    got = collect([ratio, total], temp_root=tmp_path / "tmp", max_total=1000)
    assert [(r.file, r.code) for r in got.rejected] == [("ratio.zip", "too_large"), ("total.zip", "too_large")]
    assert got.candidates == []


def test_lying_sizes_stopped_while_unpacking(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "liar.zip", {"a.pdf": b"%PDF" + b"x" * 5000})
    raw = bytearray(archive.read_bytes())
    # declare 10 bytes uncompressed in the central directory (offset 24 of its record)
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 24:cd + 28] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(raw))
    got = collect([archive], temp_root=tmp_path / "tmp")
    # zipfile never reads past the declared size, and the CRC then fails: the archive is refused
    assert [(r.file, r.code) for r in got.rejected] == [("liar.zip", "corrupt")]
    assert got.candidates == []


def test_corrupt_zip_and_missing_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    got = collect([bad, tmp_path / "nowhere.pdf"], temp_root=tmp_path / "tmp")
    assert [(r.file, r.code) for r in got.rejected] == [("bad.zip", "corrupt"), (str(tmp_path / "nowhere.pdf"),
                                                                                "not_found")]


def test_nested_zip_unpacked_once_more_not_deeper(tmp_path: Path) -> None:
    inner2 = _zip(tmp_path / "l2.zip", {"deep.pdf": b"%PDF-deep"})
    inner1 = _zip(tmp_path / "l1.zip", {"mid.pdf": b"%PDF-mid", "l2.zip": inner2.read_bytes()})
    outer = _zip(tmp_path / "outer.zip", {"top.pdf": b"%PDF-top", "l1.zip": inner1.read_bytes()})
    got = collect([outer], temp_root=tmp_path / "tmp")
    assert sorted(c.display for c in got.candidates) == ["outer.zip/l1.zip/mid.pdf", "outer.zip/top.pdf"]
    assert [(r.file, r.code) for r in got.rejected] == [("outer.zip/l1.zip/l2.zip", "unsupported")]


def test_folder_walk_skips_system_files_and_rejects_old_formats(tmp_path: Path) -> None:
    root = tmp_path / "批次"
    (root / "子").mkdir(parents=True)
    for name in ("a.pdf", "子/b.docx", "子/c.JPG", "Thumbs.db", ".hidden.pdf", "~$临时.docx", "说明.txt"):
        (root / name).write_bytes(b"x")
    (root / "旧.wps").write_bytes(b"x")
    got = collect([root], temp_root=tmp_path / "tmp")
    assert [c.display for c in got.candidates] == ["批次/a.pdf", "批次/子/b.docx", "批次/子/c.JPG"]
    assert [(r.file, r.code) for r in got.rejected] == [("批次/旧.wps", "unsupported")]
