"""Dashboard figures and the full ledger on a campaign of 10,000 dossiers × 45 item scores.

Rows are generated straight into the database (SQLAlchemy Core bulk inserts), on SQLite and, when the
PostgreSQL server programs are installed, on a throwaway cluster (tests/plugins/pg.py).

    uv run python benchmarks/bench_stats.py [--dossiers 10000] [--no-pg]

Targets (issue 6): dashboard figures < 0.2 s, the ledger of every problem written < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.reports.model import Ledger
from app.reports.xlsx_out import ledger_xlsx
from app.services import create_campaign, ensure_agency, ensure_user, open_store
from app.services.ledger import list_problems
from app.stats import Filters, campaign_stats
from app.store.engine import Store
from app.store.models import Correction, Dossier, FindingRow, ItemScoreRow, Review, StoredFile
from scoring.rubric import load_rubric

GRADES = ((90, "优秀"), (80, "良好"), (60, "合格"), (0, "不合格"))


def _grade(total: float) -> str:
    return next(g for cut, g in GRADES if total >= cut)


def _chunks(rows: list[dict[str, Any]], size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def generate(store: Store, n: int, *, seed: int = 7) -> int:
    """A campaign of ``n`` reviewed dossiers; returns its id."""
    rng = random.Random(seed)
    rubric = load_rubric("penalty")
    items = [i for i in rubric.items if not i.veto][:45]
    sup = ensure_user(store, "督查组长", role="supervisor")
    agencies = [ensure_agency(store, f"第{p}师/{d}").id for p in "一二三四五" for d in
                ("市场监管局", "生态环境局", "交通运输局", "城管执法局", "文化旅游局", "农业农村局")]
    reviewers = [ensure_user(store, f"评查员{k:02d}").id for k in range(20)]
    campaign = create_campaign(store, "基准评查活动", year=2024, rubric_id="penalty", user=sup).id
    files, dossiers, findings, reviews, scores, corrections = [], [], [], [], [], []
    for k in range(n):
        sha = hashlib.sha256(f"bench-{k}".encode()).hexdigest()
        files.append({"sha256": sha, "size": 1000, "chunks": 0})
        did = k + 1
        dossiers.append({"id": did, "campaign_id": campaign, "agency_id": agencies[k % len(agencies)],
                         "file_name": f"案卷{k:05d}.pdf", "sha256": sha, "pages": 30, "case_kind": "penalty",
                         "case_number": f"罚〔2024〕{k}号", "party_name": f"当事人{k}", "extraction": {"fields": {}},
                         "rubric_id": "penalty", "rubric_version": rubric.version, "warnings": []})
        for seq, rule in enumerate(rng.sample(["officers_fewer_than_two", "service_over_7_days",
                                               "provision_not_specific", "no_remedy_notice"], 2)):
            findings.append({"dossier_id": did, "seq": seq, "rule": rule, "status": "fail", "message": "m",
                             "legal_basis": "", "evidence": [{"page": 3, "text": "x"}], "count": 1})
        deducted = {i.id: min(i.points, 1.0) for i in rng.sample(items, rng.randint(0, 6))}
        total = 100.0 - sum(deducted.values())
        reviews.append({"id": did, "dossier_id": did, "reviewer_id": reviewers[k % len(reviewers)],
                        "rubric_id": "penalty", "rubric_version": rubric.version,
                        "status": "final" if k % 3 == 0 else "submitted", "total": total, "grade": _grade(total),
                        "veto": False, "version": 1})
        for item in items:
            scores.append(
                {
                    "review_id": did,
                    "item": item.id,
                    "deducted": deducted.get(item.id, 0.0),
                    "reason": "问题" if item.id in deducted else "",
                    "pages": [3] if item.id in deducted else [],
                }
            )
        for item_id, points in deducted.items():
            corrections.append(
                {
                    "campaign_id": campaign,
                    "dossier_id": did,
                    "item": item_id,
                    "description": f"{item_id} 存在问题，见第3页",
                    "pages": [3],
                    "deducted": points,
                    "status": "待整改",
                    "deadline": dt.date(2025, 1, 31),
                }
            )
    with store.write() as session:
        for model, rows in (
            (StoredFile, files),
            (Dossier, dossiers),
            (FindingRow, findings),
            (Review, reviews),
            (ItemScoreRow, scores),
            (Correction, corrections),
        ):
            for chunk in _chunks(rows):
                session.execute(insert(model), chunk)
    return campaign


def best_of(fn: Any, repeat: int = 5) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def measure(label: str, url: str, n: int) -> None:
    store = open_store(url)
    t = time.perf_counter()
    campaign = generate(store, n)
    print(f"[{label}] generated {n} dossiers × 45 item scores in {time.perf_counter() - t:.1f} s")
    if store.engine.dialect.name == "postgresql":  # what autovacuum does to a live database soon after
        with store.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    rubric = load_rubric("penalty")
    dash, stats = best_of(lambda: campaign_stats(store, campaign, rubric=rubric, cache=False))
    print(
        f"[{label}] dashboard figures (all aggregates, computed): {dash * 1000:.0f} ms  "
        f"(reviewed {stats.reviewed}, average {stats.average}, {len(stats.by_item)} items, "
        f"{len(stats.acceptance)} rules)  target < 200 ms"
    )
    warm, _ = best_of(lambda: campaign_stats(store, campaign, rubric=rubric))
    print(f"[{label}] dashboard figures again, data unchanged (cache checked in SQL): {warm * 1000:.0f} ms")
    filt, _ = best_of(
        lambda: campaign_stats(store, campaign, rubric=rubric, filters=Filters(agency="第一师"), cache=False)
    )
    print(f"[{label}] dashboard figures filtered by 师市 (computed): {filt * 1000:.0f} ms")
    t = time.perf_counter()
    rows = list_problems(store, campaign, today=dt.date(2025, 2, 1), rubric=rubric)
    fetched = time.perf_counter() - t
    data = ledger_xlsx(Ledger("基准评查活动", dt.date(2025, 2, 1), tuple(rows)))
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as f:
        f.write(data)
    total = time.perf_counter() - t
    print(
        f"[{label}] ledger: {len(rows)} rows read in {fetched:.2f} s, XLSX ({len(data) // 1024} KB) written in "
        f"{total:.2f} s total  target < 10 s"
    )
    store.dispose()


@contextmanager
def _pg() -> Iterator[str | None]:
    try:
        from tests.plugins.pg import create_database, pg_cluster, pg_unavailable_reason
    except ImportError:
        yield None
        return
    if pg_unavailable_reason():
        print(pg_unavailable_reason())
        yield None
        return
    with pg_cluster() as server:
        yield create_database(server)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10000)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("SQLite", f"sqlite:///{tmp}/bench.sqlite", args.dossiers)
    if not args.no_pg:
        with _pg() as url:
            if url:
                measure("PostgreSQL", url, args.dossiers)


if __name__ == "__main__":
    main()
