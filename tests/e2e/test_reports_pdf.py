"""The PDF writer: Chinese extracts back exactly, fonts embedded and subset, table headers repeat,
"第 N 页 共 M 页" on every page, landscape pages."""

from __future__ import annotations

import re

import pymupdf

from app.reports.blocks import Html, Table, breakable
from app.reports.pdf import render_pdf
from app.reports.tounicode import normal


def _gb2312_level1_and_2() -> str:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def test_every_gb2312_hanzi_extracts_back_exactly() -> None:
    text = _gb2312_level1_and_2()
    assert len(text) == 6763
    data = render_pdf([Html(f"<p>{text}</p>")], title="字表")
    with pymupdf.open("pdf", data) as doc:
        got = "".join(re.sub(r"第\d+页共\d+页", "", re.sub(r"\s", "", p.get_text())) for p in doc)
        fonts = {f[3] for p in doc for f in p.get_fonts()}
    assert got == text  # 不 is U+4E0D, not the compatibility ideograph U+F967
    assert all(re.match(r"[A-Z]{6}\+WenQuanYi", f) for f in fonts), fonts  # embedded, subset, no Noto


def test_table_header_repeats_and_footers_count_pages() -> None:
    rows = tuple((str(i), f"第{i}行 行政处罚决定书未载明履行方式和期限", "2") for i in range(120))
    data = render_pdf([Html("<h1>标题</h1>"), Table(("序号", "内容", "扣分"), rows, (10, 75, 15))], title="t",
                      footer="页脚")
    with pymupdf.open("pdf", data) as doc:
        n = doc.page_count
        assert n >= 3
        for k, page in enumerate(doc, start=1):
            text = page.get_text()
            assert text.count("序号") == 1  # the header row on every page
            assert f"第 {k} 页 共 {n} 页" in text
            assert page.rect.width < page.rect.height
        seen = "".join(p.get_text() for p in doc)
    for i in range(120):
        assert f"第{i}行" in seen  # no row lost between pages


def test_landscape_and_long_latin_tokens_wrap() -> None:
    token = "procedure.decision_time_limit.and.a.very.long.identifier"
    assert breakable(token) != token
    data = render_pdf([Table(("a", "b"), ((token, "x"),), (15, 85))], title="t", landscape=True)
    with pymupdf.open("pdf", data) as doc:
        page = doc[0]
        assert page.rect.width > page.rect.height
        words = page.get_text("words")
        b_cell = next(w for w in words if w[4] == "x")
        assert all(w[2] <= b_cell[0] + 1 for w in words if "procedure" in w[4] or "identifier" in w[4])


def test_normal_maps_compatibility_ideographs() -> None:
    assert normal("\uf967\u2f00行") == "不一行"
    assert normal("ABC 123") == "ABC 123"
