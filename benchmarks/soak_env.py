"""The soak's surroundings (benchmarks/soak.py): fresh databases per round copied from prepared templates,
the generated documents, worker processes, and the checks every scenario ends with."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import (  # noqa: E402
    create_campaign,
    ensure_user,
    import_paths,
    list_reviews,
    open_review,
    open_store,
)
from app.services.integrity import verify_store  # noqa: E402
from app.services.reconcile import Side, compare, finalise, settle  # noqa: E402
from app.store.models import AuditEvent, Correction, Document, Dossier, Page  # noqa: E402
from tests.corpus import generate_case  # noqa: E402
from tests.corpus.plan import DEFECTS  # noqa: E402
from tests.e2e.test_orphans import session_members  # noqa: E402
from tests.e2e.test_reports_campaign import review_as_planned  # noqa: E402

CAMPAIGN = "浸泡测试"
SUPERVISORS = ("组织者", "组织者二", "督查组长", "督查组长二")
PLAN_A = {"documents.templates": 1.0, "procedure.service_timely": 3.0}
PLAN_B = {"procedure.service_timely": 3.0, "archiving.toc": 1.0, "evidence.chain": 2.0}
DOCS = (("市场监管", "pdf"), ("生态环境", "docx"), ("交通运输", "pdf"), ("卫健", "pdf"), ("应急管理", "docx"),
        ("农业农村", "pdf"), ("综合执法", "pdf"), ("市场监管", "docx"))


def isolate(tmp: Path) -> None:
    """The soak's user data, config and audit anchors live in its temp folder, never in the user's own."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("CASEREVIEW_ANCHOR_DIR", "anchors")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(tmp / sub)
    os.environ["CASEREVIEW_USER"] = "组织者"


def make_docs(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` dossiers from the project's generator (text PDF and DOCX), a planted defect in every other one."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        sector, fmt = DOCS[i % len(DOCS)]
        truth = generate_case(folder, seed=seed * 100 + i, sector=sector, fmt=fmt,
                              defects=(DEFECTS[i // 2 % len(DEFECTS)],) if i % 2 else ())
        out.append(folder / truth.file)
    return out


@dataclass
class Env:
    backend: str  # "sqlite" | "postgresql"
    tmp: Path
    docs: list[Path]
    server: str | None = None  # PostgreSQL server URL (no database)
    templates: dict[str, str] = field(default_factory=dict)
    serial: int = 0

    def new_url(self, tag: str) -> str:
        self.serial += 1
        if self.server is None:
            return f"sqlite:///{self.tmp / f'{tag}-{self.serial}.db'}"
        from tests.plugins.pg import create_database

        return create_database(self.server)

    def copy(self, template: str) -> str:
        """A fresh database holding what the template holds (SQLite: the backup API; PostgreSQL: TEMPLATE)."""
        src = self.template(template)
        self.serial += 1
        if self.server is None:
            dest = self.tmp / f"{template}-{self.serial}.db"
            with sqlite3.connect(src.removeprefix("sqlite:///")) as a, sqlite3.connect(dest) as b:
                a.backup(b)
            a.close()
            b.close()
            return f"sqlite:///{dest}"
        import psycopg

        name = f"soak_{template}_{self.serial}"
        with psycopg.connect(self._admin_dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{src.rsplit("/", 1)[1]}"')
        return f"{self.server}/{name}"

    def drop(self, url: str) -> None:
        if self.server is None:
            path = Path(url.removeprefix("sqlite:///"))
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                p.unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self._admin_dsn(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def _admin_dsn(self) -> str:
        assert self.server is not None
        return self.server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"

    def template(self, name: str) -> str:
        if name not in self.templates:
            url = self.new_url(f"template-{name}")
            {"campaign": self._campaign, "reviewed": self._reviewed, "finalised": self._finalised}[name](url)
            self.templates[name] = url
        return self.templates[name]

    def _campaign(self, url: str) -> None:
        store = open_store(url)
        users = [ensure_user(store, n, role="supervisor") for n in SUPERVISORS]
        for n in ("评查员甲", "评查员乙", "评查员丙"):
            ensure_user(store, n)
        create_campaign(store, CAMPAIGN, year=2026, rubric_id="penalty", user=users[0])
        store.dispose()

    def _reviewed(self, url: str) -> None:
        """Dossier 1: two submitted reviews that differ; dossier 2: a draft review by 评查员丙."""
        self._campaign(url)
        store = open_store(url)
        user = ensure_user(store, "组织者", role="supervisor")
        report = import_paths(store, self.docs[:2], campaign=CAMPAIGN, user=user, workers=0)
        d1, d2 = (f.dossier_id for f in report.imported)
        review_as_planned(store, d1, ensure_user(store, "评查员甲"), PLAN_A, 1)
        review_as_planned(store, d1, ensure_user(store, "评查员乙"), PLAN_B, 2)
        open_review(store, d2, reviewer=ensure_user(store, "评查员丙"))
        store.dispose()

    def _finalised(self, url: str) -> None:
        self._reviewed(url)
        store = open_store(url)
        user = ensure_user(store, "督查组长", role="supervisor")
        rec = compare(store, 1)
        finalise(store, 1, settled=settle(rec, {}, take=Side.B), user=user, expected=rec.compared)
        store.dispose()


def child(op: str, url: str, *args: str, wait: bool = False) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "benchmarks.soak_child", op, url, *args, *(["--wait"] if wait else [])]
    return subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "ready":
        raise RuntimeError(f"worker did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")


def result_of(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, err = proc.communicate(timeout=300)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": f"no result (exit {proc.returncode}): {err[-500:]}"}


def group_gone(sid: int, within: float = 15) -> bool:
    deadline = time.monotonic() + within
    while session_members(sid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not session_members(sid)


def verified(url: str) -> list[str]:
    """What `casereview db verify` reports (the same service, in this process); empty when clean."""
    store = open_store(url, migrate=False)
    try:
        report = verify_store(store)
        return [] if report.ok else list(report.lines())
    finally:
        store.dispose()


def verify_cli(url: str) -> list[str]:
    """`casereview db verify` itself, as a user runs it."""
    done = subprocess.run([sys.executable, "-m", "app.cli", "--db", url, "db", "verify"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    return [] if done.returncode == 0 else [
        f"db verify exit {done.returncode}: {done.stdout[-800:]}{done.stderr[-400:]}"
    ]


def dossier_state(url: str) -> tuple[set[int], list[str]]:
    """(ids of dossiers present, what is wrong with them): pages and documents complete, the import's audit
    event there for each (and a dossier there for each import event: an acknowledged import is never lost),
    each file once in the campaign."""
    store = open_store(url, migrate=False)
    wrong: list[str] = []
    try:
        with store.session() as s:
            dossiers = s.scalars(select(Dossier)).all()
            for d in dossiers:
                pages = s.scalar(select(func.count()).select_from(Page).where(Page.dossier_id == d.id))
                docs = s.scalar(select(func.count()).select_from(Document).where(Document.dossier_id == d.id))
                if not pages == d.pages == d.extraction["pages"] or docs != len(d.extraction["documents"]):
                    wrong.append(f"案卷 {d.id} 不完整：{pages}/{d.pages} 页，{docs} 份文书")
            events = set(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "dossier.import")))
            ids = {d.id for d in dossiers}
            wrong += [f"导入事件 {i} 的案卷不在（已确认的导入丢失）" for i in sorted(events - ids)]
            wrong += [f"案卷 {i} 没有导入事件" for i in sorted(ids - events)]
            shas = [d.sha256 for d in dossiers]
            if len(shas) != len(set(shas)):
                wrong.append("同一文件在活动中出现两次")
        return ids, wrong
    finally:
        store.dispose()


def final_state(url: str, dossier_id: int) -> tuple[str | None, list[str]]:
    """(who finalised the dossier or None, what is wrong): at most one final review; with one, the ledger rows
    are exactly its deducted / vetoed items and its finalise event is there; without, no supervisor's row."""
    store = open_store(url, migrate=False)
    wrong: list[str] = []
    try:
        reviews = list_reviews(store, dossier_id)
        finals = [r for r in reviews if r.status == "final"]
        with store.session() as s:
            rows = set(s.scalars(select(Correction.item).where(Correction.dossier_id == dossier_id)))
            events = s.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "review.finalise")
            )
        if len(finals) > 1:
            wrong.append(f"{len(finals)} 份定稿")
        if not finals:
            if any(r.reviewer in SUPERVISORS for r in reviews) or [r.status for r in reviews] != ["submitted"] * 2:
                wrong.append(f"未定稿但评查记录不是两份已提交：{[(r.reviewer, r.status) for r in reviews]}")
            return None, wrong
        final = finals[0]
        want = {i.item for i in final.items if i.deducted > 0 or i.veto}
        if rows != want:
            wrong.append(f"台账行 {sorted(rows)} 与定稿扣分项 {sorted(want)} 不一致")
        if events != 1:
            wrong.append(f"{events} 个定稿审计事件")
        return final.reviewer, wrong
    finally:
        store.dispose()
