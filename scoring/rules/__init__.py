"""The one table of rule checks: id, family, legal basis, case kinds, function (see base.Rule)."""

from __future__ import annotations

from scoring import doctypes
from scoring.rules import (  # the law as it stands (2026-12)
    archive,
    basis,
    citations,
    completeness,
    consistency,
    discretion,
    execution,
    filing,
    form,
    identity,
    kinds,
    notice,
    records,
    remedy,
    service,
    three_systems,
    time_limits,
    validity,
    vetoes,
)
from scoring.rules.base import REGISTRY, Context, Outcome, Rule

# The rule families, in the order their findings are listed, and the modules that hold the rules (a module
# registers its rules with ``@rule(id, family, ...)`` when it is imported here; one left out of MODULES would
# never run: tests/unit/test_rule_registry.py says so).
FAMILIES = ("time_limits", "completeness", "consistency", "citations", "identity", "form", "procedure", "records",
             "service", "discretion", "archive", "execution", "kinds")
MODULES = (time_limits, completeness, consistency, citations, identity, form,  # imported to register
            validity, basis, remedy, vetoes, notice, records, service, discretion, filing, archive, three_systems,
            execution, kinds)

RULES: tuple[Rule, ...] = tuple(sorted(REGISTRY, key=lambda r: FAMILIES.index(r.family)))
RULE_IDS: frozenset[str] = frozenset(r.id for r in RULES)


def known_rule(rule_id: str) -> bool:
    """Whether a rubric may name this rule id (`missing_document:TYPE` for any document type)."""
    if rule_id.startswith("missing_document:"):
        return rule_id.split(":", 1)[1] in doctypes.type_ids()
    return rule_id in RULE_IDS


__all__ = ["FAMILIES", "MODULES", "RULES", "RULE_IDS", "Context", "Outcome", "Rule", "known_rule"]
