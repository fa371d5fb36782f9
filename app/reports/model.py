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
    """整改 status of one ledger row. 逾期 is never stored: an open row (待整改 / 整改中) past its deadline
    reads 逾期. 已销号 only after 复核 (复核人 and 销号日期); 无法整改（已归档） closes a row without 销号."""

    PENDING = "待整改"
    IN_PROGRESS = "整改中"
    AWAITING = "已整改待复核"
    CLOSED = "已销号"
    OVERDUE = "逾期"
    ARCHIVED = "无法整改（已归档）"
    DONE = "已整改待复核"  # alias of AWAITING: what "已整改" meant before rev 0015 (a supervisor's mark, no 复核)


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
class SheetObjection:
    """异议 against one item of the file's result, and its answer (rev 0014)."""

    item_title: str
    raised_by: str
    raised_on: dt.date | None
    reason: str
    files: tuple[tuple[str, str], ...]  # (file name, SHA-256)
    status: str  # 待答复 / 异议成立 / 异议不成立
    answer: str = ""
    deducted_before: float = 0.0
    deducted_after: float | None = None
    answered_by: str = ""


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
    # issue 15.5 (rev 0014): the case as the file records it, the result's comment and signatures, objections
    filed: dt.date | None = None  # 立案日期
    closed: dt.date | None = None  # 结案日期
    officers: tuple[str, ...] = ()  # 承办人员 (执法证号)
    outcome: str = ""  # 处理结果: kinds of penalty, or what the decision is
    amounts: tuple[tuple[str, float], ...] = ()  # (罚款 / 没收违法所得, yuan)
    comment: str = ""  # 总体评价 of the printed review
    unreviewable: str = ""  # 不符合评查条件: the reason (no score)
    signers: tuple[str, ...] = ()  # who signs as 评查人: the authors of the printed result
    finaliser: str = ""  # who settled the result (合议定稿), signs as 复核人
    objections: tuple[SheetObjection, ...] = ()

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
    measure: str = ""  # 整改措施
    responsible_unit: str = ""  # 责任单位 (empty: the unit reviewed)
    responsible_person: str = ""  # 责任人
    progress: str = ""  # 整改情况
    completed_on: dt.date | None = None  # 完成日期
    evidence: tuple[str, ...] = ()  # 佐证材料: "name（sha256 first 12）"
    checker: str = ""  # 复核人
    closed_on: dt.date | None = None  # 销号日期
    note: str = ""  # the last status change's note
    stored_status: str = ""  # the status as stored (status reads 逾期 for an open row past its deadline)
    done_at: dt.datetime | None = None  # when it was last reported done or closed
    updated_at: dt.datetime | None = None

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
    measures: str = ""  # 整改措施 set in the ledger for this item ("；"-joined, distinct)
    responsible: tuple[str, ...] = ()  # 责任单位 (the ledger's, else the units reviewed)
    deadline: dt.date | None = None  # 时限: the latest deadline of its open rows


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
