"""The one table of rule checks: id, family, legal basis, case kinds, function (see base.Rule)."""

from __future__ import annotations

from scoring import doctypes
from scoring.rules import citations, completeness, consistency, form, identity, time_limits
from scoring.rules.base import REGISTRY, Context, Outcome, Rule

_FAMILIES = ("time_limits", "completeness", "consistency", "citations", "identity", "form")
_MODULES = (time_limits, completeness, consistency, citations, identity, form)  # imported to register

RULES: tuple[Rule, ...] = tuple(sorted(REGISTRY, key=lambda r: _FAMILIES.index(r.family)))
RULE_IDS: frozenset[str] = frozenset(r.id for r in RULES)


def known_rule(rule_id: str) -> bool:
    """Whether a rubric may name this rule id (`missing_document:TYPE` for any document type)."""
    if rule_id.startswith("missing_document:"):
        return rule_id.split(":", 1)[1] in doctypes.type_ids()
    return rule_id in RULE_IDS


__all__ = ["RULES", "RULE_IDS", "Context", "Outcome", "Rule", "known_rule"]
