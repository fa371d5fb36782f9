"""Generated test corpus: varied 行政执法 dossiers with their truth, independent of the product's code.

Nothing here imports ``app`` or ``scoring``: templates, holiday table, numeral and money writers are our own.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.corpus.plan import DEFECTS, make_plan
from tests.corpus.sectors import SECTORS

FORMATS = ("pdf", "docx", "scan_pdf", "images", "tiff")
__all__ = ["DEFECTS", "FORMATS", "SECTORS", "CaseTruth", "generate_case", "generate_corpus", "load_truth",
           "make_bad_inputs", "make_large_pdf"]


@dataclass(frozen=True)
class CaseTruth:
    file: str  # path relative to the corpus dir (a file, or a folder of page images)
    fmt: str  # "pdf" | "docx" | "scan_pdf" | "images" | "tiff"
    sector: str
    case_kind: str
    fields: dict[str, Any]
    page_types: list[str]
    documents: list[dict[str, Any]]
    defects: list[str]
    seed: int = 0
    notes: dict[str, Any] = field(default_factory=dict)  # facts beyond the contract (dates, styles)


def generate_case(out_dir: Path, *, seed: int, sector: str, fmt: str, defects: Sequence[str] = ()) -> CaseTruth:
    """Write one dossier into ``out_dir`` and return its truth."""
    from tests.corpus.assemble import build, truth_documents, truth_fields
    from tests.corpus.layout import Page
    from tests.corpus.render_docx import write_docx
    from tests.corpus.render_pdf import write_pdf

    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = make_plan(seed, sector, tuple(defects))
    built = build(plan, short=fmt in ("scan_pdf", "images", "tiff"))
    numbered = [built.docs[p.doc_index].numbered for p in built.pages]
    stem = f"case-{seed:04d}-{_slug(sector)}"  # no defect in the name: nothing to learn from it
    pages: list[Page] = built.pages
    if fmt == "docx":
        name = stem + ".docx"
        write_docx(pages, out_dir / name, breaks=plan.style["docx_break"],
                   body_font=("宋体", "仿宋_GB2312", "SimSun")[seed % 3])
    elif fmt == "pdf":
        name = stem + ".pdf"
        write_pdf(pages, out_dir / name, numbered=numbered, seed=seed)
    else:
        from tests.corpus.scan import write_scan

        tmp = out_dir / (stem + ".text.tmp.pdf")
        write_pdf(pages, tmp, numbered=numbered, seed=seed)
        name = write_scan(tmp, out_dir, stem=stem, fmt=fmt, seed=seed)
        tmp.unlink()
    page_types, documents = truth_documents(built)
    dates = {k: (v.isoformat() if v else None) for k, v in vars(plan.dates).items()}
    notes = {"dates": dates, "style": dict(plan.style), "major": plan.major, "hearing": plan.hearing,
             "waiver": plan.waiver, "notice_fine": plan.notice_fine, "case_number_printed": plan.case_number}
    return CaseTruth(file=name, fmt=fmt, sector=sector, case_kind="penalty", fields=truth_fields(plan, built),
                     page_types=page_types, documents=documents, defects=list(defects), seed=seed, notes=notes)


_SLUGS = {"市场监管": "scjg", "综合执法": "zhzf", "生态环境": "sthj", "交通运输": "jtys", "应急管理": "yjgl",
          "卫健": "wj", "农业农村": "nync"}


def _slug(text: str) -> str:
    return _SLUGS.get(text, text.replace(":", "_").replace("/", "_"))


def corpus_plan(n: int, seed: int, scans: int) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(seed, sector, fmt, defects) for every case: ~half clean, each defect at least once when n allows."""
    import random

    rng = random.Random(seed)
    rows = []
    defect_cycle = list(DEFECTS)
    rng.shuffle(defect_cycle)
    scan_fmts = ["scan_pdf", "images", "tiff"]
    for i in range(n):
        sector = SECTORS[i % len(SECTORS)]
        defects: tuple[str, ...] = ()
        if i % 2 == 1:
            defects = (defect_cycle[(i // 2) % len(defect_cycle)],)
        fmt = scan_fmts[i % 3] if i < scans else "pdf" if i % 3 else "docx"
        rows.append((seed * 1000 + i, sector, fmt, defects))
    return rows


def generate_corpus(out_dir: Path, *, n: int = 36, seed: int = 2024, scans: int = 6) -> list[CaseTruth]:
    """Write ``n`` dossiers (``scans`` of them scanned) and ``out_dir/truth.json``; deterministic for a seed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = corpus_plan(n, seed, scans)
    workers = min(len(jobs), int(os.environ.get("CASEREVIEW_CORPUS_WORKERS", "1")))
    # CASEREVIEW_CORPUS_WORKERS=N generates in N spawned processes (measured no faster on 2 busy cores).
    if workers > 1:  # spawned, not forked: the parent may hold Qt or DB threads
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            cases = list(pool.map(_job, [(out_dir, *job) for job in jobs]))
    else:
        cases = [_job((out_dir, *job)) for job in jobs]
    (out_dir / "truth.json").write_text(
        json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=1), encoding="utf-8")
    return cases


def _job(args: tuple[Path, int, str, str, tuple[str, ...]]) -> CaseTruth:
    out_dir, seed, sector, fmt, defects = args
    return generate_case(out_dir, seed=seed, sector=sector, fmt=fmt, defects=defects)


def load_truth(path: Path) -> list[CaseTruth]:
    """Read a truth.json written by generate_corpus."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [CaseTruth(**row) for row in rows]


def make_bad_inputs(out_dir: Path) -> dict[str, Path]:
    """Files every reader must refuse with a clear reason; see tests.corpus.bad."""
    from tests.corpus.bad import make_bad_inputs as _make

    return _make(Path(out_dir))


def make_large_pdf(path: Path, *, pages: int, scanned: bool = False, seed: int = 0) -> None:
    """A long dossier (many 笔录 and evidence pages) for memory and speed tests."""
    from tests.corpus.bad import make_large_pdf as _make

    _make(Path(path), pages=pages, scanned=scanned, seed=seed)
