"""Review stage: investigation report, 法制审核, 告知书, 陈述申辩, 听证, 集体讨论, decision approval."""

from __future__ import annotations

from tests.heldout.othergen.common import name_of, off, party_lines, signoff, when
from tests.heldout.othergen.docs_a import case_title, cite, facts
from tests.heldout.othergen.model import Doc, gap, p, table, title
from tests.heldout.othergen.plan import Plan
from tests.heldout.othergen.textfmt import body_date, fmt_date, money_phrase


def penalty_words(plan: Plan, fine: float | None) -> str:
    parts = []
    for t in plan.types:
        if t == "罚款" and fine is not None:
            parts.append(f"罚款{money_phrase(fine, plan.rng)}")
        elif t == "没收违法所得" and plan.confiscation is not None:
            parts.append(f"没收违法所得{money_phrase(plan.confiscation, plan.rng)}")
        elif t == "没收非法财物":
            parts.append(f"没收{plan.case.confiscate or '涉案物品'}")
        elif t == "责令停产停业":
            parts.append(f"责令停产停业{plan.pick('一个月', '三十日', '两个月')}")
        else:
            parts.append(t)
    return "；".join(f"{k}.{w}" for k, w in enumerate(parts, 1)) if len(parts) > 1 else parts[0]


def investigation_report(plan: Plan) -> Doc:
    r = plan.rng
    blocks = [
        title(plan.pick("案件调查终结报告", "调查终结报告", "案件调查报告")),
        p(f"案件名称：{case_title(plan)}"),
        p("一、案件来源", bold=True),
        p(
            f"{body_date(plan.dates['inspect'], r)}，执法人员在检查中发现当事人涉嫌{plan.case.cause}，"
            f"经负责人批准，于{body_date(plan.dates['filing'], r)}立案调查。",
            indent=True,
        ),
        p("二、当事人基本情况", bold=True),
        *party_lines(plan, "report", style="labels"),
        p("三、调查经过及违法事实", bold=True),
        p(facts(plan), indent=True),
        p(f"{body_date(plan.dates['inquiry1'], r)}，执法人员对当事人进行了询问并制作询问笔录。", indent=True),
        p("四、证据", bold=True),
        p("；".join(f"{k}.{e}" for k, e in enumerate(plan.case.evidence, 1)) + "。", indent=True),
        p("五、案件性质及处理意见", bold=True),
        p(
            f"当事人的行为违反了{cite(plan, plan.case.violated)}的规定。依据{cite(plan, plan.case.basis)}的规定，"
            f"参照《{plan.case.standard}》，建议给予当事人如下行政处罚：{penalty_words(plan, plan.fine_notice)}。",
            indent=True,
        ),
        gap(10),
        p("承办人：" + "、".join(off(plan, o) for o in plan.officers), align="right"),
        p(when(plan, "report", plan.pick("arabic", "cn_upper", "dots")), align="right"),
    ]
    return Doc("investigation_report", "案件调查终结报告", blocks, date=fmt_date(plan.dates["report"], "iso"))


def legal_review(plan: Plan, key: str = "review") -> Doc:
    reviewer = plan.agency.legal_staff[0]
    rows = [
        ["案件名称", case_title(plan)],
        ["当事人", plan.party.name],
        ["承办机构", plan.agency.name.replace("局", "局执法大队") if plan.rng.random() < 0.5 else "执法一科"],
        ["审核内容", "执法主体、管辖、程序、事实证据、法律适用、裁量基准适用、文书规范"],
        [
            "审核意见",
            f"本案事实清楚，证据确凿，程序合法，适用依据正确，处罚适当，同意承办机构意见。"
            f"{'经听证后维持原拟处罚意见中的违法事实认定。' if key == 'review2' else ''}",
        ],
        ["审核人", f"{reviewer}（法律职业资格证书编号：A{plan.rng.randrange(10**12, 10**13)}）"],
        ["审核日期", when(plan, key, plan.pick("arabic", "iso", "cn_upper"))],
    ]
    return Doc(
        "legal_review",
        "法制审核意见书",
        [title(plan.pick("法制审核意见书", "重大执法决定法制审核意见书", "案件审核表")), table(rows, [1.2, 3.6])],
        date=fmt_date(plan.dates[key], "iso"),
    )


def notice(plan: Plan) -> Doc:
    big = (
        (plan.fine_notice or 0) >= (2000 if plan.party.party_type == "person" else 10000)
        or "责令停产停业" in plan.types
        or plan.has("hearing")
        or plan.has("hearing_requested")
    )
    head = (
        plan.pick("行政处罚告知书", "行政处罚事先告知书")
        if not big
        else plan.pick("行政处罚告知书", "行政处罚事先（听证）告知书", "行政处罚听证告知书")
    )
    rights = (
        "如你（单位）对上述拟作出的行政处罚有异议，可以在收到本告知书之日起五个工作日内向本局提出陈述、申辩"
        + ("，也可以要求举行听证" if big else "")
        + "；逾期未提出的，视为放弃上述权利。"
    )
    blocks = [
        title(plan.agency.name, 16),
        title(head, 20),
        p(plan.docnos["notice"], align="right"),
        p(f"{name_of(plan, 'notice')}：", bold=True),
        p(f"经查，{facts(plan)}", indent=True),
        p(
            f"你（单位）的上述行为违反了{cite(plan, plan.case.violated, quote=plan.rng.random() < 0.3)}的规定。",
            indent=True,
        ),
        p(
            f"依据{cite(plan, plan.case.basis)}的规定，参照《{plan.case.standard}》，"
            "本局拟对你（单位）作出如下行政处罚："
            f"{penalty_words(plan, plan.fine_notice)}。",
            indent=True,
        ),
        p(
            f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条"
            f"{'、第六十三条、第六十四条' if big else ''}的规定，{rights}",
            indent=True,
        ),
        p(
            f"联系人：{off(plan, plan.officers[0])}    联系电话：0993-{plan.rng.randrange(2000000, 2999999)}",
            indent=True,
        ),
        *signoff(plan, "notice", with_seal=True),
    ]
    return Doc(
        "penalty_notice",
        head,
        blocks,
        docno=plan.docnos["notice"],
        author=plan.agency.name,
        date=fmt_date(plan.dates["notice"], "iso"),
    )


def statement(plan: Plan) -> Doc:
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    if plan.has("waiver"):
        blocks = [
            title(plan.pick("放弃陈述申辩权利声明", "陈述申辩书")),
            p(f"{plan.agency.name}：", bold=True),
            p(
                f"本人（单位）已收到贵局《行政处罚告知书》（{plan.docnos['notice']}），对告知书认定的违法事实、"
                "处罚依据及拟作出的行政处罚无异议，自愿放弃陈述、申辩和要求听证的权利，请依法作出处理决定。",
                indent=True,
            ),
            gap(20),
            p(f"声明人：{who}", align="right"),
            p(when(plan, "statement", "arabic"), align="right"),
        ]
        return Doc("statement_record", "放弃陈述申辩声明", blocks, date=fmt_date(plan.dates["statement"], "iso"))
    wants_hearing = plan.has("hearing_requested") or plan.has("hearing")
    key = "hearing_request" if wants_hearing else "statement"
    text = (
        "当事人对违法事实无异议，但认为罚款数额过高，要求举行听证。"
        if wants_hearing
        else plan.pick(
            "当事人对违法事实无异议，称已积极整改，请求从轻处罚。", "当事人表示认识到错误，无其他陈述申辩意见。"
        )
    )
    rows = [
        ["陈述申辩人", who],
        ["时间", when(plan, key, "arabic")],
        ["地点", plan.agency.name],
        ["承办人", "、".join(off(plan, o) for o in plan.officers)],
        ["陈述申辩内容", text],
        [
            "复核意见",
            "当事人提出的理由不足以改变拟处罚意见，维持原拟处罚意见。" if not wants_hearing else "依法组织听证。",
        ],
    ]
    return Doc(
        "statement_record",
        "陈述申辩笔录",
        [
            title(plan.pick("陈述申辩笔录", "陈述（申辩）笔录")),
            table(rows, [1.2, 3.6]),
            p(f"陈述申辩人签名：{who}", align="right"),
        ],
        date=fmt_date(plan.dates[key], "iso"),
    )


def hearing_docs(plan: Plan) -> list[Doc]:
    host, clerk = plan.agency.heads[1], plan.agency.clerks[0]
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    notice_doc = Doc(
        "hearing",
        "听证通知书",
        [
            title(plan.agency.name, 16),
            title("听证通知书", 20),
            p(plan.docnos["hearing"], align="right"),
            p(f"{plan.party.name}：", bold=True),
            p(
                f"根据你（单位）的申请，本局定于{body_date(plan.dates['hearing'], plan.rng)}上午10时在本局听证室就"
                f"{case_title(plan)}举行听证会。听证主持人：{host}，书记员：{clerk}。",
                indent=True,
            ),
            p("请你（单位）准时参加。如申请主持人回避，请于听证举行前提出。", indent=True),
            *signoff(plan, "hearing_notice"),
        ],
        docno=plan.docnos["hearing"],
        date=fmt_date(plan.dates["hearing_notice"], "iso"),
    )
    record = Doc(
        "hearing",
        "听证笔录",
        [
            title("听证笔录"),
            p(f"案由：{plan.case.cause}"),
            p(f"听证时间：{fmt_date(plan.dates['hearing'], 'arabic')}10时00分至11时20分"),
            p(f"听证地点：{plan.agency.name}听证室"),
            p(f"听证主持人：{host}    书记员：{clerk}"),
            p(f"当事人：{plan.party.name}    委托代理人：{who}"),
            p("案件调查人员：" + "、".join(off(plan, o) for o in plan.officers)),
            p("主持人：宣布听证纪律，告知当事人权利，询问是否申请回避。当事人：不申请回避。"),
            p("调查人员：陈述违法事实、证据、处罚依据和拟处罚意见。"),
            p("当事人：对违法事实无异议，认为已主动停止违法行为并完成整改，请求减轻罚款。"),
            p("主持人：双方进行质证和辩论……当事人作最后陈述。听证结束。"),
            p(f"当事人签名：{who}    主持人签名：{host}    书记员签名：{clerk}"),
        ],
        date=fmt_date(plan.dates["hearing"], "iso"),
    )
    reason = "当事人已主动消除违法行为危害后果，" if plan.has("reduced_after_hearing") else ""
    report = Doc(
        "hearing",
        "听证报告",
        [
            title("听证报告"),
            p(f"案件名称：{case_title(plan)}"),
            p(
                f"听证会于{body_date(plan.dates['hearing'], plan.rng)}举行。{reason}主持人意见：建议"
                + (
                    f"采纳当事人部分意见，罚款调整为{plan.fine:g}元。"
                    if plan.has("reduced_after_hearing")
                    else "维持原拟处罚意见。"
                ),
                indent=True,
            ),
            p(f"主持人：{host}    {fmt_date(plan.dates['hearing_report'], 'arabic')}", align="right"),
        ],
        date=fmt_date(plan.dates["hearing_report"], "iso"),
    )
    request = Doc(
        "hearing",
        "听证申请书",
        [
            title("听证申请书"),
            p(f"{plan.agency.name}：", bold=True),
            p(f"本人（单位）收到《行政处罚告知书》（{plan.docnos['notice']}），现依法申请举行听证。", indent=True),
            p(f"申请人：{who}", align="right"),
            p(when(plan, "hearing_request", "arabic"), align="right"),
        ],
        date=fmt_date(plan.dates["hearing_request"], "iso"),
    )
    return [request, notice_doc, record, report]


def collective(plan: Plan) -> Doc:
    heads = plan.agency.heads
    attendees = "、".join([*heads, *plan.agency.legal_staff, plan.agency.clerks[1]])
    fine_note = (
        f"经集体讨论，鉴于听证中当事人提出的减轻理由成立，决定罚款{plan.fine:g}元。"
        if plan.has("reduced_after_hearing")
        else "经集体讨论，同意承办机构的处理意见。"
    )
    blocks = [
        title(plan.pick("重大案件集体讨论记录", "案件集体讨论记录", "行政处罚案件集体讨论笔录")),
        p(f"案件名称：{case_title(plan)}"),
        p(f"讨论时间：{fmt_date(plan.dates['discussion'], 'arabic')}    地点：本局三楼会议室"),
        p(f"主持人：{heads[0]}    记录人：{plan.agency.clerks[1]}"),
        p(f"出席人员：{attendees}"),
        p(f"汇报人：{off(plan, plan.officers[0])}"),
        p("讨论内容：", bold=True),
        p(f"承办人汇报案件事实、证据、法律依据及处罚建议：{penalty_words(plan, plan.fine_notice)}。", indent=True),
        p(f"{heads[1]}：事实清楚，证据充分，同意。{plan.agency.legal_staff[0]}：法制审核已通过，同意。", indent=True),
        p("结论性意见：", bold=True),
        p(fine_note + f"处罚内容：{penalty_words(plan, plan.fine)}。", indent=True),
        p(f"出席人员签名：{attendees}"),
    ]
    return Doc("collective_discussion", "集体讨论记录", blocks, date=fmt_date(plan.dates["discussion"], "iso"))


def decision_approval(plan: Plan) -> Doc:
    rows = [
        ["案件名称", case_title(plan)],
        ["当事人", plan.party.name],
        ["违法事实", facts(plan)],
        ["处罚依据", f"{cite(plan, plan.case.basis)}"],
        ["拟处罚意见", penalty_words(plan, plan.fine)],
        ["承办人", "、".join(off(plan, o) for o in plan.officers)],
        ["审核意见", f"同意。    {plan.agency.legal_staff[0]}"],
        ["负责人审批意见", f"同意。    {plan.agency.heads[0]}    {fmt_date(plan.dates['approval'], 'arabic')}"],
    ]
    return Doc(
        "other",
        "行政处罚决定审批表",
        [title(plan.pick("行政处罚决定审批表", "案件处理呈批表")), table(rows, [1.2, 3.6])],
        date=fmt_date(plan.dates["approval"], "iso"),
    )


__all__ = [
    "collective",
    "decision_approval",
    "hearing_docs",
    "investigation_report",
    "legal_review",
    "notice",
    "statement",
    "table",
]
