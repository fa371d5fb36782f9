"""The window reaches the database only through its façade (issue 13.2).

import-linter forbids `ui` to import `app.store` or `sqlalchemy`; it cannot see a widget passing the
façade's store to a use case by hand (`api.import_paths(svc.store, …)`), which skips the current user
the façade fills in. This test reads every module of `ui` and finds such reaches.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
FACADE = UI / "services.py"


def _reads_store(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "store"
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"getattr", "hasattr"}
            and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "store")


def store_reaches(source: str) -> list[int]:
    """Lines that read an attribute named `store` (`x.store`, `getattr(x, "store")`)."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source))
                  if _reads_store(node) and isinstance(node, ast.expr))


def test_the_finder_sees_each_way_of_reaching_the_store() -> None:
    source = 'a = svc.store\nb = getattr(svc, "store", None)\nc = hasattr(svc, "store")\nd = svc.stores\n'
    assert store_reaches(source) == [1, 2, 3]


def test_no_ui_module_but_the_facade_touches_the_store() -> None:
    offenders = {path.relative_to(UI.parent).as_posix(): lines
                 for path in sorted(UI.rglob("*.py")) if path != FACADE
                 if (lines := store_reaches(path.read_text(encoding="utf-8")))}
    assert offenders == {}
