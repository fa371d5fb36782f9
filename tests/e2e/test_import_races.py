"""Issue 10.6: two imports of the same file at the same moment, and text longer than any column, on SQLite
and PostgreSQL. The loser of a race reports a duplicate (or shares the stored original); nothing raises."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from sqlalchemy import func, select

from app.services import (
    create_campaign,
    ensure_user,
    get_dossier,
    import_paths,
    importing,
    list_dossiers,
    open_store,
)
from app.store.models import Dossier, StoredFile
from tests.unit.test_store_support import dossier_pages, make_pdf


def _forced_race(monkeypatch: pytest.MonkeyPatch) -> threading.Barrier:
    """Both imports pass the in-transaction duplicate check before either writes (PostgreSQL, READ COMMITTED).
    On SQLite the second waits for the first one's write lock instead, so the barrier times out there."""
    barrier = threading.Barrier(2, timeout=3)
    real = importing.write_dossier

    def racing(session, new, pages):  # type: ignore[no-untyped-def]
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return real(session, new, pages)

    monkeypatch.setattr(importing, "write_dossier", racing)
    return barrier


def _run_both(db_url: str, file: Path, campaigns: tuple[str, str]) -> list[object]:
    results: list[object] = [None, None]

    def one(slot: int) -> None:
        store = open_store(db_url)  # two workstations: two engines
        try:
            user = ensure_user(store, f"导入员{slot}")
            results[slot] = import_paths(store, [file], campaign=campaigns[slot], user=user, workers=0)
        except BaseException as exc:  # the bug: the loser died with IntegrityError
            results[slot] = exc
        finally:
            store.dispose()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture
def one_file(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "同一份案卷.pdf", dossier_pages(3, tag="RACE"))


def test_two_imports_of_one_file_into_one_campaign_give_one_dossier_and_one_duplicate(
        db_url: str, one_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(db_url)
    campaign = create_campaign(store, "并发导入", year=2026, user=ensure_user(store, "组织者"))
    _forced_race(monkeypatch)
    results = _run_both(db_url, one_file, (campaign.name, campaign.name))
    assert not [r for r in results if isinstance(r, BaseException)], results
    imported = [r for r in results if r.imported]  # type: ignore[attr-defined]
    duplicates = [r for r in results if r.duplicates]  # type: ignore[attr-defined]
    assert (len(imported), len(duplicates)) == (1, 1)
    winner = imported[0].imported[0].dossier_id  # type: ignore[attr-defined]
    assert duplicates[0].duplicates[0].dossier_id == winner  # type: ignore[attr-defined]
    assert [d.id for d in list_dossiers(store, campaign.id)] == [winner]
    store.dispose()


def test_two_campaigns_importing_one_file_at_once_share_its_stored_original(
        db_url: str, one_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(db_url)
    user = ensure_user(store, "组织者")
    a = create_campaign(store, "活动甲", year=2026, user=user)
    b = create_campaign(store, "活动乙", year=2026, user=user)
    _forced_race(monkeypatch)
    results = _run_both(db_url, one_file, (a.name, b.name))
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert [len(r.imported) for r in results] == [1, 1]  # type: ignore[attr-defined]
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(StoredFile)) == 1
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2
    store.dispose()


def _long_party_docx(path: Path, *, party: str, title: str) -> Path:
    doc = DocxDocument()
    doc.add_heading("行政处罚决定书", 1)
    doc.add_paragraph("师市监处罚〔2024〕15号")
    doc.add_paragraph(f"当事人：{party}")
    doc.add_paragraph(f"案由：{title}")
    doc.add_paragraph("决定罚款人民币伍仟元整。")
    doc.add_paragraph("2024年7月1日")
    doc.save(path)
    return path


def test_a_50000_character_party_name_is_kept_whole_and_the_batch_goes_on(db_url: str, tmp_path: Path) -> None:
    party = "某" * 50000 + "商贸有限公司"
    long_file = _long_party_docx(tmp_path / "超长当事人.docx", party=party, title="销售过期食品" * 2000)
    normal = make_pdf(tmp_path / "普通案卷.pdf", dossier_pages(2, tag="N1"))
    store = open_store(db_url)
    user = ensure_user(store, "导入员")
    campaign = create_campaign(store, "超长文字", year=2026, user=user)
    report = import_paths(store, [long_file, normal], campaign=campaign.id, user=user, workers=0)
    assert report.rejected == ()
    assert [f.file for f in report.imported] == ["超长当事人.docx", "普通案卷.pdf"]
    detail = get_dossier(store, report.imported[0].dossier_id)
    assert detail.party_name == party
    assert detail.extraction["fields"]["party_name"] == party
    rows = list_dossiers(store, campaign.id, text="某某某某商贸")
    assert [r.file_name for r in rows] == ["超长当事人.docx"]
    store.dispose()


def test_a_unit_name_longer_than_the_column_is_refused_with_a_reason(db_url: str, tmp_path: Path) -> None:
    from app.errors import KnownError

    store = open_store(db_url)
    user = ensure_user(store, "导入员")
    campaign = create_campaign(store, "超长单位", year=2026, user=user)
    file = make_pdf(tmp_path / "a.pdf", dossier_pages(1, tag="U"))
    with pytest.raises(KnownError) as caught:
        import_paths(store, [file], campaign=campaign.id, agency="第八师/" + "局" * 201, user=user, workers=0)
    assert caught.value.message == "被评查单位名称过长：每一级不超过 200 个字（“局局局局局局局局局局…”有 201 个字）"
    store.dispose()
