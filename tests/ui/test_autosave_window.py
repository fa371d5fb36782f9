"""Issue 10.2 in the real window: "已自动保存" only after another connection read the save back; a database
file or WAL changed under the window stops saving, says so, and keeps the edits in the local journal,
which is offered for replay (through the version check) at the next start or when the file is back."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event
from sqlalchemy.pool import NullPool

import app.services as api
from app.services.autosave import Journal, JournalEntry, journal_path
from app.store.engine import make_engine
from app.store.locks import locks_supported
from tests.ui.conftest import wait_idle

LATE = "案卷一-超期.pdf"
ITEM = "procedure.decision_time_limit"  # 3 points, automatic deduction 3


@pytest.fixture
def opened(qtbot: Any, runtime: Any, window: Any, imported: dict[str, int]) -> Any:
    window.load_campaigns()
    wait_idle(qtbot, runtime)
    with qtbot.waitSignal(window.review_page.loaded, timeout=10000):
        window.open_dossier(imported[LATE])
    wait_idle(qtbot, runtime)
    return window


def _db(services: Any) -> Path:
    return Path(services.store.path)


def _pending(services: Any) -> list[JournalEntry]:
    return Journal(journal_path(services.store.url)).pending()


def _press(qtbot: Any, window: Any) -> None:
    """The reviewer types 0 on the item: no deduction instead of the automatic 3 (an undoable, autosaved edit)."""
    window.focus_score_sheet()
    sheet = window.review_page.sheet
    sheet.tree.setCurrentIndex(sheet.model.index_of(ITEM))
    qtbot.keyClick(sheet.tree, "0")


def _deduct(window: Any, value: float, reason: str) -> None:
    """What the sheet does for a typed deduction and reason."""
    from ui.undo import ItemState

    sheet = window.review_page.sheet
    item = window.review_page.session.review.item(ITEM)
    sheet.set_item(item, ItemState(value, reason), text="扣分")


def _item_in_file(path: Path, review_id: int) -> Any:
    store = api.open_store(f"sqlite:///{path}", migrate=False)
    try:
        return api.get_review(store, review_id).item(ITEM)
    finally:
        store.dispose()


def test_saved_is_shown_only_after_another_connection_read_the_save_back(
        qtbot: Any, runtime: Any, opened: Any, services: Any) -> None:
    reads: list[float] = []
    event.listen(services.store.probe_engine(), "connect", lambda *_a: reads.append(time.monotonic()))
    start = time.monotonic()
    _press(qtbot, opened)
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("已自动保存"), timeout=1000)
    shown = time.monotonic()
    assert shown - start < 1.0
    assert len(reads) == 1  # a fresh connection of its own opened the file and read the value back
    assert start < reads[0] < shown
    assert _pending(services) == []  # the proven save settled its journal entry


def test_a_save_another_connection_cannot_read_back_is_not_called_saved(
        qtbot: Any, runtime: Any, opened: Any, services: Any, tmp_path: Path) -> None:
    stale = tmp_path / "stale.sqlite"  # what another process would read: the file before the save
    with sqlite3.connect(_db(services)) as src, sqlite3.connect(stale) as dst:
        src.backup(dst)
    services.store._probe = make_engine(f"sqlite:///{stale}", poolclass=NullPool)
    _deduct(opened, 1.5, "送达回证缺签收日期")
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("未保存"), timeout=5000)
    assert opened.save_label.text().startswith("未保存：刚保存的评分无法从数据库中读回。")
    assert not opened.save_label.text().startswith("已自动保存")
    assert [(e.item, e.deducted, e.reason) for e in _pending(services)] == [(ITEM, 1.5, "送达回证缺签收日期")]


def test_the_database_file_replaced_under_the_window_stops_saving_and_journals(
        qtbot: Any, runtime: Any, opened: Any, services: Any, tmp_path: Path) -> None:
    db = _db(services)
    review_id = opened.review_page.session.review_id
    _press(qtbot, opened)  # a normal save first: proven
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("已自动保存"), timeout=5000)
    wait_idle(qtbot, runtime)
    with sqlite3.connect(db) as src, sqlite3.connect(tmp_path / "restored.sqlite") as dst:
        src.backup(dst)  # a backup taken just now (the same SQLite library: our locks are kept)
    (tmp_path / "restored.sqlite").replace(db)  # ...restored over the file the window has open
    _deduct(opened, 1.5, "送达回证缺签收日期")
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("未保存"), timeout=5000)
    wait_idle(qtbot, runtime)
    assert opened.save_label.text() == (
        "未保存：数据库文件已被另一个文件替换（例如有人恢复了备份或同步软件覆盖了它）。评分不再写入数据库，"
        "1 项修改已暂存在本机。请关闭程序后重新打开，启动时会提示把暂存的修改写回数据库。")
    assert opened.autosave.warning is not None
    assert opened.autosave.warning.isVisible()
    assert "您可以继续评分，所有修改都暂存在本机的日志文件中" in opened.autosave.warning.text()
    pending = _pending(services)
    assert [(e.item, e.op, e.file_name, e.deducted, e.reason) for e in pending] == [
        (ITEM, "save", LATE, 1.5, "送达回证缺签收日期")]
    shown = opened.review_page.session.review.item(ITEM)  # the page keeps the edit the journal holds
    assert (shown.deducted, shown.reason) == (1.5, "送达回证缺签收日期")
    _deduct(opened, 2.0, "另一处")  # saving stays stopped: the next edit goes to the journal only
    qtbot.waitUntil(lambda: len(_pending(services)) == 2, timeout=5000)
    wait_idle(qtbot, runtime)
    assert "2 项修改已暂存在本机" in opened.save_label.text()
    assert _item_in_file(db, review_id).deducted == 0.0  # the file at the path: the proven save, nothing after
    # the next start on the file at the path: the journal brings the reviewer's edits back, in order
    later = api.open_store(f"sqlite:///{db}", migrate=False)
    try:
        from ui.services import Services

        report = Services(later, services.user).replay_journal(Journal(journal_path(services.store.url)))
        assert (report.applied, report.failed) == (2, ())
        got = api.get_review(later, review_id).item(ITEM)
        assert (got.deducted, got.reason) == (2.0, "另一处")
    finally:
        later.dispose()


@pytest.mark.skipif(not locks_supported(), reason="the WAL's identity is read from /proc (Linux)")
def test_the_wal_deleted_under_the_window_stops_saving(qtbot: Any, runtime: Any, opened: Any, services: Any,
                                                       tmp_path: Path) -> None:
    _press(qtbot, opened)
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("已自动保存"), timeout=5000)
    wait_idle(qtbot, runtime)
    wal = _db(services).with_name(_db(services).name + "-wal")
    wal.unlink()  # what another process that thinks it is the last one does
    _deduct(opened, 1.0, "理由")
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("未保存"), timeout=5000)
    assert opened.save_label.text().startswith("未保存：数据库的日志文件（-wal）已被删除")
    assert [(e.deducted, e.reason) for e in _pending(services)] == [(1.0, "理由")]


def test_a_moved_file_is_noticed_by_the_timer_and_saving_resumes_when_it_is_back(
        qtbot: Any, runtime: Any, opened: Any, services: Any, tmp_path: Path) -> None:
    db = _db(services)
    review_id = opened.review_page.session.review_id
    db.rename(tmp_path / "away.sqlite")
    opened.autosave.check()  # what the timer does every few seconds
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("未保存：数据库文件已被删除或移走"), timeout=5000)
    assert "请把数据库文件放回原处" in opened.save_label.text()
    _deduct(opened, 2.5, "离线时的修改")  # the page keeps accepting edits, into the journal
    qtbot.waitUntil(lambda: len(_pending(services)) == 1, timeout=5000)
    wait_idle(qtbot, runtime)
    (tmp_path / "away.sqlite").rename(db)
    opened.autosave.check()
    qtbot.waitUntil(lambda: opened.autosave.offer is not None and opened.autosave.offer.isVisible(), timeout=5000)
    offer = opened.autosave.offer
    assert offer.table.rowCount() == 1
    assert [offer.table.item(0, c).text() for c in (1, 3, 4)] == [LATE, "扣 2.5 分", "离线时的修改"]
    qtbot.mouseClick(offer.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not opened.autosave.offline, timeout=5000)
    wait_idle(qtbot, runtime)
    assert opened.autosave.replay_report.applied == 1
    got = api.get_review(services.store, review_id).item(ITEM)
    assert (got.deducted, got.reason) == (2.5, "离线时的修改")
    assert _pending(services) == []
    qtbot.waitUntil(lambda: opened.review_page.session.review.version == api.get_review(
        services.store, review_id).version, timeout=5000)  # the page reloaded what the database holds
    _deduct(opened, 1.0, "恢复后的修改")
    qtbot.waitUntil(lambda: opened.save_label.text().startswith("已自动保存"), timeout=5000)
    assert api.get_review(services.store, review_id).item(ITEM).reason == "恢复后的修改"


def _journal_edit(services: Any, imported: dict[str, int], *, version: int | None = None) -> tuple[Any, Any]:
    detail = api.get_dossier(services.store, imported[LATE])
    review = api.open_review(services.store, detail.id, reviewer=services.user)
    Journal(journal_path(services.store.url)).append(JournalEntry(
        review_id=review.id, item=ITEM, op="save", expected_version=review.version if version is None else version,
        deducted=1.0, reason="超期 29 日，未见延期审批", title="作出处罚决定的期限", dossier_id=detail.id,
        campaign_id=detail.campaign_id, dossier_sha256=detail.sha256, file_name=detail.file_name,
        reviewer=services.user.name))
    return detail, review


def test_journalled_edits_are_listed_and_written_at_start(qtbot: Any, runtime: Any, window: Any,
                                                          imported: dict[str, int], services: Any) -> None:
    _detail, review = _journal_edit(services, imported)
    window.load_campaigns()
    qtbot.waitUntil(lambda: window.autosave.offer is not None and window.autosave.offer.isVisible(), timeout=5000)
    offer = window.autosave.offer
    assert "本机日志中有 1 项评分修改没有写入数据库（1 份案卷）" in offer.label.text()
    assert [offer.table.item(0, c).text() for c in (1, 2, 3, 4)] == [
        LATE, "作出处罚决定的期限", "扣 1 分", "超期 29 日，未见延期审批"]
    qtbot.mouseClick(offer.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.autosave.replay_report is not None, timeout=5000)
    assert (window.autosave.replay_report.applied, window.autosave.replay_report.failed) == (1, ())
    got = api.get_review(services.store, review.id).item(ITEM)
    assert (got.deducted, got.reason) == (1.0, "超期 29 日，未见延期审批")
    assert _pending(services) == []
    assert window.autosave.result_box is not None
    assert "已写入数据库 1 项" in window.autosave.result_box.text()


def test_a_replay_against_a_changed_review_is_reported_as_a_conflict(qtbot: Any, runtime: Any, window: Any,
                                                                     imported: dict[str, int], services: Any) -> None:
    _detail, review = _journal_edit(services, imported)
    api.save_item_score(services.store, review.id, ITEM, deducted=0.5, reason="另一台工作站", user=services.user,
                        expected_version=review.version)  # the review moved on since the edit was journalled
    window.load_campaigns()
    qtbot.waitUntil(lambda: window.autosave.offer is not None and window.autosave.offer.isVisible(), timeout=5000)
    qtbot.mouseClick(window.autosave.offer.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.autosave.replay_report is not None, timeout=5000)
    report = window.autosave.replay_report
    assert (report.applied, report.conflicts, len(report.failed)) == (0, 1, 1)
    text = window.autosave.result_box.text()
    assert "1 项没有写入：这份评查表在数据库中已被修改" in text
    assert f"未能写入：{LATE}　作出处罚决定的期限：评查记录已被他人修改" in text
    got = api.get_review(services.store, review.id).item(ITEM)
    assert (got.deducted, got.reason) == (0.5, "另一台工作站")  # never silently overwritten
    assert len(_pending(services)) == 1  # kept until the reviewer gives it up
    give_up = next(b for b in window.autosave.result_box.buttons() if b.text() == "放弃未能写入的修改")
    qtbot.mouseClick(give_up, Qt.MouseButton.LeftButton)
    assert _pending(services) == []


def test_submit_is_refused_while_saving_is_stopped(qtbot: Any, runtime: Any, opened: Any, services: Any,
                                                  tmp_path: Path) -> None:
    from ui import errors

    db = _db(services)
    review_id = opened.review_page.session.review_id
    db.rename(tmp_path / "away.sqlite")
    opened.autosave.check()
    qtbot.waitUntil(lambda: opened.autosave.offline, timeout=5000)
    opened.review_page.session.submit(lambda _dto: pytest.fail("submitted while saving is stopped"))
    qtbot.waitUntil(lambda: bool(errors.recent), timeout=5000)
    assert errors.recent[-1].reason.startswith("评分没有保存到数据库（见状态栏），现在不能提交。")
    (tmp_path / "away.sqlite").rename(db)
    assert api.get_review(services.store, review_id).status == "draft"


def test_closing_with_edits_only_in_the_journal_warns_and_can_stay(qtbot: Any, runtime: Any, opened: Any,
                                                                   services: Any, tmp_path: Path) -> None:
    """Saving stopped, one edit journalled: closing the window says how many edits are only in the local
    journal; 不退出 keeps the window open, 退出 closes it and the edit is still in the journal."""
    from PySide6.QtWidgets import QMessageBox

    db = _db(services)
    db.rename(tmp_path / "away.sqlite")
    opened.autosave.check()
    qtbot.waitUntil(lambda: opened.autosave.offline, timeout=5000)
    _press(qtbot, opened)
    qtbot.waitUntil(lambda: opened.autosave.unsaved == 1, timeout=5000)
    assert opened.close() is False  # the question is asked, the window stays until it is answered
    box = opened.close_box
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert box.text().startswith("1 项修改只暂存在本机的日志文件中，还没有写入数据库（数据库文件已被删除或移走）")
    next(b for b in box.buttons() if b.text() == "不退出").click()
    qtbot.waitUntil(lambda: opened.close_box is None, timeout=2000)
    assert opened.isVisible()
    assert opened.close() is False
    box = opened.close_box
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "退出（下次启动时写回）").click()
    qtbot.waitUntil(lambda: not opened.isVisible(), timeout=2000)
    assert [e.item for e in _pending(services)] == [ITEM]
    (tmp_path / "away.sqlite").rename(db)
