"""check(facts): run every registered rule that applies to the case kind and collect the findings."""

from __future__ import annotations

from scoring.calendar import WorkCalendar, load_calendar
from scoring.config import CheckConfig, load_config
from scoring.rules import RULES, Context, Rule
from scoring.rules.base import on_poor_pages
from scoring.types import CaseFacts, Finding


def _findings(rule: Rule, facts: CaseFacts, ctx: Context) -> list[Finding]:
    result = rule.fn(facts, ctx)
    outcomes = [on_poor_pages(facts, o) for o in (result if isinstance(result, list) else [result])]
    return [
        Finding(
            rule=o.rule or rule.id,
            status=o.status,
            message=o.message,
            legal_basis=rule.legal_basis,
            evidence=o.evidence,
            count=o.count,
            confidence=o.confidence,
        )
        for o in outcomes
    ]


def check(
    facts: CaseFacts, *, config: CheckConfig | None = None, calendar: WorkCalendar | None = None
) -> list[Finding]:
    """All findings for one dossier, in the order of the rule table."""
    ctx = Context(config=config or load_config(), calendar=calendar or load_calendar())
    out: list[Finding] = []
    for rule in RULES:
        if facts.case_kind in rule.kinds:
            out.extend(_findings(rule, facts, ctx))
    return out
