"""Report data: plain frozen dataclasses built from the store, rendered without Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ReportKind(StrEnum):
    CASESHEET = "casesheet"  # 评查表, one per dossier
    OPINION = "opinion"  # 行政执法监督意见书 / 整改通知, one per agency
    CIRCULAR = "circular"  # 通报
    PROBLEMS = "problems"  # 突出问题清单
    LEDGER = "ledger"  # 详细台账


class Rectification(StrEnum):
    """整改 status of one ledger row; 逾期 is never stored: a 待整改 row past its deadline reads 逾期."""

    PENDING = "待整改"
    DONE = "已整改"
    OVERDUE = "逾期"


@dataclass(frozen=True, slots=True)
class SheetItem:
    """One rubric item on the score sheet."""

    item_id: str
    category: str
    title: str
    points: float
    deducted: float
    reason: str = ""
    pages: tuple[int, ...] = ()
    veto: bool = False  # a veto item (否决项): carries no points
    triggered: bool = False  # the veto applies to this file


@dataclass(frozen=True, slots=True)
class SheetFinding:
    rule: str
    status: str  # fail | unknown
    message: str
    legal_basis: str = ""
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseSheet:
    """评查表 of one dossier (一卷一表)."""

    campaign: str
    dossier_id: int
    file_name: str
    sha256: str
    agency: str
    case_kind: str
    case_number: str
    case_title: str
    party_name: str
    rubric_title: str
    rubric_version: str
    items: tuple[SheetItem, ...]
    findings: tuple[SheetFinding, ...]
    total: float
    max_points: float
    grade: str
    veto: bool
    reviewers: tuple[str, ...]
    review_date: dt.date | None
    status: str = ""

    @property
    def deducted(self) -> float:
        return round(sum(i.deducted for i in self.items), 2)


@dataclass(frozen=True, slots=True)
class Problem:
    """One deducted rubric item of one reviewed dossier: the unit of the ledger."""

    row_id: int | None
    agency: str
    parent_agency: str
    dossier_id: int
    case_number: str
    file_name: str
    item_id: str
    item_title: str
    category: str
    description: str
    pages: tuple[int, ...]
    deducted: float
    legal_basis: str = ""
    status: Rectification = Rectification.PENDING
    deadline: dt.date | None = None
    unit: str = ""  # the unit's path "师市/部门": the key (two units may share a leaf name)
    version: int = 0  # the row version: pass it back to change the row (a conflict if it moved on)

    @property
    def unit_path(self) -> str:
        return self.unit or "/".join(x for x in (self.parent_agency, self.agency) if x)


@dataclass(frozen=True, slots=True)
class DocSettings:
    """A campaign's document settings (stored with the campaign): who issues the 通报 and 意见书, under which
    number, to whom, and what the 通报 says of the plan and the method."""

    organ: str = "行政执法案卷评查工作领导小组办公室"  # 发文机关 (署名, 印发机关)
    mark: str = ""  # 发文机关标志 ("" : the organ)
    number: str = ""  # the 通报's 发文字号 ("" : left for the office to fill in)
    opinion_prefix: str = "执法监督"  # the 意见书's numbers: 执法监督〔2026〕1号, 2号 …
    recipients: tuple[str, ...] = ("各有关单位",)  # 通报 主送
    cc: tuple[str, ...] = ()  # 抄送
    plan: str = ""  # the campaign plan (评查工作方案) the 通报 cites
    method: str = ""  # 自查 / 抽查 / 交叉评查 as the office describes it
    objection_days: int = 10  # days from receipt within which an agency may object (异议, 条例 第三十条)


@dataclass(frozen=True, slots=True)
class OpinionFile:
    case_number: str
    file_name: str
    total: float
    grade: str
    final: bool = True  # 已定稿 (False: submitted, not yet finalised)


@dataclass(frozen=True, slots=True)
class AgencyOpinion:
    """行政执法监督意见书（整改通知） to one agency."""

    campaign: str
    agency: str
    issuer: str
    serial: str
    issued: dt.date
    deadline: dt.date | None  # the earliest open ledger deadline of the unit
    files: tuple[OpinionFile, ...]
    problems: tuple[Problem, ...]
    settings: DocSettings = DocSettings()

    @property
    def average(self) -> float | None:
        """None when no file was reviewed (printed "—", never 0)."""
        return round(sum(f.total for f in self.files) / len(self.files), 2) if self.files else None


@dataclass(frozen=True, slots=True)
class GradeCount:
    grade: str
    count: int
    share: float  # 0..100, two decimals


@dataclass(frozen=True, slots=True)
class AgencyScore:
    agency: str
    parent_agency: str
    files: int
    average: float
    lowest: float
    highest: float
    excellent: int
    failed: int


@dataclass(frozen=True, slots=True)
class CommonProblem:
    """A rubric item deducted in several files, with one example."""

    item_id: str
    item_title: str
    legal_basis: str
    files: int
    share: float  # of reviewed files, 0..100
    agencies: tuple[str, ...]
    example: str = ""
    category: str = ""  # the rubric section (执法主体, 事实证据 …)
    example_dossier: int | None = None  # the dossier the example comes from (its persons are masked)


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # file name inside the report, e.g. "grades.png"
    title: str
    png: bytes


@dataclass(frozen=True, slots=True)
class FileResult:
    """One reviewed file in the 通报's annexed score table."""

    unit: str  # path
    case_number: str
    file_name: str
    kind: str
    total: float
    grade: str
    final: bool
    veto_reasons: tuple[str, ...] = ()  # the veto items that apply (不合格 by veto)


@dataclass(frozen=True, slots=True)
class Circular:
    """评查通报 of a campaign."""

    campaign: str
    year: int
    issuer: str
    issued: dt.date
    reviewed: int
    grades: tuple[GradeCount, ...]
    average: float
    agencies: tuple[AgencyScore, ...]
    problems: tuple[CommonProblem, ...]
    charts: tuple[Chart, ...] = ()
    deadline: dt.date | None = None  # from the ledger (the latest open row's); None: none set
    settings: DocSettings = DocSettings()
    dossiers: int = 0  # files in the campaign
    final: int = 0  # files whose review is 已定稿
    by_kind: tuple[tuple[str, int], ...] = ()  # reviewed files by case kind
    silent_units: tuple[str, ...] = ()  # known units with no file in the campaign
    files: tuple[FileResult, ...] = ()
    deadlines: tuple[dt.date, ...] = ()  # the distinct deadlines of open ledger rows
    double_reviewed: int = 0  # files with two or more reviewers' submitted reviews (交叉/背对背 评查)

    @property
    def finished(self) -> bool:
        """Every file of the campaign is 已定稿."""
        return self.dossiers > 0 and self.final == self.dossiers


@dataclass(frozen=True, slots=True)
class ProblemList:
    """突出问题清单."""

    campaign: str
    issued: dt.date
    rows: tuple[CommonProblem, ...]


@dataclass(frozen=True, slots=True)
class Ledger:
    """详细台账: one row per problem per file."""

    campaign: str
    issued: dt.date
    rows: tuple[Problem, ...] = field(default_factory=tuple)


class Opinions(list[AgencyOpinion]):
    """The 意见书 of a campaign, one per unit, with what an empty set needs to explain itself."""

    def __init__(self, items: list[AgencyOpinion], *, campaign: str, settings: DocSettings, issued: dt.date) -> None:
        super().__init__(items)
        self.campaign = campaign
        self.settings = settings
        self.issued = issued
