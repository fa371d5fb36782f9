"""Decision and after: 行政处罚决定书 (several layouts), 送达回证, 缴款凭证, 结案报告, 备考表, 当场决定书."""

from __future__ import annotations

from tests.heldout.othergen.common import off, officers_inline, party_lines, remedy, signoff, when
from tests.heldout.othergen.docs_a import case_title, cite, facts
from tests.heldout.othergen.docs_b import penalty_words
from tests.heldout.othergen.model import Block, Doc, gap, p, seal, table, title
from tests.heldout.othergen.plan import Plan
from tests.heldout.othergen.textfmt import body_date, fmt_date, money_phrase, money_upper


def _head(plan: Plan, doc_title: str, docno: str) -> list[Block]:
    style = plan.style["title_line"]
    if style == "same_line":
        return [title(plan.agency.name, 16), title(f"{doc_title}  {docno}", 17)]
    name = " ".join(doc_title) if style == "spaced" else doc_title
    return [title(plan.agency.name, 16), title(name, 20), p(docno, align=plan.pick("center", "right"))]


def _procedure_story(plan: Plan) -> list[Block]:
    r, d = plan.rng, plan.dates
    out = []
    if "missing_document:penalty_notice" not in plan.planted:
        hearing_right = (
            "、要求听证" if plan.has("hearing") or plan.has("hearing_requested") or (plan.fine or 0) >= 10000 else ""
        )
        verb = plan.pick("送达", "下达")
        out.append(
            p(
                f"{body_date(d['notice_served'], r)}，本局向当事人{verb}了"
                f"《行政处罚告知书》（{plan.docnos['notice']}），"
                f"告知其拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩{hearing_right}等权利。",
                indent=True,
            )
        )
    if plan.has("waiver"):
        out.append(p(f"当事人于{body_date(d['statement'], r)}书面声明放弃陈述、申辩和听证的权利。", indent=True))
    elif plan.has("hearing"):
        out.append(
            p(
                f"当事人于{body_date(d['hearing_request'], r)}提出听证申请，"
                f"本局于{body_date(d['hearing'], r)}依法举行了听证。"
                + (
                    "经复核，当事人已主动消除违法行为危害后果，其提出的减轻处罚意见予以部分采纳。"
                    if plan.has("reduced_after_hearing")
                    else "经复核，当事人提出的意见不予采纳。"
                ),
                indent=True,
            )
        )
    elif plan.has("hearing_requested"):
        out.append(p(f"当事人于{body_date(d['hearing_request'], r)}提出陈述申辩，经复核，不予采纳。", indent=True))
    elif "statement" in d and "missing_document:penalty_notice" not in plan.planted:
        out.append(p("当事人在规定期限内提出了陈述、申辩，经复核，其理由不能成立，本局不予采纳。", indent=True))
    elif "missing_document:penalty_notice" not in plan.planted:
        out.append(p("当事人在规定期限内未提出陈述、申辩，也未要求听证。", indent=True))
    return out


def _payment(plan: Plan) -> list[Block]:
    if plan.fine is None:
        return []
    bank = plan.pick("中国农业银行", "中国工商银行", "中国建设银行", "新疆农村信用社")
    art = "根据《中华人民共和国行政处罚法》第六十七条第三款的规定，" if plan.rng.random() < 0.5 else ""
    return [
        p(
            f"{art}当事人应当自收到本处罚决定书之日起十五日内，持本决定书到{bank}各营业网点缴纳罚没款，"
            "或者通过电子支付系统缴纳。到期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，"
            "每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。",
            indent=True,
        )
    ]


def decision(plan: Plan) -> Doc:
    r, style = plan.rng, plan.style["decision"]
    docno = plan.docnos["decision"]
    blocks = _head(plan, plan.pick("行政处罚决定书", "行政处罚决定书", "行 政 处 罚 决 定 书"), docno)
    if style == "table":
        blocks.append(
            table(
                [
                    ["行政处罚决定书文号", docno],
                    ["处罚决定日期", fmt_date(plan.dates["decision"], "iso")],
                    ["违法行为类型", plan.case.cause],
                    ["处罚类别", "、".join(plan.types)],
                ],
                [1.4, 3.0],
                10.5,
            )
        )
    blocks += party_lines(plan, "decision")
    filing_said = "missing_document:filing_approval" in plan.planted or r.random() < 0.5
    filing = f"本局于{body_date(plan.dates['filing'], r)}立案调查。" if filing_said else ""
    if style == "eco":
        blocks += [
            p("一、调查情况及发现的违法事实、证据和陈述申辩（听证）及采纳情况", bold=True),
            p(
                f"我局于{body_date(plan.dates['inspect'], r)}对你（单位）进行了调查，"
                f"发现你（单位）实施了以下违法行为：{filing}",
                indent=True,
            ),
            p(facts(plan), indent=True),
        ]
    else:
        blocks += [
            p(f"当事人{plan.case.cause}一案，{filing or '经本局依法立案调查，'}现查明：", indent=True),
            p(facts(plan), indent=True),
        ]
    blocks.append(
        p(
            "以上事实，有下列证据为凭："
            + "；".join(
                f"{k}.{e}（证明{plan.pick('违法事实', '当事人主体资格', '涉案物品情况')}）"
                for k, e in enumerate(plan.case.evidence, 1)
            )
            + "。",
            indent=True,
        )
    )
    blocks += _procedure_story(plan)
    if style == "eco":
        blocks.append(p("二、行政处罚的依据、种类及其履行方式、期限", bold=True))
    quote = r.random() < 0.5
    blocks.append(
        p(
            f"本局认为，当事人的上述行为违反了{cite(plan, plan.case.violated, quote=quote)}的规定，"
            f"构成{plan.case.cause}的违法行为。",
            indent=True,
        )
    )
    mitig = r.random() < 0.4
    if mitig:
        blocks.append(
            p(
                "鉴于当事人积极配合调查，主动消除违法行为危害后果，符合《中华人民共和国行政处罚法》第三十二条第（一）项规定的"
                "从轻处罚情形。",
                indent=True,
            )
        )
    blocks.append(
        p(
            f"依据{cite(plan, plan.case.basis, quote=not quote)}的规定，参照《{plan.case.standard}》"
            f"{plan.pick('第三条', '中一般违法情形', '规定的裁量阶次')}，本局决定对当事人作出如下行政处罚：",
            indent=True,
        )
    )
    blocks.append(p(penalty_words(plan, plan.fine) + "。", indent=True))
    blocks.append(
        p(
            plan.pick(
                f"同时责令当事人{plan.case.correction}。",
                f"责令当事人立即改正违法行为，{plan.case.correction}。",
                f"根据《中华人民共和国行政处罚法》第二十八条第一款的规定，责令当事人改正违法行为：{plan.case.correction}。",
            ),
            indent=True,
        )
    )
    blocks += _payment(plan)
    if style == "eco":
        blocks.append(p("三、申请行政复议或者提起行政诉讼的途径和期限", bold=True))
    rem = remedy(plan)
    if rem:
        blocks.append(p(rem, indent=True))
    blocks.append(
        p(
            "当事人逾期不申请行政复议或者提起行政诉讼，又不履行本处罚决定的，本局将依法申请人民法院强制执行。",
            indent=True,
        )
    )
    no_seal = (
        "missing_signature_or_seal" in plan.planted
        and plan.facts.setdefault("unsigned", plan.pick("decision", "receipt")) == "decision"
    )
    blocks += signoff(plan, "decision", with_seal=not no_seal)
    return Doc(
        "penalty_decision",
        "行政处罚决定书",
        blocks,
        docno=docno,
        author=plan.agency.name,
        date=fmt_date(plan.dates["decision"], "iso"),
    )


def receipt(plan: Plan, what: str) -> Doc:
    """送达回证 for the 告知书 ('notice') or the 决定书 ('decision')."""
    docname = {"notice": "行政处罚告知书", "decision": "行政处罚决定书", "hearing": "听证通知书"}[what]
    docno = plan.docnos[what]
    key = {"notice": "notice_served", "decision": "served", "hearing": "hearing_notice"}[what]
    served = plan.dates["served_printed"] if what == "decision" and "served_printed" in plan.dates else plan.dates[key]
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    unsigned = what == "decision" and plan.facts.get("unsigned") == "receipt"
    method = plan.pick("直接送达", "直接送达", "邮寄送达") if not unsigned else "直接送达"
    st = plan.pick("arabic", "arabic", "cn_upper", "dots", "arabic_pad")
    hh = plan.rng.randrange(9, 18)
    sign = "" if unsigned else f"{who}    {fmt_date(served, st)}"
    servers = "、".join(off(plan, o) for o in plan.officers)
    heading = plan.pick("送达回证", "送达回证", "送达回执", "行政处罚文书送达回证")
    if plan.style["receipt"] == "table":
        rows = [
            ["送达文书名称及文号", f"《{docname}》（{docno}）"],
            ["受送达人", plan.party.name],
            ["送达地点", plan.party.address],
            ["送达方式", method],
            ["受送达人签名或盖章", sign],
            ["送达人", servers],
            ["送达时间", f"{fmt_date(served, st)}{hh}时{plan.rng.randrange(0, 59):02d}分"],
            ["备注", "邮件已妥投，签收人与受送达人一致。" if method == "邮寄送达" else ""],
        ]
        body = [table(rows, [1.0, 2.2])]
    else:
        body = [
            p(f"受送达单位（人）：{plan.party.name}"),
            p("送达文书名称及文书编号：", bold=True),
            p(f"《{docname}》{docno}"),
            p(f"送达方式：{method}    送达地点：{plan.party.address}"),
            p(f"送达人：{servers}    送达日期：{fmt_date(served, st)}{hh}时"),
            p(f"受送达单位（人）签收：{sign}"),
            p("备注："),
        ]
    return Doc(
        "service_receipt",
        "送达回证",
        [title(plan.agency.name, 15), title(heading, 20), *body],
        date=fmt_date(served, "iso"),
        docno=docno,
    )


def payment(plan: Plan) -> Doc:
    amount = (plan.fine or 0) + (plan.confiscation or 0)
    rows = [
        ["缴款人", plan.party.name],
        ["项目名称", "罚没收入"],
        ["执收单位", plan.agency.name],
        ["金额（大写）", money_upper(amount)],
        ["金额（小写）", f"¥{amount:.2f}"],
        ["缴款日期", fmt_date(plan.dates["paid"], plan.pick("iso", "arabic", "slash"))],
        ["收款银行", "（银行收讫章）"],
    ]
    head = plan.pick("新疆维吾尔自治区非税收入一般缴款书", "罚没款缴款凭证", "电子缴税付款凭证")
    return Doc(
        "payment_receipt",
        head,
        [title(head, 16), p(f"票据号码：{plan.rng.randrange(10**9, 10**10)}", align="right"), table(rows, [1.2, 3.0])],
        date=fmt_date(plan.dates["paid"], "iso"),
    )


def closing(plan: Plan) -> Doc:
    st = plan.pick("arabic", "cn_upper", "dots", "arabic_pad")
    paid = (
        f"当事人已于{body_date(plan.dates['paid'], plan.rng)}"
        f"缴纳罚没款{money_phrase((plan.fine or 0) + (plan.confiscation or 0), plan.rng)}，"
        if plan.fine
        else "处罚决定已送达，当事人已履行，"
    )
    rows = [
        ["案件名称", case_title(plan)],
        ["当事人", plan.party.name],
        ["立案日期", fmt_date(plan.dates["filing"], st)],
        ["处罚决定书文号", plan.docnos["decision"] if "missing_document:penalty_decision" not in plan.planted else "—"],
        ["处罚内容", penalty_words(plan, plan.fine) if plan.types else "—"],
        ["执行情况", f"{paid}违法行为已改正。"],
        ["承办人意见", f"建议结案。    {'、'.join(off(plan, o) for o in plan.officers)}"],
        ["负责人审批意见", f"同意结案。    {plan.agency.heads[0]}    {fmt_date(plan.dates['closing'], st)}"],
    ]
    head = plan.pick("结案报告", "行政处罚结案审批表", "结案审批表")
    return Doc(
        "closing_report", head, [title(head), table(rows, [1.2, 3.6])], date=fmt_date(plan.dates["closing"], "iso")
    )


def remarks(plan: Plan) -> Doc:
    rows = [
        ["本卷情况说明", "本卷文书齐全，已按规定顺序排列并逐页编号。"],
        ["立卷人", plan.agency.clerks[0]],
        ["检查人", plan.agency.clerks[1]],
        ["立卷时间", fmt_date(plan.dates["closing"], "arabic")],
    ]
    return Doc("remarks", "备考表", [title("备 考 表"), table(rows, [1.2, 3.6])], numbered=False)


def simple_decision(plan: Plan) -> Doc:
    r = plan.rng
    pt = plan.party
    number = plan.pick(f"No.{r.randrange(10**6, 10**7)}", plan.docnos["decision"])
    plan.docnos["decision"] = number
    fine = f"罚款{money_phrase(plan.fine, r)}" if plan.fine else "警告"
    who = pt.person.name if pt.person else (pt.rep.name if pt.rep else pt.name)
    blocks = [
        title(plan.agency.name, 15),
        title("当场行政处罚决定书", 19),
        p(number, align="right"),
        *party_lines(plan, "decision", style="labels"),
        p(f"违法事实：{body_date(plan.dates['decision'], r)}{r.randrange(9, 19)}时许，{facts(plan)}", indent=True),
        p(
            f"上述行为违反了{cite(plan, plan.case.violated)}的规定，依据{cite(plan, plan.case.basis)}和"
            "《中华人民共和国行政处罚法》第五十一条的规定，当场作出如下行政处罚决定：" + fine + "。",
            indent=True,
        ),
        p(f"责令当事人立即改正违法行为，{plan.case.correction}。", indent=True),
        p(
            "履行方式和期限："
            f"{'当事人应自收到本决定书之日起十五日内到指定银行缴纳罚款。' if plan.fine else '当场宣告。'}",
            indent=True,
        ),
        p(
            f"如不服本决定，应当自收到本决定书之日起六十日内先向{plan.region.government}申请行政复议；对行政复议决定不服的，"
            f"可以自收到行政复议决定书之日起十五日内向{plan.region.court}提起行政诉讼。",
            indent=True,
        ),
        p(officers_inline(plan)),
        p(f"当事人签收：{who}    {fmt_date(plan.dates['served'], 'arabic')}"),
        *signoff(plan, "decision"),
    ]
    return Doc(
        "penalty_decision", "当场行政处罚决定书", blocks, docno=number, date=fmt_date(plan.dates["decision"], "iso")
    )


__all__ = ["closing", "decision", "gap", "payment", "receipt", "remarks", "seal", "simple_decision", "when"]
