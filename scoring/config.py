"""Rule thresholds (resources/check_config.yaml) as a typed, frozen object."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import yaml

from scoring import doctypes
from scoring.resources import resource


@dataclass(frozen=True, slots=True)
class AmountTrigger:
    """Penalties that trigger a duty: a fine/confiscation at or above a threshold, or a kind of penalty."""

    fine_person: float
    fine_organization: float
    confiscation_person: float | None = None
    confiscation_organization: float | None = None
    penalty_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckConfig:
    statement_period_working_days: int = 5
    service_limit_working_days: int = 7
    decision_limit_calendar_days: int = 90
    license_decision_working_days: int = 20
    seizure_limit_calendar_days: int = 30
    limitation_years: int = 2
    fuzzy_min_ratio: float = 85.0
    name_noise_edits: int = 1
    hearing: AmountTrigger = AmountTrigger(10000, 100000, 10000, 100000,
                                           ("降低资质等级", "吊销许可证件", "责令停产停业", "责令关闭", "限制从业"))
    major_decision: AmountTrigger = AmountTrigger(50000, 200000, None, None,
                                                  ("吊销许可证件", "责令停产停业", "责令关闭", "限制从业"))
    major_when_hearing_held: bool = True
    simple_procedure: AmountTrigger = AmountTrigger(200, 3000, None, None, ("警告", "罚款"))  # 第五十一条
    required_documents: dict[str, tuple[str, ...]] = field(default_factory=lambda: _required_by_vocabulary())
    seal_required: tuple[str, ...] = ("penalty_notice", "penalty_decision")
    signature_required: tuple[str, ...] = ("service_receipt",)


# The case kinds (案件类型) and their Chinese names: the one table (reports, the CLI, the case list).
CASE_KIND_LABELS: dict[str, str] = {"penalty": "行政处罚", "license": "行政许可", "enforcement": "行政强制",
                                    "inspection": "行政检查"}
CASE_KINDS: tuple[str, ...] = tuple(CASE_KIND_LABELS)


def _required_by_vocabulary() -> dict[str, tuple[str, ...]]:
    """Documents every dossier of a kind must hold, from the one table of document types."""
    return {kind: doctypes.required_for(kind) for kind in CASE_KINDS}


def _trigger(raw: dict[str, Any]) -> AmountTrigger:
    def opt(key: str) -> float | None:
        return float(raw[key]) if raw.get(key) is not None else None

    return AmountTrigger(
        fine_person=float(raw["fine_person"]),
        fine_organization=float(raw["fine_organization"]),
        confiscation_person=opt("confiscation_person"),
        confiscation_organization=opt("confiscation_organization"),
        penalty_types=tuple(str(t) for t in raw.get("penalty_types", ())),
    )


def parse_config(raw: dict[str, Any]) -> CheckConfig:
    major = raw.get("major_decision", {})
    return CheckConfig(
        statement_period_working_days=int(raw["statement_period_working_days"]),
        service_limit_working_days=int(raw["service_limit_working_days"]),
        decision_limit_calendar_days=int(raw["decision_limit_calendar_days"]),
        license_decision_working_days=int(raw["license_decision_working_days"]),
        seizure_limit_calendar_days=int(raw["seizure_limit_calendar_days"]),
        limitation_years=int(raw["limitation_years"]),
        fuzzy_min_ratio=float(raw["fuzzy_min_ratio"]),
        name_noise_edits=int(raw.get("name_noise_edits", 1)),
        hearing=_trigger(raw["hearing"]),
        major_decision=_trigger(major),
        major_when_hearing_held=bool(major.get("when_hearing_held", True)),
        simple_procedure=_trigger(raw["simple_procedure"]),
        required_documents={
            **_required_by_vocabulary(),
            **{str(k): tuple(str(t) for t in (v or ())) for k, v in (raw.get("required_documents") or {}).items()},
        },
        seal_required=tuple(raw.get("seal_required", ())),
        signature_required=tuple(raw.get("signature_required", ())),
    )


@functools.cache
def load_config() -> CheckConfig:
    text = resource("check_config.yaml").read_text(encoding="utf-8")
    return parse_config(yaml.safe_load(text))
