"""双公示 行政处罚 fields from a dossier's extracted fields (pure functions, no database).

The field names are those of the 行政处罚 data items the 信用 "双公示" (行政许可和行政处罚等信用信息自作出决定之
日起 7 个工作日内上网公开) exchange uses, as 信用中国 and the 地方信用门户网站 collect them (see
resources/export/xzcf-shuanggongshi.schema.json for each field, its source and how it is filled here).
A value the extraction did not find stays empty: never a guess.

Masking for 公示: the natural persons' data the 公示 rules keep out of public view — 身份证号码, 通讯方式
(phones), 银行账号, 家庭住址, and the names of natural persons (a natural-person party reads 张某某) — are
masked in every text field (:func:`app.reports.masking.mask_text`); an organisation's name stays. A person's
ID number never goes into 统一社会信用代码 (only a GB 32100 code does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.reports.masking import mask_name, mask_text

CASE_FIELDS = (
    "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "决定书文号", "违法行为类型", "违法事实",
    "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）",
    "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码",
    "数据来源单位", "数据来源单位统一社会信用代码", "备注",
)
REVIEW_FIELDS = ("案件序号", "决定书文号", "被评查单位", "案卷文件", "案卷SHA256", "评查活动", "得分", "满分", "等次",
                 "否决", "评查状态", "扣分合计", "评查问题")
MONEY = ("罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）")
PERSON, ORGANISATION, SOLE_TRADER = "自然人", "法人及非法人组织", "个体工商户"
YUAN_PER_WAN = Decimal(10000)
PUBLIC_YEARS = 1  # 发改办财金规〔2019〕527号: 行政处罚信息公示期限一年（严重失信三年）, from the decision date


def yuan_to_wan(yuan: Any) -> str:
    """Yuan (a number or its text) as 万元, exactly: 5000 → "0.5", 320.5 → "0.03205"; "" when unknown."""
    if yuan is None or yuan == "":
        return ""
    try:
        value = Decimal(str(yuan))
    except InvalidOperation:
        return ""
    if not value.is_finite() or value < 0:
        return ""
    return _plain(value / YUAN_PER_WAN)


def wan_to_yuan(wan: str) -> Decimal | None:
    """The inverse of :func:`yuan_to_wan` (exact)."""
    text = str(wan).strip()
    return Decimal(text) * YUAN_PER_WAN if text else None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def value(fields: Mapping[str, Any], key: str) -> Any:
    """An extracted value (a plain value, or ``{"value": …}`` with its confidence)."""
    v = fields.get(key)
    return v.get("value") if isinstance(v, dict) and "value" in v else v


def credit_code(party_id: Any) -> str:
    """统一社会信用代码 of the party where it is a valid GB 32100 code (its check character included), never a
    person's ID number (which has the same length)."""
    from stdnum.cn import uscc

    text = str(party_id or "").strip().upper()
    return text if uscc.is_valid(text) else ""


def party_kind(fields: Mapping[str, Any]) -> str:
    code = credit_code(value(fields, "party_id"))
    if value(fields, "party_type") == "person":
        return SOLE_TRADER if code.startswith("92") else PERSON
    if value(fields, "party_type") == "organization" or code:
        return ORGANISATION
    return ""


def provisions(items: Any) -> str:
    """处罚依据 as 《法》第N条第M款第K项, "；"-joined."""
    out = []
    for p in items if isinstance(items, list) else []:
        if not isinstance(p, dict) or not p.get("law"):
            continue
        parts = [f"《{p['law']}》"]
        for key, unit in (("article", "条"), ("paragraph", "款"), ("item", "项")):
            if p.get(key):
                parts.append(f"第{p[key]}{unit}")
        out.append("".join(parts))
    return "；".join(dict.fromkeys(out))


def _content(kinds: list[str], fine: Any, confiscated: Any) -> str:
    out = []
    for kind in kinds:
        if kind == "罚款" and fine not in (None, ""):
            out.append(f"罚款人民币{_plain(Decimal(str(fine)))}元")
        elif kind in ("没收违法所得", "没收非法财物") and confiscated not in (None, ""):
            out.append(f"{kind}人民币{_plain(Decimal(str(confiscated)))}元")
        else:
            out.append(kind)
    return "；".join(out)


def _violation(title: Any, party: str) -> str:
    text = str(title or "").strip()
    if party and text.startswith(party):
        text = text[len(party):]
    return text[:-1] if text.endswith("案") else text


def public_until(decided: dt.date) -> dt.date:
    try:
        return decided.replace(year=decided.year + PUBLIC_YEARS)
    except ValueError:  # 29 February
        return decided.replace(year=decided.year + PUBLIC_YEARS, day=28)


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def case_row(fields: Mapping[str, Any], *, case_number: str, party: str, organ: str, mask: bool) -> dict[str, str]:
    """The 21 双公示 行政处罚 fields of one reviewed dossier (all text; money in 万元 exactly)."""
    kind = party_kind(fields)
    kinds = [str(k) for k in value(fields, "penalty_types") or [] if k]
    fine, confiscated = value(fields, "fine_amount"), value(fields, "confiscation_amount")
    decided = _date(value(fields, "decision_date"))
    name = str(party or value(fields, "party_name") or "").strip()
    shown = mask_name(name) if mask and kind in (PERSON, SOLE_TRADER) and not credit_code(value(fields, "party_id")) \
        else name
    keep = () if kind in (PERSON, SOLE_TRADER) else (name,)

    def text(t: str) -> str:
        return mask_text(t, names=(name,) if kind == PERSON else (), keep=keep) if mask and t else t

    return {
        "行政相对人名称": shown, "行政相对人类别": kind, "统一社会信用代码": credit_code(value(fields, "party_id")),
        "法定代表人": text(str(value(fields, "legal_representative") or "")),
        "决定书文号": case_number or str(value(fields, "case_number") or ""),
        "违法行为类型": text(_violation(value(fields, "case_title"), name)),
        "违法事实": text(str(value(fields, "violation_facts") or "")),
        "处罚依据": provisions(value(fields, "penalty_provisions")), "处罚类别": "；".join(kinds),
        "处罚内容": _content(kinds, fine, confiscated),
        "罚款金额（万元）": yuan_to_wan(fine) if "罚款" in kinds or fine else "",
        "没收违法所得、没收非法财物的金额（万元）": yuan_to_wan(confiscated),
        "暂扣或吊销证照名称及编号": "", "处罚决定日期": decided.isoformat() if decided else "",
        "处罚有效期": "", "公示截止期": public_until(decided).isoformat() if decided else "",
        "处罚机关": organ, "处罚机关统一社会信用代码": "", "数据来源单位": organ,
        "数据来源单位统一社会信用代码": "", "备注": "",
    }
