"""Inputs every reader must refuse cleanly, and long dossiers for memory and speed tests."""

from __future__ import annotations

import functools
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pymupdf


@functools.lru_cache(maxsize=1)
def _small_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((72, 100), "行政处罚决定书", fontname="cjk", fontsize=16)
    doc.subset_fonts()
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return bytes(data)


def zero_pages_pdf() -> bytes:
    """A syntactically valid PDF whose page tree is empty (/Count 0), written byte by byte."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objs) + 1) + b"0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _bomb(path: Path, *, declared: int = 1_100_000_000) -> None:
    """A zip whose one entry inflates to ``declared`` bytes of zeros (about 1 MB on disk, built in ~0.1 s).

    Written by hand (zip64 headers) so the 1 GB never exists in memory or on disk."""
    chunk = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush the compressor forgets its window, so every 1 MB block of zeros compresses to the
    # same bytes: compress one, repeat it.
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    full, rest = divmod(declared, len(chunk))
    crc = 0
    for _ in range(full):
        crc = zlib.crc32(chunk, crc)
    tail = comp.compress(chunk[:rest]) if rest else b""
    crc = zlib.crc32(chunk[:rest], crc)
    data = block * full + tail + comp.flush()
    name = b"dossier.pdf"
    z64_local = struct.pack("<HHQQ", 1, 16, declared, len(data))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name),
                        len(z64_local)) + name + z64_local
    z64_central = struct.pack("<HHQQ", 1, 16, declared, len(data))
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                          len(name), len(z64_central), 0, 0, 0, 0, 0) + name + z64_central
    cd_offset = len(local) + len(data)
    z64_end = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, len(central), cd_offset)
    z64_loc = struct.pack("<IIQI", 0x07064B50, 0, cd_offset + len(central), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), cd_offset, 0)
    path.write_bytes(local + data + central + z64_end + z64_loc + end)


def make_bad_inputs(out: Path) -> dict[str, Path]:
    """encrypted_pdf, corrupt_pdf, zero_byte, not_a_pdf, docx_not_zip, zip_bomb, zip_slip, zero_pages_pdf."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in {
        "encrypted_pdf": "encrypted.pdf", "corrupt_pdf": "corrupt.pdf", "zero_byte": "empty.pdf",
        "not_a_pdf": "notes.pdf", "docx_not_zip": "report.docx", "zip_bomb": "bomb.zip",
        "zip_slip": "slip.zip", "zero_pages_pdf": "no-pages.pdf"}.items()}
    doc = pymupdf.open(stream=_small_pdf(), filetype="pdf")
    doc.save(str(paths["encrypted_pdf"]), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="案卷2024",
             owner_pw="owner-secret", permissions=0)
    doc.close()
    good = _small_pdf()
    rng = random.Random(7)
    paths["corrupt_pdf"].write_bytes(good[:60] + bytes(rng.randrange(256) for _ in range(4000)))
    paths["zero_byte"].write_bytes(b"")
    paths["not_a_pdf"].write_text("这不是PDF文件，只是一段文字。\n当事人：某某公司\n", encoding="utf-8")
    paths["docx_not_zip"].write_text("这是一个改了扩展名的文本文件。\n", encoding="utf-8")
    _bomb(paths["zip_bomb"])
    with zipfile.ZipFile(paths["zip_slip"], "w") as zf:
        zf.writestr("dossier-ok.pdf", good)
        zf.writestr("../evil.pdf", good)
    paths["zero_pages_pdf"].write_bytes(zero_pages_pdf())
    return paths


def make_large_pdf(path: Path, *, pages: int, scanned: bool = False, seed: int = 0) -> None:
    """A dossier of exactly ``pages`` pages: a whole case with many extra 询问笔录 and evidence pages in the middle.

    ``scanned``: every page an image (each distinct page degraded once and then reused, to stay cheap)."""
    from tests.corpus import docs_early as E
    from tests.corpus.assemble import build
    from tests.corpus.layout import Layout
    from tests.corpus.plan import make_plan
    from tests.corpus.render_pdf import write_pdf

    plan = make_plan(seed, "市场监管")
    plan.style["scanned_evidence"] = "no"  # text pages stay text unless ``scanned``
    base = build(plan).pages
    filler_docs = [E.inquiry(plan), E.evidence(plan)]
    filler = Layout(seed).run(filler_docs)
    cut = max(1, len(base) // 2)
    extra = max(0, pages - len(base))
    mid = [filler[k % len(filler)] for k in range(extra)]
    all_pages = (base[:cut] + mid + base[cut:])[:pages]
    path.parent.mkdir(parents=True, exist_ok=True)
    if not scanned:
        write_pdf(all_pages, path, numbered=[True] * len(all_pages), seed=seed)
        return
    from tests.corpus.scan import _jpeg, scanned_pages

    tmp = path.with_suffix(".text.tmp.pdf")
    unique = base + filler
    write_pdf(unique, tmp, numbered=[True] * len(unique), seed=seed)
    images = [_jpeg(img) for img in scanned_pages(tmp, seed=seed, dpi=120)]
    tmp.unlink()
    index = {id(p): k for k, p in enumerate(unique)}
    doc = pymupdf.open()
    xrefs: dict[int, int] = {}
    for pg in all_pages:
        k = index[id(pg)]
        page = doc.new_page(width=595 * 1.0, height=842 * 1.0)
        if k in xrefs:
            page.insert_image(page.rect, xref=xrefs[k])
        else:
            xrefs[k] = page.insert_image(page.rect, stream=images[k])
    doc.save(str(path), garbage=3, deflate=True, no_new_id=True)
    doc.close()
