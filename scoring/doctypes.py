"""The one table of dossier document types: id, Chinese label, title variants, which case kinds need it.

Extraction segments pages by the titles here, the completeness rule asks for the types a case kind
requires, findings, reports and the window print the label. A new document type is one more row here
(plus the code that reads what is particular to it). Titles are those of the national and provincial
template sets (市场监督管理行政处罚文书格式范本, 河南省行政处罚文书格式范本) and the binding guides
(domain-research.md §3.3); an organ's name may stand before any of them. Titles of documents outside
the contract's list (强制措施, 责令改正, 决定审批表 …) belong to ``other``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocType:
    id: str  # the contract's type id (extraction-contract.md "Document types")
    label: str  # Chinese name shown in findings, reports and the window
    stage: str  # the procedural step it records, for messages about dates ("立案", "告知书")
    titles: tuple[str, ...]  # printed titles that start a document of this type (first: the usual one)
    required_in: tuple[str, ...] = ()  # case kinds whose every dossier must hold one
    main_in: tuple[str, ...] = ()  # case kinds that cannot be scored automatically without it


DOCUMENT_TYPES: tuple[DocType, ...] = (
    DocType(
        "cover",
        "卷宗封面",
        "封面",
        titles=(
            "卷宗封面",
            "案卷封面",
            "行政处罚案卷",
            "行政执法案卷",
            "行政处罚案件卷宗",
            "行政处罚卷宗",
            "行政执法卷宗",
            "案件卷宗",
            "行政许可案卷",
            "行政强制案卷",
            "行政检查案卷",
            "执法案卷",
        ),
    ),
    DocType(
        "toc",
        "卷内文件目录",
        "目录",
        titles=(
            "卷内文件目录",
            "卷内目录",
            "案卷材料目录",
            "卷内文书目录",
            "卷内材料目录",
            "案卷目录",
            "目录",
        ),
    ),
    DocType(
        "case_source",
        "案件来源登记表",
        "案件来源登记",
        titles=(
            "案件来源登记表",
            "案源登记表",
            "举报案件登记表",
            "投诉案件登记表",
            "举报投诉案件登记表",
            "投诉举报登记表",
            "案件线索登记表",
            "案件来源登记审批表",
            "线索登记表",
        ),
    ),
    DocType(
        "filing_approval",
        "立案审批表",
        "立案",
        titles=(
            "立案审批表",
            "立案不予立案审批表",
            "行政处罚案件立案审批表",
            "立案呈批表",
            "立案审批单",
            "立案登记表",
            "案件立案审批表",
            "立案报告表",
            "立案决定书",
        ),
        required_in=("penalty",),
    ),
    DocType(
        "inspection_record",
        "现场检查笔录",
        "现场检查笔录",
        titles=(
            "现场检查笔录",
            "现场笔录",
            "勘验笔录",
            "现场勘验笔录",
            "检查笔录",
            "现场检查勘验笔录",
            "现场勘查笔录",
            "检查勘验笔录",
            "现场检查记录",
        ),
    ),
    DocType(
        "inquiry_record",
        "询问笔录",
        "询问笔录",
        titles=(
            "询问笔录",
            "调查询问笔录",
            "询问调查笔录",
            "调查笔录",
            "询问记录",
        ),
    ),
    DocType(
        "evidence",
        "证据材料",
        "取证",
        titles=(
            "证据提取单",
            "电子数据证据提取笔录",
            "抽样记录",
            "抽样检验记录",
            "检验报告",
            "检测报告",
            "鉴定意见书",
            "证据材料",
            "证据目录",
            "证据清单",
            "照片证据",
            "现场照片",
            "证据照片",
            "营业执照复印件",
            "身份证复印件",
            "授权委托书",
            "先行登记保存证据通知书",
            "先行登记保存证据审批表",
            "证据登记保存清单",
            "检验结果告知书",
            "证明材料",
            "书证",
        ),
    ),
    DocType(
        "investigation_report",
        "案件调查终结报告",
        "调查终结报告",
        titles=(
            "案件调查终结报告",
            "调查终结报告",
            "案件调查报告",
            "调查终结审批表",
            "案件调查终结审批表",
        ),
    ),
    DocType(
        "legal_review",
        "法制审核意见",
        "法制审核",
        titles=(
            "法制审核意见书",
            "法制审核表",
            "案件审核表",
            "案件核审表",
            "重大执法决定法制审核意见书",
            "法制审核意见表",
            "重大行政执法决定法制审核意见书",
            "法制审核意见",
            "案件法制审核表",
            "重大执法决定法制审核表",
        ),
    ),
    DocType(
        "collective_discussion",
        "集体讨论记录",
        "集体讨论",
        titles=(
            "集体讨论记录",
            "案件集体讨论记录",
            "重大案件集体讨论记录",
            "重大复杂案件集体讨论笔录",
            "案件讨论记录",
            "负责人集体讨论记录",
            "集体讨论笔录",
            "重大案件集体讨论笔录",
            "行政处罚案件集体讨论记录",
            "案件集体讨论笔录",
        ),
    ),
    DocType(
        "penalty_notice",
        "行政处罚告知书",
        "告知书",
        titles=(
            "行政处罚告知书",
            "行政处罚事先告知书",
            "行政处罚听证告知书",
            "行政处罚权利告知书",
            "行政处罚事先听证告知书",
            "事先告知书",
            "处罚告知书",
            "行政处罚意见告知书",
        ),
        required_in=("penalty",),
    ),
    DocType(
        "statement_record",
        "陈述申辩笔录",
        "陈述申辩笔录",
        titles=(
            "陈述申辩笔录",
            "陈述申辩书",
            "陈述申辩记录",
            "复核意见书",
            "陈述申辩复核意见书",
            "陈述申辩意见书",
            "陈述笔录",
            "申辩笔录",
            "当事人陈述申辩笔录",
        ),
    ),
    DocType(
        "hearing",
        "听证笔录",
        "听证",
        titles=(
            "听证告知书",
            "听证通知书",
            "听证笔录",
            "听证报告",
            "听证申请书",
            "行政处罚听证申请书",
            "听证会通知书",
            "听证意见书",
            "行政处罚听证通知书",
            "听证会笔录",
            "听证会报告",
        ),
    ),
    DocType(
        "penalty_decision",
        "行政处罚决定书",
        "处罚决定",
        titles=(
            "行政处罚决定书",
            "当场行政处罚决定书",
            "不予行政处罚决定书",
            "处罚决定书",
            "简易程序行政处罚决定书",
        ),
        required_in=("penalty",),
        main_in=("penalty",),
    ),
    DocType(
        "service_receipt",
        "送达回证",
        "送达",
        titles=(
            "送达回证",
            "文书送达回证",
            "行政处罚文书送达回证",
            "邮寄回执",
            "送达回执",
            "送达公告",
            "送达证明",
            "邮寄送达回执",
        ),
        required_in=("penalty",),
    ),
    DocType(
        "payment_receipt",
        "罚没款缴款凭证",
        "缴款",
        titles=(
            "罚没款缴款凭证",
            "缴款书",
            "非税收入一般缴款书",
            "罚没款收据",
            "缴款凭证",
            "罚款收据",
            "银行缴款回单",
            "罚没收入缴款书",
            "缴款回执",
            "政府非税收入缴款书",
            "罚没款缴纳凭证",
            "电子缴税付款凭证",
            "缴税付款凭证",
            "非税收入缴款书",
            "罚没款票据",
            "罚没财物专用票据",
        ),
    ),
    DocType(
        "closing_report",
        "结案报告",
        "结案",
        titles=(
            "结案报告",
            "结案审批表",
            "行政处罚案件结案审批表",
            "结案呈批表",
            "结案报告表",
            "案件结案报告",
            "结案登记表",
        ),
    ),
    DocType(
        "remarks",
        "备考表",
        "备考",
        titles=(
            "备考表",
            "卷内备考表",
            "案卷备考表",
        ),
    ),
    DocType(
        "other",
        "其他材料",
        "其他",
        titles=(
            "行政处罚决定审批表",
            "处罚决定审批表",
            "案件处理呈批表",
            "行政处罚案件有关事项审批表",
            "有关事项审批表",
            "送达地址确认书",
            "询问通知书",
            "责令改正通知书",
            "责令限期改正通知书",
            "实施行政强制措施决定书",
            "查封扣押决定书",
            "扣押决定书",
            "查封决定书",
            "解除行政强制措施决定书",
            "延长行政强制措施期限决定书",
            "财物清单",
            "场所设施财物清单",
            "案件移送函",
            "涉嫌犯罪案件移送书",
            "指定管辖通知书",
            "案件交办通知书",
            "协助调查函",
            "催告书",
            "强制执行申请书",
            "行政强制执行决定书",
            "延期分期缴纳罚款审批表",
            "延期分期缴纳罚款通知书",
            "行政许可申请书",
            "受理通知书",
            "准予行政许可决定书",
            "不予行政许可决定书",
            "行政处罚信息公示",
            "限期提供材料通知书",
            "解除先行登记保存证据通知书",
            "延长办案期限审批表",
            "案件延期审批表",
            "责令改正违法行为决定书",
            "责令改正决定书",
            "责令限期改正决定书",
            "责令改正违法行为通知书",
            "行政检查通知书",
            "检查通知书",
            "检验结果告知书",
            "检验检测结果告知书",
        ),
    ),
)


@functools.cache
def _by_id() -> dict[str, DocType]:
    return {d.id: d for d in DOCUMENT_TYPES}


def doc_type(type_id: str) -> DocType | None:
    return _by_id().get(type_id)


def label(type_id: str) -> str:
    """The Chinese name of a type id (the id itself when unknown)."""
    found = doc_type(type_id)
    return found.label if found is not None else type_id


def type_ids() -> tuple[str, ...]:
    return tuple(d.id for d in DOCUMENT_TYPES)


def labels() -> dict[str, str]:
    return {d.id: d.label for d in DOCUMENT_TYPES}


def required_for(case_kind: str) -> tuple[str, ...]:
    """Types every dossier of this case kind must hold (conditional ones are decided by the rules)."""
    return tuple(d.id for d in DOCUMENT_TYPES if case_kind in d.required_in)


def main_for(case_kind: str) -> tuple[str, ...]:
    """Types without which a dossier of this kind cannot be scored automatically."""
    return tuple(d.id for d in DOCUMENT_TYPES if case_kind in d.main_in)
