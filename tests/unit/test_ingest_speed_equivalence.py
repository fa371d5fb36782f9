"""The fast PDF page reader gives what the slower calls it replaced gave.

One text pass per page now yields the words, the pictures' boxes and the colours of vector paths;
``page.get_cdrawings()`` runs only when a path may be red (or a text-less page needs its path count).
Each case below compares ``read()`` with the verdict computed the old way, straight from PyMuPDF's
``get_text("words")``, ``get_cdrawings()`` and ``get_image_info()`` on the same real page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pymupdf
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from app.ingest import read
from app.ingest.layout import Word, build_lines, group_lines, meaningful_chars
from app.ingest.pdf import TEXT_FLAGS, _red_drawings, _shapes
from tests.unit.test_ingest import cjk_page, png_bytes, seal_png

RED = (0.85, 0.1, 0.1)
TEXT = [(72, 80, "行政处罚决定书"), (72, 120, "当事人：某某商贸有限公司"), (72, 150, "罚款人民币伍仟元整")]


def _old_lines(page: Any) -> list[Any]:
    words = [Word(w[4], w[0], w[1], w[2], w[3]) for w in page.get_text("words", sort=False)]
    return build_lines(words, spaced=True)


def _ring_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page(width=200, height=200).draw_circle((100, 100), 60, color=RED, width=3)
    doc.save(path)
    return path


def _pages(tmp_path: Path) -> tuple[Path, list[bool]]:
    """One page per way a red stamp (or something red that is not one) can be drawn; the expected verdicts."""
    doc = pymupdf.open()
    cjk_page(doc, TEXT).draw_circle((420, 700), 60, color=RED, width=3)  # stroked ring
    cjk_page(doc, TEXT).draw_oval((360, 640, 480, 760), color=None, fill=RED)  # filled disc
    cjk_page(doc, TEXT).draw_circle((420, 700), 60, color=(0, 0.9, 0.9, 0), width=3)  # CMYK red
    page = cjk_page(doc, TEXT)  # the stamp inside a form XObject
    page.show_pdf_page(pymupdf.Rect(360, 640, 480, 760), pymupdf.open(_ring_pdf(tmp_path / "ring.pdf")), 0)
    page = cjk_page(doc, TEXT)  # the stamp as an annotation
    annot = page.add_circle_annot(pymupdf.Rect(360, 640, 480, 760))
    annot.set_colors(stroke=RED)
    annot.set_border(width=3)
    annot.update()
    page = cjk_page(doc, [(72, 130, *TEXT[0][2:])])  # 红头: red banner and rule, no stamp
    page.draw_line((50, 100), (545, 100), color=(1, 0, 0), width=2)
    page.draw_rect((150, 40, 450, 80), color=(1, 0, 0), fill=(1, 0, 0))
    cjk_page(doc, TEXT).draw_circle((420, 700), 4, color=RED, fill=RED)  # a red dot
    page = cjk_page(doc, TEXT)  # a black table grid
    for row in range(8):
        for col in range(3):
            page.draw_rect(
                (72 + 150 * col, 200 + 25 * row, 222 + 150 * col, 225 + 25 * row), color=(0, 0, 0), width=0.6
            )
    path = tmp_path / "shapes.pdf"
    doc.save(path)
    return path, [True, True, True, True, True, False, False, False]


def test_seal_verdicts_and_lines_match_the_drawings_pass(tmp_path: Path) -> None:
    path, expected = _pages(tmp_path)
    dossier = read(path, ocr=False)
    assert [p.has_seal for p in dossier.pages] == expected
    with pymupdf.open(path) as doc:
        old = [_red_drawings(page.get_cdrawings()) for page in doc]
        assert [p.has_seal for p in dossier.pages] == old
        assert [p.lines for p in dossier.pages] == [tuple(_old_lines(page)) for page in doc]


def test_no_red_path_means_no_drawings_are_needed(tmp_path: Path) -> None:
    path, _ = _pages(tmp_path)
    with pymupdf.open(path) as doc:
        flags = [_shapes(page.get_textpage(flags=TEXT_FLAGS), page).red_paths for page in doc]
    # Red banner and red dot are still looked at (they are red); the black grid is not.
    assert flags == [True, True, True, True, True, True, True, False]


def test_text_drawn_as_outlines_is_still_counted_as_a_picture_of_text(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    for i in range(320):  # 320 tiny black paths, no text layer: a page of outlined glyphs
        x, y = 60 + (i % 40) * 12, 80 + (i // 40) * 20
        page.draw_rect((x, y, x + 8, y + 10), color=(0, 0, 0), width=0.5)
    doc.new_page()  # blank: no paths, no text
    doc.save(tmp_path / "outlines.pdf")
    dossier = read(tmp_path / "outlines.pdf", ocr=False)
    assert dossier.warnings == ("page 1: no text layer, OCR skipped",)
    assert [p.has_seal for p in dossier.pages] == [False, False]


def test_picture_boxes_from_the_text_pass_equal_get_image_info(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = cjk_page(doc, TEXT)
    page.insert_image(pymupdf.Rect(380, 600, 500, 720), stream=seal_png(160))  # a 180 px image
    page.insert_image(pymupdf.Rect(72, 300, 272, 400), stream=png_bytes((200, 100)))
    page.draw_circle((100, 700), 30, color=RED, width=2)
    doc.save(tmp_path / "pictures.pdf")
    with pymupdf.open(tmp_path / "pictures.pdf") as doc:
        page = doc[0]
        shapes = _shapes(page.get_textpage(flags=TEXT_FLAGS), page)
        assert [(tuple(b.bbox), b.width, b.height) for b in shapes.images] == [
            (tuple(i["bbox"]), i["width"], i["height"]) for i in page.get_image_info()
        ]
        assert [(b.width, b.height) for b in shapes.images] == [(180, 180), (200, 100)]
    assert read(tmp_path / "pictures.pdf", ocr=False).pages[0].has_seal is True


def _old_group_lines(words: list[Word]) -> list[list[Word]]:
    """The grouping as first written (one helper call per word), kept here as the reference."""
    ordered = sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for word in ordered:
        overlap = min(word.y1, bottom) - max(word.y0, top)
        if lines and overlap >= 0.5 * min(word.height, bottom - top):
            lines[-1].append(word)
            top, bottom = min(top, word.y0), max(bottom, word.y1)
        else:
            lines.append([word])
            top, bottom = word.y0, word.y1
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


_coord = st.floats(min_value=0, max_value=800, allow_nan=False).map(lambda v: round(v, 1))
_word = st.builds(
    lambda text, x, y, w, h: Word(text, x, y, x + w, y + h),
    st.text(alphabet="当事人罚款ab1：", min_size=1, max_size=4),
    _coord,
    _coord,
    st.floats(min_value=0, max_value=120, allow_nan=False),
    st.floats(min_value=0, max_value=30, allow_nan=False),
)


@given(st.lists(_word, max_size=40))
def test_inlined_line_grouping_equals_the_reference(words: list[Word]) -> None:
    def key(lines: list[list[Word]]) -> list[list[int]]:
        return [[id(w) for w in line] for line in lines]

    assert key(group_lines(words)) == key(_old_group_lines(words))


@given(st.text(alphabet="罚款 a1,，\n\t。", max_size=200), st.integers(min_value=1, max_value=100))
def test_counting_with_a_limit_stops_at_the_limit(text: str, limit: int) -> None:
    full = meaningful_chars(text)
    assert meaningful_chars(text, limit=limit) == min(full, limit)


def _stamped(path: Path, picture: bytes) -> Path:
    doc = pymupdf.open()
    cjk_page(doc, TEXT).insert_image(pymupdf.Rect(380, 600, 500, 720), stream=picture)
    doc.save(path)
    return path


def test_picture_verdicts_are_shared_by_content_never_by_size(tmp_path: Path) -> None:
    red = seal_png()
    blue = _recoloured(red)  # the same size and shape, in blue
    first = read(_stamped(tmp_path / "a.pdf", red), ocr=False).pages[0].has_seal
    again = read(_stamped(tmp_path / "b.pdf", red), ocr=False).pages[0].has_seal  # judged once, by its bytes
    other = read(_stamped(tmp_path / "c.pdf", blue), ocr=False).pages[0].has_seal
    assert (first, again, other) == (True, True, False)


def _recoloured(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    r, g, b = image.split()
    red = Image.eval(Image.merge("RGB", (r, g, b)).convert("L"), lambda v: 0)  # an all-black band
    inked = Image.eval(g, lambda v: 255 if v < 100 else 0)  # where the stamp's red ink is
    image = Image.composite(Image.merge("RGB", (red, red, Image.eval(red, lambda v: 200))), image, inked)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


_PIECES = st.sampled_from(
    [
        "师市监处罚",
        "石综执罚",
        "〔",
        "[",
        "（",
        "2024",
        "19",
        "20 2 3",
        "〕",
        "]",
        "）",
        "第",
        "12",
        "号",
        " ",
        "\n",
        "依据",
        "k-",
        "事故-",
        "（非）",
        "乌鲁木齐市天山区市场监督管理局",
        "文书号",
    ]
)


@settings(deadline=None)  # the first example imports the extractor
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_case_number_prefilter_never_hides_a_number(text: str) -> None:
    """The cheap bracketed-year scan before the full 文号 pattern changes no result."""
    from app.extract.parsers import case_numbers as cn

    norm = cn.to_half_width(text)
    full = [
        (cn._unwrapped(norm, m.start() + cn._prefix_start(m.group("prefix")), m.end("prefix")), m.end())
        for m in cn._PATTERN.finditer(norm)
    ]
    assert [(m.start, m.end) for m in cn.find_case_numbers(text)] == full


_NEAR_TABLE = st.text(
    alphabet=st.sampled_from(
        "０９Ａｚ．／－＿　：，（）年⽉⼀𠀀"
        "\u2e7f\u2e80\u2fdf\u2fe0\uf8ff\uf900\ufaff\ufb00\U0002f800\U0002fa1f\U0002fa20ab1 罚款"
    ),
    max_size=40,
)


@given(_NEAR_TABLE)
def test_translations_skipped_only_when_nothing_would_change(text: str) -> None:
    from app.extract.text import _compat_table, normalize_text
    from scoring.parsing import normalize as nz

    assert nz.to_half_width(text) == text.translate(nz._HALF_TABLE)
    assert nz.unify_cjk(text) == text.translate(nz._CJK_TABLE)
    assert normalize_text(text) == text.translate(_compat_table())
