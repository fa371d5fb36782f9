"""app.ingest without OCR: PDF text layer, DOCX pages, images, folders, seals, every bad input."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Mm
from PIL import Image, ImageDraw

from app.errors import ErrorCode, IngestError
from app.ingest import read, sha256_file
from app.progress import ProgressCode
from tests.unit.dossier_files import seal_png

CJK = pymupdf.Font("cjk")


# ---------------------------------------------------------------- builders (real files)


def cjk_page(doc: Any, rows: list[tuple[float, float, str]], *, size: float = 12) -> Any:
    """A new page with text at (x, y) in the CJK font."""
    page = doc.new_page()
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    for x, y, text in rows:
        page.insert_text((x, y), text, fontname="cjk", fontsize=size)
    return page


def make_text_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    cjk_page(
        doc,
        [
            (72, 80, "行政处罚决定书"),
            (72, 120, "当事人：石河子市某某商贸有限公司"),
            (72, 150, "案件来源"),
            (250, 150, "现场检查"),
            (400, 150, "2024年3月4日"),
            (72, 180, "统一社会信用代码 91659001MA77XXXXXX"),
        ],
    )
    cjk_page(doc, [(72, 80, "送达回证"), (72, 110, "受送达人：张三")])
    doc.save(path)
    return path


def make_docx(path: Path) -> Path:
    """Pages cut by each kind of break, a merged-cell table, a continuous section (no cut)."""
    doc = Document()
    styles = doc.styles
    chapter = styles.add_style("卷内文书", 1)  # WD_STYLE_TYPE.PARAGRAPH
    chapter.base_style = styles["Heading 1"]
    chapter.paragraph_format.page_break_before = True
    doc.add_paragraph("立案审批表")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "案件来源"
    table.cell(0, 1).text = "现场检查"
    table.cell(1, 0).text = "合计"
    table.cell(1, 0).merge(table.cell(1, 1))
    table.cell(0, 2).text = "承办人"
    table.cell(0, 2).merge(table.cell(2, 2))  # vertical merge: reported once
    table.cell(2, 0).text = "张三"
    table.cell(2, 1).text = "李四"
    end = doc.add_paragraph("第一页结束。")
    end.add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("询问笔录")
    before = doc.add_paragraph("行政处罚决定书")
    before.paragraph_format.page_break_before = True
    doc.add_paragraph("罚款人民币伍仟元整。")
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("送达回证")
    doc.add_section(WD_SECTION.CONTINUOUS)
    doc.add_paragraph("受送达人签收")
    doc.add_paragraph("结案报告", style="卷内文书")
    run = doc.add_paragraph("（印章）").add_run()
    run.add_picture(io.BytesIO(seal_png()), width=Mm(40))
    doc.save(str(path))
    return path


DOCX_PAGES = [
    "立案审批表\n案件来源\t现场检查\t承办人\n合计\t\n张三\t李四\t\n第一页结束。",
    "询问笔录",
    "行政处罚决定书\n罚款人民币伍仟元整。",
    "送达回证\n受送达人签收",
    "结案报告\n（印章）",
]


def png_bytes(size: tuple[int, int], *, fmt: str = "PNG", dpi: int | None = None) -> bytes:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((10, 10, size[0] // 2, 30), fill="black")
    out = io.BytesIO()
    if dpi:
        image.save(out, fmt, dpi=(dpi, dpi))
    else:
        image.save(out, fmt)
    return out.getvalue()


def make_tiff(path: Path, sizes: list[tuple[int, int]]) -> Path:
    frames = [Image.new("RGB", s, "white") for s in sizes]
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    return path


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (PyMuPDF refuses to save one)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------------- PDF


def test_text_pdf_lines_tabs_and_boxes(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "案卷.pdf")
    dossier = read(path)
    assert dossier.format == "pdf"
    assert dossier.name == "案卷.pdf"
    assert dossier.page_count == 2
    assert dossier.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    first, second = dossier.pages
    assert first.text == (
        "行政处罚决定书\n"
        "当事人：石河子市某某商贸有限公司\n"
        "案件来源\t现场检查\t2024年3月4日\n"
        "统一社会信用代码 91659001MA77XXXXXX"
    )
    assert second.text == "送达回证\n受送达人：张三"
    assert [p.number for p in dossier.pages] == [1, 2]
    assert not first.ocr
    assert first.confidence is None
    assert first.has_seal is False
    assert (first.width, first.height) == (595.0, 842.0)
    for line in first.lines:
        assert line.box is not None
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= first.width
        assert 0 <= y0 < y1 <= first.height
    assert [round(line.box[0]) for line in first.lines if line.box] == [72, 72, 72, 72]
    assert dossier.warnings == ()


def test_reading_order_is_top_to_bottom_even_if_written_out_of_order(tmp_path: Path) -> None:
    doc = pymupdf.open()
    cjk_page(doc, [(72, 300, "第三行"), (72, 100, "第一行"), (300, 200, "右"), (72, 200, "第二行左")])
    doc.save(tmp_path / "order.pdf")
    page = read(tmp_path / "order.pdf").pages[0]
    assert page.text == "第一行\n第二行左\t右\n第三行"


def test_red_stamp_drawing_sets_has_seal_but_red_letterhead_does_not(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = cjk_page(doc, [(72, 80, "行政处罚决定书"), (72, 120, "当事人：某某商贸有限公司")])
    page.draw_circle((420, 700), 60, color=(0.85, 0.1, 0.1), width=3)
    page = cjk_page(doc, [(72, 130, "行政处罚决定书"), (72, 160, "当事人：某某商贸有限公司")])
    page.draw_line((50, 100), (545, 100), color=(1, 0, 0), width=2)  # 红头 rule
    page.draw_rect((150, 40, 450, 80), color=(1, 0, 0), fill=(1, 0, 0))  # red banner
    doc.save(tmp_path / "seal.pdf")
    pages = read(tmp_path / "seal.pdf").pages
    assert [p.has_seal for p in pages] == [True, False]


def test_stamp_image_on_text_page_sets_has_seal(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = cjk_page(doc, [(72, 80, "行政处罚决定书"), (72, 120, "当事人：某某商贸有限公司")])
    page.insert_image(pymupdf.Rect(380, 600, 500, 720), stream=seal_png())
    page = cjk_page(doc, [(72, 80, "询问笔录"), (72, 120, "被询问人：张三，男，汉族")])
    page.insert_image(pymupdf.Rect(380, 600, 500, 720), stream=png_bytes((200, 200)))
    doc.save(tmp_path / "img.pdf")
    dossier = read(tmp_path / "img.pdf")
    # A page whose only picture is grey cannot show a red stamp either way: not known (None).
    assert [p.has_seal for p in dossier.pages] == [True, None]
    assert [p.ocr for p in dossier.pages] == [False, False]


def test_image_only_page_without_ocr_is_flagged(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(page.rect, stream=png_bytes((300, 400)))
    doc.save(tmp_path / "scan.pdf")
    dossier = read(tmp_path / "scan.pdf", ocr=False)
    assert dossier.pages[0].text == ""
    assert dossier.pages[0].ocr is False
    assert dossier.warnings == ("page 1: no text layer, OCR skipped",)


def test_owner_password_only_pdf_is_readable(tmp_path: Path) -> None:
    src = pymupdf.open(make_text_pdf(tmp_path / "plain.pdf"))
    path = tmp_path / "owner.pdf"
    src.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="")
    assert read(path).pages[1].text == "送达回证\n受送达人：张三"


def test_progress_reports_every_page_in_order(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "p.pdf")
    seen: list[tuple[float, ProgressCode, dict[str, Any]]] = []
    read(path, progress=lambda f, code, **kw: seen.append((f, code, kw)))
    assert seen == [
        (0.5, ProgressCode.READING, {"file": "p.pdf", "page": 1, "pages": 2}),
        (1.0, ProgressCode.READING, {"file": "p.pdf", "page": 2, "pages": 2}),
    ]


# ---------------------------------------------------------------- DOCX


def test_docx_pages_from_every_break_kind_and_merged_cells(tmp_path: Path) -> None:
    dossier = read(make_docx(tmp_path / "卷宗.docx"))
    assert dossier.format == "docx"
    assert [p.text for p in dossier.pages] == DOCX_PAGES
    assert [p.number for p in dossier.pages] == [1, 2, 3, 4, 5]
    assert [p.has_seal for p in dossier.pages] == [False, False, False, False, True]
    assert all(line.box is None for p in dossier.pages for line in p.lines)
    assert dossier.pages[0].lines[1].text.split("\t") == ["案件来源", "现场检查", "承办人"]


def test_docx_without_breaks_is_one_page(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("行政处罚决定书")
    doc.add_paragraph("")
    doc.add_paragraph("当事人：张三")
    doc.save(str(tmp_path / "one.docx"))
    dossier = read(tmp_path / "one.docx")
    assert [p.text for p in dossier.pages] == ["行政处罚决定书\n当事人：张三"]
    assert (dossier.format, dossier.page_count) == ("docx", 1)


# ---------------------------------------------------------------- images and folders


def test_png_and_jpeg_are_image_pages_sized_from_their_dpi(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(png_bytes((400, 600), dpi=200))
    (tmp_path / "b.jpg").write_bytes(png_bytes((595, 842), fmt="JPEG"))
    png = read(tmp_path / "a.png", ocr=False)
    jpg = read(tmp_path / "b.jpg", ocr=False)
    assert (png.format, png.page_count) == ("image", 1)
    assert (png.pages[0].width, png.pages[0].height) == (144.0, 216.0)
    assert (jpg.pages[0].width, jpg.pages[0].height) == (595.0, 842.0)  # no dpi recorded: A4 wide
    assert png.warnings == ("page 1: image page, OCR skipped",)
    assert png.pages[0].has_seal is None  # black on white: no colour, so no verdict on a stamp


def test_multipage_tiff(tmp_path: Path) -> None:
    path = make_tiff(tmp_path / "scan.tif", [(200, 300), (400, 300), (100, 100)])
    dossier = read(path, ocr=False)
    assert (dossier.format, dossier.page_count) == ("image", 3)
    assert [(p.number, p.width) for p in dossier.pages] == [(1, 72.0), (2, 144.0), (3, 36.0)]


def test_folder_of_images_in_natural_order(tmp_path: Path) -> None:
    folder = tmp_path / "卷宗扫描"
    folder.mkdir()
    (folder / "page10.png").write_bytes(png_bytes((300, 100), dpi=100))
    (folder / "page2.png").write_bytes(png_bytes((200, 100), dpi=100))
    (folder / "page1.jpg").write_bytes(png_bytes((100, 100), fmt="JPEG", dpi=100))
    (folder / "说明.txt").write_text("不是图片", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\0")
    dossier = read(folder, ocr=False)
    assert dossier.format == "images"
    assert dossier.name == "卷宗扫描"
    assert [p.width for p in dossier.pages] == [72.0, 144.0, 216.0]
    assert "file 说明.txt: not a page image, skipped" in dossier.warnings
    assert dossier.page_count == 3
    assert dossier.sha256 == sha256_file(folder)
    assert len(dossier.sha256) == 64


def test_seal_in_a_scanned_image_is_detected(tmp_path: Path) -> None:
    page = Image.new("RGB", (1654, 2339), "white")  # A4 at 200 dpi
    page.paste(Image.open(io.BytesIO(seal_png(diameter=300))), (1100, 1800))
    page.save(tmp_path / "stamped.png", dpi=(200, 200))
    assert read(tmp_path / "stamped.png", ocr=False).pages[0].has_seal is True
    page.paste(Image.new("RGB", (400, 30), (200, 0, 0)), (100, 100))  # a red rule, no stamp
    page.paste(Image.new("RGB", (400, 400), "white"), (1000, 1700))
    page.save(tmp_path / "ruled.png", dpi=(200, 200))
    assert read(tmp_path / "ruled.png", ocr=False).pages[0].has_seal is False
    page.convert("L").save(tmp_path / "grey.png", dpi=(200, 200))
    assert read(tmp_path / "grey.png", ocr=False).pages[0].has_seal is None


# ---------------------------------------------------------------- bad input


def _docx_bytes(tmp_path: Path) -> bytes:
    doc = Document()
    doc.add_paragraph("行政处罚决定书")
    doc.save(str(tmp_path / "_src.docx"))
    return (tmp_path / "_src.docx").read_bytes()


def _pdf_bytes(tmp_path: Path) -> bytes:
    return make_text_pdf(tmp_path / "_src.pdf").read_bytes()


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _broken_docx(tmp_path: Path) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes(tmp_path)))
    members = {n: good.read(n) for n in good.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>"  # cut short
    return _zip_bytes(members)


def _encrypted_pdf(tmp_path: Path) -> bytes:
    doc = pymupdf.open(make_text_pdf(tmp_path / "_enc_src.pdf"))
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


def _encrypted_docx(_: Path) -> bytes:
    # An OLE compound file holding the EncryptedPackage stream, as Word writes it.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64


BAD_INPUTS: list[tuple[str, Callable[[Path], bytes], ErrorCode, str]] = [
    ("empty.pdf", lambda _: b"", ErrorCode.EMPTY, "空"),
    ("notes.txt", lambda _: "案件说明".encode(), ErrorCode.UNSUPPORTED, "纯文本"),
    ("archive.zip", lambda _: _zip_bytes({"a.txt": b"x"}), ErrorCode.UNSUPPORTED, "ZIP"),
    ("stored.zip", lambda t: _zip_bytes({"dossier.pdf": _pdf_bytes(t)}), ErrorCode.UNSUPPORTED, "ZIP"),
    ("old.doc", lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ErrorCode.UNSUPPORTED, "旧版 Office"),
    ("really-docx.pdf", _docx_bytes, ErrorCode.WRONG_TYPE, "Word"),
    ("really-pdf.docx", _pdf_bytes, ErrorCode.WRONG_TYPE, "PDF"),
    ("plain-zip.docx", lambda _: _zip_bytes({"a.txt": b"x"}), ErrorCode.WRONG_TYPE, "word/document.xml"),
    ("text.docx", lambda _: b"just text", ErrorCode.WRONG_TYPE, "纯文本"),
    ("html.pdf", lambda _: b"<!DOCTYPE html><html></html>", ErrorCode.WRONG_TYPE, "HTML"),
    ("secret.pdf", _encrypted_pdf, ErrorCode.ENCRYPTED, "密码"),
    ("secret.docx", _encrypted_docx, ErrorCode.ENCRYPTED, "密码"),
    ("truncated.pdf", lambda t: _pdf_bytes(t)[: len(_pdf_bytes(t)) // 2], ErrorCode.CORRUPT, "损坏"),
    ("header-only.pdf", lambda _: b"%PDF-1.7\n" + bytes(range(256)) * 8, ErrorCode.CORRUPT, "损坏"),
    ("no-pages.pdf", lambda _: zero_page_pdf(), ErrorCode.NO_PAGES, "没有任何页面"),
    ("broken-zip.docx", lambda t: _docx_bytes(t)[:300], ErrorCode.CORRUPT, "损坏"),
    ("broken-xml.docx", _broken_docx, ErrorCode.CORRUPT, "损坏"),
    ("broken.png", lambda _: png_bytes((50, 50))[:40], ErrorCode.CORRUPT, "图片已损坏"),
    ("truncated.jpg", lambda _: png_bytes((400, 400), fmt="JPEG")[:300], ErrorCode.CORRUPT, "图片已损坏"),
]


@pytest.mark.parametrize(("name", "content", "code", "fragment"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_a_typed_error_naming_the_file(
    tmp_path: Path, name: str, content: Callable[[Path], bytes], code: ErrorCode, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content(tmp_path))
    with pytest.raises(IngestError) as caught:
        read(path)
    error = caught.value
    assert (error.code, error.file) == (code, name)
    assert fragment in error.message
    assert re.search(r"[\u4e00-\u9fff]", error.message)


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as missing:
        read(tmp_path / "不存在.pdf")
    assert (missing.value.code, missing.value.file) == (ErrorCode.NOT_FOUND, "不存在.pdf")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError) as empty:
        read(tmp_path / "empty")
    assert (empty.value.code, empty.value.message) == (ErrorCode.NO_PAGES, "文件夹中没有可读取的图片")


def test_content_wins_over_a_misleading_image_name(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(_pdf_bytes(tmp_path))
    assert read(path).format == "pdf"


def test_docx_content_controls_hyperlinks_cells_read_text_boxes_headers_ignored(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "页眉：某某市场监督管理局"
    doc.add_paragraph("询问笔录")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>被询问人：张三</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    doc.element.body.insert(1, sdt)
    para = doc.add_paragraph("详见")
    para._p.append(parse_xml(f"<w:hyperlink {nsdecls('w')}><w:r><w:t>附件一</w:t></w:r></w:hyperlink>"))
    boxed = doc.add_paragraph("正文")
    boxed._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')} xmlns:v='urn:schemas-microsoft-com:vml'>"
            "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
            "<w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "违法事实"
    table.cell(0, 1).text = "销售过期食品"
    table.cell(0, 1).add_paragraph("货值320.5元")
    doc.save(str(tmp_path / "rich.docx"))
    (page,) = read(tmp_path / "rich.docx").pages
    assert page.text == "询问笔录\n被询问人：张三\n详见附件一\n正文\n违法事实\t销售过期食品 货值320.5元"


def test_docx_page_holding_only_a_photo_is_still_a_page(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("证据材料").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes((300, 200))), width=Mm(80))
    doc.add_paragraph("行政处罚决定书").paragraph_format.page_break_before = True
    doc.save(str(tmp_path / "photo.docx"))
    dossier = read(tmp_path / "photo.docx")
    assert [p.text for p in dossier.pages] == ["证据材料", "", "行政处罚决定书"]
    assert [p.has_seal for p in dossier.pages] == [False, False, False]


def test_exif_rotation_of_a_phone_photo_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 200), "white")
    exif = image.getexif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    image.save(tmp_path / "photo.jpg", "JPEG", exif=exif, dpi=(72, 72))
    page = read(tmp_path / "photo.jpg", ocr=False).pages[0]
    assert (page.width, page.height) == (200.0, 300.0)
