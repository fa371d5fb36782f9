"""What a person reads for an automatic check: its title, never its internal id (missing_document:legal_review).

Titles come from the rule registry (scoring.rules) and, for the per-document completeness checks, the
document-type vocabulary (scoring.doctypes): missing_document:legal_review -> 缺少法制审核意见.
"""

from __future__ import annotations

from functools import cache


@cache
def _registry() -> dict[str, str]:
    from scoring.rules import RULES

    return {r.id: r.title for r in RULES}


def rule_title(rule_id: str) -> str:
    """The Chinese title of a rule id (the id itself only for a rule this build does not know)."""
    from scoring.doctypes import doc_type

    family, _, arg = rule_id.partition(":")
    if family == "missing_document" and arg:
        found = doc_type(arg)
        return f"缺少{found.label}" if found is not None else rule_id
    return _registry().get(rule_id) or _registry().get(family) or rule_id
