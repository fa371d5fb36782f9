"""Files that are not penalties: 行政检查, 行政许可 and 行政强制 (查封、扣押)."""

from __future__ import annotations

import datetime as dt

from tests.heldout.othergen import calendar_cn as cal
from tests.heldout.othergen.common import off, officers_inline, party_lines, remedy, signoff, when
from tests.heldout.othergen.docs_a import evidence_docs, facts, inspection_record
from tests.heldout.othergen.model import Doc, p, table, title
from tests.heldout.othergen.plan import Plan
from tests.heldout.othergen.textfmt import body_date, docno, fmt_date


def _receipt(plan: Plan, name: str, number: str, served: dt.date) -> Doc:
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    rows = [["送达文书名称及文号", f"《{name}》（{number}）"], ["受送达人", plan.party.name],
            ["送达方式", "直接送达"], ["受送达人签名或盖章", f"{who}  {fmt_date(served, 'arabic')}"],
            ["送达人", "、".join(off(plan, o) for o in plan.officers)], ["送达时间", fmt_date(served, "arabic")]]
    return Doc("service_receipt", "送达回证", [title(plan.agency.name, 15), title("送达回证"), table(rows, [1.0, 2.2])],
               date=fmt_date(served, "iso"))


def inspection_file(plan: Plan) -> list[Doc]:
    d = plan.dates["inspect"]
    ag = plan.agency
    num = docno(f"{plan.region.short}{ag.word}检通", d.year, str(plan.rng.randrange(1, 300)))
    plan.docnos["main"] = num
    notice = Doc(
        "other",
        "行政检查通知书",
        [
            title(ag.name, 15),
            title("行政检查通知书", 20),
            p(num, align="right"),
            p(f"{plan.party.name}：", bold=True),
            p(
                f"根据《{plan.case.violated[0].law}》及年度行政检查计划（双随机抽查），"
                f"本机关定于{body_date(d, plan.rng)}对你（单位）"
                "进行现场检查。检查人员将出示行政执法证件，你（单位）有权申请回避，并有陈述、申辩的权利。",
                indent=True,
            ),
            *signoff(plan, "inspect"),
        ],
        date=fmt_date(d, "iso"),
    )
    rec = inspection_record(plan, label="现场检查笔录")
    result_no = docno(f"{plan.region.short}{ag.word}检告", d.year, str(plan.rng.randrange(1, 300)))
    result = Doc(
        "other",
        "行政检查结果告知书",
        [
            title(ag.name, 15),
            title("行政检查结果告知书", 20),
            p(result_no, align="right"),
            p(f"{plan.party.name}：", bold=True),
            p(f"本机关于{body_date(d, plan.rng)}对你（单位）进行了检查。检查发现：{facts(plan)}", indent=True),
            p(
                f"现责令你（单位）于{body_date(cal.add_workdays(d, 10), plan.rng)}前{plan.case.correction}，"
                "并书面报告整改情况。",
                indent=True,
            ),
            *signoff(plan, "inspect"),
        ],
        date=fmt_date(d, "iso"),
    )
    return [notice, rec, result, *evidence_docs(plan)[:1], _receipt(plan, "行政检查结果告知书", result_no, d)]


def license_file(plan: Plan) -> list[Doc]:
    ag, pt, d = plan.agency, plan.party, plan.dates
    apply, accept = d["apply"], cal.add_workdays(d["apply"], 2)
    onsite, decided = cal.add_workdays(accept, 3), d["filing"]
    num = docno(f"{plan.region.short}{ag.word}许准", decided.year, str(plan.rng.randrange(10, 900)))
    plan.docnos["main"] = num
    lic_no = f"JY{plan.region.area_code}{plan.rng.randrange(10**7, 10**8)}"
    application = Doc(
        "other",
        "食品经营许可申请书",
        [
            title("食品经营许可申请书"),
            table(
                [
                    ["申请人名称", pt.name],
                    ["统一社会信用代码", pt.party_id],
                    ["法定代表人（负责人）", pt.rep.name if pt.rep else ""],
                    ["经营场所", pt.address],
                    ["申请事项", "食品销售（预包装食品）"],
                    ["申请日期", fmt_date(apply, "arabic")],
                ],
                [1.3, 3.3],
            ),
        ],
        date=fmt_date(apply, "iso"),
    )
    acceptance = Doc(
        "other",
        "受理通知书",
        [
            title(ag.name, 15),
            title("受理通知书", 20),
            p(f"{pt.name}：", bold=True),
            p(
                f"你（单位）于{body_date(apply, plan.rng)}提出的食品经营许可申请，申请材料齐全、符合法定形式，"
                "根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。",
                indent=True,
            ),
            *signoff(plan, "filing", style="arabic"),
        ],
        date=fmt_date(accept, "iso"),
    )
    plan.dates["onsite"] = onsite
    check = Doc(
        "inspection_record",
        "现场核查记录",
        [
            title("食品经营许可现场核查记录"),
            p(f"核查时间：{fmt_date(onsite, 'arabic')}"),
            p(f"核查地点：{pt.address}"),
            p(officers_inline(plan, label="核查人员")),
            p("核查人员出示了执法证件。经核查，经营场所布局、设施设备、食品安全管理制度符合要求。", indent=True),
            p(f"核查结论：符合。    申请人签字：{pt.rep.name if pt.rep else pt.name}"),
        ],
        date=fmt_date(onsite, "iso"),
    )
    decision = Doc(
        "other",
        "准予行政许可决定书",
        [
            title(ag.name, 15),
            title("准予行政许可决定书", 20),
            p(num, align="right"),
            p(f"{pt.name}：", bold=True),
            p(
                f"你（单位）于{body_date(apply, plan.rng)}提出的食品经营许可申请，经审查，符合法定条件，"
                "根据《中华人民共和国行政许可法》"
                f"第三十八条第一款的规定，决定准予行政许可，许可证编号：{lic_no}。",
                indent=True,
            ),
            p(remedy(plan) if "no_remedy_notice" not in plan.planted else "", indent=True),
            *signoff(plan, "filing"),
        ],
        date=fmt_date(decided, "iso"),
    )
    return [
        application,
        acceptance,
        check,
        decision,
        _receipt(plan, "准予行政许可决定书", num, cal.add_workdays(decided, 1)),
    ]


def enforcement_file(plan: Plan) -> list[Doc]:
    ag, pt, d = plan.agency, plan.party, plan.dates
    num = docno(f"{plan.region.short}{ag.word}强字", d["filing"].year, str(plan.rng.randrange(1, 300)))
    plan.docnos["main"] = num
    rel = docno(f"{plan.region.short}{ag.word}解强", d["release"].year, str(plan.rng.randrange(1, 300)))
    approval = Doc(
        "other",
        "实施行政强制措施审批表",
        [
            title("行政强制措施审批表"),
            table(
                [
                    ["当事人", pt.name],
                    ["措施种类", "扣押"],
                    ["理由", facts(plan)],
                    ["承办人", "、".join(off(plan, o) for o in plan.officers)],
                    ["负责人意见", f"同意扣押。  {ag.heads[0]}  {when(plan, 'filing', 'arabic')}"],
                ],
                [1.2, 3.6],
            ),
        ],
        date=fmt_date(d["filing"], "iso"),
    )
    onsite = inspection_record(plan, key="filing", label="现场笔录")
    items = [["序号", "名称", "规格", "数量", "备注"]] + [
        [str(k), f"{plan.pick('涉案物品', '货物', '设备')}{k}", "—", str(plan.rng.randrange(1, 40)), ""]
        for k in range(1, 4)
    ]
    decision = Doc(
        "other",
        "实施行政强制措施决定书",
        [
            title(ag.name, 15),
            title("实施行政强制措施决定书", 19),
            p(num, align="right"),
            *party_lines(plan, "decision", style="labels"),
            p(
                f"经查，{facts(plan)}依据《中华人民共和国行政强制法》第二十五条及相关法律规定，本机关决定对你（单位）的下列财物实施扣押，"
                "期限为三十日。",
                indent=True,
            ),
            table(items, [0.6, 2, 1, 0.8, 1]),
            p(remedy(plan), indent=True),
            *signoff(plan, "filing"),
        ],
        date=fmt_date(d["filing"], "iso"),
    )
    release = Doc(
        "other",
        "解除行政强制措施决定书",
        [
            title(ag.name, 15),
            title("解除行政强制措施决定书", 19),
            p(rel, align="right"),
            p(f"{pt.name}：", bold=True),
            p(
                f"本机关于{body_date(d['filing'], plan.rng)}对你（单位）的财物实施了扣押（{num}），现决定予以解除。",
                indent=True,
            ),
            *signoff(plan, "release"),
        ],
        date=fmt_date(d["release"], "iso"),
    )
    return [approval, onsite, decision, _receipt(plan, "实施行政强制措施决定书", num, d["filing"]), release]
