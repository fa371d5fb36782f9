"""The rule table has one list of families (scoring.rules.FAMILIES): every rule module of the package is in
it, and every registered rule names the module it lives in as its family, so no rule silently never runs."""

from __future__ import annotations

import pkgutil

import scoring.rules as rules_package
from scoring.rules import FAMILIES, RULES
from scoring.rules.base import REGISTRY


def test_every_rule_module_is_a_listed_family() -> None:
    modules = {m.name for m in pkgutil.iter_modules(rules_package.__path__)} - {"base"}
    assert {f.__name__.rsplit(".", 1)[1] for f in FAMILIES} == modules


def test_every_rule_is_in_the_table_under_its_module() -> None:
    assert len(RULES) == len(REGISTRY)
    for r in RULES:
        assert r.fn.__module__ == f"scoring.rules.{r.family}", r.id
    families = [r.family for r in RULES]
    order = [f.__name__.rsplit(".", 1)[1] for f in FAMILIES]
    assert families == sorted(families, key=order.index)  # listed family by family, in the list's order
