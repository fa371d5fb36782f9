"""How much of a rubric automatic checks touch: the share of its points on items that name at least one rule.

An item "covered" here gets a rule finding on every file (pass, fail, na or ``unknown`` — the last sends it
to the reviewer); it does not mean the machine decides it alone. ``python -m scoring.coverage`` prints the
table for the shipped rubrics.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from scoring.rubric import Rubric, list_rubrics


@dataclass(frozen=True, slots=True)
class Coverage:
    rubric: str
    title: str
    points: float  # scored points (vetoes carry none)
    covered: float  # points on items with at least one rule
    vetoes: int
    vetoes_checked: int  # veto items with at least one rule
    uncovered: tuple[str, ...]  # ids of scored items no rule touches

    @property
    def share(self) -> float:
        return self.covered / self.points if self.points else 0.0


def coverage(rubric: Rubric) -> Coverage:
    scored = [i for i in rubric.items if not i.veto]
    vetoes = [i for i in rubric.items if i.veto]
    return Coverage(
        rubric=rubric.id, title=rubric.title,
        points=sum(i.points for i in scored), covered=sum(i.points for i in scored if i.rules),
        vetoes=len(vetoes), vetoes_checked=sum(1 for i in vetoes if i.rules),
        uncovered=tuple(i.id for i in scored if not i.rules),
    )


def table(rubrics: list[Rubric] | None = None) -> list[str]:
    """Markdown rows: rubric, points covered, share, vetoes with a rule, items left to the reviewer."""
    rows = ["| 评查标准 | 自动检查覆盖分值 | 占比 | 有规则的否决项 | 无规则的评查项 |", "|---|---|---|---|---|"]
    for r in rubrics if rubrics is not None else list_rubrics():
        c = coverage(r)
        rows.append(f"| {c.title}（{c.rubric}） | {c.covered:g} / {c.points:g} | {c.share:.0%} | "
                    f"{c.vetoes_checked} / {c.vetoes} | {'、'.join(c.uncovered) or '—'} |")
    return rows


if __name__ == "__main__":
    sys.stdout.write("\n".join(table()) + "\n")
