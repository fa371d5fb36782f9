"""Opening and investigation documents: cover, case source, filing approval, records, evidence."""

from __future__ import annotations

from tests.heldout.othergen.cases import GOODS
from tests.heldout.othergen.common import cert_of, name_of, off, officers_inline, when
from tests.heldout.othergen.model import Doc, break_, gap, p, photo, table, title
from tests.heldout.othergen.plan import Plan
from tests.heldout.othergen.textfmt import art_text, body_date, fmt_date


def facts(plan: Plan) -> str:
    if "facts" not in plan.facts:
        rng = plan.rng
        goods = rng.choice(GOODS.get(plan.agency.sector, ["物料"]))
        value = rng.randrange(300, 9000)
        plan.facts["place"] = plan.party.address
        plan.facts["facts"] = plan.case.facts.format(
            party=plan.party.name if plan.party.kind != "person" else "当事人",
            date=body_date(plan.dates["inspect"], rng),
            place=plan.party.address,
            goods=goods,
            qty=f"{rng.randrange(2, 40)}{rng.choice(('件', '盒', '瓶', '袋', '处', '平方米', '立方米'))}",
            value=value,
            gain=f"{plan.confiscation or rng.randrange(50, 900):g}",
        )
        plan.facts["goods"] = goods
    return plan.facts["facts"]


def case_title(plan: Plan, doc: str = "") -> str:
    return f"{name_of(plan, doc)}{plan.case.cause}案"


def cite(plan: Plan, provs: tuple, *, quote: bool = False) -> str:  # type: ignore[type-arg]
    style = plan.pick("cn", "cn", "cn_bare", "ar")
    parts = []
    for pr in provs:
        art = (
            ""
            if "provision_not_specific" in plan.planted and pr in plan.case.violated
            else art_text(pr.article, pr.paragraph, pr.item, style=style)
        )
        q = f"“{pr.quote}”" if quote and pr.quote and art else ""
        parts.append(f"《{pr.law}》{art}{q}")
    return "和".join(parts) if len(parts) == 2 else "、".join(parts)


def cover(plan: Plan) -> Doc:
    st = plan.pick("cn_upper", "arabic", "arabic_pad")
    rows = [
        ["案件名称", case_title(plan)],
        ["当事人", plan.party.name],
        ["处罚决定书文号", plan.docnos["decision"] if "missing_document:penalty_decision" not in plan.planted else ""],
        ["办案机构", plan.agency.name],
        ["立案日期", when(plan, "filing", st)],
        ["结案日期", when(plan, "closing", st)],
        ["承办人", "、".join(off(plan, o) for o in plan.officers)],
        ["保管期限", plan.pick("永久", "长期", "30年")],
        ["归档号", f"{plan.dates['closing'].year}{plan.rng.randrange(1, 300):04d}"],
    ]
    head = plan.pick("行政处罚案卷", "行 政 处 罚 案 卷", "案卷封面", f"{plan.agency.name}\n行政处罚案件卷宗")
    return Doc(
        "cover",
        "卷宗封面",
        [
            gap(40),
            title(head, 24),
            gap(30),
            table(rows, [1.2, 3.2], 12),
            gap(20),
            p("本卷共   件   页", align="center"),
        ],
        numbered=False,
    )


def case_source(plan: Plan) -> Doc:
    src = plan.pick("日常检查", "投诉举报", "上级交办", "其他部门移送", "双随机抽查")
    rows = [
        ["案件来源", src],
        ["登记时间", when(plan, "inspect", "arabic")],
        ["当事人", plan.party.name],
        ["联系地址", plan.party.address],
        ["案源内容", facts(plan)],
        ["登记人", off(plan, plan.officers[0])],
        ["处理意见", f"建议核查。    {plan.agency.heads[1]}"],
    ]
    return Doc(
        "case_source",
        "案件来源登记表",
        [
            title(plan.pick("案件来源登记表", "案源登记表")),
            p(
                f"编号：{plan.region.short}案源〔{plan.dates['inspect'].year}〕{plan.rng.randrange(1, 300)}号",
                align="right",
            ),
            table(rows, [1.2, 3.6]),
        ],
        author=plan.agency.name,
        date=fmt_date(plan.dates["inspect"], "iso"),
    )


def filing_approval(plan: Plan) -> Doc:
    pt = plan.party
    st = plan.pick("arabic", "cn_upper", "dots", "arabic_pad", "iso")
    offs = plan.officers
    handler = "、".join(off(plan, o) for o in offs)
    certs = "、".join(c for c in (cert_of(plan, i) for i in range(len(offs))) if c)
    opinion = f"经初步核查，当事人的行为涉嫌违反了{cite(plan, plan.case.violated)}的规定，符合立案条件，建议立案调查。"
    rep = pt.rep.name if pt.rep else (pt.person.name if pt.person else "")
    blocks = [
        title(plan.pick("立案审批表", "立案/不予立案审批表", "行政处罚案件立案审批表", "立 案 审 批 表")),
        p(f"{plan.pick('编号', '立案号', '文号')}：{plan.docnos['filing']}", align="right"),
    ]
    if plan.style["filing"] == "table":
        rows = [
            ["案由", plan.case.cause],
            ["当事人", name_of(plan, "filing")],
            ["统一社会信用代码（身份证号码）", pt.party_id],
            ["法定代表人（负责人）", rep],
            ["地 址", pt.address],
            ["案件来源", plan.pick("日常检查", "投诉举报", "双随机抽查", "上级交办")],
            ["简要案情", facts(plan)],
            ["承办人意见", f"{opinion}\n承办人：{handler}  执法证号：{certs}\n{fmt_date(plan.dates['inspect'], st)}"],
            [
                "承办机构意见",
                f"同意立案，建议由{handler}承办。\n负责人：{plan.agency.heads[1]}  "
                f"{fmt_date(plan.dates['filing'], st)}",
            ],
            ["负责人审批意见", f"同意立案。\n签名：{plan.agency.heads[0]}  {fmt_date(plan.dates['filing'], st)}"],
        ]
        blocks.append(table(rows, [1.3, 3.7]))
    else:
        blocks += [
            p(f"案 由：{plan.case.cause}"),
            p(f"当事人：{name_of(plan, 'filing')}    法定代表人（负责人）：{rep}"),
            p(f"地 址：{pt.address}    联系方式：{pt.phone}"),
            p(f"案件来源：{plan.pick('日常检查', '投诉举报')}"),
            p("案情摘要：", bold=True),
            p(facts(plan), indent=True),
            p(opinion, indent=True),
            p(
                f"经办人1：{off(plan, offs[0])}    经办人2：{off(plan, offs[-1]) if len(offs) > 1 else ''}",
                align="right",
            ),
            p(fmt_date(plan.dates["inspect"], st), align="right"),
            p("审批意见：同意立案。", bold=True),
            p(f"分管负责人：{plan.agency.heads[0]}    立案日期：{fmt_date(plan.dates['filing'], st)}", align="right"),
        ]
    return Doc(
        "filing_approval",
        "立案审批表",
        blocks,
        docno=plan.docnos["filing"],
        author=plan.agency.name,
        date=fmt_date(plan.dates["filing"], "iso"),
    )


def inspection_record(plan: Plan, *, key: str = "inspect", label: str = "现场检查笔录") -> Doc:
    d = plan.dates[key]
    h = plan.rng.randrange(9, 16)
    st = plan.pick("arabic", "arabic_pad")
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    blocks = [
        title(plan.pick(label, "现场检查（勘验）笔录", "现场笔录") if label == "现场检查笔录" else label),
        p(
            f"检查时间：{fmt_date(d, st)}{h}时{plan.rng.randrange(0, 50):02d}分"
            f"至{h + 1}时{plan.rng.randrange(0, 59):02d}分"
        ),
        p(f"检查地点：{plan.party.address}"),
        p(f"被检查人：{plan.party.name}"),
        p(f"现场负责人：{who}    联系电话：{plan.party.phone}"),
        p(officers_inline(plan, label="检查人员")),
        p(f"记录人：{off(plan, plan.officers[-1])}"),
        p(
            f"执法人员向被检查人出示了执法证件，表明了身份，告知了检查的依据和被检查人享有的陈述、申辩及申请回避的权利，"
            f"被检查人表示{plan.pick('清楚，不申请回避', '看清了证件，不申请回避')}。",
            indent=True,
        ),
        p("检查情况：", bold=True),
        p(facts(plan), indent=True),
        p("执法人员当场拍摄了现场照片，并告知当事人立即改正违法行为。", indent=True),
        p("被检查人意见：以上记录属实。    被检查人签名：" + who),
        p("检查人员签名：" + "、".join(off(plan, o) for o in plan.officers), align="right"),
    ]
    return Doc(
        "inspection_record",
        label,
        blocks,
        page_footer="第{n}页 共{total}页          被检查人签名：" + who,
        author=plan.agency.name,
        date=fmt_date(d, "iso"),
    )


def inquiry_record(plan: Plan, key: str, *, witness: bool = False) -> Doc:
    d = plan.dates[key]
    pt = plan.party
    who = pt.rep.name if pt.rep else pt.name
    if witness:
        who = plan.rng.choice(("王", "刘", "马", "艾")) + plan.pick("晓燕", "建华", "丽娜", "山")
    h = plan.rng.randrange(9, 17)
    offs = plan.officers
    recorder = off(plan, offs[-1])
    c0, c1 = cert_of(plan, 0), cert_of(plan, len(offs) - 1)
    head = [
        title(plan.pick("询问笔录", "询问（调查）笔录", "调查询问笔录")),
        p(
            f"询问时间：{fmt_date(d, 'arabic')}{h}时{plan.rng.randrange(0, 30):02d}分"
            f"至{h}时{plan.rng.randrange(31, 59):02d}分"
        ),
        p(f"询问地点：{plan.agency.name}{plan.pick('询问室', '办公室', '执法办案区')}"),
        p(f"询问人：{off(plan, offs[0])}" + (f"    执法证号：{c0}" if c0 else "")),
        p(f"记录人：{recorder}" + (f"    执法证号：{c1}" if c1 and len(offs) > 1 else "")),
        p(f"被询问人：{who}    性别：{plan.pick('男', '女')}    职务：{'员工' if witness else '负责人'}"),
        p(f"工作单位：{pt.name}    联系电话：{pt.phone}"),
    ]
    names = "、".join(off(plan, o) for o in offs)
    qa = [
        (
            "问",
            f"我们是{plan.agency.name}的执法人员{names}，这是我们的执法证件（出示执法证件），请你过目。你是否看清楚？",
        ),
        ("答", "看清楚了。"),
        ("问", "根据法律规定，你有权申请执法人员回避，你是否申请回避？"),
        ("答", "不申请。"),
        ("问", "你应当如实回答询问并协助调查，不得阻挠，你是否清楚？"),
        ("答", "清楚。"),
        ("问", f"请介绍一下{'你单位' if pt.kind != 'person' else '你'}的基本情况。"),
        ("答", f"{pt.name}，地址在{pt.address}，主要由{who}负责。"),
        ("问", f"{body_date(plan.dates['inspect'], plan.rng)}我局执法人员检查时发现的情况是否属实？"),
        ("答", "属实。" + facts(plan).split("，", 2)[-1]),
        ("问", "你对上述行为有什么要说明的？"),
        ("答", plan.pick("我们对法律规定不了解，愿意立即整改。", "是我们管理不到位，已经整改。")),
        ("问", "你还有什么要补充的吗？"),
        ("答", "没有了。"),
        ("问", "请核对以上笔录，如无误请签字。"),
        ("答", "以上笔录我看过，和我说的一样。"),
    ]
    body = [p(f"{q}：{a}") for q, a in qa]
    tail = [
        p(f"被询问人签名：{who}    {fmt_date(d, 'arabic')}"),
        p(f"询问人签名：{off(plan, offs[0])}    记录人签名：{recorder}", align="right"),
    ]
    return Doc(
        "inquiry_record",
        "询问笔录",
        head + body + tail,
        page_footer="第{n}页 共{total}页        被询问人签名：" + who,
        author=plan.agency.name,
        date=fmt_date(d, "iso"),
    )


def evidence_docs(plan: Plan) -> list[Doc]:
    pt = plan.party
    out = []
    if pt.kind != "person":
        rows = [
            ["统一社会信用代码", pt.party_id],
            ["名称", pt.name],
            ["类型", "有限责任公司" if pt.kind == "company" else "个体工商户"],
            ["法定代表人" if pt.kind == "company" else "经营者", pt.rep.name if pt.rep else ""],
            ["经营范围", plan.pick("食品销售；日用百货销售", "一般项目：建筑材料销售", "道路货物运输", "农资销售")],
            ["住所", pt.address],
        ]
        out.append(
            Doc(
                "evidence",
                "营业执照复印件",
                [
                    title("营 业 执 照", 20),
                    p("（副  本）", align="center"),
                    table(rows, [1.3, 3.3]),
                    gap(20),
                    p("此复印件与原件核对无误。    提供人签字：" + (pt.rep.name if pt.rep else "")),
                    p(fmt_date(plan.dates["inspect"], "arabic"), align="right"),
                ],
            )
        )
    pics = [title(plan.pick("现场照片", "证据照片", "现场检查照片"), 16)]
    for k in range(2 if not plan.compact else 1):
        pics.append(
            photo(
                f"照片{k + 1}：拍摄时间 {fmt_date(plan.dates['inspect'], 'iso')}  拍摄人："
                f"{off(plan, plan.officers[0])}  拍摄地点：{pt.address}"
            )
        )
    out.append(Doc("evidence", "现场照片", pics))
    if not plan.compact and plan.rng.random() < 0.6:
        items = [["序号", "证据名称", "来源", "证明内容", "页数"]]
        for k, e in enumerate(plan.case.evidence, 1):
            items.append(
                [
                    str(k),
                    e,
                    plan.pick("执法人员制作", "当事人提供", "调取"),
                    "证明违法事实",
                    str(plan.rng.randrange(1, 4)),
                ]
            )
        out.append(Doc("evidence", "证据清单", [title("证据材料清单", 16), table(items, [0.6, 2.2, 1.3, 2.0, 0.7])]))
    return out


def extension_approval(plan: Plan) -> Doc:
    rows = [
        ["案件名称", case_title(plan)],
        ["当事人", plan.party.name],
        ["审批事项", "延长办案期限"],
        [
            "申请理由",
            f"本案于{fmt_date(plan.dates['filing'], 'arabic')}立案，因需调取当事人异地广告投放数据，案情复杂，"
            "不能在九十日内作出处理决定，依据《市场监督管理行政处罚程序规定》第六十四条第一款，申请延长办案期限三十日。",
        ],
        [
            "承办人",
            "、".join(off(plan, o) for o in plan.officers) + "    " + fmt_date(plan.dates["extension"], "arabic"),
        ],
        [
            "负责人审批意见",
            f"同意延长三十日。    {plan.agency.heads[0]}    {fmt_date(plan.dates['extension'], 'arabic')}",
        ],
    ]
    return Doc(
        "other",
        "行政处罚案件有关事项审批表",
        [title(plan.pick("行政处罚案件有关事项审批表", "延长办案期限审批表")), table(rows, [1.3, 3.6])],
        date=fmt_date(plan.dates["extension"], "iso"),
    )


def correction_order(plan: Plan) -> Doc:
    blocks = [
        title(plan.agency.name, 16),
        title(plan.pick("责令改正通知书", "责令改正违法行为决定书"), 20),
        p(plan.docnos["correction"], align="right"),
        p(f"{plan.party.name}：", bold=True),
        p(
            f"经查，你（单位）存在{plan.case.cause}的行为，违反了{cite(plan, plan.case.violated)}的规定。"
            f"依据{cite(plan, plan.case.basis)}的规定，现责令你（单位）{plan.case.correction}。",
            indent=True,
        ),
        p("如不服本决定，可依法申请行政复议或者提起行政诉讼。", indent=True),
        p(plan.agency.name, align="right"),
        p(fmt_date(plan.dates["inspect"], "arabic"), align="right"),
    ]
    return Doc(
        "other", "责令改正通知书", blocks, docno=plan.docnos["correction"], date=fmt_date(plan.dates["inspect"], "iso")
    )


__all__ = [
    "art_text",
    "break_",
    "case_source",
    "cover",
    "evidence_docs",
    "filing_approval",
    "inquiry_record",
    "inspection_record",
    "table",
    "when",
]
