"""The rule table lists every rule module of the package (scoring.rules.MODULES) and one ordered list of
families (scoring.rules.FAMILIES): a module left out would never run, a family not listed would not sort."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import scoring.rules as rules_package
from scoring.rules import FAMILIES, MODULES, RULES
from scoring.rules.base import REGISTRY


def test_every_rule_module_is_imported() -> None:
    folder = Path(rules_package.__path__[0])
    modules = {m.name for m in pkgutil.iter_modules(rules_package.__path__)
               if "\n@rule(" in (folder / f"{m.name}.py").read_text(encoding="utf-8")}  # helpers hold no rule
    assert {f.__name__.rsplit(".", 1)[1] for f in MODULES} == modules


def test_every_rule_is_in_the_table_under_a_listed_family() -> None:
    assert len(RULES) == len(REGISTRY)
    assert all(r.family in FAMILIES for r in RULES), [r.id for r in RULES if r.family not in FAMILIES]
    families = [r.family for r in RULES]
    assert families == sorted(families, key=FAMILIES.index)  # listed family by family, in the list's order
    assert len({r.id for r in RULES}) == len(RULES)
