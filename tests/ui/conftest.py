"""UI test fixtures: a temp SQLite store per test, real dossier PDFs, the Op runtime, the main window."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

import app.services as api

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"

# Four documents; the decision comes 119 days after filing (decision_over_90_days fails, evidence on p.1 and p.3).
LATE_CASE = [
    ("立案审批表", ["案由：某某商贸有限公司销售过期食品案", "当事人：石河子市某某商贸有限公司",
                "立案日期：2024年3月4日", "承办人：张三 执法证号 66010012345"]),
    ("行政处罚告知书", ["师市监罚告〔2024〕15号", "石河子市某某商贸有限公司：", "拟处罚款人民币伍仟元整。",
                  "2024年4月10日"]),
    ("行政处罚决定书", ["师市监处罚〔2024〕15号", "当事人：石河子市某某商贸有限公司",
                  "违反了《中华人民共和国食品安全法》第三十四条第十项",
                  "依据《中华人民共和国食品安全法》第一百二十四条第一款第五项", "决定罚款人民币伍仟元整。",
                  "第八师石河子市市场监督管理局", "2024年7月1日"]),
    ("送达回证", ["送达文书：行政处罚决定书", "送达日期：2024年7月3日"]),
]
QUICK_CASE = [
    (
        "立案审批表",
        ["当事人：李某某", "立案日期：2024年5月6日", "承办人：王五 执法证号 66010010001、赵六 执法证号 66010010002"],
    ),
    (
        "行政处罚决定书",
        [
            "师市监处罚〔2024〕22号",
            "当事人：李某某",
            "决定罚款人民币贰佰元整。",
            "第八师石河子市市场监督管理局",
            "2024年5月20日",
        ],
    ),
]


def write_pdf(path: Path, pages: list[tuple[str, list[str]]]) -> Path:
    doc = pymupdf.open()
    for title, lines in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="wqy", fontfile=str(FONT))
        page.insert_text((200, 80), title, fontname="wqy", fontsize=18)
        for n, line in enumerate(lines):
            page.insert_text((60, 130 + 22 * n), line, fontname="wqy", fontsize=11)
    doc.subset_fonts()
    doc.save(path)
    return path


def _make_batch(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_pdf(folder / "案卷一-超期.pdf", LATE_CASE)
    write_pdf(folder / "案卷二.pdf", QUICK_CASE)
    (folder / "坏文件.pdf").write_bytes(b"this is plain text, not a PDF")
    return folder


@pytest.fixture
def dossier_dir(tmp_path: Path) -> Path:
    return _make_batch(tmp_path / "batch")


CAMPAIGN = "二〇二四年度评查"


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store, migrated once per session (migrations cost ~1 s per fresh file)."""
    path = tmp_path_factory.mktemp("empty") / "empty.sqlite"
    api.open_store(f"sqlite:///{path}").engine.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], Path]:
    """One SQLite file with the campaign and the two good dossiers imported, copied into each test using it."""
    base = tmp_path_factory.mktemp("seed")
    store = api.open_store(f"sqlite:///{base / 'seed.sqlite'}")
    user = api.current_user(store)
    campaign = api.create_campaign(store, CAMPAIGN, year=2024, user=user)
    report = api.import_paths(store, [_make_batch(base / "batch")], campaign=campaign, user=user, workers=0)
    store.engine.dispose()  # the last connection closing checkpoints the WAL into the file
    return base / "seed.sqlite", {Path(f.file).name: f.dossier_id for f in report.imported}, base / "batch"


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEREVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CASEREVIEW_JOURNAL_DIR", str(tmp_path / "journal"))  # ui.autosave's local journal
    monkeypatch.setenv("CASEREVIEW_NO_ERR_DIALOGS", "1")
    from ui import errors

    errors.recent.clear()


@pytest.fixture
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A temp SQLite store for this test: empty, or a copy of the seeded one when the test uses `imported`."""
    from ui.services import Services

    path = tmp_path / "review.sqlite"
    seed = request.getfixturevalue("seeded_db" if "imported" in request.fixturenames else "migrated_db")
    shutil.copyfile(seed[0] if isinstance(seed, tuple) else seed, path)
    store = api.open_store(f"sqlite:///{path}")
    svc = Services(store, api.current_user(store), import_workers=0)
    yield svc
    store.engine.dispose()


@pytest.fixture
def runtime(qapp: Any, services: Any) -> Iterator[Any]:
    from ui import ops
    from ui.app import setup_application

    setup_application(qapp)
    rt = ops.Runtime(services)
    ops.set_runtime(rt)
    yield rt
    rt.shutdown()
    ops.set_runtime(None)


@pytest.fixture
def campaign(request: pytest.FixtureRequest, services: Any) -> Any:
    if "imported" in request.fixturenames:
        return services.get_campaign(CAMPAIGN)
    return services.create_campaign(CAMPAIGN, year=2024)


@pytest.fixture
def imported(services: Any, seeded_db: tuple[Path, dict[str, int], Path]) -> dict[str, int]:
    """The two good dossiers of the batch already imported (file name -> dossier id)."""
    return dict(seeded_db[1])


@pytest.fixture
def imported_batch(seeded_db: tuple[Path, dict[str, int], Path]) -> Path:
    """The folder the seeded dossiers were imported from (the very same bytes)."""
    return seeded_db[2]


@pytest.fixture
def window(qtbot: Any, runtime: Any, tmp_path: Path) -> Any:
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.phrases import PhraseLibrary

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, phrases=PhraseLibrary(tmp_path / "phrases.json"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def wait_idle(qtbot: Any, runtime: Any, timeout: int = 5000) -> None:
    """Until every Op has run and called back on the main thread."""
    qtbot.waitUntil(lambda: runtime.pending == 0, timeout=timeout)


assert os.environ.get("QT_QPA_PLATFORM") == "offscreen"
