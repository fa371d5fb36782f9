"""Bytes the quick start downloads: the wheels uv.lock selects for one Python on Linux x86_64.

    uv run python scripts/download_size.py 3.12 [--extra test] [--glibc 2.39]

Walks uv.lock from `casereview` (with the extras given), evaluates each dependency's markers for that
interpreter and takes the best-matching wheel's recorded size (the same choice uv makes).
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from packaging import tags
from packaging.markers import Marker
from packaging.utils import parse_wheel_filename

LOCK = Path(__file__).resolve().parents[1] / "uv.lock"


def _tags(py: tuple[int, int], glibc: tuple[int, int]) -> list[tags.Tag]:
    platforms = [f"manylinux_{glibc[0]}_{m}_x86_64" for m in range(glibc[1], 16, -1)]
    platforms += ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]
    return [*tags.cpython_tags(py, platforms=platforms), *tags.compatible_tags(py, platforms=platforms)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("python")
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--glibc", default="2.36")
    args = ap.parse_args()
    py = tuple(int(x) for x in args.python.split("."))[:2]
    env = {"python_version": args.python, "python_full_version": f"{args.python}.0", "sys_platform": "linux",
           "platform_system": "Linux", "platform_machine": "x86_64", "implementation_name": "cpython",
           "platform_python_implementation": "CPython", "os_name": "posix", "extra": ""}
    order = {t: i for i, t in enumerate(_tags(py, tuple(int(x) for x in args.glibc.split("."))))}  # type: ignore[arg-type]
    packages = {p["name"]: p for p in tomllib.loads(LOCK.read_text())["package"]}
    todo, seen, total = [("casereview", tuple(args.extra))], set(), 0
    rows = []
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        pkg = packages[name]
        deps = list(pkg.get("dependencies", []))
        for extra in extras:
            deps += pkg.get("optional-dependencies", {}).get(extra, [])
        for dep in deps:
            marker = dep.get("marker")
            if marker is None or Marker(marker).evaluate(env):
                todo.append((dep["name"], tuple(dep.get("extra", []))))
        if name == "casereview" or any(n == name for n, _ in seen - {(name, extras)}):
            continue
        best = min((w for w in pkg.get("wheels", [])
                    if any(t in order for t in parse_wheel_filename(w["url"].rsplit("/", 1)[1])[3])),
                   key=lambda w: min(order.get(t, 10**6) for t in parse_wheel_filename(w["url"].rsplit("/", 1)[1])[3]),
                   default=None)
        size = best["size"] if best else pkg.get("sdist", {}).get("size", 0)
        total += size
        rows.append((size, name))
    for size, name in sorted(rows, reverse=True)[:8]:
        print(f"{size / 1e6:8.1f} MB  {name}")
    print(f"{total / 1e6:8.1f} MB  in {len(rows)} packages (CPython {args.python}, extras {args.extra or 'none'})")


if __name__ == "__main__":
    main()
