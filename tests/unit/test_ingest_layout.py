"""Line building from positioned words (app.ingest.layout) and page geometry edge cases."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from hypothesis import given
from hypothesis import strategies as st

from app.ingest import read
from app.ingest.layout import Word, build_lines, join_words, meaningful_chars
from app.ingest.seal import seal_in_rects
from tests.unit.test_ingest import cjk_page

TEXT = st.text(alphabet="行政处罚决定书当事人张三李四0123456789ABC：（）", min_size=1, max_size=8)


def cjk_word(text: str, x: float, y: float, size: float = 12) -> Word:
    return Word(text, x, y, x + size * len(text), y + size)


def test_gap_over_two_characters_is_a_tab_else_a_space_or_nothing() -> None:
    a = cjk_word("案件来源", 0, 0)  # 48 pt wide, 12 pt per character
    assert join_words([a, cjk_word("现场", 48 + 25, 0)]) == "案件来源\t现场"
    assert join_words([a, cjk_word("现场", 48 + 23, 0)]) == "案件来源 现场"
    assert join_words([a, cjk_word("现场", 48 + 3, 0)]) == "案件来源现场"
    assert join_words([a, cjk_word("现场", 48 + 3, 0)], spaced=True) == "案件来源 现场"
    assert join_words([Word("No", 0, 0, 12, 12), Word("15", 13, 0, 25, 12)]) == "No 15"


def test_lines_are_grouped_by_vertical_overlap_and_sorted() -> None:
    words = [
        cjk_word("第三", 10, 60),
        cjk_word("右", 200, 31),  # a little lower than its neighbour: same line
        cjk_word("第一", 10, 0),
        cjk_word("左", 10, 30),
    ]
    lines = build_lines(words)
    assert [line.text for line in lines] == ["第一", "左\t右", "第三"]
    assert lines[1].box == (10, 30, 212, 43)


@given(st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=6))
def test_every_word_survives_in_reading_order(rows: list[list[str]]) -> None:
    words = []
    for r, row in enumerate(rows):
        x = 20.0
        for text in row:
            words.append(cjk_word(text, x, 20.0 + 18 * r))
            x += 12 * len(text) + 40  # far apart: one cell each
    lines = build_lines(reversed(words))
    assert [line.text.split("\t") for line in lines] == rows


@given(TEXT, st.floats(min_value=0, max_value=200), st.floats(min_value=0, max_value=200))
def test_a_single_word_keeps_its_box(text: str, x: float, y: float) -> None:
    (line,) = build_lines([cjk_word(text, x, y)])
    assert line.text == text
    assert line.box == (x, y, x + 12 * len(text), y + 12)


def test_meaningful_chars_ignores_punctuation_and_space() -> None:
    assert meaningful_chars(" 第1页 ——（）。，:; \t\n") == 3
    assert meaningful_chars("行政处罚决定书 No.15") == 11


def test_stamp_sized_square_red_shapes_are_a_seal_and_rules_are_not() -> None:
    assert seal_in_rects([(300, 600, 420, 720)]) is True  # 42 mm ring
    assert seal_in_rects([(50, 100, 545, 102)]) is False  # red rule under a 红头
    assert seal_in_rects([(300, 600, 310, 610)]) is False  # a red dot
    assert seal_in_rects([(300, 600, 420, 630), (300, 690, 420, 720), (300, 600, 330, 720)]) is True


def test_rotated_page_boxes_are_in_displayed_coordinates(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = cjk_page(doc, [(72, 100, "行政处罚决定书"), (72, 140, "当事人：张三")])
    page.set_rotation(90)
    doc.save(tmp_path / "rot.pdf")
    (read_page,) = read(tmp_path / "rot.pdf").pages
    assert read_page.text == "行政处罚决定书\n当事人：张三"
    assert (read_page.width, read_page.height) == (842.0, 595.0)
    for line in read_page.lines:
        assert line.box is not None
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= 842
        assert 0 <= y0 < y1 <= 595
        assert y1 - y0 > x1 - x0  # vertical on the displayed (rotated) page


def test_mupdf_complaints_become_warnings_not_stderr(tmp_path: Path, capfd: object) -> None:
    doc = pymupdf.open()
    cjk_page(doc, [(72, 100, "行政处罚决定书"), (72, 140, "当事人：石河子市某某商贸有限公司")])
    data = doc.tobytes()
    broken = data.replace(b"startxref", b"startxrex")  # the xref pointer is lost: MuPDF repairs
    (tmp_path / "repaired.pdf").write_bytes(broken)
    dossier = read(tmp_path / "repaired.pdf")
    assert dossier.pages[0].text == "行政处罚决定书\n当事人：石河子市某某商贸有限公司"
    assert dossier.warnings[0] == "file: PDF structure was damaged and repaired by MuPDF"
    assert any(w.startswith("MuPDF: ") for w in dossier.warnings)
    assert capfd.readouterr().err == ""  # type: ignore[attr-defined]
