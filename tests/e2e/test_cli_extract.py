"""`casereview extract` end to end on real files: JSON/text output, order, a bad file among good ones."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from app.cli import main

FONT_BYTES = (Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc").read_bytes()

DECISION = [
    "某市生态环境局",
    "行政处罚决定书",
    "某环罚〔2024〕{n}号",
    "当事人：某某化工有限公司",
    "统一社会信用代码：91650100MA7766554X",
    "你单位的行为违反了《中华人民共和国大气污染防治法》第二十条第二款的规定。",
    "依据《中华人民共和国大气污染防治法》第九十九条第（二）项的规定，本局决定：",
    "处罚款人民币{fine}元。",
    "如不服本决定，可在六十日内申请行政复议，或在六个月内提起行政诉讼。",
    "某市生态环境局",
    "2024年6月{day}日",
]


def write_pdf(path: Path, *, n: int, fine: int, day: int) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="wqy", fontbuffer=FONT_BYTES)
    for i, line in enumerate(DECISION):
        page.insert_text((50, 60 + 20 * i), line.format(n=n, fine=fine, day=day), fontname="wqy", fontsize=10)
    doc.subset_fonts()
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp_path = tmp_path_factory.mktemp("cli")
    good1 = write_pdf(tmp_path / "a.pdf", n=11, fine=30000, day=3)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    good2 = write_pdf(tmp_path / "c.pdf", n=12, fine=50000, day=4)
    return good1, bad, good2


def test_json_for_several_files_keeps_order_and_reports_the_bad_one(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", *map(str, files), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [r["file"] for r in out] == ["a.pdf", "broken.pdf", "c.pdf"]
    assert out[1]["contract"] == 1
    assert out[1]["error"]["code"] == "corrupt"
    assert "损坏" in out[1]["error"]["reason"]
    assert [r["fields"]["case_number"] for r in (out[0], out[2])] == ["某环罚〔2024〕11号", "某环罚〔2024〕12号"]
    assert [r["fields"]["fine_amount"] for r in (out[0], out[2])] == [30000.0, 50000.0]
    assert out[0]["fields"]["decision_date"] == "2024-06-03"
    assert out[0]["fields"]["penalty_provisions"] == [
        {"law": "中华人民共和国大气污染防治法", "article": 99, "paragraph": None, "item": 2}
    ]
    assert out[0]["documents"] == [{"type": "penalty_decision", "title": "行政处罚决定书", "pages": [1]}]
    assert set(out[0]) >= {"contract", "file", "sha256", "pages", "case_kind", "fields", "documents", "warnings"}


def test_single_file_json_is_one_object(files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(files[0])]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == "a.pdf"
    assert out["pages"] == 1
    assert out["case_kind"] == "penalty"


def test_text_mode_summary_and_error_line(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", *map(str, files), "--format", "text"])
    captured = capsys.readouterr()
    assert code == 1
    assert "  案号：某环罚〔2024〕11号" in captured.out
    assert "  罚款金额（元）：30,000.00" in captured.out
    assert captured.out.index("a.pdf") < captured.out.index("c.pdf")
    assert captured.err.startswith("broken.pdf：读取失败（corrupt）：")


@pytest.mark.parametrize("argv", [["extract"], ["extract", "--format", "xml", "x.pdf"]])
def test_usage_error_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_missing_file_is_reported_not_raised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.pdf")]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == "nope.pdf"
    assert out["error"]["code"] == "not_found"


@pytest.mark.slow
def test_scanned_file_among_text_files_is_read_with_ocr(
    files: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pymupdf.open(files[0]) as doc:
        pix = doc[0].get_pixmap(dpi=150, clip=pymupdf.Rect(0, 0, 595, 140))
    scan = tmp_path / "scan.png"
    pix.save(scan)
    code = main(["extract", str(files[0]), str(scan), str(files[2])])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["file"] for r in out] == ["a.pdf", "scan.png", "c.pdf"]
    assert out[1]["ocr_pages"] == [1]
    assert out[1]["fields"]["case_number"] == "某环罚〔2024〕11号"
