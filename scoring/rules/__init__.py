"""The one table of rule checks: id, family, legal basis, case kinds, function (see base.Rule)."""

from __future__ import annotations

from scoring.rules import citations, completeness, consistency, form, identity, time_limits
from scoring.rules.base import REGISTRY, Context, Outcome, Rule
from scoring.rules.completeness import DOCUMENT_TYPES

# The one list of rule families, in the order their findings are listed. A family is a module of this
# package; its rules register themselves with ``@rule(id, "<module name>", ...)`` when it is imported
# here. (A module left out of this list would never run: tests/unit/test_rule_registry.py says so.)
FAMILIES = (time_limits, completeness, consistency, citations, identity, form)
_ORDER = {module.__name__.rsplit(".", 1)[1]: n for n, module in enumerate(FAMILIES)}

RULES: tuple[Rule, ...] = tuple(sorted(REGISTRY, key=lambda r: _ORDER[r.family]))
RULE_IDS: frozenset[str] = frozenset(r.id for r in RULES)


def known_rule(rule_id: str) -> bool:
    """Whether a rubric may name this rule id (`missing_document:TYPE` for any document type)."""
    if rule_id.startswith("missing_document:"):
        return rule_id.split(":", 1)[1] in DOCUMENT_TYPES
    return rule_id in RULE_IDS


__all__ = ["FAMILIES", "RULES", "RULE_IDS", "Context", "Outcome", "Rule", "known_rule"]
