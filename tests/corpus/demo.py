"""The demo campaign's dossiers in resources/demo: `uv run python -m tests.corpus.demo` rewrites them."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, replace
from pathlib import Path

from tests.corpus import CaseTruth, generate_case

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
DEMO_CASES: list[tuple[int, str, str, tuple[str, ...]]] = [  # seeds picked so only demo-01 files a scanned copy
    (101, "市场监管", "pdf", ()),
    (101, "综合执法", "docx", ()),
    (102, "生态环境", "pdf", ("decision_over_90_days",)),
    (101, "卫健", "docx", ("no_remedy_notice",)),
    (105, "应急管理", "pdf", ("missing_document:legal_review",)),
]

# 被评查单位 of each demo dossier as a unit path (上级/单位, app.store.units): the agency the dossier names,
# under its (fictional) 州/市. The window imports each dossier into its unit (ui.main_window.open_demo).
DEMO_UNITS = {
    "demo-01.pdf": "昌吉州/玛纳斯县市场监督管理局",
    "demo-02.docx": "伊犁州/伊宁市城市管理综合行政执法局",
    "demo-03.pdf": "巴音郭楞州/库尔勒市生态环境局",
    "demo-04.docx": "巴音郭楞州/库尔勒市卫生健康委员会",
    "demo-05.pdf": "株洲市/株洲市应急管理局",
}


def make_demo(out_dir: Path = DEMO_DIR) -> list[CaseTruth]:
    """Write the five demo dossiers and their truth.json into ``out_dir`` (README.md is kept)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.iterdir():
        if old.name not in ("README.md", "units.json"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    cases = []
    for k, (seed, sector, fmt, defects) in enumerate(DEMO_CASES, 1):
        case = generate_case(out_dir, seed=seed, sector=sector, fmt=fmt, defects=defects)
        name = f"demo-{k:02d}" + Path(case.file).suffix
        (out_dir / case.file).rename(out_dir / name)
        cases.append(replace(case, file=name))
    (out_dir / "units.json").write_text(json.dumps(DEMO_UNITS, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out_dir / "truth.json").write_text(json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    return cases


if __name__ == "__main__":
    for case in make_demo():
        print(case.file, case.defects)
