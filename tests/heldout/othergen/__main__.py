"""python -m tests.heldout.othergen --split tune --out DIR [--n 16] [--formats pdf,docx,scan] [--measure]"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.heldout.othergen import measure
from tests.heldout.othergen.generate import DEFAULT_N, Item, write

# seconds allowed per page before `casereview check` is taken to hang (its whole process group is then killed)
SECONDS_PER_PAGE = {"pdf": 3.0, "docx": 3.0, "scan": 8.0}


def run_check(items: list[Item]) -> list[dict[str, object]]:
    exe = Path(sys.executable).with_name("casereview")
    cmd = (
        [str(exe)] if exe.exists() else [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())"]
    )
    pages = sum(len(i.truth["pages"]) for i in items)  # type: ignore[arg-type]
    limit = 300 + pages * max(SECONDS_PER_PAGE[i.fmt] for i in items)
    proc = subprocess.Popen(
        [*cmd, "check", "--format", "json", *[str(i.path) for i in items]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and the OCR workers it started, nothing else
        proc.communicate()
        raise RuntimeError(
            f"casereview check did not finish within {limit:.0f} s on {len(items)} files "
            f"({pages} pages): {[i.path.name for i in items]}"
        ) from None
    data = json.loads(out) if out.strip() else []
    return data if isinstance(data, list) else [data]


def evaluate(items: list[Item]) -> list[measure.Result]:
    results = []
    by_group: dict[str, list[Item]] = {}
    for it in items:
        by_group.setdefault(it.fmt, []).append(it)
    for group in by_group.values():
        checks = {c.get("file"): c for c in run_check(group)}
        for it in group:
            results.append(measure.compare(it.truth, checks.get(it.path.name, {}), it.fmt))
    return results


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.heldout.othergen")
    ap.add_argument("--split", choices=("tune", "test"), required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=DEFAULT_N)
    ap.add_argument("--formats", default="pdf,docx")
    ap.add_argument("--measure", action="store_true", help="run casereview check and print the yardstick")
    args = ap.parse_args()
    items = write(args.split, args.out, n=args.n, formats=tuple(args.formats.split(",")))
    print(f"{len(items)} files in {args.out}")
    if args.measure:
        results = evaluate(items)
        groups: dict[str, list[measure.Result]] = {}
        for r in results:
            groups.setdefault(f"{r.split}/{r.fmt}", []).append(r)
        print(measure.table(groups))
        (args.out / "results.json").write_text(measure.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
