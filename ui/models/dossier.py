"""Table models for the dossier side panel: findings, extracted fields, documents (all over frozen data)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scoring import doctypes
from scoring.types import LOW_CONFIDENCE, Evidence, Finding, Status
from ui.dates import show_date

_Index = QModelIndex | QPersistentModelIndex
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple[Evidence, ...] of the row

FIELD_LABELS = {
    "case_number": "文号", "case_title": "案件名称", "agency": "执法机关", "party_name": "当事人",
    "party_type": "当事人类型", "party_id": "证件号码", "officers": "执法人员", "filing_date": "立案日期",
    "notice_date": "告知日期", "decision_date": "决定日期", "service_date": "送达日期",
    "closing_date": "结案日期", "penalty_types": "处罚种类", "fine_amount": "罚款金额（元）",
    "confiscation_amount": "没收金额（元）", "violated_provisions": "违法依据", "penalty_provisions": "处罚依据",
}
DOC_TYPES = doctypes.labels()  # the one table of document types (scoring.doctypes)
STATUS_ORDER = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2, Status.NA: 3}
STATUS_TEXT = {Status.FAIL: "不符合", Status.UNKNOWN: "需核查", Status.PASS: "符合", Status.NA: "不适用"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DossierModels", text)


def evidence_from_json(items: Any) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for e in items or ():
        if isinstance(e, list):  # officers / provisions: one list per entry
            out.extend(evidence_from_json(e))
        elif isinstance(e, dict) and "page" in e:
            raw = e.get("box")
            box = (float(raw[0]), float(raw[1]), float(raw[2]), float(raw[3])) if raw and len(raw) == 4 else None
            out.append(Evidence(int(e["page"]), str(e.get("text", "")), box))
    return tuple(out)


def _field_text(name: str, value: Any) -> str:
    if value is None or value == []:
        return _tr("（未识别）")
    if name == "officers":
        return "、".join(f"{o.get('name')}（{o.get('cert_no') or _tr('无证号')}）" for o in value)
    if name.endswith("_provisions"):
        return "；".join(_provision(p) for p in value)
    if name == "party_type":
        return {"person": _tr("自然人/个体"), "organization": _tr("法人/其他组织")}.get(value, str(value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    if name.endswith("_date"):
        return show_date(str(value))  # the one display format (ui.dates)
    return str(value)


def _provision(p: dict[str, Any]) -> str:
    text = f"《{p.get('law')}》"
    for key, unit in (("article", "条"), ("paragraph", "款"), ("item", "项")):
        if p.get(key):
            text += f"第{p[key]}{unit}"
    return text


class _Table(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        ok = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return _tr(self.HEADERS[section]) if ok and 0 <= section < len(self.HEADERS) else None

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def _reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()


class FindingsModel(_Table):
    HEADERS = ("结果", "问题", "依据", "页码")

    def set_findings(self, findings: Sequence[Finding], *, show_all: bool = False) -> None:
        rows = [f for f in findings if show_all or f.status in (Status.FAIL, Status.UNKNOWN)]
        self._reset(sorted(rows, key=lambda f: (STATUS_ORDER.get(f.status, 9), f.rule)))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f: Finding = self._rows[index.row()]
        col = index.column()
        if role == EVIDENCE_ROLE:
            return f.evidence
        if role == Qt.ItemDataRole.DisplayRole:
            pages = sorted({e.page for e in f.evidence})
            return (_tr(STATUS_TEXT.get(f.status, str(f.status))), f.message, f.legal_basis,
                    "、".join(map(str, pages)))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([f.message, f.legal_basis, *(f"第{e.page}页：{e.text}" for e in f.evidence)])
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor({Status.FAIL: "#b91c1c", Status.UNKNOWN: "#b45309"}.get(f.status, "#15803d"))
        return None


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    label: str
    text: str
    evidence: tuple[Evidence, ...]
    confidence: float | None = None  # None: the extraction predates confidences
    reason: str = ""

    @property
    def low(self) -> bool:
        return self.confidence is not None and 0 < self.confidence < LOW_CONFIDENCE


def _confidence(entry: Any) -> tuple[float | None, str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("confidence"), int | float):
        return None, ""
    return float(entry["confidence"]), str(entry.get("reason") or "")


class FieldsModel(_Table):
    """要素 / 提取值 / 页码 / 把握: a value read with low confidence is marked (orange, "低") and says why."""

    HEADERS = ("要素", "提取值", "页码", "把握")
    COL_CONFIDENCE = 3

    def set_extraction(self, extraction: dict[str, Any]) -> None:
        fields = extraction.get("fields", {}) if extraction else {}
        evidence = extraction.get("evidence", {}) if extraction else {}
        confidence = extraction.get("field_confidence", {}) if extraction else {}
        rows = [FieldRow(name, _tr(label), _field_text(name, fields.get(name)), evidence_from_json(evidence.get(name)),
                         *_confidence(confidence.get(name)))
                for name, label in FIELD_LABELS.items()]
        self._reset(rows)

    def _confidence_text(self, r: FieldRow) -> str:
        if r.confidence is None or r.text == _tr("（未识别）"):
            return ""
        text = f"{r.confidence:.0%}"
        return text + _tr(" 低") if r.low else text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: FieldRow = self._rows[index.row()]
        if role == EVIDENCE_ROLE:
            return r.evidence
        if role == Qt.ItemDataRole.DisplayRole:
            pages = "、".join(str(p) for p in sorted({e.page for e in r.evidence}))
            return (r.label, r.text, pages, self._confidence_text(r))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.text == _tr("（未识别）"):
                return QColor("#9ca3af")
            if r.low and index.column() in (1, self.COL_CONFIDENCE):
                return QColor("#b45309")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"第{e.page}页：{e.text}" for e in r.evidence]
            if r.reason:
                lines.append(_tr("识别方式：") + r.reason + (_tr("（把握低，请核对）") if r.low else ""))
            return "\n".join(lines) or None
        return None


class DocumentsModel(_Table):
    HEADERS = ("文书", "页码")

    def set_documents(self, documents: Sequence[Any]) -> None:
        self._reset(list(documents))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        pages = tuple(d.pages)
        if role == EVIDENCE_ROLE:
            return (Evidence(pages[0], ""),) if pages else ()
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return d.title or _tr(DOC_TYPES.get(d.type, d.type))
            return f"{pages[0]}–{pages[-1]}" if len(pages) > 1 else (str(pages[0]) if pages else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr(DOC_TYPES.get(d.type, d.type))
        return None
