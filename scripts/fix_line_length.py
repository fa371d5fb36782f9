"""Bring every line under ruff's line length without reformatting the code base (issue 13.4).

`ruff format` over the tree would rewrite ~290 files; this formats only the statements that hold a line
over the limit (`ruff format --range`), bottom-up within each file so earlier line numbers stay valid, and
prints what is left: lines the formatter cannot split (long strings, comments), to wrap by hand.

    uv run python scripts/fix_line_length.py      # after setting line-length and dropping E501 from ignore
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
import sys


def too_long(ruff: str) -> dict[str, set[int]]:
    out = subprocess.run([ruff, "check", ".", "--select", "E501", "--output-format", "json", "--exit-zero", "-q"],
                         capture_output=True, text=True, check=True).stdout
    rows: dict[str, set[int]] = collections.defaultdict(set)
    for hit in json.loads(out or "[]"):
        rows[hit["filename"]].add(hit["location"]["row"])
    return rows


def main() -> int:
    ruff = shutil.which("ruff")
    if ruff is None:
        print("ruff not found: run with `uv run`", file=sys.stderr)
        return 2
    before = too_long(ruff)
    for name, rows in sorted(before.items()):
        for row in sorted(rows, reverse=True):
            subprocess.run([ruff, "format", "--range", f"{row}:{row}", name], capture_output=True, check=False)
    after = too_long(ruff)
    print(f"lines over the limit: {sum(map(len, before.values()))} before, {sum(map(len, after.values()))} after")
    for name, rows in sorted(after.items()):
        for row in sorted(rows):
            print(f"{name}:{row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
