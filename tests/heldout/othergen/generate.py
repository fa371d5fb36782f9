"""Write dossiers and their truth: which seeds, which formats, where."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.heldout.othergen.assemble import build

# The tune split may be looked at by the extractor's authors (its rendered outputs, never this code);
# the test split is never looked at. Seeds are disjoint; scenario = seed % 16, so 16 consecutive seeds
# cover every scenario once.
SPLITS = {"tune": range(100, 200), "test": range(700, 800)}
DEFAULT_N = 16
# scans are compact dossiers (no cover, 目录 or second 询问笔录) of scenarios 0, 7 and 10
SCAN_SEEDS = {"tune": (112, 103, 106), "test": (704, 711, 714)}
FORMATS = ("pdf", "docx", "scan")


@dataclass(frozen=True)
class Item:
    path: Path
    truth: dict[str, object]
    fmt: str


def seeds(split: str, n: int = DEFAULT_N) -> list[int]:
    return list(SPLITS[split])[:n]


def write(split: str, out: Path, *, n: int = DEFAULT_N, formats: tuple[str, ...] = ("pdf", "docx"),
          scans: tuple[int, ...] | None = None) -> list[Item]:
    from tests.heldout.othergen.render_docx import render_docx
    from tests.heldout.othergen.render_pdf import render_pdf
    from tests.heldout.othergen.render_scan import render_scan

    out.mkdir(parents=True, exist_ok=True)
    items: list[Item] = []
    text_formats = [f for f in formats if f != "scan"]
    for seed in seeds(split, n) if text_formats else []:
        dossier = build(seed, split)
        _save_truth(out, dossier.truth)
        for fmt in text_formats:
            path = out / f"{dossier.id}.{fmt}"
            (render_pdf if fmt == "pdf" else render_docx)(dossier, path)
            items.append(Item(path, dossier.truth, fmt))
    if "scan" in formats:
        for seed in scans if scans is not None else SCAN_SEEDS[split]:
            dossier = build(seed, split, compact=True)
            _save_truth(out, dossier.truth)
            path = out / f"{dossier.id}-scan.pdf"
            render_scan(dossier, path)
            items.append(Item(path, dossier.truth, "scan"))
    return items


def _save_truth(out: Path, truth: dict[str, object]) -> None:
    (out / f"{truth['id']}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
