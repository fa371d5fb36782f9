"""Rebuild the Qt Linguist catalogue of the window's strings and compile it.

    uv run python scripts/translations.py          # ui/**/*.py -> resources/translations/casereview_zh_CN.ts/.qm
    uv run python scripts/translations.py --check  # exit 1 when the .ts misses a string of the code

The source strings are Chinese (the program's language), so a new zh_CN entry starts as its own text
(finished); a wording changed in Qt Linguist on the .ts wins over the code's at run time once compiled.
`pyside6-lupdate` extracts, `pyside6-lrelease` compiles (both ship with PySide6).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "casereview_zh_CN.ts"
QM = TS.with_suffix(".qm")
QT_EXTRA = TS.with_name("qtbase_extra_zh_CN.ts")  # hand-kept: Qt 6 dialog strings qtbase_zh_CN lacks


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(["pyside6-lupdate", *sources(), "-source-language", "zh_CN", "-target-language", "zh_CN",
                    "-no-obsolete", "-locations", "none", "-silent", "-ts", str(ts)], cwd=ROOT, check=True)


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source") or "") for ctx in root.iter("context")
            for m in ctx.iter("message")}


def fill_identity(ts: Path) -> int:
    """Every unfinished entry gets its source text as translation; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        if tr is not None and tr.get("type") == "unfinished" and not (tr.text or "").strip():
            tr.text = message.findtext("source")
            del tr.attrib["type"]
            filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / TS.name
            lupdate(fresh)
            missing = messages(fresh) - messages(TS)
        for context, text in sorted(missing):
            print(f"缺少译文条目：[{context}] {text}")
        return 1 if missing else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    print(f"{TS.relative_to(ROOT)}：新增 {fill_identity(TS)} 条")
    for ts in (TS, QT_EXTRA):
        subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
