"""`casereview db verify`: is the database what the program wrote?

1. The hash chain of the audit log holds (no event edited, none missing in the middle).
2. SQLite: the newest event recorded outside the file (:mod:`app.store.anchor`) is still there, so
   cutting the tail of the log is seen.
3. Replaying the row images of the log (:mod:`app.store.tracking`) gives every review, item score,
   account and role, assignment and 台账 row as it is now; each difference is reported (row, field,
   expected, found): a change made outside the program.
4. Every review's total, grade and veto follow from its item scores and findings under its rubric.
5. PostgreSQL: row changes the database recorded in a transaction where the program recorded nothing
   (direct SQL), with the login that made them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import ErrorCode, KnownError
from app.services.campaigns import load_rubric_known
from app.services.dossiers import load_findings_of
from app.services.review_read import PENDING_REASON
from app.store.anchor import AnchorCheck, check_anchor
from app.store.audit import AuditCheck, verify_chain
from app.store.engine import Store, sqlite_path
from app.store.models import AuditEvent, ItemScoreRow, Review
from app.store.tracking import BASELINE, ROWS, TRACKED, current_images
from app.vocab.states import ReviewState
from scoring import score
from scoring.score import OverrideError
from scoring.types import Override

MAX_DETAILED = 200  # rows reported field by field; beyond that, counted


@dataclass(frozen=True, slots=True)
class Difference:
    table: str
    row: int
    field: str  # "" for a whole row (missing / not in the log)
    expected: Any
    found: Any

    def line(self) -> str:
        if self.field == "" and self.found is None:
            return f"表 {self.table} 第 {self.row} 行：审计日志记录该行存在，数据库中已没有（在程序之外被删除）"
        if self.field == "" and self.expected is None:
            return f"表 {self.table} 第 {self.row} 行：审计日志中没有该行（在程序之外被加入）"
        return (
            f"表 {self.table} 第 {self.row} 行 {self.field}：按审计日志应为 {_show(self.expected)}，"
            f"实为 {_show(self.found)}"
        )


@dataclass(frozen=True, slots=True)
class DirectChange:
    event_id: int
    at: str
    login: str
    table: str
    row: int
    changes: tuple[tuple[str, Any, Any], ...]  # field, before, after

    def line(self) -> str:
        what = "；".join(f"{f} {_show(a)} → {_show(b)}" for f, a, b in self.changes) or "新增或删除"
        return (
            f"直接 SQL 修改（未经本程序）：表 {self.table} 第 {self.row} 行 {what}"
            f"（数据库账号 {self.login}，{self.at}，审计事件 {self.event_id}）"
        )


@dataclass(frozen=True, slots=True)
class VerifyReport:
    chain: AuditCheck
    anchor: AnchorCheck | None
    differences: tuple[Difference, ...] = ()
    more_differences: int = 0
    scores: tuple[str, ...] = ()
    direct: tuple[DirectChange, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return (
            self.chain.ok
            and (self.anchor is None or self.anchor.ok)
            and not self.differences
            and not self.scores
            and not self.direct
        )

    def lines(self) -> list[str]:
        out = [self.chain.message]
        if self.anchor is not None:
            out.append(self.anchor.message)
        out += [d.line() for d in self.differences]
        if self.more_differences:
            out.append(f"……另有 {self.more_differences} 行不一致未逐项列出")
        out += list(self.scores) + [d.line() for d in self.direct] + list(self.notes)
        problems = len(self.differences) + self.more_differences + len(self.scores) + len(self.direct)
        if self.ok:
            out.append("校验通过：评查结果、评分明细、角色与台账均与审计日志一致")
        else:
            out.append(f"校验未通过：发现 {problems} 处不一致" if problems else "校验未通过：审计日志不完整")
        return out


def _show(value: Any) -> str:
    return (
        "（空）"
        if value is None
        else json.dumps(value, ensure_ascii=False)
        if isinstance(value, dict | list)
        else str(value)
    )


def _digest(image: dict[str, Any] | None, keys: tuple[str, ...]) -> bytes:
    """A row image over the columns the log knew (a column a later migration added is compared from the
    row's next change on; a column no longer there is not compared)."""
    part = {k: image.get(k) for k in keys if k in image} if image is not None else None
    return hashlib.blake2b(
        json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode(), digest_size=12
    ).digest()


def _log_images(
    session: Session, tables: Iterable[str] = TRACKED, only: set[tuple[str, int]] | None = None
) -> Iterator[tuple[str, int, dict[str, Any] | None]]:
    """Every logged row image in log order: (table, id, image or None when deleted)."""
    wanted = set(tables)
    stmt = (
        select(AuditEvent.after)
        .where(AuditEvent.action.in_((ROWS, BASELINE)))
        .order_by(AuditEvent.id)
        .execution_options(yield_per=200)
    )
    for (after,) in session.execute(stmt):
        for image in after or []:
            if not isinstance(image, dict) or image.get("table") not in wanted:
                continue
            key = (str(image["table"]), int(image["id"]))
            if only is None or key in only:
                yield key[0], key[1], image.get("row")


def _replay(session: Session) -> tuple[list[Difference], int]:
    expected: dict[str, dict[int, tuple[tuple[str, ...], bytes] | None]] = {t: {} for t in TRACKED}
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}  # one key tuple per table shape, not one per row
    for table, row_id, image in _log_images(session):
        if image is None:
            expected[table][row_id] = None
            continue
        keys = shapes.setdefault(tuple(sorted(image)), tuple(sorted(image)))
        expected[table][row_id] = (keys, _digest(image, keys))
    conn = session.connection()
    odd: list[tuple[str, int]] = []
    for table in TRACKED:
        logged = expected[table]
        seen: set[int] = set()
        for row_id, image in current_images(conn, table):
            seen.add(row_id)
            want = logged.get(row_id)
            if want is None or want[1] != _digest(image, want[0]):
                odd.append((table, row_id))
        odd += [(table, i) for i, d in logged.items() if d is not None and i not in seen]
    return _detail(session, odd[:MAX_DETAILED]), max(0, len(odd) - MAX_DETAILED)


def _detail(session: Session, odd: list[tuple[str, int]]) -> list[Difference]:
    """Field by field for the rows that differ."""
    if not odd:
        return []
    want = set(odd)
    logged: dict[tuple[str, int], dict[str, Any] | None] = {}
    for table, row_id, image in _log_images(session, {t for t, _ in odd}, want):
        logged[(table, row_id)] = image
    conn = session.connection()
    now: dict[tuple[str, int], dict[str, Any]] = {}
    for table in {t for t, _ in odd}:
        ids = {i for t, i in odd if t == table}
        now.update({(table, i): img for i, img in current_images(conn, table) if i in ids})
    out: list[Difference] = []
    for key in odd:
        before, after = logged.get(key), now.get(key)
        if before is None or after is None:
            out.append(Difference(key[0], key[1], "", before, after))
            continue
        out += [
            Difference(key[0], key[1], f, before[f], after[f])
            for f in sorted(before)
            if f in after and before[f] != after[f]
        ]
    return out


def _scores(session: Session) -> tuple[list[str], list[str]]:
    """Reviews whose stored total, grade or veto do not follow from their item scores and findings."""
    wrong: list[str] = []
    skipped = 0
    reviews = session.execute(
        select(
            Review.id,
            Review.dossier_id,
            Review.rubric_id,
            Review.rubric_version,
            Review.total,
            Review.grade,
            Review.veto,
            Review.status,
        ).order_by(Review.id)
    ).all()
    rows: dict[int, list[Override]] = defaultdict(list)
    cols = (ItemScoreRow.review_id, ItemScoreRow.item, ItemScoreRow.deducted, ItemScoreRow.reason, ItemScoreRow.pages)
    for rid, item, deducted, reason, pages in session.execute(
        select(*cols).order_by(ItemScoreRow.review_id, ItemScoreRow.item)
    ):
        rows[int(rid)].append(Override(item, deducted, reason or PENDING_REASON, tuple(int(p) for p in pages or ())))
    findings = load_findings_of(session, {int(r.dossier_id) for r in reviews})
    for review in reviews:
        try:
            rubric = load_rubric_known(review.rubric_id)
        except KnownError:
            skipped += 1
            continue
        if rubric.version != review.rubric_version:
            skipped += 1
            continue
        try:
            got = score(
                rubric,
                findings.get(review.dossier_id, ()),
                rows[review.id],
                reviewed=review.status != ReviewState.DRAFT,
            )
        except OverrideError as exc:
            wrong.append(f"评查 {review.id} 的评分明细无效：{exc}")
            continue
        if abs(got.total - review.total) > 0.005 or got.grade != review.grade or bool(got.veto) != bool(review.veto):
            wrong.append(
                f"评查 {review.id}（案卷 {review.dossier_id}）的总分与评分明细不符：按扣分复算应为 "
                f"{got.total:g} 分（{got.grade}{'，否决' if got.veto else ''}），记录为 {review.total:g} 分"
                f"（{review.grade}{'，否决' if review.veto else ''}）"
            )
    notes = [f"{skipped} 份评查所用的评查标准已更新或不在本机，未复算总分"] if skipped else []
    return wrong, notes


def _direct(session: Session) -> list[DirectChange]:
    """PostgreSQL: row changes in transactions where the program recorded no event of its own."""
    rows = session.execute(
        text(
            "SELECT e.id, e.at, e.db_user, e.entity, e.before, e.after FROM audit_event e "
            "WHERE e.action = 'rows' AND e.scheme = 2 AND NOT EXISTS (SELECT 1 FROM audit_event a "
            "WHERE a.txid = e.txid AND a.action NOT LIKE 'rows%') ORDER BY e.id"
        )
    )
    out: list[DirectChange] = []
    for event_id, at, login, table, before, after in rows:
        old = {int(o["id"]): o for o in (before or []) if isinstance(o, dict)}
        for image in after or []:
            new = image.get("row") or {}
            prior = old.get(int(image["id"]), {})
            changes = tuple((f, prior.get(f), new.get(f)) for f in sorted(new) if prior and prior.get(f) != new.get(f))
            out.append(
                DirectChange(int(event_id), str(at)[:19], str(login or ""), str(table), int(image["id"]), changes)
            )
    return out


def verify_store(store: Store) -> VerifyReport:
    with store.session() as session:
        chain = verify_chain(session)
        path = sqlite_path(store.url)
        anchor = check_anchor(session, path) if path is not None else None
        differences, more = _replay(session)
        scores, notes = _scores(session)
        direct = [] if store.is_sqlite else _direct(session)
    return VerifyReport(chain, anchor, tuple(differences), more, tuple(scores), tuple(direct), tuple(notes))


def re_anchor(store: Store) -> str:
    """After restoring a backup on purpose: record the database's present head as this machine's anchor."""
    from app.store.anchor import store_id, write_anchor

    path = sqlite_path(store.url)
    if path is None:
        return "PostgreSQL 数据库不使用本机外部校验记录"
    with store.write() as session:
        chain = verify_chain(session)
        if not chain.ok:
            raise KnownError(ErrorCode.USAGE, f"审计日志哈希链不完整，不能重新建立校验记录：{chain.message}")
        sid = store_id(session)
    write_anchor(path, sid, chain.last_id, chain.last_hash, force=True)
    return f"已按数据库当前状态重新建立本机外部校验记录（第 {chain.last_id} 号事件）"
