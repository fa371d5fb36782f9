"""Issue 10 point 9: a file name with control characters (ESC, BEL) is kept as it was, and shown safely.

It made the DOCX 评查表 and 意见书 fail for the whole campaign, and the text CLI print raw terminal
escapes. The store keeps the original name; every edge (report writers, the command line) shows a safe one.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pymupdf
import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from app.cli import main
from app.reports.model import ReportKind
from app.reports.render import render
from app.services import create_campaign, ensure_agency, ensure_user, open_store
from app.services.ledger import sync_ledger
from app.services.report_data import context, masker
from app.services.reports import ENTRIES, FORMATS
from app.store.models import Dossier
from app.textsafe import printable
from tests.e2e.test_reports_campaign import _insert_dossier, review_as_planned
from tests.unit.test_store_support import make_pdf

HOSTILE = "案卷\x1b[2J\x1b]0;标题\x07红\x9b31m\u202egpj.pdf"
CONTROL = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7f, 0xa0)} | {"\u202e"}


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    out = printable(text, single_line=True)
    assert not any(ch in CONTROL or ch in "\n\t\r" for ch in out)
    assert printable(out, single_line=True) == out  # idempotent


def test_printable_shows_what_was_there() -> None:
    assert printable("a\x1bb\x07c") == "a␛b␇c"
    assert printable("第一行\n第二行\t续") == "第一行\n第二行\t续"
    assert printable("第一行\n第二行", single_line=True) == "第一行␊第二行"
    assert printable("正常的名称.pdf") == "正常的名称.pdf"


@pytest.fixture
def hostile_campaign(tmp_path: Path) -> tuple[object, str]:
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    sup = ensure_user(store, "督查组长", role="supervisor")
    reviewer = ensure_user(store, "评查员甲")
    unit = ensure_agency(store, "第一师/市场监管局\x1b[5m")
    campaign = create_campaign(store, "活动\x07一", year=2024, rubric_id="penalty", user=sup)
    did, _, _ = _insert_dossier(store, campaign.id, unit.id, 0, finding=True)
    with store.write() as session:
        session.execute(update(Dossier).where(Dossier.id == did).values(file_name=HOSTILE))
    review_as_planned(store, did, reviewer, {"archiving.toc": 1.0, "procedure.filing": 3.0}, 1)
    sync_ledger(store, campaign.id, user=sup)
    return store, campaign.name


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k in ReportKind for f in FORMATS[k]])
def test_every_report_renders_with_a_hostile_name(hostile_campaign: tuple[object, str], kind: ReportKind,
                                                  fmt: str) -> None:
    store, name = hostile_campaign
    ctx = context(store, name)  # type: ignore[arg-type]
    entry = ENTRIES[kind]
    files = render(entry.spec, fmt, entry.build(ctx), masker(ctx, enabled=kind != ReportKind.CASESHEET),
                   campaign=ctx.campaign.name)
    assert files
    for f in files:
        assert not any(ch in f.name for ch in CONTROL)
        if fmt == "pdf":
            doc = pymupdf.open("pdf", f.data)
            text = "".join(page.get_text() for page in doc)
            assert not any(ch in text for ch in CONTROL)
            if kind == ReportKind.CASESHEET:
                assert "案卷␛[2J" in text
        if fmt == "docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(f.data)).paragraphs)
            text += "\n".join(c.text for t in Document(io.BytesIO(f.data)).tables for r in t.rows for c in r.cells)
            assert not any(ch in text for ch in CONTROL)
            if kind in (ReportKind.CASESHEET, ReportKind.OPINION):
                assert printable(HOSTILE, single_line=True) in text
        if fmt == "xlsx":
            with zipfile.ZipFile(io.BytesIO(f.data)) as zf:
                sheet = zf.read("xl/worksheets/sheet1.xml").decode()
            assert not any(ch in sheet for ch in CONTROL)


def test_stored_name_is_the_original(hostile_campaign: tuple[object, str]) -> None:
    store, _ = hostile_campaign
    with store.session() as session:  # type: ignore[attr-defined]
        assert session.scalars(select(Dossier.file_name)).one() == HOSTILE


def test_text_cli_prints_no_terminal_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_USER", "评查员\x1b[31m甲")
    folder = tmp_path / "批次"
    folder.mkdir()
    name = "案卷\x1b[2J\x07.pdf"
    make_pdf(folder / name, ["行政处罚决定书\n当事人：某某商贸有限公司"])
    (folder / "坏\x1b[31m.pdf").write_bytes(b"not a pdf")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    code = main(["--db", db, "import", str(folder), "--campaign", "活动\x1b[1m", "--workers", "0"])
    out, err = capsys.readouterr()
    assert code == 1  # one file rejected
    assert not any(ch in out for ch in CONTROL), repr(out)
    assert not any(ch in err for ch in CONTROL - {"\r"}), repr(err)  # the progress bar's carriage returns
    assert "坏␛[31m.pdf" in out
    main(["--db", db, "user", "list"])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err
    assert "评查员␛[31m甲" in out
    store = open_store(db)
    with store.session() as session:
        assert session.scalars(select(Dossier.file_name)).all() == [name]
    store.dispose()
