"""Documents of the filing and investigation stages: cover, source, filing approval, records, evidence, report."""

from __future__ import annotations

import datetime as dt

from tests.corpus.blocks import (
    Break,
    Citer,
    Doc,
    Hand,
    Para,
    Photo,
    Sign,
    Table,
    Title,
    d,
    dt_,
    facts,
    officer_text,
    party_lines,
    title_block,
)
from tests.corpus.plan import Plan


def all_officers(plan: Plan) -> list[int]:
    return list(range(len(plan.officers)))


def lead_officers(plan: Plan) -> list[int]:
    return list(range(min(2, len(plan.officers))))


def cover(plan: Plan, *, name: str, n_items: int, n_pages: int) -> Doc:
    rows = [
        ["案件名称", plan.case_title],
        ["处罚决定书文号", plan.case_number],
        ["当事人", name],
        ["办案机构", plan.unit],
        ["立案日期", d(plan, plan.dates.filing)],
        ["结案日期", d(plan, plan.dates.closing)],
        ["保管期限", "永久" if plan.major else "三十年"],
        ["卷内件数", f"{n_items}件"],
        ["卷内页数", f"{n_pages}页"],
        ["归档号", f"{plan.dates.closing.year}{plan.seed % 9000 + 1:04d}"],
    ]
    head = Title([plan.unit, "行政处罚案卷"], size=22.0)
    if plan.style["cover"] == "table":
        blocks: list = [head, Para(""), Table(rows, [0.3, 0.7], size=12.0)]
    else:
        blocks = [head, Para("")] + [Para(f"{k}：{v}", indent=False, size=13.0) for k, v in rows]
    return Doc("cover", "行政处罚案卷", blocks, numbered=False, party_name=name)


def toc(plan: Plan, entries: list[tuple[str, str, str, str]]) -> Doc:
    """entries: (文号, 题名, 日期, 页号)."""
    rows = [["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]]
    for i, (num, title, day, page) in enumerate(entries, 1):
        rows.append([str(i), num, plan.unit.replace(plan.city, ""), title, day, page, ""])
    widths = [0.06, 0.22, 0.16, 0.28, 0.13, 0.07, 0.08]
    return Doc("toc", "卷内文件目录", [Title(["卷内文件目录"]), Table(rows, widths, size=8.5)], numbered=False)


def case_source(plan: Plan) -> Doc:
    src = "日常检查" if plan.seed % 3 else "投诉举报"
    rows = [
        ["案件来源", src],
        ["登记时间", d(plan, plan.dates.source)],
        ["当事人", plan.party.name],
        ["联系地址", plan.party.address],
        ["基本情况", f"{d(plan, plan.dates.source)}，执法人员在{src}中发现当事人涉嫌{plan.violation.act}。"],
        ["登记人", plan.officers[0].name],
        ["负责人意见", f"建议立案调查。\n{plan.head.name}  {d(plan, plan.dates.source)}"],
    ]
    return Doc("case_source", "案件来源登记表", [title_block(plan, "案件来源登记表"), Table(rows, [0.25, 0.75])],
               officers=[0], party_name=plan.party.name)


def filing(plan: Plan, *, name: str) -> Doc:
    pt = plan.party
    idx = lead_officers(plan)
    who = officer_text(plan, idx)
    propose = plan.dates.source if plan.seed % 2 else plan.dates.filing
    opinion = f"当事人涉嫌{plan.violation.act}，建议立案调查。\n承办人：{who}\n{d(plan, propose)}"
    head = (
        f"同意立案，由{officer_text(plan, idx, with_cert=False)}承办。\n"
        f"负责人：{plan.head.name}\n{d(plan, plan.dates.filing)}"
    )
    id_rows = [["单位名称" if pt.kind == "organization" else "当事人", name], [pt.id_label, pt.pid]]
    if pt.rep is not None and pt.kind != "person":
        id_rows.append([pt.rep_label, pt.rep.name])
    id_rows += [["地址", pt.address], ["联系电话", pt.phone]]
    rows = [
        ["案件名称", plan.case_title],
        ["案件来源", "日常检查"],
        *id_rows,
        ["简要案情", f"{d(plan, plan.dates.inspection)}，执法人员在检查中发现，{facts(plan)}。"],
        ["承办人意见", opinion],
        ["负责人审批意见", head],
    ]
    if plan.style["filing_date_row"] == "yes":
        rows.append(["立案日期", d(plan, plan.dates.filing)])
    title = "立案审批表" if plan.seed % 3 else "行政处罚案件立案审批表"
    blocks: list = [title_block(plan, title)]
    if plan.style["filing"] == "table":
        blocks.append(Table(rows, [0.22, 0.78]))
    else:
        blocks += [Para(f"{k}：{v}".replace("\n", "  "), indent=False) for k, v in rows]
    return Doc("filing_approval", title, blocks, officers=idx, party_name=name)


def inspection(plan: Plan) -> Doc:
    idx = all_officers(plan)
    day = plan.dates.inspection
    lines = [
        f"检查时间：{dt_(plan, day, '9时30分')}至10时40分",
        f"检查地点：{plan.party.address}",
        f"被检查人：{plan.party.name}",
        f"执法人员：{officer_text(plan, idx)}",
        f"记录人：{plan.officers[-1].name if plan.recorder_is_officer else plan.hearing_clerk.name}",
        "执法人员向被检查人出示了执法证件，告知其有申请回避的权利，被检查人表示不申请回避。",
        f"检查情况：经检查，{facts(plan)}。执法人员对现场进行了拍照取证。",
        "（以下空白）",
    ]
    blocks: list = [title_block(plan, plan.style["inspect_title"])]
    blocks += [Para(t, indent=False) for t in lines]
    rep = plan.party.rep.name if plan.party.rep else plan.party.name
    blocks += [
        Hand("被检查人签名：", f"{rep}  {d(plan, day, 'hand_date')}"),
        Hand("执法人员签名：", "、".join(plan.officers[i].name for i in idx)),
    ]
    return Doc("inspection_record", plan.style["inspect_title"], blocks, officers=idx)


def inquiry(plan: Plan) -> Doc:
    idx = lead_officers(plan)
    day = plan.dates.inquiry
    rep = plan.party.rep
    assert rep is not None
    agency = plan.agency
    head = [
        f"询问时间：{dt_(plan, day, '14时10分')}至15时25分",
        f"询问地点：{agency}办公室",
        f"询问人：{officer_text(plan, idx)}",
        f"记录人：{plan.officers[1].name if plan.recorder_is_officer and len(idx) > 1 else plan.hearing_clerk.name}",
        f"被询问人：{rep.name}，性别：{'男' if rep.male else '女'}，身份证号：{rep.ric}",
        f"工作单位及职务：{plan.party.name if plan.party.kind != 'person' else '无'}"
        f"{'，' + (plan.party.rep_label or '') if plan.party.kind != 'person' else ''}",
    ]
    qa = [
        ("问", f"我们是{agency}的执法人员，这是我们的执法证件，请你过目。你是否看清楚了？"),
        ("答", "看清楚了。"),
        ("问", "根据法律规定，你有申请执法人员回避的权利，你是否申请回避？"),
        ("答", "不申请。"),
        ("问", "你应当如实回答询问，并协助调查，不得阻挠。你听明白了吗？"),
        ("答", "明白。"),
        ("问", "请介绍一下当事人的基本情况。"),
        ("答", f"{plan.party.name}，地址在{plan.party.address}。"),
        ("问", f"{d(plan, plan.dates.inspection)}执法人员检查时发现的问题，你是否清楚？"),
        ("答", "清楚，" + facts(plan).replace("当事人", "我们") + "。"),
        ("问", "上述情况持续了多长时间？获利多少？"),
        ("答", f"大概有{plan.qty % 20 + 2}天，具体获利我们会提供账本。"),
        ("问", "你还有什么要补充的吗？"),
        ("答", "没有了，我们以后一定改正。"),
    ]
    blocks: list = [title_block(plan, plan.style["inquiry_title"])]
    blocks += [Para(t, indent=False) for t in head]
    blocks += [Para(f"{q}：{a}", indent=False) for q, a in qa]
    blocks += [
        Para("以上笔录我已看过，与我说的一致。", indent=False),
        Hand("被询问人签名：", f"{rep.name}  {d(plan, day, 'hand_date')}"),
        Hand("询问人签名：", "、".join(plan.officers[i].name for i in idx)),
    ]
    footer = "第{k}页 共{n}页" if plan.style["inquiry_footer"] == "yes" else None
    return Doc("inquiry_record", plan.style["inquiry_title"], blocks, officers=idx, footer=footer)


def evidence(plan: Plan) -> Doc:
    pt = plan.party
    if pt.kind == "person":
        assert pt.rep is not None
        body = [
            f"姓名：{pt.rep.name}",
            f"性别：{'男' if pt.rep.male else '女'}",
            f"住址：{pt.address}",
            f"公民身份号码：{pt.rep.ric}",
        ]
        title = "居民身份证复印件"
    else:
        assert pt.rep is not None
        label = "经营者" if pt.kind == "individual_business" else "法定代表人"
        body = [
            f"注册号：{pt.reg_no}" if pt.reg_no else f"{pt.id_label}：{pt.pid}",
            f"名称：{pt.name}",
            f"类型：{'个体工商户' if pt.kind == 'individual_business' else '有限责任公司'}",
            f"{label}：{pt.rep.name}",
            f"住所：{pt.address}",
        ]
        title = "营业执照（副本）复印件"
    blocks: list = [
        Title([title], size=16.0),
        *[Para(t, indent=False) for t in body],
        Para("以上复印件与原件核对无误。", indent=False),
        Hand("提供人签名：", f"{pt.rep.name}  {d(plan, plan.dates.inquiry, 'hand_date')}"),
        Break(),
        Title(["现场照片"], size=16.0),
        Photo(f"拍摄时间：{d(plan, plan.dates.inspection)}  拍摄地点：{pt.address}"),
        Hand("拍摄人：", "、".join(o.name for o in plan.officers[:2])),
    ]
    if plan.goods:
        blocks += [Break(), *_ledger(plan)]
    return Doc("evidence", title, blocks, officers=lead_officers(plan), scanned=plan.style["scanned_evidence"] == "yes")


def _ledger(plan: Plan) -> list:
    """A copy of the party's purchase ledger: dates and sums that are not the case's (distractors)."""
    rows = [["日期", "品名", "数量", "单价（元）", "金额（元）", "供货单位"]]
    for k in range(5):
        day = plan.dates.inspection - dt.timedelta(days=7 * (k + 1) + plan.seed % 5)
        qty = 3 + (plan.seed + 7 * k) % 40
        price = 12.5 + (plan.seed * 3 + k * 11) % 90
        rows.append(
            [
                d(plan, day),
                plan.goods,
                str(qty),
                f"{price:.2f}",
                f"{qty * price:.2f}",
                f"{plan.city.replace('第八师', '')}{'华联丰源宏达'[k % 5 : k % 5 + 2]}商贸有限公司",
            ]
        )
    return [
        Title(["进货台账（复印件）"], size=15.0),
        Table(rows, [0.16, 0.2, 0.1, 0.14, 0.14, 0.26], size=9.5),
        Para("以上复印件与原件核对无误。", indent=False),
    ]


def report(plan: Plan, cite: Citer) -> Doc:
    v = plan.violation
    idx = lead_officers(plan)
    text = [
        "一、当事人基本情况",
        *party_lines(plan),
        "二、案件来源及调查经过",
        f"{d(plan, plan.dates.inspection)}，执法人员在日常检查中发现当事人涉嫌{v.act}，"
        f"经批准于{d(plan, plan.dates.filing)}立案调查。",
        "三、违法事实及证据",
        f"经查，{facts(plan)}。",
        "以上事实有现场检查笔录、询问笔录、营业执照复印件、现场照片等证据证实。",
        "四、处理意见",
        f"当事人的行为违反了{cite.cite(v.violated, vague=plan.vague('violated'))}的规定。"
        f"依据{cite.cite(v.penalty, vague=plan.vague('penalty'))}的规定，"
        f"建议给予当事人行政处罚。",
    ]
    blocks: list = [title_block(plan, "案件调查终结报告")]
    blocks += [Para(t, indent=not t[:2].endswith("、")) for t in text]
    blocks += [
        Hand("承办人：", officer_text(plan, idx, with_cert=False)),
        Para(d(plan, plan.dates.report), align="right"),
    ]
    return Doc("investigation_report", "案件调查终结报告", blocks, officers=idx)


def legal_review(plan: Plan) -> Doc:
    title = "法制审核意见书" if plan.seed % 2 else "重大执法决定法制审核意见书"
    rows = [
        ["案件名称", plan.case_title],
        ["当事人", plan.party.name],
        ["承办机构", plan.sector.investigators_unit],
        ["审核意见", "经审核，本案事实清楚，证据确凿，适用依据正确，程序合法，处罚适当，同意承办机构意见。"],
        ["审核人", "、".join(p.name for p in plan.reviewers)],
        ["审核日期", d(plan, plan.dates.legal_review)],
    ]
    return Doc("legal_review", title, [title_block(plan, title), Table(rows, [0.22, 0.78])])


def discussion(plan: Plan) -> Doc:
    day: dt.date = plan.dates.discussion
    lines = [
        f"时间：{dt_(plan, day, '15时00分')}",
        f"地点：{plan.agency}会议室",
        f"主持人：{plan.head.name}",
        f"参加人员：{'、'.join(p.name for p in plan.attendees)}",
        f"记录人：{plan.hearing_clerk.name}",
        f"讨论案件：{plan.case_title}",
        "讨论内容：承办人汇报了案件的调查情况和处理意见，参加人员进行了讨论。",
        "结论：本案事实清楚，证据充分，同意承办机构提出的处罚意见。",
    ]
    title = "集体讨论记录" if plan.seed % 2 else "重大案件集体讨论记录"
    blocks: list = [title_block(plan, title)] + [Para(t, indent=False) for t in lines]
    blocks.append(Hand("参加人员签名：", "、".join(p.name for p in [plan.head, *plan.attendees])))
    return Doc("collective_discussion", title, blocks)


def sign(plan: Plan, day: dt.date, *, seal: bool = True) -> Sign:
    return Sign(
        [plan.agency, d(plan, day, "formal_date")],
        seal=plan.agency if seal else None,
        over_text=plan.style["seal_over_text"] == "yes",
    )
