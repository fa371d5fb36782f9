"""Pieces many documents share: party blocks, officer lines, dates, 落款 with seal."""

from __future__ import annotations

import datetime as dt

from tests.heldout.othergen.model import Block, gap, p, seal, table
from tests.heldout.othergen.people import Officer
from tests.heldout.othergen.plan import Plan
from tests.heldout.othergen.textfmt import fmt_date


def when(plan: Plan, key: str, style: str | None = None) -> str:
    return fmt_date(plan.dates[key], style or plan.style["date"])


def day(d: dt.date, style: str) -> str:
    return fmt_date(d, style)


def name_of(plan: Plan, doc: str) -> str:
    """The party's name as one document prints it (a planted mismatch changes some)."""
    if plan.alt_name and doc in ("notice", "filing", "cover_alt"):
        return plan.alt_name
    return plan.party.name


def off(plan: Plan, o: Officer) -> str:
    sep = plan.style.get("sep_override", "")
    name = o.name
    if sep:
        for s in ("·", "•", "・", " "):
            name = name.replace(s, sep)
    return name


def officers_inline(plan: Plan, *, label: str = "执法人员") -> str:
    """执法人员：A（执法证号：X）、B（执法证号：Y） in one of several printed forms."""
    offs = plan.officers
    cert_label = plan.pick("执法证号", "执法证件号", "证号", "执法证编号")
    certs = [o.cert if not _no_cert(plan, i) else None for i, o in enumerate(offs)]
    form = plan.pick("paren", "parallel", "space") if all(certs) else "paren"
    if len(offs) == 1 or form == "paren":
        parts = [
            f"{off(plan, o)}（{cert_label}：{c}）" if c else off(plan, o) for o, c in zip(offs, certs, strict=True)
        ]
        return f"{label}：" + "、".join(parts)
    if form == "parallel":
        return (
            f"{label}：{'、'.join(off(plan, o) for o in offs)}，{cert_label}分别为{'、'.join(c or '' for c in certs)}"
        )
    return f"{label}：" + "  ".join(f"{off(plan, o)} {c}" for o, c in zip(offs, certs, strict=True))


def _no_cert(plan: Plan, index: int) -> bool:
    return "officer_without_cert" in plan.planted and index == 1


def cert_of(plan: Plan, index: int) -> str:
    return "" if _no_cert(plan, index) else (plan.officers[index].cert or "")


def party_lines(plan: Plan, doc: str, *, style: str | None = None) -> list[Block]:
    """当事人 block of a decision, notice or approval form."""
    pt = plan.party
    style = style or plan.style["decision"]
    name = name_of(plan, doc)
    label = plan.style["party_label"]
    addr = plan.style["addr_label"]
    if pt.kind == "person":
        pers = pt.person
        assert pers is not None
        assert pt.birth is not None
        sex = "男" if pers.male else "女"
        pid = pt.party_id.lower() if pt.party_id.endswith("X") and plan.rng.random() < 0.5 else pt.party_id
        if style in ("address", "eco") or plan.has("unlabelled_party"):
            return [
                p(
                    f"{name}，{sex}，{pers.ethnic}，{pt.birth.year}年{pt.birth.month}月{pt.birth.day}日出生，"
                    f"公民身份号码：{pid}，住址：{pt.address}，联系电话：{pt.phone}。",
                    indent=True,
                )
            ]
        return [
            p("当事人基本情况：", bold=True),
            p(f"姓名：{name}    性别：{sex}    民族：{pers.ethnic}"),
            p(f"出生日期：{pt.birth:%Y年%m月%d日}    身份证号码：{pid}"),
            p(f"{addr}：{pt.address}    联系电话：{pt.phone}"),
        ]
    rep_label = "法定代表人" if pt.kind == "company" else "经营者"
    rep = pt.rep.name if pt.rep else ""
    if style == "eco":
        return [
            p(f"{name}：", bold=True),
            p(f"统一社会信用代码：{pt.party_id}"),
            p(f"{rep_label}（负责人）：{rep}"),
            p(f"{addr}：{pt.address}"),
        ]
    if style == "table":
        rows = [
            ["当事人", name],
            ["统一社会信用代码", pt.party_id],
            [f"{rep_label}", rep],
            [addr.replace(" ", ""), pt.address],
            ["联系电话", pt.phone],
        ]
        return [table(rows, [1.2, 3.0])]
    if style == "address":
        return [
            p(f"{name}：", bold=True),
            p(f"（统一社会信用代码：{pt.party_id}；{rep_label}：{rep}；{addr}：{pt.address}）"),
        ]
    first = f"{label}：{name}" if not label.startswith("（") else f"{label}{name}"
    lines = [p(first)]
    if label == "行政相对人名称":
        lines.append(p(f"行政相对人类别：{'法人及非法人组织' if pt.kind == 'company' else '个体工商户'}"))
        lines.append(p(f"行政相对人代码（统一社会信用代码）：{pt.party_id}"))
    else:
        lines.append(p("主体资格证照名称：营业执照"))
        lines.append(p(f"统一社会信用代码：{pt.party_id}"))
    lines.append(p(f"{addr}：{pt.address}"))
    lines.append(p(f"{rep_label}（负责人、经营者）：{rep}" if plan.rng.random() < 0.5 else f"{rep_label}：{rep}"))
    if pt.rep_id and plan.rng.random() < 0.6:
        lines.append(p(f"身份证件号码：{pt.rep_id}"))
    lines.append(p(f"联系电话：{pt.phone}"))
    return lines


def signoff(plan: Plan, key: str, *, with_seal: bool = True, style: str | None = None) -> list[Block]:
    """落款: agency name, date, seal (or the words （印章） as many scanned texts carry)."""
    out = [gap(14), p(plan.agency.name, align="right")]
    if with_seal and plan.rng.random() < 0.35:
        out.append(p("（印章）", align="right"))
    out.append(p(when(plan, key, style), align="right"))
    if with_seal:
        out.append(seal())
    return out


def approvals(plan: Plan, opinion: str, key: str, *, who: int = 0) -> list[Block]:
    head = plan.agency.heads[who % len(plan.agency.heads)]
    st = plan.pick("cn_upper", "arabic", "dots", "iso", "arabic_pad")
    return [p(f"审批意见：{opinion}"), p(f"负责人签名：{head}        {when(plan, key, st)}", align="right")]


def remedy(plan: Plan) -> str:
    reg = plan.region
    if "no_remedy_notice" in plan.planted:
        if plan.rng.random() < 0.5:
            return "如不服本处罚决定，可以依法申请行政复议或者提起行政诉讼。"
        return ""
    forms = (
        f"如不服本处罚决定，可以在收到本处罚决定书之日起六十日内向{reg.government}申请行政复议；"
        f"也可以在收到本处罚决定书之日起六个月内直接向{reg.court}提起行政诉讼。",
        f"当事人如对本处罚决定不服，可自收到本决定书之日起60日内向{reg.government}申请行政复议，"
        f"或者自收到本决定书之日起6个月内向{reg.court}提起行政诉讼。",
        f"你（单位）如不服本决定，可以在收到本决定书之日起六十日内依法向{reg.government}申请行政复议，"
        f"也可以在六个月内依法向{reg.court}起诉。申请行政复议或者提起行政诉讼，不停止行政处罚决定的执行。",
    )
    return plan.rng.choice(forms)
